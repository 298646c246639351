/** What the fake remembers about each request, so tests can assert on what a client sent. */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export interface RecordedRequest {
	method: string;
	/** The path without the query string, e.g. `/veo/tasks`. */
	path: string;
	/** The raw request target, query string included. */
	url: string;
	headers: IncomingHttpHeaders;
	rawBody: string;
	/** The body parsed as JSON, or undefined when it is empty or not JSON. */
	body: unknown;
	/** When the request was fully received, from the server's `now()` (ms). */
	at: number;
}

/** Selects the requests a scripted fault applies to. */
export type RequestMatcher = (req: RecordedRequest) => boolean;

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(rawBody: string): unknown {
	if (rawBody.trim() === '') {
		return undefined;
	}
	try {
		return JSON.parse(rawBody) as unknown;
	} catch {
		return undefined;
	}
}

export function recordRequest(req: IncomingMessage, rawBody: string, at: number): RecordedRequest {
	const url = req.url ?? '/';
	return {
		method: req.method ?? 'GET',
		path: new URL(url, 'http://fake.invalid').pathname,
		url,
		headers: req.headers,
		rawBody,
		body: parseJson(rawBody),
		at,
	};
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `action` field of a JSON body, if any. */
export function actionOf(req: RecordedRequest): string | undefined {
	return isObject(req.body) && typeof req.body.action === 'string' ? req.body.action : undefined;
}
