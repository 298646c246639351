/**
 * The URL policy, in one place: what a base URL may look like, which origins may be sent the API
 * token and after which question, and which video URLs the player may load or the browser open.
 * Pure functions; the VS Code side (src/services/apiSession.ts) asks the user when this says to.
 */
import { l10n } from '../l10n/l10n';

/** The provider's own API: the token goes there without a question. */
export const DEFAULT_API_BASE_URL = 'https://api.acedata.cloud';

/** Removes surrounding spaces and trailing slashes so `${base}/veo/tasks` never has `//`. */
export function normalizeBaseUrl(raw: string): string {
	return raw.trim().replace(/\/+$/, '');
}

/**
 * Validates the `apiBaseUrl` setting. Returns a message for the user, or undefined when it is usable.
 * Only http(s) URLs without credentials, query or fragment make sense as a base for our fixed paths.
 */
export function baseUrlProblem(raw: string): string | undefined {
	let url: URL;
	try {
		url = new URL(normalizeBaseUrl(raw));
	} catch {
		return l10n.t('"{0}" is not a URL. Use something like https://api.acedata.cloud.', raw);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return l10n.t('The API base URL must start with https:// (it is {0}).', url.protocol);
	}
	if (url.username || url.password) {
		return l10n.t('The API base URL must not contain a user name or password; the token is sent as a header.');
	}
	if (url.search || url.hash) {
		return l10n.t('The API base URL must not contain a query or a fragment.');
	}
	return undefined;
}

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The origin of a base URL (scheme, host, port), or undefined when it is not a URL. */
export function originOf(baseUrl: string): string | undefined {
	try {
		return new URL(normalizeBaseUrl(baseUrl)).origin;
	} catch {
		return undefined;
	}
}

/**
 * Whether requests to this base URL would carry the token in clear over a network: http to a host
 * that is not this machine. Such a URL is used only after the user agreed to it.
 */
export function sendsTokenInClear(baseUrl: string): boolean {
	try {
		const url = new URL(normalizeBaseUrl(baseUrl));
		return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
	} catch {
		return false;
	}
}

/** Where the effective `apiBaseUrl` comes from, most specific last. */
export type SettingSource = 'default' | 'user' | 'workspace' | 'workspaceFolder';

/** The layers of a setting as VS Code's `inspect()` reports them (only the ones that matter here). */
export interface InspectedSetting {
	defaultValue?: string;
	globalValue?: string;
	workspaceValue?: string;
	workspaceFolderValue?: string;
}

/**
 * Which layer the effective value comes from. The most specific layer that holds the effective value
 * wins; a layer that holds another value is not in effect (Restricted Mode ignores workspace values
 * of `apiBaseUrl`, while `inspect()` still reports them).
 */
export function settingSource(effective: string, inspected: InspectedSetting | undefined): SettingSource {
	const same = (value: string | undefined): boolean => typeof value === 'string' && value.trim() !== '' && normalizeBaseUrl(value) === normalizeBaseUrl(effective);
	if (same(inspected?.workspaceFolderValue)) {
		return 'workspaceFolder';
	}
	if (same(inspected?.workspaceValue)) {
		return 'workspace';
	}
	if (same(inspected?.globalValue)) {
		return 'user';
	}
	return 'default';
}

/** Why the token may not go to an origin before the user says so; empty when it may go at once. */
export type ConsentReason =
	/** http to a host that is not this machine: anyone on the way reads the token. */
	| 'cleartext'
	/** The URL comes from a workspace's or folder's settings: a cloned repository may have chosen it. */
	| 'workspaceChosen';

/**
 * The questions to ask before the token goes to `baseUrl`. A URL that a workspace or folder setting
 * chose needs the user's word, unless it is the provider's own origin or the origin the user's own
 * settings name (then the workspace chose nothing new).
 */
export function consentReasons(baseUrl: string, source: SettingSource, inspected?: InspectedSetting): ConsentReason[] {
	const reasons: ConsentReason[] = [];
	if (sendsTokenInClear(baseUrl)) {
		reasons.push('cleartext');
	}
	if (source === 'workspace' || source === 'workspaceFolder') {
		const origin = originOf(baseUrl);
		const trusted = [DEFAULT_API_BASE_URL, inspected?.globalValue].filter((url): url is string => typeof url === 'string').map(originOf);
		if (origin === undefined || !trusted.includes(origin)) {
			reasons.push('workspaceChosen');
		}
	}
	return reasons;
}

/** How the question names a setting's origin: a name that the question's sentence takes as its {n}. */
export function describeSettingSource(source: SettingSource): string {
	switch (source) {
		case 'workspaceFolder':
			return l10n.t("a workspace folder's settings (.vscode/settings.json)");
		case 'workspace':
			return l10n.t("this workspace's settings");
		case 'user':
			return l10n.t('your user settings');
		case 'default':
			return l10n.t('the default');
	}
}

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
