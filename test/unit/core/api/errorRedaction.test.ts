/**
 * The token in errors: a gateway that echoes the Authorization header into any field of its error
 * answer (code, message, trace ID) must not get the token into what is logged or shown. The real
 * VeoClient over HTTP against a tiny server that does exactly that.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { VeoClient, type RequestLogEntry } from '../../../../src/core/api/veoClient';
import { MAX_ERROR_CODE_CHARS, MAX_ERROR_MESSAGE_CHARS, MAX_TRACE_ID_CHARS, redactError, VeoError } from '../../../../src/core/api/veoError';

const TOKEN = 'sk-echo-unit-0a1b2c3d4e5f6a7b8c9d';

/** What the echoing gateway puts where; `{auth}` is replaced by the request's Authorization header. */
interface EchoShape {
	status: number;
	code?: string;
	message?: string;
	trace?: string;
}

const SHAPES: [string, EchoShape][] = [
	['the header as error.code (401)', { status: 401, code: '{auth}' }],
	['the header as error.code (400)', { status: 400, code: '{auth}', message: 'bad request' }],
	['the header as error.code (429)', { status: 429, code: '{auth}' }],
	['the header as error.code (500)', { status: 500, code: '{auth}' }],
	['the header as error.code (403)', { status: 403, code: 'used_up {auth}' }],
	['the header in every field', { status: 400, code: '{auth}', message: 'you sent {auth}', trace: '{auth}' }],
	['the header after 290 characters of message (a cut must not leave half a token)', { status: 400, code: 'x', message: `${'m'.repeat(290)} {auth}` }],
	['the header after 60 characters of code', { status: 400, code: `${'c'.repeat(60)}{auth}` }],
	['the header on a 200 that says success: false (generation)', { status: 200, code: '{auth}', message: '{auth}', trace: '{auth}' }],
];

function startEchoServer(shape: () => EchoShape): Promise<{ url: string; close(): Promise<void> }> {
	const server = http.createServer((request, response) => {
		const auth = request.headers.authorization ?? '';
		const current = shape();
		const fill = (text: string | undefined): string | undefined => text?.split('{auth}').join(auth);
		const body = JSON.stringify({ success: false, error: { code: fill(current.code), message: fill(current.message) }, trace_id: fill(current.trace) });
		request.resume();
		request.on('end', () => {
			response.writeHead(current.status, { 'content-type': 'application/json' });
			response.end(body);
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
		});
	});
}

describe('Errors never carry the token (a gateway echoing Authorization)', function () {
	let current: EchoShape = { status: 400 };
	let server: { url: string; close(): Promise<void> };
	before(async () => {
		server = await startEchoServer(() => current);
	});
	after(() => server.close());

	for (const [name, shape] of SHAPES) {
		it(name, async function () {
			current = shape;
			const logged: RequestLogEntry[] = [];
			const client = new VeoClient({ baseUrl: server.url, getToken: () => TOKEN, timeoutMs: 5_000, onRequest: (entry) => logged.push(entry) });
			let error: unknown;
			try {
				if (shape.status === 200) {
					await client.startTask('/veo/videos', { action: 'text2video', prompt: 'x' });
				} else {
					await client.retrieveBatch(['6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9']);
				}
			} catch (caught) {
				error = caught;
			}
			assert.ok(error instanceof VeoError, `expected a VeoError, got ${String(error)}`);
			// Everything that is shown (message, trace ID) or logged (the code, the log entry).
			const everything = JSON.stringify({ message: error.message, code: error.code, traceId: error.traceId, logged });
			assert.ok(!everything.includes(TOKEN), `the token leaked: ${everything}`);
			assert.ok(!everything.includes(TOKEN.slice(0, 8)), `a piece of the token leaked: ${everything}`);
			assert.ok((error.code ?? '').length <= MAX_ERROR_CODE_CHARS + 1);
			assert.ok((error.traceId ?? '').length <= MAX_TRACE_ID_CHARS + 1);
			assert.ok(error.message.length <= MAX_ERROR_MESSAGE_CHARS + 1);
		});
	}
});

describe('redactError', function () {
	it('redacts and caps every field, and keeps the kind, status and wait', function () {
		const error = new VeoError('rateLimited', `m ${TOKEN} ${'x'.repeat(2000)}`, {
			status: 429,
			code: `${TOKEN}\n${'c'.repeat(500)}`,
			traceId: `t ${TOKEN} ${'t'.repeat(500)}`,
			retryAfterMs: 1000,
		});
		const safe = redactError(error, [TOKEN]);
		assert.ok(!JSON.stringify([safe.message, safe.code, safe.traceId]).includes(TOKEN));
		assert.equal(safe.kind, 'rateLimited');
		assert.equal(safe.status, 429);
		assert.equal(safe.retryAfterMs, 1000);
		assert.ok(
			safe.message.length <= MAX_ERROR_MESSAGE_CHARS + 1 &&
				(safe.code ?? '').length <= MAX_ERROR_CODE_CHARS + 1 &&
				(safe.traceId ?? '').length <= MAX_TRACE_ID_CHARS + 1,
		);
		assert.ok(!safe.code?.includes('\n'), 'one line: a code cannot forge log lines');
	});

	it('returns the same error when there is nothing to change', function () {
		const error = new VeoError('auth', 'The API token was rejected.', { status: 401, code: 'invalid_token', traceId: 'abc' });
		assert.equal(redactError(error, [TOKEN]), error);
	});
});
