// Packages the extension as it would be published (`vsce package`, which runs the production
// build) and checks what the .vsix holds: the bundle, the media, the translations (the manifest's
// package.nls*.json and the code's l10n bundles, each language) and the documents, and nothing
// else: no source maps, sources, tests, fixtures, node_modules, pseudo-localised test bundles,
// nor anything that looks like a token. Exits 1 with the reasons when something is wrong.
//
//   node scripts/checkPackage.mjs [path/to/existing.vsix]
//
// With a path it checks that file instead of packaging (about 35 s saved); `npm run test:package`
// builds it with `npm run package`, the README's own install step, and passes it here.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The display languages the extension is translated into, besides English. */
export const LANGUAGES = ['zh-cn', 'zh-tw'];

/** The translations: package.json's %key% texts, and the code's messages (package.json's "l10n" folder). */
export const TRANSLATIONS = [
	'extension/package.nls.json',
	...LANGUAGES.map((language) => `extension/package.nls.${language}.json`),
	...LANGUAGES.map((language) => `extension/l10n/bundle.l10n.${language}.json`),
];

/** Paths inside the .vsix that must be there. */
const REQUIRED = [
	'extension/package.json',
	'extension/dist/extension.js',
	'extension/dist/webview/taskPanel.js',
	'extension/dist/webview/gallery.js',
	'extension/dist/webview/compareTakes.js',
	'extension/media/taskPanel.css',
	'extension/media/gallery.css',
	'extension/media/compareTakes.css',
	'extension/schemas/veo-tasks.schema.json',
	'extension/LICENSE.txt',
	...TRANSLATIONS,
];

/** What must never ship, by path inside the .vsix. */
const FORBIDDEN_PATHS = [
	[/\.map$/i, 'a source map'],
	[/^extension\/(src|test|out|bench|scripts|node_modules|\.vscode-test|test-artifacts|\.ci|\.github|\.vscode)\//, 'a development folder'],
	[/\.(ts|tsx|mts|cts)$/i, 'TypeScript source'],
	[/\.(mp4|webm|mov)$/i, 'a test fixture (video)'],
	[/(^|\/)\.env(\.|$)/i, 'an environment file'],
	[/(^|\/)(tsconfig[^/]*\.json|eslint\.config\.[cm]?js|esbuild\.js|\.mocharc[^/]*)$/i, 'build or test configuration'],
	[/\.(vsix|log|pem|key|p12)$/i, 'an artifact or a key'],
	[/qps-ploc/i, 'a pseudo-localised bundle (made for the tests by scripts/l10n.mjs pseudo)'],
	[/Inspection\.js$/, 'a test-only page script (loaded in ExtensionMode.Test alone)'],
	[/^extension\/media\/.*\.js$/, 'a page script outside dist/webview/ (the pages are built from src/webview/)'],
];

/** What must never appear in a shipped file: our test tokens, and the shapes of real secrets. */
const FORBIDDEN_CONTENT = [
	[/sourceMappingURL=/, 'a source map reference'],
	[/test-token-7f3a-veo-SECRET|veo-CANARY-|sk-(unit|hostile|faults)-/, 'a token from the tests'],
	[/Bearer\s+[A-Za-z0-9._~+/-]{20,}/, 'a bearer token'],
	[/ACEDATACLOUD_API_TOKEN\s*[=:]\s*["']?[A-Za-z0-9._-]{8,}/, 'a value for ACEDATACLOUD_API_TOKEN'],
	[/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
];

/** The entries of a zip file, read from its central directory (no dependency needed). */
export function readZip(buffer) {
	const endSignature = 0x06054b50;
	let end = buffer.length - 22;
	while (end >= 0 && buffer.readUInt32LE(end) !== endSignature) {
		end--;
	}
	if (end < 0) {
		throw new Error('not a zip file (no end of central directory)');
	}
	const count = buffer.readUInt16LE(end + 10);
	let offset = buffer.readUInt32LE(end + 16);
	const entries = [];
	for (let index = 0; index < count; index++) {
		if (buffer.readUInt32LE(offset) !== 0x02014b50) {
			throw new Error(`damaged central directory at entry ${index}`);
		}
		const method = buffer.readUInt16LE(offset + 10);
		const compressedSize = buffer.readUInt32LE(offset + 20);
		const nameLength = buffer.readUInt16LE(offset + 28);
		const extraLength = buffer.readUInt16LE(offset + 30);
		const commentLength = buffer.readUInt16LE(offset + 32);
		const localOffset = buffer.readUInt32LE(offset + 42);
		const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
		entries.push({
			name,
			compressedSize,
			read() {
				const localNameLength = buffer.readUInt16LE(localOffset + 26);
				const localExtraLength = buffer.readUInt16LE(localOffset + 28);
				const start = localOffset + 30 + localNameLength + localExtraLength;
				const data = buffer.subarray(start, start + compressedSize);
				return method === 8 ? zlib.inflateRawSync(data) : data;
			},
		});
		offset += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** The Marketplace's own limit is far higher; ours keeps the install small and a bloat visible. */
export const MAX_VSIX_BYTES = 250 * 1024;

/**
 * Images in the packaged README that would be broken on the Marketplace and in VS Code's
 * extension page: anything but an absolute https URL (vsce rewrites relative links through the
 * `repository` field; without one they stay relative).
 */
export function readmeImageProblems(markdown) {
	const problems = [];
	const images = [...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g), ...markdown.matchAll(/<img[^>]*\ssrc=["']([^"']+)["']/gi)];
	for (const [, url] of images) {
		if (!/^https:\/\//i.test(url)) {
			problems.push(`README image ${url} is not an absolute https URL`);
		}
	}
	return problems;
}

/**
 * The translations as VS Code reads them from the installed extension: JSON it can parse, a
 * shipped package.nls.json with every %key% of the shipped package.json (else the UI shows the
 * raw key), and a "l10n" folder that holds the code's bundles.
 */
export function translationProblems(entries) {
	const problems = [];
	const json = new Map();
	for (const entry of entries) {
		if (/^extension\/(package\.nls[^/]*|l10n\/[^/]+)\.json$/.test(entry.name) || entry.name === 'extension/package.json') {
			try {
				json.set(entry.name, JSON.parse(entry.read().toString('utf8')));
			} catch (error) {
				problems.push(`${entry.name} is not valid JSON: ${error.message}`);
			}
		}
	}
	const manifest = json.get('extension/package.json');
	const english = json.get('extension/package.nls.json');
	if (manifest && english) {
		const keys = new Set();
		const walk = (node) => {
			if (typeof node === 'string') {
				const key = /^%([^%\s]+)%$/.exec(node)?.[1];
				if (key) {
					keys.add(key);
				}
			} else if (node && typeof node === 'object') {
				Object.values(node).forEach(walk);
			}
		};
		walk(manifest);
		for (const key of keys) {
			if (typeof english[key] !== 'string') {
				problems.push(`extension/package.nls.json lacks the key %${key}% of package.json`);
			}
		}
		const folder = typeof manifest.l10n === 'string' ? path.posix.join('extension', manifest.l10n) : undefined;
		if (folder !== 'extension/l10n') {
			problems.push(`package.json's "l10n" is ${JSON.stringify(manifest.l10n)}, not the shipped ./l10n folder`);
		}
	}
	return problems;
}

/** The problems of a .vsix; empty when it is fine. */
export function vsixProblems(file) {
	const buffer = fs.readFileSync(file);
	const entries = readZip(buffer);
	const names = entries.map((entry) => entry.name);
	const problems = [];
	for (const required of REQUIRED) {
		if (!names.includes(required)) {
			problems.push(`missing ${required}`);
		}
	}
	for (const entry of entries) {
		for (const [pattern, what] of FORBIDDEN_PATHS) {
			if (pattern.test(entry.name)) {
				problems.push(`${entry.name}: ${what}`);
			}
		}
		const text = entry.read().toString('latin1');
		for (const [pattern, what] of FORBIDDEN_CONTENT) {
			if (pattern.test(text)) {
				problems.push(`${entry.name} contains ${what}`);
			}
		}
	}
	problems.push(...translationProblems(entries));
	if (buffer.length > MAX_VSIX_BYTES) {
		problems.push(`the package is ${(buffer.length / 1024).toFixed(0)} KB, over ${MAX_VSIX_BYTES / 1024} KB`);
	}
	const readme = entries.find((entry) => entry.name.toLowerCase() === 'extension/readme.md');
	if (readme) {
		problems.push(...readmeImageProblems(readme.read().toString('utf8')));
	} else {
		problems.push('missing extension/readme.md');
	}
	const translationBytes = entries.filter((entry) => TRANSLATIONS.includes(entry.name)).reduce((sum, entry) => sum + entry.compressedSize, 0);
	return { names, problems, bytes: buffer.length, translationBytes };
}

function main() {
	let file = process.argv[2];
	let temp;
	if (!file) {
		temp = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-vsix-'));
		file = path.join(temp, 'veo-tasks.vsix');
		// The same vsce call as `npm run package`, into a temporary file.
		execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--out', file], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
	}
	try {
		const { names, problems, bytes, translationBytes } = vsixProblems(file);
		// The translations grow with every message and language: their share shows where the size goes.
		console.log(
			`${path.basename(file)}: ${(bytes / 1024).toFixed(0)} KB (translations ${(translationBytes / 1024).toFixed(0)} KB), ${names.length} files\n${names.map((name) => `  ${name}`).join('\n')}`,
		);
		if (problems.length) {
			console.error(`The package is not fit to ship:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
			process.exitCode = 1;
		} else {
			console.log('The package holds its translations, and no source maps, sources, tests, fixtures, pseudo-localised bundles, dependencies or tokens.');
		}
	} finally {
		if (temp) {
			fs.rmSync(temp, { recursive: true, force: true });
		}
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main();
}
