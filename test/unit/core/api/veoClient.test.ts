/**
 * VeoClient against the fake Veo API over real HTTP on 127.0.0.1: every error row of docs/api.md,
 * the answers proxies give, timeouts that cover the body, and what is (not) sent.
 */
import * as assert from 'node:assert/strict';
import { VeoClient, type RequestLogEntry, type VeoClientOptions } from '../../../../src/core/api/veoClient';
import { baseUrlProblem, isLoopbackHost, normalizeBaseUrl } from '../../../../src/core/api/urlPolicy';
import { parseRetryAfter, VeoError, type VeoErrorKind } from '../../../../src/core/api/veoError';
import { startFakeVeoServer, type ErrorFault, type FakeVeoServer, type Fault } from '../../../fakeApi/fakeVeoServer';
import { newTaskId, pendingTask, succeededTask } from '../../../fakeApi/records';

const TOKEN = 'sk-unit-7f3a9c2e5b1d4f60a8e2c9b7d3f1e0aa';
const TIMEOUT_MS = 300;

/** Every message a test produced, checked at the end for the token. */
const messagesSeen: string[] = [];

async function rejection(promise: Promise<unknown>): Promise<VeoError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof VeoError, `expected a VeoError, got ${String(error)}`);
		messagesSeen.push(error.message);
		return error;
	}
	assert.fail('expected the call to fail');
}

function record(value: unknown): Record<string, unknown> {
	assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `expected an object, got ${JSON.stringify(value)}`);
	return value as Record<string, unknown>;
}

describe('VeoClient (against the fake Veo API)', function () {
	let server: FakeVeoServer;
	const known = [succeededTask(), pendingTask()];

	before(async function () {
		server = await startFakeVeoServer({ token: TOKEN, tasks: known });
	});

	after(async function () {
		await server.close();
		for (const message of messagesSeen) {
			assert.ok(!message.includes(TOKEN), `the token leaked into a message: ${message}`);
		}
	});

	beforeEach(function () {
		server.reset();
	});

	function client(options: Partial<VeoClientOptions> = {}): VeoClient {
		return new VeoClient({ baseUrl: server.url, getToken: () => TOKEN, timeoutMs: TIMEOUT_MS, ...options });
	}

	/** The error a retrieve_batch gets when the server answers with `fault`. */
	async function errorFor(fault: Fault, options: Partial<VeoClientOptions> = {}): Promise<VeoError> {
		server.enqueue(fault);
		return rejection(client(options).retrieveBatch([known[0].id]));
	}

	describe('what is sent', function () {
		it('POSTs retrieve_batch to /veo/tasks with the bearer token and JSON headers', async function () {
			const ids = known.map((task) => task.id);
			const records = await client().retrieveBatch(ids);
			assert.deepEqual(records.map((r) => r.id).sort(), [...ids].sort());
			assert.equal(server.requests.length, 1);
			const [request] = server.requests;
			assert.equal(request.method, 'POST');
			assert.equal(request.path, '/veo/tasks');
			assert.equal(request.headers.authorization, `Bearer ${TOKEN}`);
			assert.match(String(request.headers['content-type']), /^application\/json\b/);
			assert.match(String(request.headers.accept), /^application\/json\b/);
			assert.doesNotThrow(() => JSON.parse(request.rawBody));
		});

		it('sends limit equal to the number of ids and offset 0', async function () {
			const ids = Array.from({ length: 37 }, () => newTaskId());
			await client().retrieveBatch(ids);
			const body = record(server.requests[0].body);
			assert.equal(body.action, 'retrieve_batch');
			assert.deepEqual(body.ids, ids);
			assert.equal(body.limit, 37);
			assert.equal(body.offset, 0);
		});

		it('gets every one of 20 known tasks back although the server pages by 12 by default', async function () {
			const tasks = Array.from({ length: 20 }, () => pendingTask());
			tasks.forEach((task) => server.setTask(task));
			const records = await client().retrieveBatch(tasks.map((task) => task.id));
			assert.equal(records.length, 20);
		});

		it('asks for the token before every request, so a token set meanwhile is used at once', async function () {
			let token = 'sk-old-token-0000000000';
			const c = client({ getToken: async () => token });
			await rejection(c.retrieveBatch([known[0].id]));
			token = TOKEN;
			const records = await c.retrieveBatch([known[0].id]);
			assert.equal(records.length, 1);
			assert.equal(server.requests[1].headers.authorization, `Bearer ${TOKEN}`);
		});

		for (const base of ['/', '///', '/  ']) {
			it(`works with a base URL ending in ${JSON.stringify(base)}`, async function () {
				const records = await client({ baseUrl: `${server.url}${base}` }).retrieveBatch([known[0].id]);
				assert.equal(records.length, 1);
				assert.equal(server.requests[0].url, '/veo/tasks');
			});
		}

		it('reports each request to onRequest without the token or the body', async function () {
			const entries: RequestLogEntry[] = [];
			await client({ onRequest: (entry) => entries.push(entry) }).retrieveBatch([known[0].id, known[1].id]);
			assert.equal(entries.length, 1);
			assert.equal(entries[0].endpoint, '/veo/tasks');
			assert.equal(entries[0].action, 'retrieve_batch');
			assert.equal(entries[0].idCount, 2);
			assert.equal(entries[0].status, 200);
			assert.ok(!JSON.stringify(entries).includes(TOKEN));
			assert.ok(!JSON.stringify(entries).includes(known[0].id));
		});
	});

	describe('no token', function () {
		for (const [name, getToken] of [
			['undefined', () => undefined],
			['an empty string', () => ''],
			['a promise of undefined', async () => undefined],
		] as const) {
			it(`throws noToken for ${name} and sends nothing`, async function () {
				const error = await rejection(client({ getToken }).retrieveBatch([known[0].id]));
				assert.equal(error.kind, 'noToken');
				assert.match(error.message, /token/i);
				assert.equal(server.requests.length, 0);
			});
		}
	});

	describe('error rows of docs/api.md', function () {
		const rows: [code: ErrorFault['error'], status: number, kind: VeoErrorKind][] = [
			['token_mismatched', 400, 'auth'],
			['no_token', 400, 'auth'],
			['api_not_implemented', 400, 'badRequest'],
			['bad_request', 400, 'badRequest'],
			['disabled', 400, 'refused'],
			['invalid_token', 401, 'auth'],
			['token_expired', 401, 'auth'],
			['used_up', 403, 'quota'],
			['forbidden', 403, 'refused'],
			['no_api', 404, 'endpointNotFound'],
			['api_error', 500, 'server'],
		];
		for (const [code, status, kind] of rows) {
			it(`${status} ${code} -> ${kind}`, async function () {
				const error = await errorFor({ error: code });
				assert.equal(error.kind, kind);
				assert.equal(error.status, status);
				assert.equal(error.code, code);
				assert.ok(error.traceId && /^[0-9a-f-]{36}$/.test(error.traceId), `trace id kept: ${error.traceId}`);
				assert.ok(error.message.length > 10);
				assert.equal(error.isTransient, kind === 'server');
			});
		}

		it('a wrong token sent to a server that checks it -> auth', async function () {
			const error = await rejection(client({ getToken: () => 'sk-wrong' }).retrieveBatch([known[0].id]));
			assert.equal(error.kind, 'auth');
			assert.equal(error.status, 401);
		});

		it("403: used_up is the balance; forbidden and disabled are refusals that show the server's message", async function () {
			const usedUp = await errorFor({ error: 'used_up' });
			assert.match(usedUp.message, /balance .* is used up/);
			const forbidden = await errorFor({ error: 'forbidden', message: 'Prompt flagged\n\n by   moderation.' });
			assert.equal(forbidden.kind, 'refused');
			assert.match(forbidden.message, /refused the request \(content moderation/);
			assert.match(forbidden.message, /server said: Prompt flagged by moderation\./, 'flattened to one line');
			assert.doesNotMatch(forbidden.message, /balance/);
			server.enqueue({ status: 403, body: { success: false, error: { code: 'disabled', message: 'Application disabled.' }, trace_id: 't' } });
			const disabled = await rejection(client().retrieveBatch([known[0].id]));
			assert.equal(disabled.kind, 'refused');
			assert.match(disabled.message, /disabled/);
			assert.match(disabled.message, /server said: Application disabled\./);
			server.enqueue({ status: 403, body: '' });
			const bare = await rejection(client().retrieveBatch([known[0].id]));
			assert.equal(bare.kind, 'refused', 'a 403 without a code is not assumed to be the balance');
			server.enqueue({ status: 400, body: { success: false, error: { code: 'disabled', message: 'Model disabled.' } } });
			// The spec lists disabled under 400: its own message, not the generic refusal.
			const disabled400 = await rejection(client().retrieveBatch([known[0].id]));
			assert.equal(disabled400.kind, 'refused');
			assert.match(disabled400.message, /disabled for this account/);
			assert.match(disabled400.message, /server said: Model disabled\./);
		});

		it('token_expired says the token expired', async function () {
			const error = await errorFor({ error: 'token_expired' });
			assert.match(error.message, /expired/i);
		});

		it('429 with Retry-After in seconds -> rateLimited with retryAfterMs and when to retry', async function () {
			const error = await errorFor({ error: 'too_many_requests', retryAfter: 7 });
			assert.equal(error.kind, 'rateLimited');
			assert.equal(error.status, 429);
			assert.equal(error.retryAfterMs, 7000);
			assert.match(error.message, /\b7 s\b/);
			assert.ok(error.isTransient);
		});

		it('429 with Retry-After as an HTTP date -> retryAfterMs counted from now', async function () {
			const now = Date.UTC(2025, 6, 25, 9, 19, 18);
			const error = await errorFor(
				{
					status: 429,
					body: { success: false, error: { code: 'too_many_requests', message: 'slow down' } },
					headers: { 'retry-after': new Date(now + 90_000).toUTCString() },
				},
				{ now: () => now },
			);
			assert.equal(error.kind, 'rateLimited');
			assert.equal(error.retryAfterMs, 90_000);
			assert.match(error.message, /\b90 s\b/);
		});

		it('429 without Retry-After -> rateLimited without retryAfterMs, still says when', async function () {
			const error = await errorFor({ error: 'too_many_requests' });
			assert.equal(error.kind, 'rateLimited');
			assert.equal(error.retryAfterMs, undefined);
			assert.match(error.message, /try again/i);
		});

		it('429 with an unreadable Retry-After -> rateLimited without retryAfterMs', async function () {
			const error = await errorFor({ status: 429, body: '', headers: { 'retry-after': 'soon-ish' } });
			assert.equal(error.kind, 'rateLimited');
			assert.equal(error.retryAfterMs, undefined);
		});

		it('includes the server message, flattened and cut to a readable length', async function () {
			const error = await errorFor({ error: 'bad_request', message: `line one\n\n\tline two ${'x'.repeat(5000)}` });
			assert.match(error.message, /line one line two/);
			assert.ok(error.message.length < 600, `message length ${error.message.length}`);
			assert.ok(!error.message.includes('\n'));
		});
	});

	describe('answers from proxies and broken servers', function () {
		it('502 with an HTML page -> server, readable, no markup', async function () {
			const error = await errorFor({
				status: 502,
				body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
			});
			assert.equal(error.kind, 'server');
			assert.equal(error.status, 502);
			assert.match(error.message, /502/);
			assert.ok(!error.message.includes('<'), error.message);
			assert.ok(error.isTransient);
		});

		it('an empty 503 -> server, readable', async function () {
			const error = await errorFor({ status: 503 });
			assert.equal(error.kind, 'server');
			assert.equal(error.status, 503);
			assert.match(error.message, /503/);
		});

		it('504 with plain text -> server', async function () {
			const error = await errorFor({ status: 504, body: 'upstream request timeout' });
			assert.equal(error.kind, 'server');
			assert.equal(error.status, 504);
		});

		it('404 with an HTML page (wrong base URL) -> endpointNotFound mentioning the setting', async function () {
			const error = await errorFor({ status: 404, body: '<!DOCTYPE html><title>Not Found</title>' });
			assert.equal(error.kind, 'endpointNotFound');
			assert.match(error.message, /apiBaseUrl/);
		});

		it('a path the server does not have -> endpointNotFound (no_api)', async function () {
			const error = await rejection(client().post('/veo/nothing-here', { action: 'x' }));
			assert.equal(error.kind, 'endpointNotFound');
			assert.equal(error.code, 'no_api');
		});

		it('200 with an HTML page -> badResponse that says it was a web page', async function () {
			const error = await errorFor({ status: 200, body: '<!DOCTYPE html><html><body>Please log in</body></html>' });
			assert.equal(error.kind, 'badResponse');
			assert.equal(error.status, 200);
			assert.match(error.message, /web page/);
			assert.ok(!error.message.includes('<'));
		});

		it('200 with truncated JSON -> badResponse that says it is not valid JSON', async function () {
			const error = await errorFor({ status: 200, body: '{"items": [{"id": "2f5e1c3a-', headers: { 'content-type': 'application/json' } });
			assert.equal(error.kind, 'badResponse');
			assert.match(error.message, /not valid JSON/);
		});

		it('200 with an empty body -> badResponse', async function () {
			const error = await errorFor({ status: 200 });
			assert.equal(error.kind, 'badResponse');
			assert.match(error.message, /empty/);
		});

		for (const [name, body] of [
			['items is an object', { items: { id: 'x' }, count: 1 }],
			['items is missing', { count: 0 }],
			['the answer is an array', [{ id: 'x' }]],
			['items is null', { items: null }],
		] as const) {
			it(`${name} -> badResponse`, async function () {
				const error = await errorFor({ status: 200, body });
				assert.equal(error.kind, 'badResponse');
				assert.match(error.message, /items/);
			});
		}

		it('the answer "null" -> badResponse', async function () {
			const error = await errorFor({ status: 200, body: 'null', headers: { 'content-type': 'application/json' } });
			assert.equal(error.kind, 'badResponse');
		});

		it('drops records without a string id and keeps the others', async function () {
			const good = succeededTask();
			server.enqueue({ status: 200, body: { items: [good, { foo: 1 }, null, 'text', 42, [], { id: 7 }, { id: null }], count: 8 } });
			const records = await client().retrieveBatch([good.id]);
			assert.deepEqual(records, [good]);
		});
	});

	describe('transport failures', function () {
		it('a server that never answers -> timeout after timeoutMs', async function () {
			server.enqueue({ hang: true });
			const started = Date.now();
			const error = await rejection(client().retrieveBatch([known[0].id]));
			const elapsed = Date.now() - started;
			assert.equal(error.kind, 'timeout');
			assert.ok(error.isTransient);
			assert.match(error.message, /requestTimeoutSeconds/);
			assert.ok(elapsed >= TIMEOUT_MS - 20 && elapsed < TIMEOUT_MS + 1500, `timed out after ${elapsed} ms`);
		});

		it('a connection reset -> network', async function () {
			const error = await errorFor({ reset: true });
			assert.equal(error.kind, 'network');
			assert.equal(error.status, undefined);
			assert.match(error.message, /127\.0\.0\.1/);
			assert.ok(error.isTransient);
		});

		it('nothing listening -> network with the system error code', async function () {
			const closed = await startFakeVeoServer();
			const url = closed.url;
			await closed.close();
			const error = await rejection(new VeoClient({ baseUrl: url, getToken: () => TOKEN, timeoutMs: 2000 }).retrieveBatch([known[0].id]));
			assert.equal(error.kind, 'network');
			assert.match(error.message, /ECONNREFUSED/);
		});

		it('headers, then a body that dribbles past the deadline -> timeout (the deadline covers the body)', async function () {
			const started = Date.now();
			const error = await errorFor({ slowBytes: { body: JSON.stringify({ items: [], count: 0 }), intervalMs: 60 } });
			const elapsed = Date.now() - started;
			assert.equal(error.kind, 'timeout');
			assert.ok(elapsed < TIMEOUT_MS + 700, `gave up after ${elapsed} ms, the body needed ${22 * 60} ms`);
		});

		it('headers, then a stalled body -> timeout', async function () {
			const started = Date.now();
			const error = await errorFor({ slowBytes: { body: '{"items": []}', intervalMs: 60_000 } });
			const elapsed = Date.now() - started;
			assert.equal(error.kind, 'timeout');
			assert.ok(elapsed < TIMEOUT_MS + 700, `gave up after ${elapsed} ms`);
		});

		it('a slow body that still ends within the deadline is read', async function () {
			const body = JSON.stringify({ items: [{ id: known[1].id }], count: 1 });
			server.enqueue({ slowBytes: { body, intervalMs: 2 } });
			const records = await client({ timeoutMs: 5000 }).retrieveBatch([known[1].id]);
			assert.deepEqual(records, [{ id: known[1].id }]);
		});

		it('a caller abort mid-request rejects at once and is not reported as a timeout', async function () {
			server.enqueue({ hang: true });
			const controller = new AbortController();
			const pending = client({ timeoutMs: 5000 }).retrieveBatch([known[0].id], controller.signal);
			setTimeout(() => controller.abort(), 50);
			const started = Date.now();
			const error = await rejection(pending);
			assert.notEqual(error.kind, 'timeout');
			assert.ok(Date.now() - started < 1000);
		});

		it('a signal aborted before the call -> rejects and sends nothing', async function () {
			const error = await rejection(client().retrieveBatch([known[0].id], AbortSignal.abort()));
			assert.notEqual(error.kind, 'timeout');
			assert.equal(server.requests.length, 0, 'a request was sent although the caller had already cancelled');
		});
	});

	describe('retrieve and startTask', function () {
		it('retrieve returns the record', async function () {
			const task = await client().retrieve(known[0].id);
			assert.deepEqual(task, known[0]);
			assert.deepEqual(server.requests[0].body, { action: 'retrieve', id: known[0].id });
		});

		it('retrieve of an unknown id resolves undefined (the server answers {})', async function () {
			assert.equal(await client().retrieve(newTaskId()), undefined);
		});

		it('startTask sends async: true and returns the task id', async function () {
			const started = await client().startTask('/veo/videos', { action: 'text2video', model: 'veo3-fast', prompt: 'a cat' });
			assert.ok(server.tasks.has(started.taskId));
			assert.ok(started.traceId);
			assert.equal(record(server.requests[0].body).async, true);
		});

		it('startTask: a 200 with success:false -> the error the body names', async function () {
			server.enqueue({ status: 200, body: { success: false, error: { code: 'used_up', message: 'recharge' } } });
			const error = await rejection(client().startTask('/veo/videos', { action: 'text2video', model: 'veo3', prompt: 'x' }));
			assert.equal(error.kind, 'quota');
		});

		it('startTask: a 200 without task_id -> badResponse', async function () {
			server.enqueue({ status: 200, body: { success: true } });
			const error = await rejection(client().startTask('/veo/videos', { action: 'text2video', model: 'veo3', prompt: 'x' }));
			assert.equal(error.kind, 'badResponse');
		});
	});

	describe('the token stays secret', function () {
		it('no VeoError message of any kind contains the token', async function () {
			const faults: Fault[] = [
				{ error: 'invalid_token' },
				{ error: 'no_token' },
				{ error: 'too_many_requests', retryAfter: 3 },
				{ error: 'api_error' },
				{ status: 502, body: `<html>${TOKEN}</html>` },
				{ status: 200, body: `<html>Bearer ${TOKEN}</html>` },
				{ status: 200, body: `{"items": "Bearer ${TOKEN}` },
				{ reset: true },
				{ hang: true },
			];
			for (const fault of faults) {
				const error = await errorFor(fault);
				assert.ok(!error.message.includes(TOKEN), `${JSON.stringify(fault)}: ${error.message}`);
				assert.ok(!String(error.stack).includes(TOKEN));
			}
		});

		it('a server that echoes the token in its error message does not get it into the VeoError message', async function () {
			server.enqueue({ error: 'invalid_token', message: `The token Bearer ${TOKEN} is invalid.` });
			const error = await client()
				.retrieveBatch([known[0].id])
				.then(
					() => assert.fail('expected the call to fail'),
					(e: unknown) => e,
				);
			assert.ok(error instanceof VeoError);
			assert.equal(error.kind, 'auth');
			// The message is shown in a notification and written to the output channel.
			assert.ok(!error.message.includes(TOKEN), `the token leaked: ${error.message}`);
		});
	});
});

describe('baseUrlProblem / normalizeBaseUrl / isLoopbackHost', function () {
	for (const good of [
		'https://api.acedata.cloud',
		'https://api.acedata.cloud/',
		'http://127.0.0.1:8080',
		'http://localhost:3000/gateway/',
		'https://gw.example.com/prefix/veo',
		'  https://api.acedata.cloud  ',
	]) {
		it(`accepts ${JSON.stringify(good)}`, function () {
			assert.equal(baseUrlProblem(good), undefined);
		});
	}
	for (const [bad, pattern] of [
		['ftp://api.acedata.cloud', /https:\/\//],
		['file:///etc/passwd', /https:\/\//],
		['javascript:alert(1)', /https:\/\//],
		['not a url', /not a URL/],
		['', /not a URL/],
		['api.acedata.cloud', /not a URL/],
		['https://user:secret@api.acedata.cloud', /user name or password/],
		['https://:secret@api.acedata.cloud', /user name or password/],
		['https://api.acedata.cloud/?x=1', /query/],
		['https://api.acedata.cloud/#top', /query or a fragment/],
	] as const) {
		it(`rejects ${JSON.stringify(bad)}`, function () {
			const problem = baseUrlProblem(bad);
			assert.ok(problem, 'expected a problem');
			assert.match(problem, pattern);
		});
	}

	it('the problem message never repeats a password', function () {
		const problem = baseUrlProblem('https://user:hunter2secret@api.acedata.cloud');
		assert.ok(problem && !problem.includes('hunter2secret'), problem);
	});

	it('normalizeBaseUrl trims spaces and trailing slashes only', function () {
		assert.equal(normalizeBaseUrl(' https://x.example/api/// '), 'https://x.example/api');
		assert.equal(normalizeBaseUrl('https://x.example'), 'https://x.example');
	});

	it('isLoopbackHost knows loopback names and addresses and nothing else', function () {
		for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.0.9', '[::1]', '::1']) {
			assert.ok(isLoopbackHost(host), host);
		}
		for (const host of ['localhost.evil.example', '127.0.0.1.evil.example', '128.0.0.1', '0.0.0.0', 'example.com', '10.0.0.1', '[::2]', '']) {
			assert.ok(!isLoopbackHost(host), host);
		}
	});
});

describe('parseRetryAfter', function () {
	const now = Date.UTC(2025, 0, 1, 0, 0, 0);
	it('reads seconds, fractions and HTTP dates; clamps past dates to 0', function () {
		assert.equal(parseRetryAfter('120', now), 120_000);
		assert.equal(parseRetryAfter(' 1.5 ', now), 1500);
		assert.equal(parseRetryAfter(new Date(now + 5000).toUTCString(), now), 5000);
		assert.equal(parseRetryAfter(new Date(now - 5000).toUTCString(), now), 0);
	});
	it('returns undefined for absent or unreadable values', function () {
		assert.equal(parseRetryAfter(undefined, now), undefined);
		assert.equal(parseRetryAfter(null, now), undefined);
		assert.equal(parseRetryAfter('', now), undefined);
		assert.equal(parseRetryAfter('later', now), undefined);
	});
});
