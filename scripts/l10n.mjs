// The extension's translations: which messages the code shows, and whether every bundle has them.
//
//   node scripts/l10n.mjs export   writes l10n/bundle.l10n.json (the English bundle) from the code
//   node scripts/l10n.mjs check    lists every problem and exits 1 if there is one
//   node scripts/l10n.mjs pseudo   writes the pseudo-localised bundles (qps-ploc) the tests run in
//   --root <dir>                   another checkout (the unit test points it at broken copies)
//
// Messages are found by reading the code, not by running it: every call of `vscode.l10n.t('…')`
// (the adapters) and `l10n.t('…')` (the core's src/core/l10n/l10n.ts, and vscode's l10n imported
// by name) whose first argument is a string literal. A call with anything else first is itself a
// problem: its message could not be translated. `@vscode/l10n-dev export` finds the adapters' calls
// the same way but not the core's (it only knows l10n imported from 'vscode'), hence this script.
//
// The manifest's strings (package.json's %key% references) are checked by
// test/unit/manifest/packageNls.test.ts; this script checks the l10n/ bundles.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');

/** The languages the extension ships, besides English. */
export const LANGUAGES = ['zh-cn', 'zh-tw'];
export const PSEUDO_LANGUAGE = 'qps-ploc';

/**
 * English messages a translation may keep as they are: names that read the same in Chinese, should
 * one become a message of its own. A message with no word in it ("{0}: {1}") needs no entry: only
 * messages with two letters in a row are checked. Anything else identical to its English is
 * reported as untranslated.
 */
const SAME_IN_EVERY_LANGUAGE = new Set(['Veo', 'Veo Tasks', '1080p', '4K', 'GIF', 'JSON']);

const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every message the code translates, with where it is used, and the calls whose message is not a
 * literal.
 * @param {string} root
 * @returns {{ messages: Map<string, string[]>, problems: string[] }}
 */
export function collectMessages(root) {
	const messages = new Map();
	const problems = [];
	for (const file of sourceFiles(path.join(root, 'src'))) {
		const text = fs.readFileSync(file, 'utf8');
		if (!text.includes('l10n')) {
			continue;
		}
		const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
		const where = (node) => `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
		const visit = (node) => {
			if (ts.isCallExpression(node) && isTranslateCall(node.expression)) {
				const [first] = node.arguments;
				if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
					const uses = messages.get(first.text) ?? [];
					uses.push(where(node));
					messages.set(first.text, uses);
				} else {
					problems.push(`${where(node)}: the message of ${node.expression.getText(source)}(…) is not a string literal, so no bundle can translate it`);
				}
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return { messages, problems };
}

/** `l10n.t` or `vscode.l10n.t` (any namespace name for vscode). */
function isTranslateCall(expression) {
	if (!ts.isPropertyAccessExpression(expression) || expression.name.text !== 't') {
		return false;
	}
	const owner = expression.expression;
	return (
		(ts.isIdentifier(owner) && owner.text === 'l10n') ||
		(ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n' && ts.isIdentifier(owner.expression))
	);
}

function sourceFiles(dir) {
	return fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
		.map((entry) => path.join(entry.parentPath, entry.name))
		.sort();
}

/** `{0}`, `{1}`… and the targets of Markdown links, which a translation must keep. */
function invariants(message) {
	const placeholders = message.match(/\{\d+\}/g) ?? [];
	const links = Array.from(message.matchAll(/\]\(([^)\s]+)\)/g), (match) => match[1]);
	return [...placeholders, ...links].sort();
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Everything wrong with the bundles: messages missing from a bundle, keys the code no longer uses,
 * translations that lost a placeholder or a link, or are still the English.
 * @param {string} root
 * @returns {string[]}
 */
export function checkBundles(root) {
	const { messages, problems } = collectMessages(root);
	const l10nDir = path.join(root, 'l10n');
	const englishFile = path.join(l10nDir, 'bundle.l10n.json');
	if (!fs.existsSync(englishFile)) {
		return [...problems, 'l10n/bundle.l10n.json is missing: run `node scripts/l10n.mjs export`'];
	}
	const english = readJson(englishFile);
	for (const message of messages.keys()) {
		if (english[message] !== message) {
			problems.push(`l10n/bundle.l10n.json lacks "${message}" (${messages.get(message)[0]}): run \`node scripts/l10n.mjs export\``);
		}
	}
	for (const key of Object.keys(english)) {
		if (!messages.has(key)) {
			problems.push(`l10n/bundle.l10n.json has "${key}", which no code uses any more: run \`node scripts/l10n.mjs export\``);
		}
	}
	for (const language of LANGUAGES) {
		const name = `l10n/bundle.l10n.${language}.json`;
		const file = path.join(root, name);
		if (!fs.existsSync(file)) {
			problems.push(`${name} is missing`);
			continue;
		}
		const bundle = readJson(file);
		for (const message of messages.keys()) {
			const translation = bundle[message];
			if (typeof translation !== 'string' || translation.trim() === '') {
				problems.push(`${name} has no translation of "${message}" (${messages.get(message)[0]})`);
				continue;
			}
			if (invariants(translation).join(' ') !== invariants(message).join(' ')) {
				problems.push(
					`${name}: the translation of "${message}" has placeholders or links [${invariants(translation).join(' ')}], the English [${invariants(message).join(' ')}]`,
				);
			}
			if (translation === message && /[A-Za-z]{2,}/.test(message) && !SAME_IN_EVERY_LANGUAGE.has(message)) {
				problems.push(`${name}: "${message}" is not translated (it is the English)`);
			}
		}
		for (const key of Object.keys(bundle)) {
			if (!messages.has(key)) {
				problems.push(`${name} has "${key}", which no code uses any more`);
			}
		}
	}
	return problems;
}

/** Writes l10n/bundle.l10n.json: every message, sorted, each its own translation. */
export function exportBundle(root) {
	const { messages, problems } = collectMessages(root);
	const sorted = Object.fromEntries([...messages.keys()].sort().map((message) => [message, message]));
	fs.mkdirSync(path.join(root, 'l10n'), { recursive: true });
	fs.writeFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), `${JSON.stringify(sorted, null, '\t')}\n`);
	return { count: messages.size, problems };
}

/**
 * The pseudo-localised bundles (l10n/bundle.l10n.qps-ploc.json, package.nls.qps-ploc.json), made by
 * VS Code's own tool: every letter of every message replaced by an accented look-alike, so a
 * string that reaches the screen in plain ASCII was never translated. They are not shipped
 * (.vscodeignore) nor committed (.gitignore): the test run makes them.
 */
export function writePseudoBundles(root) {
	const cli = path.join(path.dirname(require.resolve('@vscode/l10n-dev/package.json')), 'dist', 'cli.js');
	const result = spawnSync(process.execPath, [cli, 'generate-pseudo', '-o', 'l10n', 'l10n/bundle.l10n.json', 'package.nls.json'], {
		cwd: root,
		encoding: 'utf8',
	});
	if (result.status !== 0) {
		throw new Error(`@vscode/l10n-dev generate-pseudo failed: ${result.stderr || result.stdout}`);
	}
	// The tool writes package.nls.qps-ploc.json next to package.nls.json only when run from there.
	for (const file of ['l10n/package.nls.qps-ploc.json']) {
		if (fs.existsSync(path.join(root, file))) {
			fs.renameSync(path.join(root, file), path.join(root, 'package.nls.qps-ploc.json'));
		}
	}
	for (const file of ['l10n/bundle.l10n.qps-ploc.json', 'package.nls.qps-ploc.json']) {
		if (!fs.existsSync(path.join(root, file))) {
			throw new Error(`@vscode/l10n-dev generate-pseudo did not write ${file}`);
		}
	}
}

function main(argv) {
	const rootIndex = argv.indexOf('--root');
	const root = rootIndex >= 0 ? path.resolve(argv[rootIndex + 1]) : DEFAULT_ROOT;
	const command = argv.find((arg, index) => !arg.startsWith('--') && argv[index - 1] !== '--root');
	if (command === 'export') {
		const { count, problems } = exportBundle(root);
		console.log(`l10n/bundle.l10n.json: ${count} messages`);
		problems.forEach((problem) => console.error(problem));
		return problems.length ? 1 : 0;
	}
	if (command === 'check') {
		const problems = checkBundles(root);
		problems.forEach((problem) => console.error(problem));
		console.log(
			problems.length
				? `${problems.length} translation problem(s)`
				: `every message is in l10n/bundle.l10n.json and ${LANGUAGES.map((language) => `bundle.l10n.${language}.json`).join(', ')}`,
		);
		return problems.length ? 1 : 0;
	}
	if (command === 'pseudo') {
		writePseudoBundles(root);
		console.log('wrote l10n/bundle.l10n.qps-ploc.json and package.nls.qps-ploc.json');
		return 0;
	}
	console.error('usage: node scripts/l10n.mjs export|check|pseudo [--root <dir>]');
	return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	process.exitCode = main(process.argv.slice(2));
}
