/**
 * Scripted misbehaviour: the answers a real network, proxy or overloaded API gives,
 * injected on demand so clients can be tested against each of them.
 */
import type { ServerResponse } from 'node:http';
import { Answer, jsonAnswer, sendAnswer } from './answers';
import { ErrorCode, errorAnswer } from './errors';
import type { RecordedRequest, RequestMatcher } from './recording';
import type { TimerSet } from './timers';

/** A raw answer: e.g. 429 with `retry-after`, a 502 HTML page, an empty body, 200 with HTML. */
export interface RawFault {
	status: number;
	/** A string is sent as UTF-8; a Buffer as these exact bytes (e.g. invalid UTF-8); an object as JSON; absent means an empty body. */
	body?: string | Buffer | object;
	headers?: Record<string, string>;
	/** Declare the whole body's content-length but send only this many bytes, then drop the connection. */
	cutAfterBytes?: number;
}

/** Accept the request and never answer (until the server closes). */
export interface HangFault {
	hang: true;
}

/** Destroy the connection with a TCP reset: the client sees ECONNRESET / "socket hang up". */
export interface ResetFault {
	reset: true;
}

/** Send the body one byte at a time, `intervalMs` apart (status 200 and JSON by default). */
export interface SlowBytesFault {
	slowBytes: { body: string; intervalMs: number; status?: number; headers?: Record<string, string> };
}

/** The exact status and body of an error code from docs/api.md. */
export interface ErrorFault {
	error: ErrorCode;
	/** Seconds, sent as `retry-after` (meant for too_many_requests). */
	retryAfter?: number;
	message?: string;
}

export type Fault = RawFault | HangFault | ResetFault | SlowBytesFault | ErrorFault;

interface FaultEntry {
	fault: Fault;
	match: RequestMatcher | undefined;
}

function applies(entry: FaultEntry, req: RecordedRequest): boolean {
	return entry.match === undefined || entry.match(req);
}

/** One-shot faults (FIFO among those matching) take precedence over the sticky one. */
export class FaultBook {
	private readonly queue: FaultEntry[] = [];
	private sticky: FaultEntry | undefined;

	enqueue(fault: Fault, match?: RequestMatcher): void {
		this.queue.push({ fault, match });
	}

	failAlways(fault: Fault | undefined, match?: RequestMatcher): void {
		this.sticky = fault === undefined ? undefined : { fault, match };
	}

	/** The fault for this request, consuming it if it was a one-shot. */
	take(req: RecordedRequest): Fault | undefined {
		const index = this.queue.findIndex((entry) => applies(entry, req));
		if (index >= 0) {
			return this.queue.splice(index, 1)[0]?.fault;
		}
		return this.sticky !== undefined && applies(this.sticky, req) ? this.sticky.fault : undefined;
	}

	/** How many one-shot faults are still waiting for a request. */
	get queued(): number {
		return this.queue.length;
	}

	clear(): void {
		this.queue.length = 0;
		this.sticky = undefined;
	}
}

function defaultContentType(body: string): string {
	return body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
}

export function rawAnswer(fault: RawFault): Answer {
	if (fault.body === undefined) {
		return { status: fault.status, headers: { ...fault.headers }, body: '' };
	}
	if (Buffer.isBuffer(fault.body)) {
		return { status: fault.status, headers: { 'content-type': 'application/json', ...fault.headers }, body: fault.body };
	}
	const base: Answer =
		typeof fault.body === 'string'
			? { status: fault.status, headers: { 'content-type': defaultContentType(fault.body) }, body: fault.body }
			: jsonAnswer(fault.status, fault.body);
	return { ...base, headers: { ...base.headers, ...fault.headers } };
}

function writeSlowly(res: ServerResponse, fault: SlowBytesFault, timers: TimerSet): void {
	const { body, intervalMs, status = 200, headers } = fault.slowBytes;
	const bytes = Buffer.from(body, 'utf8');
	res.writeHead(status, {
		'content-type': 'application/json',
		...headers,
		'content-length': String(bytes.length),
	});
	res.flushHeaders();
	let next = 0;
	const writeNext = (): void => {
		if (res.destroyed) {
			return; // the client gave up; stop quietly
		}
		if (next >= bytes.length) {
			res.end();
			return;
		}
		res.write(bytes.subarray(next, next + 1));
		next += 1;
		timers.after(intervalMs, writeNext);
	};
	writeNext();
}

export function applyFault(fault: Fault, res: ServerResponse, timers: TimerSet): void {
	if ('hang' in fault) {
		return; // keep the socket open; close() destroys it
	}
	if ('reset' in fault) {
		res.socket?.resetAndDestroy();
		return;
	}
	if ('slowBytes' in fault) {
		writeSlowly(res, fault, timers);
		return;
	}
	if ('error' in fault) {
		sendAnswer(res, errorAnswer(fault.error, fault.message, fault.retryAfter));
		return;
	}
	if (fault.cutAfterBytes !== undefined) {
		const answer = rawAnswer(fault);
		const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
		res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
		res.write(body.subarray(0, fault.cutAfterBytes), () => res.socket?.destroy());
		return;
	}
	sendAnswer(res, rawAnswer(fault));
}
