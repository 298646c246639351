import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface DownloadProgress {
	received: number;
	/** From Content-Length; undefined when the server does not say. */
	total?: number;
}

/**
 * Streams a video to `target` through `target.part`, renamed only when complete: a cancelled or
 * failed download never leaves a partial file behind. No credentials are sent: the video is on
 * the provider's CDN, and the API token is for the API's origin only.
 */
export async function downloadToFile(url: URL, target: string, options: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void } = {}): Promise<number> {
	const partial = `${target}.part`;
	try {
		const response = await fetch(url, { signal: options.signal, redirect: 'follow', credentials: 'omit' });
		if (!response.ok || !response.body) {
			throw new Error(`The video server answered HTTP ${response.status}.`);
		}
		const lengthHeader = Number(response.headers.get('content-length'));
		const total = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined;
		let received = 0;
		const counter = new Transform({
			transform(chunk: Buffer, _encoding, callback) {
				received += chunk.length;
				options.onProgress?.({ received, total });
				callback(null, chunk);
			},
		});
		// The cast bridges the DOM and Node typings of the same web stream.
		const body = Readable.fromWeb(response.body as unknown as Parameters<typeof Readable.fromWeb>[0]);
		await pipeline(body, counter, createWriteStream(partial), { signal: options.signal });
		if (total !== undefined && received !== total) {
			throw new Error(`The download ended early (${received} of ${total} bytes).`);
		}
		await rename(partial, target);
		return received;
	} catch (error) {
		await rm(partial, { force: true });
		throw error;
	}
}
