/** buildTaskRow: the tree row model, and a tooltip in which nothing from the server becomes Markdown. */
import * as assert from 'node:assert/strict';
import { setLoopbackVideosAllowed } from '../../../../src/core/api/urlPolicy';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { TrackedTask } from '../../../../src/core/tasks/taskList';
import type { TaskState, TaskSummary } from '../../../../src/core/tasks/taskState';
import { buildTaskRow } from '../../../../src/core/view/taskRow';
import { REPO_ROOT } from '../../../support/repoRoot';

const NOW = Date.UTC(2025, 6, 25, 12, 0, 0);
const ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const TRACE = '9e8d7c6b-5a49-4382-a716-0f1e2d3c4b5a';
const VIDEO_URL = 'https://platform.cdn.acedata.cloud/veo/6f1e2d3c.mp4';

function task(summary: Partial<TaskSummary> & { state: TaskState }, extra: Partial<TrackedTask> = {}): TrackedTask {
	return { id: ID, addedAt: NOW - 10 * 60_000, summary, ...extra };
}

const succeeded: TaskSummary = {
	state: 'succeeded',
	prompt: 'A lighthouse on a cliff at golden hour',
	model: 'veo3',
	action: 'text2video',
	createdAt: NOW - 3 * 60_000,
	completedAt: '2025-07-25 19:57:00',
	completedAtMs: Date.UTC(2025, 6, 25, 11, 57, 0),
	videoUrl: VIDEO_URL,
	videoId: 'abcdef0123456789abcdef0123456789',
	traceId: TRACE,
};

/**
 * Splits Markdown into code-span contents and the rest, following CommonMark: a run of n backticks
 * opens a span closed by the next run of exactly n backticks; a backslash escapes the next character
 * outside code spans.
 */
function splitCodeSpans(markdown: string): { code: string[]; text: string } {
	const code: string[] = [];
	let text = '';
	let i = 0;
	while (i < markdown.length) {
		const char = markdown[i];
		if (char === '\\' && i + 1 < markdown.length) {
			text += markdown.slice(i, i + 2);
			i += 2;
			continue;
		}
		if (char === '`') {
			let n = 0;
			while (markdown[i + n] === '`') {
				n++;
			}
			let j = i + n;
			let close = -1;
			while (j < markdown.length) {
				if (markdown[j] === '`') {
					let m = 0;
					while (markdown[j + m] === '`') {
						m++;
					}
					if (m === n) {
						close = j;
						break;
					}
					j += m;
				} else {
					j++;
				}
			}
			if (close >= 0) {
				code.push(markdown.slice(i + n, close));
				i = close + n;
			} else {
				text += markdown.slice(i, i + n);
				i += n;
			}
			continue;
		}
		text += char;
		i++;
	}
	return { code, text };
}

/** Characters that would start a link, an image, HTML, an entity or a code span if left unescaped. */
function unescapedSyntax(text: string): string[] {
	const found: string[] = [];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\') {
			i++;
			continue;
		}
		if ('[]()<>!&`'.includes(text[i])) {
			found.push(`${text[i]} at ${i}: …${text.slice(Math.max(0, i - 15), i + 15)}…`);
		}
	}
	return found;
}

/** The visible text: code span contents and unescaped text. */
function plain(markdown: string): string {
	const { code, text } = splitCodeSpans(markdown);
	return `${text.replace(/\\(.)/g, '$1')}\n${code.join('\n')}`;
}

function assertSafeMarkdown(markdown: string): void {
	const { text } = splitCodeSpans(markdown);
	assert.deepEqual(unescapedSyntax(text), [], `unescaped Markdown syntax in:\n${markdown}`);
	assert.ok(!/https?:\/\//i.test(text), `a bare URL outside a code span would be autolinked:\n${markdown}`);
	assert.ok(!/www\./i.test(text), `a www. address outside a code span would be autolinked:\n${markdown}`);
	assert.ok(!/\n\s*\n/.test(markdown), 'no blank line (a new block) can be injected');
}

describe('buildTaskRow', function () {
	// The fake API runs on this machine: loopback video URLs are allowed as the API session allows them then.
	before(function () {
		setLoopbackVideosAllowed(true);
	});
	after(function () {
		setLoopbackVideosAllowed(false);
	});

	describe('label', function () {
		it('is the prompt when there is one', function () {
			assert.equal(buildTaskRow(task(succeeded), NOW).label, 'A lighthouse on a cliff at golden hour');
		});

		it('is the prompt on one line, shortened with an ellipsis', function () {
			const prompt = `First line\n\nsecond   line ${'word '.repeat(40)}`;
			const label = buildTaskRow(task({ ...succeeded, prompt }), NOW).label;
			assert.ok(label.length <= 60, `${label.length} chars`);
			assert.ok(label.endsWith('…'));
			assert.ok(label.startsWith('First line second line word'));
			assert.ok(!/\s{2}|\n/.test(label));
		});

		it('is the task id without a prompt, or with a blank one', function () {
			assert.equal(buildTaskRow(task({ state: 'unknown' }), NOW).label, ID);
			assert.equal(buildTaskRow(task({ ...succeeded, prompt: ' \n\t ' }), NOW).label, ID);
		});
	});

	describe('description', function () {
		it('"succeeded · 3 min. ago" from created_at', function () {
			assert.equal(buildTaskRow(task(succeeded), NOW).description, 'succeeded · 3 min. ago');
		});

		it('uses addedAt for a task not fetched yet', function () {
			assert.equal(buildTaskRow(task({ state: 'unknown' }), NOW).description, 'not fetched yet · 10 min. ago');
		});

		it('shows the raw state word, other ages, and a failed refresh', function () {
			assert.equal(buildTaskRow(task({ state: 'running', rawState: 'upscaling', createdAt: NOW - 2 * 3600_000 }), NOW).description, 'upscaling · 2 hr. ago');
			assert.equal(buildTaskRow(task({ state: 'notFound', createdAt: NOW - 3 * 86_400_000 }), NOW).description, 'not found · 3 days ago');
			assert.equal(buildTaskRow(task({ state: 'notFound', createdAt: NOW - 86_400_000 }), NOW).description, 'not found · yesterday');
			assert.equal(buildTaskRow(task({ state: 'pending', createdAt: NOW - 5000 }), NOW).description, 'pending · just now');
			assert.equal(buildTaskRow(task({ state: 'running', createdAt: NOW + 60_000 }), NOW).description, 'running · just now', 'clock skew reads as just now');
			assert.equal(
				buildTaskRow(task({ state: 'running', createdAt: NOW - 60_000 }, { staleReason: 'HTTP 502' }), NOW).description,
				'running · 1 min. ago · refresh failed',
			);
		});
	});

	describe('icon', function () {
		const expected: Record<TaskState, string> = {
			pending: 'clock',
			running: 'loading~spin',
			succeeded: 'pass-filled',
			failed: 'error',
			notFound: 'question',
			unknown: 'circle-outline',
		};
		for (const [state, icon] of Object.entries(expected) as [TaskState, string][]) {
			it(`${state} -> ${icon}`, function () {
				assert.equal(buildTaskRow(task({ state }), NOW).icon.id, icon);
			});
		}

		it('each state has its own icon', function () {
			assert.equal(new Set(Object.values(expected)).size, 6);
		});

		it('a stale task shows a warning, except a failed one keeps its error icon', function () {
			assert.equal(buildTaskRow(task({ state: 'running' }, { staleReason: 'x' }), NOW).icon.id, 'warning');
			assert.equal(buildTaskRow(task({ state: 'succeeded' }, { staleReason: 'x' }), NOW).icon.id, 'warning');
			assert.equal(buildTaskRow(task({ state: 'failed' }, { staleReason: 'x' }), NOW).icon.id, 'error');
		});
	});

	describe('contextValue', function () {
		const tokens = (t: TrackedTask): string[] => buildTaskRow(t, NOW).contextValue.split(' ').sort();

		it('a succeeded task with a video, a video id and a trace id', function () {
			assert.deepEqual(tokens(task(succeeded)), ['canFollowUp', 'hasRequest', 'hasTrace', 'hasVideo', 'state:succeeded', 'task']);
		});

		it('hasRequest (Generate Again) for any state of a generation with a prompt, not for follow-ups; no canExtend any more', function () {
			for (const state of ['pending', 'running', 'succeeded', 'failed'] as const) {
				assert.ok(tokens(task({ state, action: 'text2video', prompt: 'p' })).includes('hasRequest'), state);
			}
			assert.ok(tokens(task({ state: 'failed', action: 'ingredients2video', prompt: 'p' })).includes('hasRequest'));
			assert.ok(!tokens(task({ state: 'succeeded', action: 'get1080p', prompt: 'Get 1080p: p' })).includes('hasRequest'));
			assert.ok(!tokens(task({ state: 'succeeded', prompt: 'p' })).includes('hasRequest'));
			assert.ok(!tokens(task({ ...succeeded, model: 'veo31-fast' })).includes('canExtend'));
		});

		it('a running task', function () {
			assert.deepEqual(tokens(task({ state: 'running' })), ['state:running', 'task']);
		});

		it('stale adds "stale"', function () {
			assert.deepEqual(tokens(task({ state: 'pending' }, { staleReason: 'x' })), ['stale', 'state:pending', 'task']);
		});

		it('no hasVideo for a URL the player may not load', function () {
			for (const videoUrl of [
				'javascript:alert(1)',
				'data:video/mp4;base64,AAAA',
				'file:///etc/passwd',
				'http://public.example/v.mp4',
				'https://user:pw@cdn.example/v.mp4',
				'not a url',
			]) {
				assert.ok(!tokens(task({ ...succeeded, videoUrl })).includes('hasVideo'), videoUrl);
			}
			assert.ok(tokens(task({ ...succeeded, videoUrl: 'http://127.0.0.1:8123/files/sample.mp4' })).includes('hasVideo'));
		});

		it('no canFollowUp without a video id or when not succeeded', function () {
			assert.ok(!tokens(task({ ...succeeded, videoId: undefined })).includes('canFollowUp'));
			assert.ok(!tokens(task({ ...succeeded, state: 'failed' })).includes('canFollowUp'));
		});

		it("matches package.json's view/item/context when-clauses as intended", function () {
			const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
				contributes: { menus: Record<string, { command: string; when?: string }[]> };
			};
			const items = manifest.contributes.menus['view/item/context'];
			const regexOf = (token: string): RegExp => {
				const clause = items.map((item) => item.when ?? '').find((when) => when.includes(`\\b${token}\\b`));
				assert.ok(clause, `a when-clause uses ${token}`);
				const match = /viewItem =~ \/(.+?)\//.exec(clause);
				assert.ok(match);
				return new RegExp(match[1]);
			};
			const withVideo = buildTaskRow(task(succeeded), NOW).contextValue;
			const without = buildTaskRow(task({ state: 'running' }), NOW).contextValue;
			assert.ok(regexOf('task').test(withVideo) && regexOf('task').test(without));
			assert.ok(regexOf('hasVideo').test(withVideo));
			assert.ok(!regexOf('hasVideo').test(without));
		});
	});

	describe('tooltip', function () {
		it('holds the fields of the task', function () {
			const tooltip = buildTaskRow(task({ ...succeeded, createdAt: NOW - 5 * 60_000 }), NOW, false, { locale: 'en-US', timeZone: 'Europe/Berlin' }).tooltip;
			const visible = plain(tooltip);
			// Times on the user's clock (here Berlin, UTC+2 in July), the duration between them.
			for (const expected of [
				'Task ID:',
				'State:** succeeded',
				'Model:** veo3',
				'Action:** text2video',
				'Prompt:** A lighthouse on a cliff at golden hour',
				'Created:** Jul 25, 2025, 01:55:00 PM GMT+2',
				'Completed:** Jul 25, 2025, 01:57:00 PM GMT+2',
				'Duration:** took 2 min',
				'Video:',
				'Trace ID:',
			]) {
				assert.ok(visible.includes(expected), `missing ${JSON.stringify(expected)} in\n${tooltip}`);
			}
			assert.ok(!visible.includes('Reason'));
			assertSafeMarkdown(tooltip);
		});

		it('puts the task id, the video URL and the trace id in code spans', function () {
			const { code } = splitCodeSpans(buildTaskRow(task(succeeded), NOW).tooltip);
			const spans = code.map((c) => c.trim());
			assert.ok(spans.includes(ID));
			assert.ok(spans.includes(VIDEO_URL));
			assert.ok(spans.includes(TRACE));
		});

		it('a failed task shows the reason; notFound and unknown explain themselves; stale shows the refresh error', function () {
			assert.match(plain(buildTaskRow(task({ state: 'failed', failureReason: 'Blocked by the filter.' }), NOW).tooltip), /Reason:\*\* Blocked by the filter\./);
			assert.match(buildTaskRow(task({ state: 'notFound' }), NOW).tooltip, /did not return this task/);
			assert.match(buildTaskRow(task({ state: 'unknown' }), NOW).tooltip, /Not fetched yet/);
			assert.match(plain(buildTaskRow(task({ state: 'running' }, { staleReason: 'HTTP 502.' }), NOW).tooltip), /Last refresh failed:\*\* HTTP 502\./);
		});

		it('puts each field on its own line (two trailing spaces)', function () {
			const lines = buildTaskRow(task(succeeded), NOW).tooltip.split('\n');
			assert.ok(lines.length >= 8);
			for (const line of lines.slice(0, -1)) {
				assert.ok(line.endsWith('  '), JSON.stringify(line));
			}
		});

		const hostile = [
			'[x](http://evil)',
			'![i](http://evil/x.png)',
			'<img src=x onerror=alert(1)>',
			'<script>alert(1)</script>',
			'&lt;img src=x onerror=alert(1)&gt; &#60;b&#62;',
			'\\[x](http://evil) \\\\![i](http://evil/x.png)',
			'[x][ref]\n\n[ref]: http://evil\n\n# Heading',
			'see www.evil.example and https://evil.example/path',
			'`code` ``[x](http://evil)``',
			'<http://evil> <a href="http://evil">x</a>',
			'[x](javascript:alert(1))',
		];
		for (const evil of hostile) {
			it(`escapes ${JSON.stringify(evil)} in every text field`, function () {
				const summary: TaskSummary = {
					state: 'failed',
					rawState: evil,
					prompt: evil,
					model: evil,
					action: evil,
					completedAt: evil,
					failureReason: evil,
					traceId: evil,
					videoUrl: evil,
				};
				const tooltip = buildTaskRow(task(summary, { staleReason: evil }), NOW).tooltip;
				assertSafeMarkdown(tooltip);
				// What the reader sees is still the original text (flattened to one line).
				const flat = evil.replace(/\s+/g, ' ').trim();
				assert.ok(plain(tooltip).includes(flat), `the text ${JSON.stringify(flat)} is shown as is in\n${tooltip}`);
			});
		}

		it('a video URL or trace id full of backticks stays inside one code span', function () {
			for (const videoUrl of ['https://cdn.example/v.mp4?`a`](http://evil)', 'https://cdn.example/``x```y`', '`https://cdn.example/v.mp4`']) {
				const tooltip = buildTaskRow(task({ ...succeeded, videoUrl, traceId: `\`\`\` ${videoUrl}` }), NOW).tooltip;
				const { code, text } = splitCodeSpans(tooltip);
				assert.ok(
					code.some((c) => c.includes(videoUrl)),
					`${videoUrl} not in one code span:\n${tooltip}`,
				);
				assert.deepEqual(unescapedSyntax(text), [], tooltip);
			}
		});

		it('a URL with a line break cannot start a new Markdown block', function () {
			const tooltip = buildTaskRow(task({ ...succeeded, videoUrl: 'https://cdn.example/v.mp4\n\n[x](http://evil)\r\n<img src=x>' }), NOW).tooltip;
			assertSafeMarkdown(tooltip);
		});

		it('shortens a huge prompt', function () {
			const tooltip = buildTaskRow(task({ ...succeeded, prompt: 'x'.repeat(100_000) }), NOW).tooltip;
			assert.ok(tooltip.length < 2000, `${tooltip.length} chars`);
		});
	});

	it('passes hasChildren through', function () {
		assert.equal(buildTaskRow(task(succeeded), NOW, true).hasChildren, true);
		assert.equal(buildTaskRow(task(succeeded), NOW).hasChildren, false);
	});
});

describe('buildTaskRow: stalled tasks and times', function () {
	const display = { locale: 'en-US', timeZone: 'UTC', giveUpAfterMs: 30 * 60_000 };
	const stuck = (): TrackedTask => task({ state: 'running', prompt: 'Stuck', createdAt: NOW - 2 * 3600_000 });

	it('an active task past the give-up time shows as stalled, with its own icon and a `stalled` token', function () {
		const row = buildTaskRow(stuck(), NOW, false, display);
		assert.equal(row.description, 'stalled · 2 hr. ago');
		assert.equal(row.icon.id, 'watch');
		assert.notEqual(row.icon.id, buildTaskRow(task({ state: 'running', createdAt: NOW - 60_000 }), NOW, false, display).icon.id);
		const tokens = row.contextValue.split(' ');
		assert.ok(tokens.includes('stalled'));
		assert.ok(tokens.includes('state:running'), 'the menus of active rows still match');
	});

	it('the tooltip says since when, and that Refresh asks once more', function () {
		const tooltip = plain(buildTaskRow(stuck(), NOW, false, display).tooltip);
		assert.ok(tooltip.includes('Stalled since:** Jul 25, 2025, 10:30:00 AM UTC'), tooltip);
		assert.match(tooltip, /Still running 30 min after it was created: no longer polled automatically\. Refresh asks once more/);
		assert.ok(tooltip.includes('Duration:** running for 2 hr'), tooltip);
	});

	it('an unknown word stays visible beside stalled', function () {
		assert.equal(
			buildTaskRow(task({ state: 'running', rawState: 'upscaling', createdAt: NOW - 2 * 3600_000 }), NOW, false, display).description,
			'stalled (upscaling) · 2 hr. ago',
		);
	});

	it('not stalled: younger tasks, finished ones, or with the rule off', function () {
		assert.equal(buildTaskRow(task({ state: 'running', createdAt: NOW - 29 * 60_000 }), NOW, false, display).description, 'running · 29 min. ago');
		assert.equal(buildTaskRow(task({ ...succeeded, createdAt: NOW - 2 * 3600_000 }), NOW, false, display).description, 'succeeded · 2 hr. ago');
		assert.equal(buildTaskRow(stuck(), NOW, false, { ...display, giveUpAfterMs: 0 }).description, 'running · 2 hr. ago');
		assert.ok(!buildTaskRow(stuck(), NOW).contextValue.includes('stalled'), 'no setting given: never');
	});

	it('a completion time the server wrote oddly is shown as written', function () {
		const tooltip = plain(buildTaskRow(task({ ...succeeded, completedAtMs: undefined, completedAt: 'tomorrow-ish' }), NOW, false, display).tooltip);
		assert.ok(tooltip.includes('Completed:** tomorrow-ish'));
		assert.ok(!tooltip.includes('Duration'), 'no end, no duration');
	});
});
