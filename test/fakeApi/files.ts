/**
 * `GET /files/<name>`: a stand-in for the provider's CDN, serving fixture videos with
 * HTTP Range support, because Chromium's <video> element reads media in byte ranges
 * and refuses to seek (or sometimes to play) without `accept-ranges` and 206 answers.
 */
import { createReadStream, existsSync, promises as fsp } from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { sendAnswer } from './answers';
import type { RecordedRequest } from './recording';

export const FILES_PREFIX = '/files/';

const CONTENT_TYPES: Record<string, string> = {
	'.mp4': 'video/mp4',
	'.webm': 'video/webm',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.gif': 'image/gif',
};

/**
 * The repository's `test/fixtures`, found from wherever this file runs: the TypeScript
 * source (test/fakeApi), the compiled copy (out/test/fakeApi), or failing both a
 * compiled copy elsewhere run from the repository root.
 */
export function defaultFixtureDir(): string {
	const candidates = [
		path.resolve(__dirname, '..', 'fixtures'),
		path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures'),
		path.resolve(process.cwd(), 'test', 'fixtures'),
	];
	return candidates.find((dir) => existsSync(path.join(dir, 'sample.mp4'))) ?? candidates[1] ?? '';
}

export interface ByteRange {
	start: number;
	end: number;
}

/**
 * Parses a single-range `Range` header (RFC 9110). Returns undefined when the header
 * is absent or not understood (the whole file is then served, as the RFC allows) and
 * 'unsatisfiable' when the range lies outside the file.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
	const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (match === null) {
		return undefined;
	}
	const [, first = '', last = ''] = match;
	if (first === '' && last === '') {
		return undefined;
	}
	if (first === '') {
		const suffix = Number(last);
		return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(first);
	const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
	return start >= size || end < start ? 'unsatisfiable' : { start, end };
}

function fileName(requestPath: string): string | undefined {
	let name: string;
	try {
		name = decodeURIComponent(requestPath.slice(FILES_PREFIX.length));
	} catch {
		return undefined;
	}
	// Only plain names: nothing outside the fixture directory is ever served.
	return name === '' || name.includes('/') || name.includes('\\') || name.startsWith('.') ? undefined : name;
}

function notFound(res: ServerResponse): void {
	sendAnswer(res, {
		status: 404,
		headers: { 'content-type': 'text/html; charset=utf-8' },
		body: '<html><body><h1>404 Not Found</h1></body></html>',
	});
}

async function fileSize(file: string): Promise<number | undefined> {
	try {
		const stats = await fsp.stat(file);
		return stats.isFile() ? stats.size : undefined;
	} catch {
		return undefined;
	}
}

export async function serveFile(req: RecordedRequest, res: ServerResponse, fixtureDir: string): Promise<void> {
	const name = fileName(req.path);
	const file = name === undefined ? undefined : path.join(fixtureDir, name);
	const size = file === undefined ? undefined : await fileSize(file);
	if (file === undefined || size === undefined) {
		notFound(res);
		return;
	}
	const headers: Record<string, string> = {
		'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
		'accept-ranges': 'bytes',
		'access-control-allow-origin': '*',
	};
	const rangeHeader = req.headers.range;
	const range = parseRange(Array.isArray(rangeHeader) ? rangeHeader[0] : rangeHeader, size);
	if (range === 'unsatisfiable') {
		res.writeHead(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': '0' });
		res.end();
		return;
	}
	const { start, end } = range ?? { start: 0, end: size - 1 };
	if (range !== undefined) {
		headers['content-range'] = `bytes ${start}-${end}/${size}`;
	}
	res.writeHead(range === undefined ? 200 : 206, { ...headers, 'content-length': String(end - start + 1) });
	if (req.method === 'HEAD' || size === 0) {
		res.end();
		return;
	}
	createReadStream(file, { start, end })
		.on('error', () => res.destroy())
		.pipe(res);
}
