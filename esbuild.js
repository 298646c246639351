// Bundles the extension into one file so the .vsix ships no node_modules, and each webview page
// (src/webview/) into its own browser script in dist/webview/.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the format of the `$esbuild-watch` problem matcher, so F5 shows them in Problems. */
const problemMatcherPlugin = {
	name: 'esbuild-problem-matcher',
	setup(build) {
		build.onStart(() => {
			console.log('[watch] build started');
		});
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) {
					console.error(`    ${location.file}:${location.line}:${location.column}:`);
				}
			}
			console.log('[watch] build finished');
		});
	},
};

/**
 * ofetch's `node` entry bundles node-fetch-native (110 KB) as a polyfill for Node versions without
 * `fetch`. Every VS Code we support runs Node 18 or later, where `fetch` is global, so we take
 * ofetch's platform-neutral entry instead, which uses the global `fetch`.
 */
const ofetchWithGlobalFetchPlugin = {
	name: 'ofetch-global-fetch',
	setup(build) {
		build.onResolve({ filter: /^ofetch$/ }, () => ({ path: require.resolve('ofetch/package.json').replace(/package\.json$/, 'dist/index.mjs') }));
	},
};

async function main() {
	const extension = await esbuild.context({
		entryPoints: ['src/extension.ts'],
		bundle: true,
		format: 'cjs',
		minify: production,
		sourcemap: !production,
		sourcesContent: false,
		platform: 'node',
		target: 'node18',
		outfile: 'dist/extension.js',
		external: ['vscode'],
		logLevel: 'silent',
		plugins: [ofetchWithGlobalFetchPlugin, problemMatcherPlugin],
	});
	// The pages, each its own bundle for the browser, loaded by its panel with a nonce.
	// taskPanelInspection is loaded by the host in ExtensionMode.Test only (and not packaged).
	const webview = await esbuild.context({
		entryPoints: {
			taskPanel: 'src/webview/taskPanel.ts',
			taskPanelInspection: 'src/webview/taskPanelInspection.ts',
			gallery: 'src/webview/gallery.ts',
			compareTakes: 'src/webview/compareTakes.ts',
		},
		bundle: true,
		format: 'iife',
		minify: production,
		sourcemap: !production,
		sourcesContent: false,
		platform: 'browser',
		target: 'es2022',
		outdir: 'dist/webview',
		logLevel: 'silent',
		plugins: [problemMatcherPlugin],
	});
	const contexts = [extension, webview];
	if (watch) {
		await Promise.all(contexts.map((ctx) => ctx.watch()));
	} else {
		await Promise.all(contexts.map((ctx) => ctx.rebuild()));
		await Promise.all(contexts.map((ctx) => ctx.dispose()));
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
