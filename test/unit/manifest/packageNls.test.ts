// The manifest's texts (view and command titles, the view's welcome, settings, the walkthrough)
// are %key% references that VS Code resolves through package.nls.json, or through
// package.nls.<language>.json in that display language. Nothing else notices a literal left in
// package.json (it shows in English in every language), a key with no English, a translation file
// that lacks a key, or a translation that lost a command link, a codicon or a setting reference.
// Each check is also run on a small broken copy, so that a check that finds nothing is seen to work.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import {
	type Json,
	type Nls,
	NLS_LANGUAGES,
	REPO_ROOT,
	invariants,
	manifestProblems,
	nlsKey,
	readEnglishManifest,
	readJsonFile,
	readableStrings,
	resolveNls,
	shippedPatterns,
	translationProblems,
} from './manifestNls';

const manifest = readJsonFile<Record<string, Json>>('package.json');
const english = readJsonFile<Nls>('package.nls.json');

/** A deep copy, to break without touching the real manifest. */
function copy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

describe('package.json texts (package.nls*.json)', () => {
	describe('the manifest', () => {
		it('finds the texts a person reads, and only those', () => {
			const found = readableStrings(manifest).map((entry) => entry.at);
			for (const at of [
				'description',
				'capabilities.untrustedWorkspaces.description',
				'capabilities.virtualWorkspaces.description',
				'contributes.viewsContainers.activitybar[0].title',
				'contributes.views.veoTasks[0].name',
				'contributes.views.veoTasks[0].contextualTitle',
				'contributes.viewsWelcome[0].contents',
				'contributes.viewsWelcome[1].contents',
				'contributes.commands[0].title',
				'contributes.commands[0].category',
				'contributes.configuration.title',
				'contributes.configuration.properties.veoTasks.apiBaseUrl.markdownDescription',
				'contributes.configuration.properties.veoTasks.apiBaseUrl.patternErrorMessage',
				'contributes.configuration.properties.veoTasks.notifyOn.enumDescriptions[2]',
				'contributes.walkthroughs[0].title',
				'contributes.walkthroughs[0].description',
				'contributes.walkthroughs[0].steps[3].title',
				'contributes.walkthroughs[0].steps[3].description',
				'contributes.walkthroughs[0].steps[3].media.altText',
			]) {
				assert.ok(found.includes(at), `${at} is a text a person reads`);
			}
			const commands = (manifest.contributes as { commands: unknown[] }).commands.length;
			assert.equal(found.filter((at) => /^contributes\.commands\[\d+\]\.title$/.test(at)).length, commands, 'every command title');
			const notTexts = found.filter((at) => /\.(id|command|when|group|icon|image|view|type|enum|default|examples|pattern|format|scope)(\[\d+\])?$/.test(at));
			assert.deepEqual(notTexts, [], 'IDs, when clauses, menu groups, icons and schemas are not texts');
			assert.ok(!found.includes('displayName'), 'displayName stays the literal name');
		});

		it('has a %key% for every text, each of which package.nls.json has, and package.nls.json has no key it does not use', () => {
			assert.deepEqual(manifestProblems(manifest, english), []);
			assert.ok(readableStrings(manifest).every(({ value }) => nlsKey(value) !== undefined));
		});

		it('notices a literal text, a key package.nls.json lacks and a key no one uses', () => {
			const broken = copy(manifest);
			const contributes = broken.contributes as unknown as {
				commands: { title: string; category: string }[];
				configuration: { properties: Record<string, { enumDescriptions?: string[]; patternErrorMessage?: string }> };
				walkthroughs: { steps: { media: { altText: string } }[] }[];
				viewsWelcome: { contents: string }[];
			};
			contributes.commands[1].title = 'Refresh Tasks';
			contributes.commands[2].category = 'Veo';
			contributes.configuration.properties['veoTasks.notifyOn'].enumDescriptions![1] = 'Notify only when a task fails.';
			contributes.configuration.properties['veoTasks.defaultModel'].patternErrorMessage = 'Letters only.';
			contributes.walkthroughs[0].steps[0].media.altText = 'The Veo view';
			contributes.viewsWelcome[0].contents = '%viewsWelcome.gone%';
			const nls = { ...english, 'command.forgotten.title': 'Forgotten' };
			const problems = manifestProblems(broken, nls);
			assert.deepEqual(problems, [
				'contributes.viewsWelcome[0].contents: package.nls.json has no key viewsWelcome.gone',
				'contributes.commands[1].title is not a %key%: "Refresh Tasks"',
				'contributes.commands[2].category is not a %key%: "Veo"',
				'contributes.configuration.properties.veoTasks.notifyOn.enumDescriptions[1] is not a %key%: "Notify only when a task fails."',
				'contributes.configuration.properties.veoTasks.defaultModel.patternErrorMessage is not a %key%: "Letters only."',
				'contributes.walkthroughs[0].steps[0].media.altText is not a %key%: "The Veo view"',
				'package.nls.json has viewsWelcome.noToken, which package.json does not use',
				'package.nls.json has command.refresh.title, which package.json does not use',
				'package.nls.json has config.notifyOn.enumDescriptions.failures, which package.json does not use',
				'package.nls.json has config.defaultModel.patternErrorMessage, which package.json does not use',
				'package.nls.json has walkthrough.gettingStarted.step.setToken.altText, which package.json does not use',
				'package.nls.json has command.forgotten.title, which package.json does not use',
			]);
			// A key outside the listed properties must exist too.
			const elsewhere = { ...copy(manifest), contributes: { ...(copy(manifest.contributes) as Record<string, Json>), somethingNew: { text: '%some.key%' } } };
			assert.ok(manifestProblems(elsewhere, english).includes('contributes.somethingNew.text: package.nls.json has no key some.key'));
		});

		it("keeps the name literal and names the folder of the code's bundles", () => {
			assert.equal(manifest.displayName, 'Veo Tasks');
			assert.equal(manifest.l10n, './l10n');
			assert.ok(existsSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.json')));
		});

		it('reads in English exactly as before: package.nls.json holds the English texts', () => {
			const shown = readEnglishManifest();
			const titles = new Map<string, string>(shown.contributes.commands.map((command: { command: string; title: string }) => [command.command, command.title]));
			assert.equal(titles.get('veoTasks.refresh'), 'Refresh Tasks');
			assert.equal(titles.get('veoTasks.addTask'), 'Add Task ID…');
			assert.ok(shown.contributes.commands.every((command: { category: string }) => command.category === 'Veo'));
			assert.equal(shown.contributes.viewsContainers.activitybar[0].title, 'Veo');
			assert.equal(shown.contributes.views.veoTasks[0].name, 'Tasks');
			assert.equal(shown.contributes.configuration.title, 'Veo Tasks');
			assert.match(shown.contributes.viewsWelcome[0].contents, /^Veo Tasks needs an AceData Cloud API token/);
			assert.match(shown.description, /^Track AceData Cloud Veo video generation tasks/);
			assert.deepEqual(
				readableStrings(shown).filter(({ value }) => nlsKey(value) !== undefined),
				[],
				'every key resolves',
			);
		});

		it('resolves %key% strings as VS Code does: whole strings only, in objects and arrays, an unknown key left as it is', () => {
			const nls = { 'a.title': 'Title', 'b.item': 'Item' };
			assert.deepEqual(resolveNls({ title: '%a.title%', list: ['%b.item%', 'plain'], other: 'x %a.title% y', missing: '%c.none%', n: 3 }, nls), {
				title: 'Title',
				list: ['Item', 'plain'],
				other: 'x %a.title% y',
				missing: '%c.none%',
				n: 3,
			});
		});
	});

	describe('the translations', () => {
		it('ships a package.nls file for each language of the bundles, and no other', () => {
			const files = readdirSync(REPO_ROOT).filter((name) => /^package\.nls\.[^.]+\.json$/.test(name) && !name.includes('qps-ploc'));
			assert.deepEqual(files.sort(), NLS_LANGUAGES.map((language) => `package.nls.${language}.json`).sort());
			for (const language of NLS_LANGUAGES) {
				assert.ok(existsSync(path.join(REPO_ROOT, 'l10n', `bundle.l10n.${language}.json`)), `the code's bundle for ${language} exists too`);
			}
		});

		it("ships in the .vsix (.vscodeignore) package.nls.json and each language's files, and neither the English bundle nor pseudo-localised ones", () => {
			const shipped = shippedPatterns();
			const ships = (file: string): boolean => shipped.some((pattern) => pattern.test(file));
			for (const file of ['package.nls.json', ...NLS_LANGUAGES.flatMap((language) => [`package.nls.${language}.json`, `l10n/bundle.l10n.${language}.json`])]) {
				assert.ok(ships(file), `${file} ships`);
			}
			// vsce lets any `!` line win, so a wildcard that matched these could not be undone. The
			// English bundle is for translators: VS Code reads none in English.
			for (const file of ['package.nls.qps-ploc.json', 'l10n/bundle.l10n.qps-ploc.json', 'l10n/bundle.l10n.json']) {
				assert.ok(!ships(file), `${file} (made for the tests) stays out`);
			}
		});

		for (const language of NLS_LANGUAGES) {
			it(`translates every key of package.nls.json into ${language}, keeping links, codicons, setting references and placeholders`, () => {
				const translated = readJsonFile<Nls>(`package.nls.${language}.json`);
				assert.deepEqual(Object.keys(translated), Object.keys(english), 'the same keys, in the same order');
				assert.deepEqual(translationProblems(language, english, translated), []);
			});
		}

		it('names what a translation must keep', () => {
			assert.deepEqual(
				invariants('[$(key) Set API Token](command:veoTasks.setToken) up to `#veoTasks.maxPollIntervalSeconds#`, {0} at https://api.acedata.cloud.'),
				[
					'#veoTasks.maxPollIntervalSeconds#',
					'$(key)',
					'](command:veoTasks.setToken)',
					'`#veoTasks.maxPollIntervalSeconds#`',
					'https://api.acedata.cloud',
					'{0}',
				],
			);
			// A full-width full stop after a URL is not part of it.
			assert.deepEqual(invariants('例如 https://api.acedata.cloud。'), ['https://api.acedata.cloud']);
		});

		describe('notices each kind of gap in a broken copy', () => {
			const sample: Nls = {
				'command.refresh.title': 'Refresh Tasks',
				'command.category': 'Veo',
				'config.title': 'Veo Tasks',
				'viewsWelcome.noToken': 'A token is needed.\n[$(key) Set API Token](command:veoTasks.setToken)',
				'config.poll.markdownDescription': 'Up to `#veoTasks.maxPollIntervalSeconds#`.',
				'message.count': 'Refreshed {0} tasks',
				'config.apiBaseUrl.patternErrorMessage': 'Use a URL such as https://api.acedata.cloud',
			};
			const complete: Nls = {
				'command.refresh.title': '刷新任务',
				'command.category': 'Veo',
				'config.title': 'Veo Tasks',
				'viewsWelcome.noToken': '需要令牌。\n[$(key) 设置 API 令牌](command:veoTasks.setToken)',
				'config.poll.markdownDescription': '最长为 `#veoTasks.maxPollIntervalSeconds#`。',
				'message.count': '已刷新 {0} 个任务',
				'config.apiBaseUrl.patternErrorMessage': '请使用 URL，例如 https://api.acedata.cloud',
			};

			it('passes the complete copy (so the failures below are the gaps, not the copy)', () => {
				assert.deepEqual(translationProblems('zh-cn', sample, complete), []);
			});

			it('a key missing or left over', () => {
				const rest = { ...complete };
				delete rest['message.count'];
				assert.deepEqual(translationProblems('zh-cn', sample, { ...rest, 'command.old.title': '旧命令' }), [
					'package.nls.zh-cn.json lacks message.count',
					'package.nls.zh-cn.json has command.old.title, which package.nls.json does not',
				]);
			});

			it('a text left in English, an empty one, and a name that was translated', () => {
				assert.deepEqual(
					translationProblems('zh-cn', sample, { ...complete, 'command.refresh.title': 'Refresh Tasks', 'message.count': ' ', 'config.title': 'Veo 任务' }),
					[
						'package.nls.zh-cn.json: command.refresh.title is not translated',
						'package.nls.zh-cn.json: command.refresh.title has no Chinese characters: "Refresh Tasks"',
						'package.nls.zh-cn.json: config.title is a name ("Veo Tasks") and stays as it is, not "Veo 任务"',
						'package.nls.zh-cn.json: message.count is empty',
					],
				);
			});

			it('a command link, a codicon, a setting reference, a placeholder or a URL lost or changed', () => {
				const problems = translationProblems('zh-cn', sample, {
					...complete,
					'viewsWelcome.noToken': '需要令牌。\n[设置 API 令牌](command:veoTasks.setTokens)',
					'config.poll.markdownDescription': '最长为 `veoTasks.maxPollIntervalSeconds`。',
					'message.count': '已刷新 {1} 个任务',
					'config.apiBaseUrl.patternErrorMessage': '请使用 URL，例如 https://api.acedata.com',
				});
				assert.deepEqual(
					problems.map((problem) => problem.split(' keeps ')[0]),
					['viewsWelcome.noToken', 'config.poll.markdownDescription', 'message.count', 'config.apiBaseUrl.patternErrorMessage'].map(
						(key) => `package.nls.zh-cn.json: ${key}`,
					),
				);
				assert.match(problems[0], /keeps \["\]\(command:veoTasks\.setTokens\)"\] instead of \["\$\(key\)","\]\(command:veoTasks\.setToken\)"\]/);
			});

			it('a Chinese file without Chinese, or in the other script', () => {
				assert.deepEqual(translationProblems('zh-cn', sample, { ...complete, 'command.refresh.title': 'Rafraîchir les tâches' }), [
					'package.nls.zh-cn.json: command.refresh.title has no Chinese characters: "Rafraîchir les tâches"',
				]);
				assert.deepEqual(translationProblems('zh-cn', sample, { ...complete, 'command.refresh.title': '重新整理任務' }), [
					'package.nls.zh-cn.json: command.refresh.title has Traditional characters 務',
				]);
				const traditional = {
					...complete,
					'command.refresh.title': '重新整理任務',
					'viewsWelcome.noToken': '需要權杖。\n[$(key) 設定 API 權杖](command:veoTasks.setToken)',
					'config.poll.markdownDescription': '最長為 `#veoTasks.maxPollIntervalSeconds#`。',
					'message.count': '已重新整理 {0} 個任務',
					'config.apiBaseUrl.patternErrorMessage': '請使用 URL，例如 https://api.acedata.cloud',
				};
				assert.deepEqual(translationProblems('zh-tw', sample, traditional), []);
				assert.deepEqual(translationProblems('zh-tw', sample, { ...traditional, 'message.count': '已刷新 {0} 个任务' }), [
					'package.nls.zh-tw.json: message.count has Simplified characters 个务',
				]);
			});
		});
	});
});
