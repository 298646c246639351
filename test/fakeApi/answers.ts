/**
 * A fully formed HTTP answer and how to write it. Routes return answers instead of
 * writing to the socket, so they stay plain functions that are easy to read and test.
 */
import type { ServerResponse } from 'node:http';

export interface Answer {
	status: number;
	headers: Record<string, string>;
	body: string | Buffer;
}

export function jsonAnswer(status: number, value: unknown): Answer {
	return {
		status,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(value),
	};
}

/** Writes the answer with an exact content-length, so clients can tell truncation apart. */
export function sendAnswer(res: ServerResponse, answer: Answer): void {
	const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
	res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
	res.end(body);
}
