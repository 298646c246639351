/**
 * The core's display language (src/core/l10n): Intl numbers, plurals, relative times and durations,
 * in English (identity translation, the runtime's locale, as every other unit test runs) and in
 * Chinese through a small fake of what activation points the core at (vscode.l10n.t).
 */
import * as assert from 'node:assert/strict';
import { errorFromStatus, noTokenError } from '../../../../src/core/api/veoError';
import { FOLLOW_UP_LABELS } from '../../../../src/core/generation/followUps';
import { describeChoices, GENERATION_ACTIONS, INGREDIENTS_MODEL, modelProblem, promptProblem } from '../../../../src/core/generation/generationRequest';
import { formatDay, formatList, formatNumber, formatTimeOfDay, plural, relativeTime } from '../../../../src/core/l10n/format';
import { formatMessage, l10n, messageLocale, useTranslation, type L10nArg } from '../../../../src/core/l10n/l10n';
import type { TrackedTask } from '../../../../src/core/tasks/taskList';
import { stateLabel, stateName } from '../../../../src/core/tasks/taskState';
import { exportTaskList } from '../../../../src/core/tasks/taskExport';
import { describeTaskDuration, formatDuration } from '../../../../src/core/util/time';
import { groupTasks } from '../../../../src/core/view/taskGroups';
import { buildTaskRow } from '../../../../src/core/view/taskRow';

const NOW = Date.UTC(2025, 6, 25, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

const tasks = (n: number): string => plural(n, { one: l10n.t('{0} task', formatNumber(n)), other: l10n.t('{0} tasks', formatNumber(n)) });

describe('l10n format: English (identity translation)', function () {
	it('relativeTime: "just now", minutes, hours, "yesterday", days; the future reads as just now', function () {
		assert.equal(relativeTime(NOW - 10_000, NOW), 'just now');
		assert.equal(relativeTime(NOW + 5 * MINUTE, NOW), 'just now', 'a server clock ahead of ours');
		assert.equal(relativeTime(NOW - 50_000, NOW), '1 min. ago');
		assert.equal(relativeTime(NOW - 3 * MINUTE, NOW), '3 min. ago');
		assert.equal(relativeTime(NOW - 90 * MINUTE, NOW), '2 hr. ago');
		assert.equal(relativeTime(NOW - DAY, NOW), 'yesterday');
		assert.equal(relativeTime(NOW - 3 * DAY, NOW), '3 days ago');
	});

	it('plural and formatNumber: "1 task", "3 tasks", "0 tasks", "1,234 tasks"', function () {
		assert.equal(tasks(1), '1 task');
		assert.equal(tasks(3), '3 tasks');
		assert.equal(tasks(0), '0 tasks');
		assert.equal(tasks(1234), '1,234 tasks');
		assert.equal(formatNumber(100, 1), '100.0');
		assert.equal(formatNumber(32), '32');
	});

	it('a core message with {0} gets its argument', function () {
		assert.equal(modelProblem(INGREDIENTS_MODEL, 'text2video'), 'veo31-fast-ingredients runs only Ingredients to video.');
		assert.equal(promptProblem('x'.repeat(4001)), 'The prompt is 4,001 characters; keep it under 4,000.');
		assert.equal(errorFromStatus(429, undefined, '30', NOW).message, 'Too many requests to the Veo API. Try again in 30 s.');
		assert.equal(
			errorFromStatus(401, { error: { code: 'token_expired', message: 'expired' } }, undefined, NOW).message,
			'The API token has expired. Set a new token. (server said: expired)',
		);
		assert.equal(formatMessage('{0} of {1}', ['one']), 'one of {1}', 'a placeholder without an argument stays as written');
	});

	it('durations: two units with a space between them, as before', function () {
		assert.equal(formatDuration(148_000), '2 min 28 sec');
		assert.equal(describeTaskDuration(NOW - 148_000, NOW, NOW), 'took 2 min 28 sec');
	});

	it('lists, day headings and times of day', function () {
		useTranslation({ locale: 'en' });
		try {
			assert.equal(formatList(['a', 'b', 'c']), 'a, b, c');
			assert.equal(formatDay(new Date(2025, 6, 23)), 'Wed, Jul 23, 2025');
			assert.equal(formatTimeOfDay(new Date(2025, 6, 23, 14, 5).getTime()), '02:05 PM');
		} finally {
			useTranslation({});
		}
	});
});

describe('l10n format: Chinese (zh-cn) through a translate function', function () {
	/** What the fake "bundle" translates; anything else comes back as the English (as vscode.l10n.t does). */
	const ZH: Record<string, string> = {
		'just now': '刚刚',
		'{0} task': '{0} 个任务',
		'{0} tasks': '{0} 个任务',
		succeeded: '已完成',
		running: '生成中',
		'refresh failed': '刷新失败',
		'{0} {1}': '{0}{1}',
		'took {0}': '用时 {0}',
		'The prompt is {0} characters; keep it under {1}.': '提示词有 {0} 个字符，请少于 {1} 个。',
		'No Veo API token is set. Run "Veo: Set API Token" or set ACEDATACLOUD_API_TOKEN.': '未设置 Veo API 令牌。',
		'Get 1080p': '获取 1080p',
		'Text to video': '文生视频',
		'{0} image': '{0} 张图片',
		'{0} images': '{0} 张图片',
		translated: '翻译提示词',
		Running: '生成中',
		Succeeded: '已完成',
		'**{0}:** {1}': '**{0}：** {1}',
		'Task ID': '任务 ID',
	};
	let calls: { message: string; args: L10nArg[] }[];

	beforeEach(function () {
		calls = [];
		useTranslation({
			locale: 'zh-cn',
			translate: (message, args) => {
				calls.push({ message, args });
				return formatMessage(ZH[message] ?? message, args);
			},
		});
	});
	afterEach(function () {
		useTranslation({});
	});

	it('relativeTime: "刚刚", "3分钟前", "2小时前", "昨天", "3天前"', function () {
		assert.equal(relativeTime(NOW - 10_000, NOW), '刚刚');
		assert.equal(relativeTime(NOW - 3 * MINUTE, NOW), '3分钟前');
		assert.equal(relativeTime(NOW - 2 * HOUR, NOW), '2小时前');
		assert.equal(relativeTime(NOW - DAY, NOW), '昨天');
		assert.equal(relativeTime(NOW - 3 * DAY, NOW), '3天前');
	});

	it('plural: Chinese has one form, so 1 takes "other" too; numbers keep their grouping', function () {
		assert.equal(tasks(1), '1 个任务');
		assert.equal(tasks(1234), '1,234 个任务');
		assert.ok(calls.some((call) => call.message === '{0} tasks' && call.args[0] === '1'), 'the "other" message, with the count');
	});

	it('a core message goes through the translate function with its arguments', function () {
		assert.equal(promptProblem('x'.repeat(4001)), '提示词有 4,001 个字符，请少于 4,000 个。');
		assert.deepEqual(
			calls.find((call) => call.message.startsWith('The prompt is')),
			{ message: 'The prompt is {0} characters; keep it under {1}.', args: ['4,001', '4,000'] },
		);
		assert.equal(noTokenError().message, '未设置 Veo API 令牌。');
	});

	it('labels defined at load time are translated when read, not when the module loaded', function () {
		assert.equal(FOLLOW_UP_LABELS['1080p'], '获取 1080p');
		assert.equal(GENERATION_ACTIONS.find((entry) => entry.action === 'text2video')?.label, '文生视频');
		assert.equal(
			describeChoices({ action: 'image2video', model: 'veo3', prompt: 'p', imageUrls: ['https://e.com/a.png'], aspectRatio: '16:9', translation: true }),
			'Image to video · veo3 · 16:9 · 1 张图片 · 翻译提示词',
		);
	});

	it('durations: Intl units joined by the translated pattern, no space and no English', function () {
		assert.equal(formatDuration(148_000), '2分钟28秒');
		assert.equal(describeTaskDuration(NOW - 148_000, NOW, NOW), '用时 2分钟28秒');
	});

	it('a tree row reads in Chinese; the exported state stays the English data word', function () {
		const task: TrackedTask = { id: ID, addedAt: NOW, summary: { state: 'succeeded', createdAt: NOW - 3 * MINUTE, videoUrl: 'https://e.com/v.mp4' } };
		const row = buildTaskRow({ ...task, staleReason: 'HTTP 502' }, NOW);
		assert.equal(row.description, '已完成 · 3分钟前 · 刷新失败');
		assert.ok(row.tooltip.startsWith('**任务 ID：** '), row.tooltip);
		assert.equal(stateLabel(task.summary), '已完成');
		assert.equal(stateName(task.summary), 'succeeded');
		assert.equal(exportTaskList([task], NOW).tasks[0].state, 'succeeded');
		assert.deepEqual(
			groupTasks([task, { ...task, id: 'x', summary: { state: 'running' } }], 'state', NOW).map((group) => group.label),
			['生成中', '已完成'],
		);
	});

	it('lists, day headings and times of day in Chinese; an unknown tag falls back instead of throwing', function () {
		assert.equal(formatList(['a', 'b', 'c']), 'a、b、c');
		assert.equal(formatDay(new Date(2025, 6, 23)), '2025年7月23日周三');
		assert.equal(formatTimeOfDay(new Date(2025, 6, 23, 14, 5).getTime()), '14:05');
		useTranslation({ locale: 'not a tag!!' });
		assert.equal(formatList(['a', 'b']), new Intl.ListFormat(undefined, { type: 'conjunction', style: 'narrow' }).format(['a', 'b']));
	});

	it('useTranslation({}) goes back to English', function () {
		useTranslation({});
		assert.equal(relativeTime(NOW - 3 * MINUTE, NOW), '3 min. ago');
		assert.equal(FOLLOW_UP_LABELS['1080p'], 'Get 1080p');
	});
});

describe('messageLocale', function () {
	it('formats in the display language when the extension is translated into it, or it is English', function () {
		assert.equal(messageLocale('zh-cn', true), 'zh-cn');
		assert.equal(messageLocale('en', false), 'en');
		assert.equal(messageLocale('en-gb', false), 'en-gb');
	});

	it('formats in English when the messages stay English (no bundle for the display language)', function () {
		assert.equal(messageLocale('fr', false), 'en');
		assert.equal(messageLocale('pt-br', false), 'en');
		// French counts 0 as singular: with English messages that would read "0 task".
		useTranslation({ locale: messageLocale('fr', false) });
		try {
			assert.equal(plural(0, { one: 'one', other: 'other' }), 'other');
		} finally {
			useTranslation({});
		}
		useTranslation({ locale: 'fr' });
		try {
			assert.equal(plural(0, { one: 'one', other: 'other' }), 'one', 'the French rule this guards against');
		} finally {
			useTranslation({});
		}
	});
});
