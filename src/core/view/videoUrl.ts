import { isLoopbackHost } from '../api/veoClient';

/**
 * The video URL if the player may load it: https anywhere, http only on this machine (local testing).
 * Anything else (javascript:, data:, file:, plain http on a public host) is never played or linked.
 */
export function playableVideoUrl(raw: string | undefined): URL | undefined {
	if (!raw) {
		return undefined;
	}
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return undefined;
	}
	if (url.username || url.password) {
		return undefined;
	}
	if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		return url;
	}
	return undefined;
}

/** URLs we hand to the system browser: http(s) only, so a hostile record cannot open `file:` or `vscode:` links. */
export function openableVideoUrl(raw: string | undefined): URL | undefined {
	const playable = playableVideoUrl(raw);
	if (playable) {
		return playable;
	}
	try {
		const url = new URL((raw ?? '').trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
	} catch {
		return undefined;
	}
}
