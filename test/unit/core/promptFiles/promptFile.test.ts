/**
 * Prompt files (`*.veo.md`): the parser, the checks (the wizard's rules), the file a request is
 * written to, completions, the fingerprint, grouping by prompt file, how tasks remember their file
 * in the stored list, and what the panel shows of the request.
 */
import * as assert from 'node:assert/strict';
import { parsePromptFile } from '../../../../src/core/promptFiles/promptFile';
import {
	checkPromptFile,
	completionContext,
	completionEntries,
	hasErrors,
	promptFileHash,
	promptFileText,
} from '../../../../src/core/promptFiles/promptFileRequest';
import { INGREDIENTS_MODEL, MAX_PROMPT_CHARS, buildGenerationBody, type GenerationChoices } from '../../../../src/core/generation/generationRequest';
import { groupTasks } from '../../../../src/core/view/taskGroups';
import type { TrackedTask } from '../../../../src/core/tasks/taskList';
import { persistedTasks, readTaskList, restoreTasks, storeTaskList } from '../../../../src/core/tasks/taskPersistence';
import { mergeSharedTaskLists } from '../../../../src/core/tasks/sharedTaskList';
import { buildTaskPanelModel, requestDetails } from '../../../../src/core/view/taskPanelModel';
import { imageSources, renderTaskPanelHtml } from '../../../../src/core/view/taskPanelHtml';

const DEFAULTS = { model: 'veo31-fast' };

function check(text: string) {
	const parsed = parsePromptFile(text);
	return { parsed, ...checkPromptFile(parsed, DEFAULTS) };
}

/** The text a problem's span covers. */
function covered(text: string, problem: { span: { start: number; end: number } }): string {
	return text.slice(problem.span.start, problem.span.end);
}

describe('Prompt files: the parser', () => {
	it('reads the options under the API names and the prompt after the block, line breaks kept', () => {
		const text =
			'---\naction: image2video\nmodel: veo3\naspect_ratio: "9:16"\nresolution: 1080p\ntranslation: true\nimage_urls:\n  - https://example.com/a.png\n  - https://example.com/b.png\n---\n\nA fox in snow.\n\nThen it runs.\n';
		const parsed = parsePromptFile(text);
		assert.deepEqual(parsed.problems, []);
		assert.deepEqual(parsed.options, {
			action: 'image2video',
			model: 'veo3',
			aspect_ratio: '9:16',
			resolution: '1080p',
			translation: true,
			image_urls: ['https://example.com/a.png', 'https://example.com/b.png'],
		});
		assert.equal(parsed.prompt, 'A fox in snow.\n\nThen it runs.');
	});

	it('reads an unquoted 16:9 as text (YAML 1.2), not a sexagesimal number', () => {
		assert.equal(parsePromptFile('---\naspect_ratio: 16:9\n---\nx').options.aspect_ratio, '16:9');
	});

	it('takes a file without front matter as a prompt alone (any text)', () => {
		const parsed = parsePromptFile('# A title\n\nA fox --- in snow\n');
		assert.deepEqual(parsed.options, {});
		assert.deepEqual(parsed.problems, []);
		assert.equal(parsed.prompt, '# A title\n\nA fox --- in snow');
	});

	it('reads CRLF files: the block is found and the prompt has \\n line breaks', () => {
		const parsed = parsePromptFile('\uFEFF---\r\nmodel: veo3\r\n---\r\nLine one\r\nLine two\r\n');
		assert.deepEqual(parsed.problems, []);
		assert.equal(parsed.options.model, 'veo3');
		assert.equal(parsed.prompt, 'Line one\nLine two');
	});

	it('reports broken YAML as a problem inside the block, and sets nothing from it', () => {
		const text = '---\nmodel: [veo3\naction: text2video\n---\nA fox';
		const parsed = parsePromptFile(text);
		assert.ok(parsed.problems.length >= 1);
		assert.ok(parsed.problems.every((problem) => problem.severity === 'error'));
		assert.match(parsed.problems[0].message, /not valid YAML/);
		assert.ok(parsed.problems[0].span.start >= 4 && parsed.problems[0].span.end <= text.indexOf('\n---\n') + 1, 'inside the block');
		assert.deepEqual(parsed.options, {});
	});

	it('reports a block that is never closed, and sends nothing of it', () => {
		const { parsed, problems, choices } = check('---\nmodel: veo3\nA fox in snow');
		assert.match(parsed.problems[0].message, /no closing "---"/);
		assert.equal(choices, undefined);
		assert.ok(hasErrors(problems));
	});

	it('reports a key set twice, at the second one', () => {
		const text = '---\nmodel: veo3\nmodel: veo31\n---\nA fox';
		const parsed = parsePromptFile(text);
		assert.equal(parsed.problems.length, 1);
		assert.match(parsed.problems[0].message, /"model" is set more than once/);
		assert.equal(covered(text, parsed.problems[0]), 'model');
		assert.ok(parsed.problems[0].span.start > text.indexOf('veo3'));
	});

	it('reports unknown keys at the key, with the keys it takes', () => {
		const text = '---\naspect-ratio: "16:9"\nseed: 4\n---\nA fox';
		const parsed = parsePromptFile(text);
		assert.deepEqual(
			parsed.problems.map((problem) => covered(text, problem)),
			['aspect-ratio', 'seed'],
		);
		assert.match(parsed.problems[0].message, /Unknown option "aspect-ratio".*aspect_ratio/);
	});

	it('reports values of the wrong type at the value', () => {
		const text = '---\ntranslation: yes please\nmodel: 3\nimage_urls: 4\n---\nA fox';
		const parsed = parsePromptFile(text);
		assert.deepEqual(
			parsed.problems.map((problem) => covered(text, problem)),
			['yes please', '3', '4'],
		);
	});

	it('never throws, whatever the text', () => {
		for (const text of [
			'',
			'---',
			'---\n---',
			'---\n- a\n- b\n---\nx',
			'---\n*alias\n---\n',
			'---\n? [a, b]\n: c\n---\nx',
			'---\n!!binary aGk=\n---\n',
			'\u0000---\n',
		]) {
			assert.doesNotThrow(() => check(text), JSON.stringify(text));
		}
		assert.match(check('---\n- a\n---\nx').problems[0].message, /list of "key: value"/);
	});
});

describe('Prompt files: the checks are the wizard rules', () => {
	it('sends the options and the prompt as the wizard would build them', () => {
		const { choices, problems } = check(
			'---\naction: text2video\nmodel: veo3\naspect_ratio: "9:16"\nresolution: 4k\ntranslation: false\n---\nA fox\nin snow\n',
		);
		assert.deepEqual(problems, []);
		assert.deepEqual(buildGenerationBody(choices as GenerationChoices), {
			action: 'text2video',
			model: 'veo3',
			prompt: 'A fox\nin snow',
			aspect_ratio: '9:16',
			resolution: '4k',
			translation: false,
		});
	});

	it('fills what is left out: text2video, the default model, 16:9, no resolution, translation on for Chinese only', () => {
		assert.deepEqual(check('A fox').choices, {
			action: 'text2video',
			model: 'veo31-fast',
			prompt: 'A fox',
			imageUrls: [],
			aspectRatio: '16:9',
			translation: false,
		});
		assert.equal(check('雪地里的狐狸').choices?.translation, true);
	});

	it('refuses a retired model, an unknown action, aspect ratio or resolution, at their values', () => {
		const text = '---\naction: video2video\nmodel: veo2\naspect_ratio: "4:3"\nresolution: 720p\n---\nA fox';
		const { problems, choices } = check(text);
		assert.equal(choices, undefined);
		assert.deepEqual(
			problems.map((problem) => [covered(text, problem), problem.severity]),
			[
				['video2video', 'error'],
				['veo2', 'error'],
				['"4:3"', 'error'],
				['720p', 'error'],
			],
		);
		assert.match(problems[1].message, /retired/);
	});

	it('counts images per action: none for text2video, 1-2 for image2video, 1-3 for ingredients', () => {
		const images = (count: number): string => `image_urls:\n${Array.from({ length: count }, (_, index) => `  - https://example.com/${index}.png\n`).join('')}`;
		assert.ok(hasErrors(check(`---\naction: text2video\n${images(1)}---\nA fox`).problems));
		assert.ok(hasErrors(check('---\naction: image2video\n---\nA fox').problems));
		assert.equal(check(`---\naction: image2video\n${images(2)}---\nA fox`).choices?.imageUrls.length, 2);
		assert.ok(hasErrors(check(`---\naction: image2video\n${images(3)}---\nA fox`).problems));
		assert.equal(check(`---\naction: ingredients2video\n${images(3)}---\nA fox`).choices?.imageUrls.length, 3);
		assert.ok(hasErrors(check(`---\naction: ingredients2video\n${images(4)}---\nA fox`).problems));
	});

	it('checks each image URL at its line', () => {
		const text = '---\naction: image2video\nimage_urls:\n  - https://example.com/a.png\n  - ftp://example.com/b.png\n---\nA fox';
		const { problems } = check(text);
		assert.deepEqual(
			problems.map((problem) => covered(text, problem)),
			['ftp://example.com/b.png'],
		);
	});

	it('runs ingredients on their model, warning about another one (still sendable)', () => {
		const text = '---\naction: ingredients2video\nmodel: veo3\nimage_urls: https://example.com/a.png\n---\nA fox';
		const { problems, choices } = check(text);
		assert.deepEqual(
			problems.map((problem) => [covered(text, problem), problem.severity]),
			[['veo3', 'warning']],
		);
		assert.equal(buildGenerationBody(choices as GenerationChoices).model, INGREDIENTS_MODEL);
	});

	it('refuses the ingredients model for other actions, and warns about a model it does not know', () => {
		assert.ok(hasErrors(check(`---\nmodel: ${INGREDIENTS_MODEL}\n---\nA fox`).problems));
		const unknown = check('---\nmodel: veo9-turbo\n---\nA fox');
		assert.deepEqual(
			unknown.problems.map((problem) => problem.severity),
			['warning'],
		);
		assert.equal(unknown.choices?.model, 'veo9-turbo');
	});

	it('refuses an empty prompt and one over the limit, at the body', () => {
		const empty = '---\nmodel: veo3\n---\n\n';
		assert.match(check(empty).problems[0].message, /cannot be empty/);
		const long = `---\nmodel: veo3\n---\n${'a'.repeat(MAX_PROMPT_CHARS + 1)}`;
		const { problems } = check(long);
		assert.equal(problems.length, 1);
		assert.equal(problems[0].span.start, long.indexOf('aaa'));
	});
});

describe('Prompt files: writing, completions, fingerprint', () => {
	it('writes a request as a file that reads back to the same request', () => {
		const cases: GenerationChoices[] = [
			{
				action: 'text2video',
				model: 'veo3',
				prompt: 'A fox\n\nin snow: "quoted" # not a comment',
				imageUrls: [],
				aspectRatio: '9:16',
				resolution: 'gif',
				translation: true,
			},
			{
				action: 'image2video',
				model: 'veo31',
				prompt: '---\nstill the prompt',
				imageUrls: ['https://example.com/a b.png?x="1"', 'https://example.com/c.png'],
				aspectRatio: '16:9',
				translation: false,
			},
			{
				action: 'ingredients2video',
				model: INGREDIENTS_MODEL,
				prompt: '狐狸',
				imageUrls: ['https://example.com/a.png'],
				aspectRatio: '16:9',
				translation: false,
			},
		];
		for (const choices of cases) {
			const { choices: read, problems } = check(promptFileText(choices));
			assert.deepEqual(problems, [], promptFileText(choices));
			assert.deepEqual(buildGenerationBody(read as GenerationChoices), buildGenerationBody(choices));
		}
	});

	it('offers the keys not set yet at a line start of the block, and values after a key', () => {
		const text = '---\nmodel: veo3\n\naction: \n---\nA fox';
		const parsed = parsePromptFile(text);
		const keyContext = completionContext(parsed, text, text.indexOf('\n\n') + 1);
		assert.equal(keyContext?.kind, 'key');
		assert.deepEqual(
			completionEntries(keyContext!, parsed).map((entry) => entry.label),
			['aspect_ratio', 'resolution', 'translation', 'image_urls'],
		);
		const valueContext = completionContext(parsed, text, text.indexOf('action: ') + 'action: '.length);
		assert.deepEqual(valueContext && valueContext.kind === 'value' && valueContext.key, 'action');
		assert.deepEqual(
			completionEntries(valueContext!, parsed).map((entry) => entry.label),
			['text2video', 'image2video', 'ingredients2video'],
		);
		assert.equal(completionContext(parsed, text, text.length), undefined, 'none in the prompt');
	});

	it('offers models for the action, quoted aspect ratios, resolutions and booleans', () => {
		const values = (text: string): string[] => {
			const parsed = parsePromptFile(text);
			const context = completionContext(parsed, text, text.indexOf('\n---\n'));
			return context ? completionEntries(context, parsed).map((entry) => entry.insert ?? entry.label) : [];
		};
		assert.deepEqual(values('---\naction: ingredients2video\nmodel: \n---\nx'), [INGREDIENTS_MODEL]);
		assert.ok(!values('---\nmodel: \n---\nx').includes('veo2'));
		assert.deepEqual(values('---\naspect_ratio: \n---\nx'), ['"16:9"', '"9:16"']);
		assert.deepEqual(values('---\nresolution: \n---\nx'), ['1080p', '4k', 'gif']);
		assert.deepEqual(values('---\ntranslation: \n---\nx'), ['true', 'false']);
		assert.ok(values('---\nmod\n---\nx').includes('model: '), 'a block being written still gets keys');
	});

	it('fingerprints the text, the same with CRLF line breaks, different when a word changes', () => {
		assert.match(promptFileHash('A fox'), /^[0-9a-f]{8}$/);
		assert.equal(promptFileHash('---\nmodel: veo3\n---\nA fox\n'), promptFileHash('---\r\nmodel: veo3\r\n---\r\nA fox\r\n'));
		assert.notEqual(promptFileHash('A fox'), promptFileHash('A cat'));
	});
});

const ID = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('Prompt files: tasks remember their file', () => {
	const fox = { path: 'prompts/fox.veo.md', hash: '0123abcd' };
	const tasks: TrackedTask[] = [
		{ id: ID(1), addedAt: 3_000_000, summary: { state: 'succeeded' }, promptFile: fox },
		{ id: ID(2), addedAt: 2_000_000, summary: { state: 'running' } },
		{ id: ID(3), addedAt: 1_000_000, summary: { state: 'failed' }, promptFile: { path: 'a/cat.veo.md', hash: 'ffffffff' } },
		{ id: ID(4), addedAt: 1_000_000, summary: { state: 'pending' }, parentId: ID(1), promptFile: fox },
	];

	it('groups by prompt file: files by path, tasks from no file last', () => {
		const groups = groupTasks(tasks.slice(0, 3), 'prompt', 0);
		assert.deepEqual(
			groups.map((group) => [group.label, group.tasks.map((task) => task.id)]),
			[
				['a/cat.veo.md', [ID(3)]],
				['prompts/fox.veo.md', [ID(1)]],
				['No Prompt File', [ID(2)]],
			],
		);
	});

	it('stores the link compactly (each path once) and reads it back', () => {
		const stored = storeTaskList(persistedTasks(tasks));
		assert.deepEqual(stored.files, ['prompts/fox.veo.md', 'a/cat.veo.md']);
		assert.deepEqual(stored.tasks[1], [ID(2), 2000]);
		assert.deepEqual(stored.tasks[3], [ID(4), 1000, 0, 0, '0123abcd']);
		const read = readTaskList(JSON.parse(JSON.stringify(stored)), 0);
		assert.equal(read.recovered, undefined);
		const restored = restoreTasks(read.tasks, new Map()).tasks;
		assert.deepEqual(
			restored.map((task) => task.promptFile),
			tasks.map((task) => task.promptFile),
		);
		assert.equal(restored[3].parentId, ID(1));
		assert.equal(restored[0].parentId, undefined, 'parentIndex -1 is no parent');
	});

	it('reads lists written before prompt files, and drops a damaged link but keeps the task', () => {
		assert.deepEqual(readTaskList({ version: 2, tasks: [[ID(1), 5]] }, 0).tasks, [{ id: ID(1), added: 5 }]);
		const damaged = readTaskList(
			{
				version: 2,
				files: ['../outside.veo.md', 7],
				tasks: [
					[ID(1), 5, -1, 0, '0123abcd'],
					[ID(2), 5, -1, 1, '0123abcd'],
					[ID(3), 5, -1, 9, 'zz'],
				],
			},
			0,
		);
		assert.equal(damaged.tasks.length, 3);
		assert.ok(damaged.tasks.every((task) => task.promptFile === undefined));
	});

	it('keeps the link when two windows merge their lists', () => {
		const mine = { tasks: [{ id: ID(1), added: 5 }], removed: new Map<string, number>() };
		const theirs = { tasks: [{ id: ID(1), added: 5, promptFile: fox }], removed: new Map<string, number>() };
		assert.deepEqual(mergeSharedTaskLists(mine, theirs).tasks[0].promptFile, fox);
		assert.deepEqual(mergeSharedTaskLists(theirs, mine).tasks[0].promptFile, fox);
	});
});

describe('Prompt files: the panel shows what was asked', () => {
	const request = {
		action: 'image2video',
		aspect_ratio: '9:16',
		resolution: '1080p',
		translation: true,
		image_urls: [
			'https://cdn.example.com/a.png',
			'http://plain.example.com/b.png',
			'javascript:alert(1)',
			'https://user:pw@evil.example.com/c.png',
			'https://other.example.org:8443/d.png?x=1',
		],
	};

	it('shows https reference images as thumbnails and every other one as text only', () => {
		const details = requestDetails({ id: ID(1), request });
		assert.deepEqual(details.referenceImages, ['https://cdn.example.com/a.png']);
		assert.deepEqual(details.referenceImageTexts, ['http://plain.example.com/b.png', 'javascript:alert(1)', 'https://user:pw@evil.example.com/c.png']);
		assert.equal(details.aspectRatio, '9:16');
		assert.equal(details.resolution, '1080p');
		assert.equal(details.translation, 'Yes');
	});

	it("lists exactly the images' origins in img-src, and none without images", () => {
		const model = buildTaskPanelModel(
			{ id: ID(1), addedAt: 0, summary: { state: 'succeeded' } },
			{ id: ID(1), request: { ...request, image_urls: ['https://cdn.example.com/a.png', 'https://other.example.org:8443/d.png'] } },
		);
		assert.equal(imageSources(model), 'https://cdn.example.com https://other.example.org:8443');
		const html = renderTaskPanelHtml(model, { cspSource: 'vscode-resource:', scriptUri: 's', styleUri: 'c', nonce: 'n' });
		assert.match(html, /img-src https:\/\/cdn\.example\.com https:\/\/other\.example\.org:8443;/);
		const bare = buildTaskPanelModel({ id: ID(1), addedAt: 0, summary: { state: 'succeeded' } }, { id: ID(1) });
		assert.equal(imageSources(bare), "'none'");
		assert.deepEqual(bare.referenceImages, []);
	});

	it('reads an odd request without trusting it', () => {
		const details = requestDetails({
			id: ID(1),
			request: { aspect_ratio: { x: 1 }, resolution: '<b>8k</b>', translation: 'yes', image_urls: 'https://a.example/x.png' },
		});
		assert.deepEqual(details, { aspectRatio: undefined, resolution: '<b>8k</b>', translation: undefined, referenceImages: [], referenceImageTexts: [] });
	});

	it('says where the take came from and whether its file changed since', () => {
		const model = buildTaskPanelModel(
			{ id: ID(1), addedAt: 0, summary: { state: 'succeeded' }, promptFile: { path: 'p/fox.veo.md', hash: '0123abcd' } },
			undefined,
			{ promptFileState: 'changed' },
		);
		assert.deepEqual(model.promptFile, { path: 'p/fox.veo.md', state: 'changed', note: 'changed since this take' });
		assert.equal(buildTaskPanelModel({ id: ID(1), addedAt: 0, summary: { state: 'succeeded' } }, undefined).promptFile, undefined);
	});
});
