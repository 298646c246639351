import { constants } from 'node:fs';
import { lstat, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { playableVideoUrl } from '../core/api/urlPolicy';
// The core's translation, not vscode's: this module runs in plain Node in the unit tests, and its
// messages reach the user (Download Video shows them). Activation points l10n.t at vscode.l10n.t.
import { l10n } from '../core/l10n/l10n';
import { formatNumber } from '../core/l10n/format';

export interface DownloadProgress {
	received: number;
	/** From Content-Length; undefined when the server does not say (or compresses the answer). */
	total?: number;
}

export interface DownloadOptions {
	signal?: AbortSignal;
	onProgress?: (progress: DownloadProgress) => void;
	/** The largest answer accepted, in bytes (veoTasks.maxDownloadMegabytes); larger ones are stopped. */
	maxBytes?: number;
}

/** Redirects followed at most (a CDN signs and redirects once or twice). */
const MAX_REDIRECTS = 5;
/** Content types a video host sends for an mp4; anything else (a login page, JSON, text) is refused. */
const VIDEO_TYPES = /^(video\/[\w.+-]+|application\/(octet-stream|mp4|x-mpegurl)|binary\/octet-stream)$/i;

/** Partial files of this extension host's downloads in flight: two downloads of one target never share one. */
const partsInFlight = new Set<string>();

export class DownloadError extends Error {}

/**
 * Streams a video to `target` through `target.part`, renamed only when complete: a cancelled or
 * failed download never leaves a partial file behind. No credentials are sent: the video is on
 * the provider's CDN, and the API token is for the API's origin only.
 *
 * What the video host answers is not trusted: each redirect is followed by hand and only to https
 * (or http on this machine, for tests); an answer that is not a video (by content type, or an HTML
 * page) is refused; the size is capped; the partial file is created exclusively and never through
 * a symlink someone planted at its name.
 */
export async function downloadToFile(url: URL, target: string, options: DownloadOptions = {}): Promise<number> {
	const partial = `${target}.part`;
	if (partsInFlight.has(partial)) {
		throw new DownloadError(l10n.t('This video is already being downloaded to that file.'));
	}
	partsInFlight.add(partial);
	let opened = false;
	try {
		const response = await fetchFollowingSafeRedirects(url, options.signal);
		if (!response.ok || !response.body) {
			throw new DownloadError(l10n.t('The video server answered HTTP {0}.', response.status));
		}
		const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
		if (type && !VIDEO_TYPES.test(type)) {
			// The header is the video host's text: only a media-type-shaped head of it is quoted.
			throw new DownloadError(
				/^[\w.+-]{1,40}\/[\w.+-]{1,40}$/.test(type)
					? l10n.t('The video server answered with {0}, not a video.', type)
					: l10n.t('The video server answered with something else, not a video.'),
			);
		}
		// fetch decodes gzip or br by itself, and Content-Length then counts the compressed bytes: it
		// says nothing of the size of what is written.
		const encoding = (response.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
		const lengthHeader = Number(response.headers.get('content-length'));
		const total = encoding === 'identity' && Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined;
		const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
		if (total !== undefined && total > maxBytes) {
			throw new DownloadError(tooLargeMessage(maxBytes));
		}
		let received = 0;
		const counter = new Transform({
			transform(chunk: Buffer, _encoding, callback) {
				if (received === 0 && looksLikeHtml(chunk)) {
					callback(new DownloadError(l10n.t('The video server answered with a web page, not a video.')));
					return;
				}
				received += chunk.length;
				if (received > maxBytes) {
					callback(new DownloadError(tooLargeMessage(maxBytes)));
					return;
				}
				options.onProgress?.({ received, total });
				callback(null, chunk);
			},
		});
		const file = await openPartial(partial);
		opened = true;
		// The cast bridges the DOM and Node typings of the same web stream.
		const body = Readable.fromWeb(response.body as unknown as Parameters<typeof Readable.fromWeb>[0]);
		await pipeline(body, counter, file.createWriteStream(), { signal: options.signal });
		if (total !== undefined && received !== total) {
			throw new DownloadError(l10n.t('The download ended early ({0} of {1} bytes).', formatNumber(received), formatNumber(total)));
		}
		await rename(partial, target);
		return received;
	} catch (error) {
		if (opened) {
			await rm(partial, { force: true });
		}
		throw error;
	} finally {
		partsInFlight.delete(partial);
	}
}

/**
 * Creates the partial file exclusively, without following a symlink: O_EXCL fails on any existing
 * name, a symlink included. What is there (a crashed download's leftover, or a symlink planted to
 * make us write elsewhere) is removed first: removing a symlink removes the link, not its target.
 */
async function openPartial(partial: string): Promise<FileHandle> {
	const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
	try {
		return await open(partial, flags, 0o644);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST' && (error as NodeJS.ErrnoException).code !== 'ELOOP') {
			throw error;
		}
	}
	const stat = await lstat(partial);
	if (stat.isDirectory()) {
		throw new DownloadError(l10n.t('{0} is a folder.', partial));
	}
	await rm(partial, { force: true });
	return open(partial, flags, 0o644);
}

/** Follows redirects by hand: each hop must be a URL the player could load (https, or loopback http). */
async function fetchFollowingSafeRedirects(start: URL, signal: AbortSignal | undefined): Promise<Response> {
	let url = start;
	for (let hop = 0; ; hop++) {
		const response = await fetch(url, { signal, redirect: 'manual', credentials: 'omit', headers: { 'accept-encoding': 'identity' } });
		if (response.status < 300 || response.status >= 400 || response.status === 304) {
			return response;
		}
		const location = response.headers.get('location');
		await response.body?.cancel();
		if (!location) {
			throw new DownloadError(l10n.t('The video server answered HTTP {0} without a location.', response.status));
		}
		if (hop >= MAX_REDIRECTS) {
			throw new DownloadError(l10n.t('The video server redirected more than {0} times.', MAX_REDIRECTS));
		}
		let next: URL | undefined;
		try {
			next = playableVideoUrl(new URL(location, url).href);
		} catch {
			next = undefined;
		}
		if (!next) {
			throw new DownloadError(l10n.t('The video server redirected to an address that is not https; the download was stopped.'));
		}
		url = next;
	}
}

function looksLikeHtml(chunk: Buffer): boolean {
	const start = chunk.subarray(0, 64).toString('latin1').trimStart().toLowerCase();
	return start.startsWith('<!doctype') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<body');
}

function tooLargeMessage(maxBytes: number): string {
	return l10n.t('The video is larger than {0} MB (veoTasks.maxDownloadMegabytes); nothing was kept.', formatNumber(Math.round(maxBytes / 1024 / 1024)));
}
