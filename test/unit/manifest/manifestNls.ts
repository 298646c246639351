/**
 * The manifest's localisation, shared by the tests that read package.json from disk: its readable
 * strings are `%key%` references that VS Code resolves through package.nls.json (English) or
 * package.nls.<language>.json, so a test that checks a title or a description resolves them the
 * same way first. The checks of packageNls.test.ts are here too, as functions returning their
 * problems, so that the test can also run them on broken copies.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/repoRoot';

export { REPO_ROOT };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Nls = Record<string, string>;

/** The languages the manifest is translated into, each with its package.nls.<language>.json. */
export const NLS_LANGUAGES = ['zh-cn', 'zh-tw'];

export function readJsonFile<T = Json>(file: string, root = REPO_ROOT): T {
	return JSON.parse(readFileSync(path.join(root, file), 'utf8')) as T;
}

/** The paths .vscodeignore lets into the .vsix (its `!` lines), as regular expressions. */
export function shippedPatterns(root = REPO_ROOT): RegExp[] {
	return readFileSync(path.join(root, '.vscodeignore'), 'utf8')
		.split('\n')
		.filter((line) => line.startsWith('!'))
		.map((line) => {
			const glob = line
				.slice(1)
				.trim()
				.replace(/[.+^${}()|[\]\\]/g, '\\$&');
			return new RegExp(
				`^${glob
					.split('**')
					.map((part) => part.replace(/\*/g, '[^/]*'))
					.join('.*')}$`,
			);
		});
}

/** The key of a `%key%` reference, or undefined for any other value. */
export function nlsKey(value: unknown): string | undefined {
	return typeof value === 'string' ? /^%([^%\s]+)%$/.exec(value)?.[1] : undefined;
}

/** A copy of `value` with every `%key%` string replaced by its message, as VS Code does; an unknown key stays as it is. */
export function resolveNls<T>(value: T, nls: Nls): T {
	const resolve = (node: unknown): unknown => {
		const key = nlsKey(node);
		if (key !== undefined) {
			return Object.prototype.hasOwnProperty.call(nls, key) ? nls[key] : node;
		}
		if (Array.isArray(node)) {
			return node.map(resolve);
		}
		if (node && typeof node === 'object') {
			return Object.fromEntries(Object.entries(node).map(([name, child]) => [name, resolve(child)]));
		}
		return node;
	};
	return resolve(value) as T;
}

/** package.json as the English UI shows it: every `%key%` resolved through package.nls.json. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test types the parts it reads
export function readEnglishManifest(root = REPO_ROOT): any {
	return resolveNls(readJsonFile('package.json', root), readJsonFile<Nls>('package.nls.json', root));
}

/**
 * Properties whose strings a person reads, wherever they appear in `contributes` (and in
 * `capabilities`): view container and view titles and names, command titles and categories,
 * welcome contents, the configuration's title, settings' descriptions, enum descriptions,
 * deprecation and pattern error messages, walkthroughs' titles, descriptions and pictures' alt texts.
 * Not in the list: IDs, `when` clauses, menus' `group`s, icons, enums, defaults, examples, patterns.
 */
export const READABLE_PROPERTIES = new Set([
	'title',
	'shortTitle',
	'category',
	'name',
	'contextualTitle',
	'contents',
	'label',
	'tooltip',
	'description',
	'markdownDescription',
	'enumDescriptions',
	'markdownEnumDescriptions',
	'enumItemLabels',
	'deprecationMessage',
	'markdownDeprecationMessage',
	'patternErrorMessage',
	'altText',
]);

/** Object keys under which the keys are names chosen by us (setting IDs, view container IDs), not properties. */
const NAMED_CHILDREN = new Set(['properties', 'views']);

/** Every string a person reads in the manifest, with where it is: `description`, `capabilities.…` and all of `contributes`. */
export function readableStrings(manifest: Json): { at: string; value: string }[] {
	const found: { at: string; value: string }[] = [];
	const walk = (node: Json, at: string, readable: boolean): void => {
		if (typeof node === 'string') {
			if (readable) {
				found.push({ at, value: node });
			}
		} else if (Array.isArray(node)) {
			node.forEach((child, index) => walk(child, `${at}[${index}]`, readable));
		} else if (node && typeof node === 'object') {
			const named = NAMED_CHILDREN.has(at.slice(at.lastIndexOf('.') + 1));
			for (const [name, child] of Object.entries(node)) {
				// A language-model tool's input schema is read by models, like its modelDescription (English);
				// its `name` is the ID agents call.
				if (name === 'inputSchema' || (name === 'name' && /\.languageModelTools\[\d+\]$/.test(at))) {
					continue;
				}
				walk(child, `${at}.${name}`, !named && READABLE_PROPERTIES.has(name));
			}
		}
	};
	if (manifest && typeof manifest === 'object' && !Array.isArray(manifest)) {
		walk(manifest.description ?? null, 'description', true);
		walk(manifest.capabilities ?? null, 'capabilities', false);
		walk(manifest.contributes ?? null, 'contributes', false);
	}
	return found;
}

/** Readable strings that are not `%key%` references, and references to keys package.nls.json lacks. */
export function manifestProblems(manifest: Json, english: Nls): string[] {
	const problems: string[] = [];
	const used = new Set<string>();
	for (const { at, value } of readableStrings(manifest)) {
		const key = nlsKey(value);
		if (key === undefined) {
			problems.push(`${at} is not a %key%: "${value}"`);
		} else if (!Object.prototype.hasOwnProperty.call(english, key)) {
			problems.push(`${at}: package.nls.json has no key ${key}`);
		} else {
			used.add(key);
		}
	}
	// A %key% somewhere else (a property the list above does not name) must exist as well.
	const walk = (node: Json, at: string): void => {
		const key = nlsKey(node);
		if (key !== undefined) {
			used.add(key);
			if (!Object.prototype.hasOwnProperty.call(english, key)) {
				problems.push(`${at}: package.nls.json has no key ${key}`);
			}
		} else if (Array.isArray(node)) {
			node.forEach((child, index) => walk(child, `${at}[${index}]`));
		} else if (node && typeof node === 'object') {
			for (const [name, child] of Object.entries(node)) {
				walk(child, at ? `${at}.${name}` : name);
			}
		}
	};
	walk(manifest, '');
	for (const key of Object.keys(english)) {
		if (!used.has(key)) {
			problems.push(`package.nls.json has ${key}, which package.json does not use`);
		}
	}
	return [...new Set(problems)];
}

/** Words that are the same in every language: a message made only of these needs no translation. */
export const NAMES = ['Veo Tasks', 'AceData Cloud', 'VS Code', 'Veo', 'API', 'ID', 'URL', 'JSON', 'GIF', 'HTTP'];

function onlyNames(english: string): boolean {
	let rest = english;
	for (const name of [...NAMES].sort((a, b) => b.length - a.length)) {
		rest = rest.split(name).join(' ');
	}
	return !/[A-Za-z]/.test(rest);
}

/**
 * What a translation must keep exactly: link targets (`command:` links and URLs), codicons,
 * `#setting#` references, `{n}` placeholders, code spans and bare URLs; sorted, so order may change.
 */
export function invariants(message: string): string[] {
	const patterns = [/\]\([^)\s]+\)/g, /\$\([\w~-]+\)/g, /#[\w.]+#/g, /\{\d+\}/g, /`[^`]+`/g];
	// A bare URL is printable ASCII up to a space, a bracket or (in Chinese) a full-width character; a full stop after it is the sentence's.
	const urls = [...message.matchAll(/(?<!\]\()https?:\/\/[!-(*-~]+/g)].map((match) => match[0].replace(/[.,;:!?]+$/, ''));
	return [...patterns.flatMap((pattern) => [...message.matchAll(pattern)].map((match) => match[0])), ...urls].sort();
}

/**
 * Characters only one of the two Chinese scripts uses (务/務, 设/設…): one from the other script
 * in a file means a string was copied across and not converted.
 */
const SIMPLIFIED_ONLY = '务设载视频这个为时开关动从们链请没态认击录单项执览标签删复输';
const TRADITIONAL_ONLY = '務設載視頻這個為時開關動從們鏈請沒態認擊錄單項執覽標籤刪複製輸';

/** The problems of package.nls.<language>.json against the English package.nls.json; empty when it is complete. */
export function translationProblems(language: string, english: Nls, translated: Nls): string[] {
	const file = `package.nls.${language}.json`;
	const problems: string[] = [];
	for (const key of Object.keys(english)) {
		if (!Object.prototype.hasOwnProperty.call(translated, key)) {
			problems.push(`${file} lacks ${key}`);
		}
	}
	for (const [key, message] of Object.entries(translated)) {
		if (!Object.prototype.hasOwnProperty.call(english, key)) {
			problems.push(`${file} has ${key}, which package.nls.json does not`);
			continue;
		}
		const original = english[key];
		if (typeof message !== 'string' || !message.trim()) {
			problems.push(`${file}: ${key} is empty`);
			continue;
		}
		if (onlyNames(original)) {
			if (message !== original) {
				problems.push(`${file}: ${key} is a name ("${original}") and stays as it is, not "${message}"`);
			}
			continue;
		}
		if (message === original) {
			problems.push(`${file}: ${key} is not translated`);
		}
		const expected = invariants(original);
		const kept = invariants(message);
		if (JSON.stringify(expected) !== JSON.stringify(kept)) {
			problems.push(`${file}: ${key} keeps ${JSON.stringify(kept)} instead of ${JSON.stringify(expected)}`);
		}
		if (language.startsWith('zh')) {
			if (!/\p{Script=Han}/u.test(message)) {
				problems.push(`${file}: ${key} has no Chinese characters: "${message}"`);
			}
			const foreign = language === 'zh-tw' ? SIMPLIFIED_ONLY : TRADITIONAL_ONLY;
			const wrong = [...message].filter((character) => foreign.includes(character));
			if (wrong.length) {
				problems.push(`${file}: ${key} has ${language === 'zh-tw' ? 'Simplified' : 'Traditional'} characters ${[...new Set(wrong)].join('')}`);
			}
		}
	}
	return problems;
}
