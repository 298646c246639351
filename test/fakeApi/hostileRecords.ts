/**
 * A catalogue of hostile answers to `retrieve_batch`: markup and Markdown in every field that reaches
 * the UI, wrong shapes, odd encodings and broken bodies. Served by the fake API through `enqueue`,
 * and used both by the fast unit tests (test/unit/adversarial/hostileAnswers.test.ts) and by the suite that
 * drives the real extension in VS Code (test/suite/adversarial/hostileAnswers.test.ts).
 *
 * Like the rest of the fake, it describes what a server might send, not what the extension does
 * with it: expectations are written as plain words, not with types from src/.
 */
import type { RawFault } from './faults';
import { failedTask, pendingTask, runningTask, succeededTask, unknownStateTask, type TaskRecord } from './records';

export type HostileKind = 'injection' | 'shape' | 'encoding';
export type ExpectedState = 'pending' | 'running' | 'succeeded' | 'failed' | 'notFound' | 'unknown';

/** Fields of what the extension derives from a record, with the exact text the server sent. */
export interface LiteralFields {
	prompt?: string;
	model?: string;
	action?: string;
	failureReason?: string;
	traceId?: string;
	videoUrl?: string;
	videoId?: string;
	rawState?: string;
	completedAt?: string;
	/** Epoch milliseconds. */
	createdAt?: number;
}

export interface HostileContext {
	/** The subject of the case (ids[0]) and a bystander in the same batch (ids[1]); both tracked. */
	ids: [string, string];
	/** A well-formed task ID that nobody asked for. */
	strangerId: string;
	/** The fake's sample video, an http URL on loopback. */
	sampleVideoUrl: string;
}

export interface HostileExpectation {
	/** When set, the refresh reports an error of one of these kinds and the rows keep what they had. */
	errorKinds?: string[];
	/** States of [subject, bystander] after the refresh (for an error: what they were, 'unknown'). */
	states: [ExpectedState, ExpectedState];
	/** What the extension must derive, character for character. */
	literal?: LiteralFields;
	/** Whether the panel may play the subject's video URL / offer it to the browser. */
	playable?: boolean;
	openable?: boolean;
	/** Text the task JSON view must contain as is (keys of the JSON, say). */
	jsonContains?: string[];
	/** The answer is large: the UI may cut what it shows, so `literal` is checked by prefix only. */
	large?: boolean;
}

export interface HostileCase {
	name: string;
	kind: HostileKind;
	answer(context: HostileContext): RawFault;
	expect: HostileExpectation;
}

/** Every payload sets this global if it ever runs as script; the page reports it. */
export const INJECTED_GLOBAL = '__veoInjected';

const SCRIPT = `<script>window.${INJECTED_GLOBAL}=1</script>`;
const IMG = `<img src=x onerror="window.${INJECTED_GLOBAL}=2">`;
const BREAKOUT = `"'><svg onload=window.${INJECTED_GLOBAL}=3>`;
const MD_LINKS =
	'[click me](https://evil.example/steal) ![pixel](https://evil.example/p.png) [run](command:workbench.action.terminal.new) <https://evil.example/auto> www.evil.example';
/** Hosts a test may look for in rendered output: none of them may become a link or an image. */
export const EVIL_HOSTS = ['evil.example'];

function batch(items: unknown[], extra: Record<string, unknown> = {}): RawFault {
	return { status: 200, body: { items, count: items.length, ...extra } };
}

/** The bystander: a plain running task, so every batch also carries one record that must apply. */
function bystander(context: HostileContext): TaskRecord {
	return runningTask({ id: context.ids[1], prompt: 'An ordinary running task' });
}

/** A batch with the subject's record (as built by `subject`) and the bystander. */
function withSubject(subject: (context: HostileContext) => unknown): (context: HostileContext) => RawFault {
	return (context) => batch([subject(context), bystander(context)]);
}

/** A batch whose JSON text is edited after serialising (for what JSON.stringify cannot produce). */
function rawBatch(
	subject: (context: HostileContext) => TaskRecord,
	edit: (json: string) => string,
	headers?: Record<string, string>,
): (context: HostileContext) => RawFault {
	return (context) => ({
		status: 200,
		body: edit(JSON.stringify({ items: [subject(context), bystander(context)], count: 2 })),
		headers: { 'content-type': 'application/json', ...headers },
	});
}

function deeplyNested(depth: number): string {
	return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function injection(name: string, answer: (context: HostileContext) => RawFault, expect: HostileExpectation): HostileCase {
	return { name, kind: 'injection', answer, expect };
}

function shape(name: string, answer: (context: HostileContext) => RawFault, expect: HostileExpectation): HostileCase {
	return { name, kind: 'shape', answer, expect };
}

function encoding(name: string, answer: (context: HostileContext) => RawFault, expect: HostileExpectation): HostileCase {
	return { name, kind: 'encoding', answer, expect };
}

const FAILED_BATCH: HostileExpectation = { errorKinds: ['badResponse'], states: ['unknown', 'unknown'] };
const BIG_PROMPT = 'A very long prompt. '.repeat(262_144); // 5 MB
const NOW_SECONDS = 1_753_435_158.509;

export const HOSTILE_CASES: readonly HostileCase[] = [
	// ---- Script, markup and Markdown in every field that reaches the UI --------------------------
	injection(
		'prompt: a <script> element',
		withSubject((c) => pendingTask({ id: c.ids[0], prompt: `Sunset ${SCRIPT}` })),
		{
			states: ['pending', 'running'],
			literal: { prompt: `Sunset ${SCRIPT}` },
		},
	),
	injection(
		'prompt: an <img> with an onerror handler',
		withSubject((c) => pendingTask({ id: c.ids[0], prompt: `Forest ${IMG}` })),
		{
			states: ['pending', 'running'],
			literal: { prompt: `Forest ${IMG}` },
		},
	),
	injection(
		'prompt: an attribute breakout into <svg onload>',
		withSubject((c) => pendingTask({ id: c.ids[0], prompt: BREAKOUT })),
		{
			states: ['pending', 'running'],
			literal: { prompt: BREAKOUT },
		},
	),
	injection(
		'prompt: Markdown links, images, a command link and autolinks',
		withSubject((c) => pendingTask({ id: c.ids[0], prompt: MD_LINKS })),
		{
			states: ['pending', 'running'],
			literal: { prompt: MD_LINKS },
		},
	),
	injection(
		'prompt: CR, CRLF and U+2028 line breaks that would end a paragraph',
		withSubject((c) => pendingTask({ id: c.ids[0], prompt: 'line\r\r[cr](https://evil.example/cr)\r\n\r\n![i](https://evil.example/i.png)\u2028<b>bold</b>' })),
		{ states: ['pending', 'running'], literal: { prompt: 'line\r\r[cr](https://evil.example/cr)\r\n\r\n![i](https://evil.example/i.png)\u2028<b>bold</b>' } },
	),
	injection(
		'prompt: HTML entities stay as typed',
		withSubject((c) => pendingTask({ id: c.ids[0], prompt: '&lt;script&gt; &amp; &#60;b&#62; &quot; &#x3C;i&#x3E;' })),
		{
			states: ['pending', 'running'],
			literal: { prompt: '&lt;script&gt; &amp; &#60;b&#62; &quot; &#x3C;i&#x3E;' },
		},
	),
	injection(
		'prompt: control and bidirectional characters',
		withSubject((c) => pendingTask({ id: c.ids[0], prompt: 'bell\u0007 rtl\u202eexe.mp4\u202c zw\u200bsp tab\there' })),
		{
			states: ['pending', 'running'],
			literal: { prompt: 'bell\u0007 rtl\u202eexe.mp4\u202c zw\u200bsp tab\there' },
		},
	),
	injection(
		'prompt: template, format and theme-icon syntax',
		withSubject((c) => pendingTask({ id: c.ids[0], prompt: '${7*7} {{7*7}} $(alert) %s %n `code` **bold**' })),
		{
			states: ['pending', 'running'],
			literal: { prompt: '${7*7} {{7*7}} $(alert) %s %n `code` **bold**' },
		},
	),
	injection(
		'error message: a <script>, a command link and a web link',
		withSubject((c) => failedTask({ id: c.ids[0], errorMessage: `${SCRIPT} [Fix it](command:workbench.action.openSettings) [site](https://evil.example/x)` })),
		{ states: ['failed', 'running'], literal: { failureReason: `${SCRIPT} [Fix it](command:workbench.action.openSettings) [site](https://evil.example/x)` } },
	),
	injection(
		'error message: `error` is a bare string of markup',
		withSubject((c) => ({ ...pendingTask({ id: c.ids[0] }), response: { success: false, task_id: c.ids[0], error: IMG } })),
		{ states: ['failed', 'running'], literal: { failureReason: IMG } },
	),
	injection(
		'model: markup and a Markdown link',
		withSubject((c) => pendingTask({ id: c.ids[0], model: `veo3${IMG}[m](https://evil.example/m)` })),
		{
			states: ['pending', 'running'],
			literal: { model: `veo3${IMG}[m](https://evil.example/m)` },
		},
	),
	injection(
		'action: a <script> element',
		withSubject((c) => pendingTask({ id: c.ids[0], action: `text2video${SCRIPT}` })),
		{
			states: ['pending', 'running'],
			literal: { action: `text2video${SCRIPT}` },
		},
	),
	injection(
		'trace_id: backticks around a Markdown link',
		withSubject((c) => pendingTask({ id: c.ids[0], traceId: '`` ` [t](https://evil.example/t) ` ``' })),
		{
			states: ['pending', 'running'],
			literal: { traceId: '`` ` [t](https://evil.example/t) ` ``' },
		},
	),
	injection(
		'trace_id: blank lines (lone CRs) that would end a code span',
		withSubject((c) => pendingTask({ id: c.ids[0], traceId: 'abc\r\r[t](https://evil.example/t)\r\r![i](https://evil.example/i.png)' })),
		{
			states: ['pending', 'running'],
			literal: { traceId: 'abc\r\r[t](https://evil.example/t)\r\r![i](https://evil.example/i.png)' },
		},
	),
	injection(
		'video id: markup (what follow-ups send back)',
		withSubject((c) => succeededTask({ id: c.ids[0], videoId: SCRIPT, videoUrl: c.sampleVideoUrl })),
		{
			states: ['succeeded', 'running'],
			literal: { videoId: SCRIPT },
			playable: true,
		},
	),
	injection(
		'video_url: javascript:',
		withSubject((c) => succeededTask({ id: c.ids[0], videoUrl: `javascript:window.${INJECTED_GLOBAL}=7//.mp4` })),
		{
			states: ['succeeded', 'running'],
			literal: { videoUrl: `javascript:window.${INJECTED_GLOBAL}=7//.mp4` },
			playable: false,
			openable: false,
		},
	),
	injection(
		'video_url: JaVaScRiPt: with a tab and spaces',
		withSubject((c) => succeededTask({ id: c.ids[0], videoUrl: `  JaVa\tScRiPt:window.${INJECTED_GLOBAL}=8` })),
		{
			states: ['succeeded', 'running'],
			playable: false,
			openable: false,
		},
	),
	injection(
		'video_url: data:text/html',
		withSubject((c) => succeededTask({ id: c.ids[0], videoUrl: `data:text/html,${SCRIPT}` })),
		{
			states: ['succeeded', 'running'],
			literal: { videoUrl: `data:text/html,${SCRIPT}` },
			playable: false,
			openable: false,
		},
	),
	injection(
		'video_url: vbscript:',
		withSubject((c) => succeededTask({ id: c.ids[0], videoUrl: 'vbscript:msgbox("x")' })),
		{
			states: ['succeeded', 'running'],
			literal: { videoUrl: 'vbscript:msgbox("x")' },
			playable: false,
			openable: false,
		},
	),
	injection(
		'video_url: plain http on a public host',
		withSubject((c) => succeededTask({ id: c.ids[0], videoUrl: 'http://evil.example/video.mp4' })),
		{
			states: ['succeeded', 'running'],
			literal: { videoUrl: 'http://evil.example/video.mp4' },
			playable: false,
			openable: true,
		},
	),
	injection(
		'video_url: quotes and angle brackets in an https URL',
		withSubject((c) => succeededTask({ id: c.ids[0], videoUrl: `https://cdn.invalid/v"><script>window.${INJECTED_GLOBAL}=10</script>'.mp4` })),
		{
			states: ['succeeded', 'running'],
			literal: { videoUrl: `https://cdn.invalid/v"><script>window.${INJECTED_GLOBAL}=10</script>'.mp4` },
			playable: true,
			openable: true,
		},
	),
	injection(
		'video_url: file:',
		withSubject((c) => succeededTask({ id: c.ids[0], videoUrl: 'file:///etc/passwd' })),
		{
			states: ['succeeded', 'running'],
			playable: false,
			openable: false,
		},
	),
	injection(
		'video_url: a command: URI',
		withSubject((c) => succeededTask({ id: c.ids[0], videoUrl: 'command:workbench.action.terminal.new' })),
		{
			states: ['succeeded', 'running'],
			playable: false,
			openable: false,
		},
	),
	injection(
		'video_url: https with a user name and password',
		withSubject((c) => succeededTask({ id: c.ids[0], videoUrl: 'https://user:pass@cdn.invalid/v.mp4' })),
		{
			states: ['succeeded', 'running'],
			playable: false,
		},
	),
	injection(
		'JSON keys: markup, __proto__ and constructor',
		rawBatch(
			(c) => pendingTask({ id: c.ids[0] }),
			(json) =>
				json.replace(
					'{"_id"',
					`{"${SCRIPT.replace(/"/g, '\\"')}":"${IMG.replace(/"/g, '\\"')}","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"_id"`,
				),
		),
		{ states: ['pending', 'running'], jsonContains: [`"${SCRIPT}"`, '"__proto__"'] },
	),
	injection(
		'state word: markup',
		withSubject((c) => unknownStateTask({ id: c.ids[0], state: `<img src=x onerror=window.${INJECTED_GLOBAL}=12>` })),
		{
			states: ['running', 'running'],
			// The word is compared in lower case, and so shown.
			literal: { rawState: `<img src=x onerror=window.${INJECTED_GLOBAL.toLowerCase()}=12>` },
		},
	),
	injection(
		'complete_at: markup',
		withSubject((c) => {
			const record = succeededTask({ id: c.ids[0], videoUrl: c.sampleVideoUrl });
			// Without the top-level finished_at (which wins when present), the video's complete_at is what the panel shows.
			delete record.finished_at;
			return { ...record, response: { ...record.response, data: [{ ...record.response?.data?.[0], complete_at: SCRIPT }] } };
		}),
		{ states: ['succeeded', 'running'], literal: { completedAt: SCRIPT }, playable: true },
	),
	injection(
		'ids: the task id in upper case with spaces, and markup in _id',
		withSubject((c) => ({ ...runningTask({ id: c.ids[0] }), id: `  ${c.ids[0].toUpperCase()} `, _id: SCRIPT })),
		{
			states: ['running', 'running'],
		},
	),

	// ---- Wrong shapes ----------------------------------------------------------------------------
	shape('items is an object', (c) => ({ status: 200, body: { items: { 0: pendingTask({ id: c.ids[0] }) }, count: 1 } }), FAILED_BATCH),
	shape('items is a string', () => ({ status: 200, body: { items: 'none', count: 0 } }), FAILED_BATCH),
	shape('the list is under another key (data)', (c) => ({ status: 200, body: { data: [pendingTask({ id: c.ids[0] })], count: 1 } }), FAILED_BATCH),
	shape('the answer is a bare array of records', (c) => ({ status: 200, body: [pendingTask({ id: c.ids[0] })] }), FAILED_BATCH),
	shape('the answer is JSON null', () => ({ status: 200, body: 'null', headers: { 'content-type': 'application/json' } }), FAILED_BATCH),
	shape(
		'response.data is one object, not a list',
		withSubject((c) => {
			const record = succeededTask({ id: c.ids[0], videoUrl: c.sampleVideoUrl });
			return { ...record, response: { ...record.response, data: record.response?.data?.[0] } };
		}),
		{ states: ['succeeded', 'running'], playable: true },
	),
	shape(
		'numbers as strings and strings as numbers',
		withSubject((c) => {
			const record = succeededTask({ id: c.ids[0], videoUrl: c.sampleVideoUrl });
			return { ...record, created_at: String(NOW_SECONDS), response: { ...record.response, data: [{ ...record.response?.data?.[0], id: 12345 }] } };
		}),
		{ states: ['succeeded', 'running'], literal: { videoId: '12345', createdAt: Math.round(NOW_SECONDS * 1000) } },
	),
	shape(
		'created_at in milliseconds',
		withSubject((c) => pendingTask({ id: c.ids[0], createdAt: Math.round(NOW_SECONDS * 1000) })),
		{
			states: ['pending', 'running'],
			literal: { createdAt: Math.round(NOW_SECONDS * 1000) },
		},
	),
	shape(
		'created_at as a date string',
		withSubject((c) => ({ ...pendingTask({ id: c.ids[0] }), created_at: '2025-07-25 09:19:18' })),
		{
			states: ['pending', 'running'],
			// The provider's zone-less strings are UTC+8 wall-clock times (docs/api.md, "Times").
			literal: { createdAt: Date.UTC(2025, 6, 25, 1, 19, 18) },
		},
	),
	shape(
		'created_at absurd: 1e300',
		withSubject((c) => ({ ...pendingTask({ id: c.ids[0] }), created_at: 1e300 })),
		{ states: ['pending', 'running'] },
	),
	shape(
		'created_at absurd: negative, an object',
		withSubject((c) => ({ ...pendingTask({ id: c.ids[0] }), created_at: -5, request: { prompt: { toString: 'x' }, model: ['veo3'] } })),
		{
			states: ['pending', 'running'],
		},
	),
	shape(
		'a record without an id (the subject is then not found)',
		withSubject((c) => {
			const record: Record<string, unknown> = { ...pendingTask({ id: c.ids[0] }) };
			delete record.id;
			return record;
		}),
		{ states: ['notFound', 'running'] },
	),
	shape(
		'a record for an ID nobody asked for (ignored, not tracked)',
		(c) => batch([pendingTask({ id: c.ids[0] }), succeededTask({ id: c.strangerId }), bystander(c)]),
		{
			states: ['pending', 'running'],
		},
	),
	shape(
		'the same ID twice (the last record wins)',
		(c) => batch([runningTask({ id: c.ids[0] }), succeededTask({ id: c.ids[0], videoUrl: c.sampleVideoUrl }), bystander(c)]),
		{ states: ['succeeded', 'running'], playable: true },
	),
	shape('count disagrees with items', (c) => batch([pendingTask({ id: c.ids[0] }), bystander(c)], { count: 999, total: -1 }), {
		states: ['pending', 'running'],
	}),
	shape(
		'an undocumented state word',
		withSubject((c) => unknownStateTask({ id: c.ids[0], state: 'Upscaling' })),
		{
			states: ['running', 'running'],
			literal: { rawState: 'upscaling' },
		},
	),
	shape(
		'items with null, numbers, strings and arrays among the records',
		(c) => batch([null, 42, 'task', [pendingTask({ id: c.ids[0] })], pendingTask({ id: c.ids[0] }), bystander(c)]),
		{
			states: ['pending', 'running'],
		},
	),
	shape(
		'response is a string, request is an array',
		withSubject((c) => ({ ...pendingTask({ id: c.ids[0] }), request: [SCRIPT], response: SCRIPT })),
		{
			states: ['pending', 'running'],
		},
	),
	shape(
		'a 5 MB record',
		withSubject((c) => pendingTask({ id: c.ids[0], prompt: BIG_PROMPT })),
		{
			states: ['pending', 'running'],
			literal: { prompt: BIG_PROMPT },
			large: true,
		},
	),
	shape(
		'JSON nested 10,000 deep',
		rawBatch(
			(c) => pendingTask({ id: c.ids[0], prompt: 'Deep record' }),
			(json) => json.replace('"type":"videos"', `"type":"videos","deep":${deeplyNested(10_000)}`),
		),
		{ states: ['pending', 'running'], literal: { prompt: 'Deep record' } },
	),

	// ---- Encodings and bodies --------------------------------------------------------------------
	encoding(
		'invalid UTF-8 in a string',
		rawBatch(
			(c) => pendingTask({ id: c.ids[0], prompt: 'caf__INVALID__' }),
			(json) => json,
		),
		{ states: ['pending', 'running'], literal: { prompt: 'caf\ufffd(\ufffd' } },
	),
	encoding(
		'a byte-order mark before the JSON',
		rawBatch(
			(c) => pendingTask({ id: c.ids[0], prompt: 'After a BOM' }),
			(json) => `\ufeff${json}`,
		),
		{ states: ['pending', 'running'], literal: { prompt: 'After a BOM' } },
	),
	encoding(
		'content-type says text/html, the body is JSON',
		rawBatch(
			(c) => pendingTask({ id: c.ids[0], prompt: 'Labelled as HTML' }),
			(json) => json,
			{ 'content-type': 'text/html; charset=utf-8' },
		),
		{ states: ['pending', 'running'], literal: { prompt: 'Labelled as HTML' } },
	),
	encoding(
		'content-type says JSON, the body is an HTML page',
		() => ({ status: 200, body: `<!DOCTYPE html><html><body><h1>Gateway</h1>${SCRIPT}</body></html>`, headers: { 'content-type': 'application/json' } }),
		FAILED_BATCH,
	),
	encoding('an HTML page with status 200', () => ({ status: 200, body: `<html><head><title>Login</title></head><body>${IMG}</body></html>` }), FAILED_BATCH),
	encoding('an empty body with status 200', () => ({ status: 200 }), FAILED_BATCH),
	encoding(
		'JSON cut off, with a content-length that matches',
		(c) => ({ status: 200, body: JSON.stringify({ items: [pendingTask({ id: c.ids[0] })] }).slice(0, 120), headers: { 'content-type': 'application/json' } }),
		FAILED_BATCH,
	),
	encoding(
		'body cut off mid-way (the connection drops before content-length)',
		(c) => ({ status: 200, body: { items: [pendingTask({ id: c.ids[0] }), bystander(c)], count: 2 }, cutAfterBytes: 150 }),
		{ errorKinds: ['network', 'badResponse'], states: ['unknown', 'unknown'] },
	),
];

/**
 * The invalid-UTF-8 case needs bytes JSON.stringify cannot make: `__INVALID__` in its body is
 * replaced by 0xC3 0x28 0xA0 (a lead byte followed by a non-continuation, then a lone continuation).
 */
export function hostileAnswer(hostile: HostileCase, context: HostileContext): RawFault {
	const fault = hostile.answer(context);
	if (typeof fault.body === 'string' && fault.body.includes('__INVALID__')) {
		const [before, after] = fault.body.split('__INVALID__');
		return { ...fault, body: Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xc3, 0x28, 0xa0]), Buffer.from(after, 'utf8')]) };
	}
	return fault;
}

export function countByKind(cases: readonly HostileCase[] = HOSTILE_CASES): Record<HostileKind, number> {
	const counts: Record<HostileKind, number> = { injection: 0, shape: 0, encoding: 0 };
	for (const hostile of cases) {
		counts[hostile.kind]++;
	}
	return counts;
}

/**
 * A 2xx record from a gateway that echoes the request's Authorization header into every field it
 * fills: as sent, upper-cased, and folded across a line break (as header folding and log wrapping do).
 * `authorization` is the header the request carried ("Bearer <token>").
 */
export function tokenEchoRecord(id: string, authorization: string, videoUrl: string): TaskRecord {
	const folded = `${authorization.slice(0, 14)}\r\n ${authorization.slice(14)}`;
	const record = succeededTask({
		id,
		prompt: `echo ${authorization}`,
		model: authorization.toUpperCase(),
		action: folded,
		traceId: authorization,
		videoId: authorization,
		videoUrl: `${videoUrl}?auth=${encodeURIComponent(authorization)}&raw=${authorization}`,
	});
	return { ...record, trace_id: folded, [`echo ${authorization}`]: authorization.toLowerCase() } as TaskRecord;
}
