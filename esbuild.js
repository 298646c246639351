// Bundles the extension into one file so the .vsix ships no node_modules.
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
	const ctx = await esbuild.context({
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
	// The webview pages: each its own bundle for the browser, loaded by its panel with a nonce.
	const pages = await esbuild.context({
		entryPoints: { gallery: 'src/webview/gallery.ts', compareTakes: 'src/webview/compareTakes.ts' },
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
	if (watch) {
		await Promise.all([ctx.watch(), pages.watch()]);
	} else {
		await Promise.all([ctx.rebuild(), pages.rebuild()]);
		await Promise.all([ctx.dispose(), pages.dispose()]);
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
