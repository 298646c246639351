// The layers of src/ (docs/architecture.md), checked on every `npm run lint`:
//   src/core/       pure logic: imports nothing outside src/core/, and never vscode
//   src/services/   long-lived services: never a feature or a command
//   src/ui/         shared UI helpers: never a feature or a command
//   src/features/   one folder per feature: never a command
//   src/commands/   thin command handlers: may import anything
// extension.ts and testApi.ts compose everything and may import anything too.
//
//   node scripts/checkLayers.mjs [--root <dir>]   lists every import against the layers; exits 1 if any
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');

const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The layer a file under src/ belongs to ('features' for every feature folder). */
function layerOf(relative) {
	const [top] = relative.split('/');
	if (['core', 'services', 'ui', 'features', 'commands', 'webview'].includes(top)) {
		return top;
	}
	return 'root';
}

/** What each layer may not import, by layer, with the reason shown. */
const FORBIDDEN = {
	core: { layers: ['services', 'ui', 'features', 'commands', 'webview', 'root'], why: 'src/core/ is pure: it imports only src/core/' },
	services: { layers: ['features', 'commands'], why: 'a service never depends on a feature or a command' },
	ui: { layers: ['features', 'commands'], why: 'shared UI helpers never depend on a feature or a command' },
	features: { layers: ['commands'], why: 'features do not import command files: move the shared code to the feature or a service' },
	webview: { layers: ['services', 'ui', 'features', 'commands'], why: 'a webview page runs in the browser: it may import only src/core/ and protocol types' },
};

function sourceFiles(dir) {
	if (!fs.existsSync(dir)) {
		return [];
	}
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
	});
}

/** Every import against the layers under `root`/src, as "file: message" lines. */
export function checkLayers(root) {
	const src = path.join(root, 'src');
	const problems = [];
	for (const file of sourceFiles(src)) {
		const from = path.relative(src, file).split(path.sep).join('/');
		const layer = layerOf(from);
		const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
		for (const { fileName: specifier } of importedFiles) {
			if (specifier === 'vscode' && (layer === 'core' || layer === 'webview')) {
				problems.push(`src/${from}: imports vscode (${FORBIDDEN[layer].why})`);
				continue;
			}
			if (!specifier.startsWith('.')) {
				continue;
			}
			const target = path
				.relative(src, path.resolve(path.dirname(file), specifier))
				.split(path.sep)
				.join('/');
			const targetLayer = target.startsWith('..') ? 'outside' : layerOf(target);
			const rule = FORBIDDEN[layer];
			// A page may import its protocol (`…Protocol.ts`: the message types and the commands it may name).
			if (layer === 'webview' && /Protocol(\.ts)?$/.test(target)) {
				continue;
			}
			if (layer === 'core' && targetLayer === 'outside') {
				problems.push(`src/${from}: imports ${specifier} (${rule.why})`);
			} else if (rule?.layers.includes(targetLayer)) {
				problems.push(`src/${from}: imports ${specifier}, in src/${target.split('/')[0]}/ (${rule.why})`);
			}
		}
	}
	return problems;
}

function main(argv) {
	const rootIndex = argv.indexOf('--root');
	const root = rootIndex >= 0 ? path.resolve(argv[rootIndex + 1]) : DEFAULT_ROOT;
	const problems = checkLayers(root);
	for (const problem of problems) {
		console.error(problem);
	}
	if (problems.length) {
		console.error(`${problems.length} import(s) against the layers (see docs/architecture.md)`);
		return 1;
	}
	console.log('every import follows the layers');
	return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	process.exitCode = main(process.argv.slice(2));
}
