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

/**
 * Where the effective `apiBaseUrl` comes from. Only 'user' (the user's own settings in a local window)
 * and 'default' (this extension's own default, the provider) are the user's choice; every other
 * source is something a repository, a container, a remote machine or another extension can set.
 */
export type SettingSource =
	| 'default'
	| 'user'
	| 'workspace'
	| 'workspaceFolder'
	/** A default that is not ours: another extension's `configurationDefaults`, or a policy. */
	| 'otherDefault'
	/** The user layer of a remote window: a dev container's or the remote machine's settings may be in it. */
	| 'remoteUser'
	/** A language-specific override (`"[markdown]": {...}`). */
	| 'languageOverride';

/** The layers of a setting as VS Code's `inspect()` reports them (only the ones that matter here). */
export interface InspectedSetting {
	defaultValue?: string;
	globalValue?: string;
	workspaceValue?: string;
	workspaceFolderValue?: string;
	defaultLanguageValue?: string;
	globalLanguageValue?: string;
	workspaceLanguageValue?: string;
	workspaceFolderLanguageValue?: string;
}

/** What the window is: whether its user layer is only the user's own settings. */
export interface SettingContext {
	/** `vscode.env.remoteName` (dev container, SSH, WSL, ...): the user layer then merges the remote machine's settings. */
	remoteName?: string;
}

/**
 * Whether the user layer (`globalValue`) may hold settings the user did not choose: in a remote
 * window it merges the remote machine's settings, where a dev container's
 * `customizations.vscode.settings` or a Remote-SSH host's machine settings land, and the API cannot
 * tell them apart. The one remote we can tell about is a workbench served by the machine itself
 * (code-server, openvscode-server: the remote name is that server's `host:port`), whose user
 * settings are the only ones there are, kept by whoever runs the server.
 */
export function userLayerMayBeForeign(context: SettingContext): boolean {
	const name = context.remoteName;
	if (!name) {
		return false;
	}
	return !/^(\[[0-9a-f:.]+\]|[\w.-]+):\d+$/i.test(name);
}

/**
 * Which layer the effective value comes from. The most specific layer that holds the effective value
 * wins; a layer that holds another value is not in effect (Restricted Mode ignores workspace values
 * of `apiBaseUrl`, while `inspect()` still reports them). A value no layer explains, or a default
 * other than this extension's own, is another extension's default (or a policy): never the user's.
 */
export function settingSource(effective: string, inspected: InspectedSetting | undefined, context: SettingContext = {}): SettingSource {
	const same = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '' && normalizeBaseUrl(value) === normalizeBaseUrl(effective);
	if (
		same(inspected?.workspaceFolderLanguageValue) ||
		same(inspected?.workspaceLanguageValue) ||
		same(inspected?.globalLanguageValue) ||
		same(inspected?.defaultLanguageValue)
	) {
		return 'languageOverride';
	}
	if (same(inspected?.workspaceFolderValue)) {
		return 'workspaceFolder';
	}
	if (same(inspected?.workspaceValue)) {
		return 'workspace';
	}
	if (same(inspected?.globalValue)) {
		return userLayerMayBeForeign(context) ? 'remoteUser' : 'user';
	}
	// Compared with the literal of our manifest, not with what inspect() calls the default: another
	// extension's configurationDefaults changes that.
	return normalizeBaseUrl(effective) === DEFAULT_API_BASE_URL ? 'default' : 'otherDefault';
}

/** Why the token may not go to an origin before the user says so; empty when it may go at once. */
export type ConsentReason =
	/** http to a host that is not this machine: anyone on the way reads the token. */
	| 'cleartext'
	/**
	 * The URL comes from anything but the user's own settings on this machine (a workspace, a folder,
	 * another extension's default, a dev container, a remote machine): someone else may have chosen it.
	 * (The name is the one answers were stored under when only workspaces could choose.)
	 */
	| 'workspaceChosen';

/**
 * The questions to ask before the token goes to `baseUrl`. Without a question the token goes only to
 * the provider's own origin or to the one the user chose in their own settings on this machine.
 */
export function consentReasons(baseUrl: string, source: SettingSource, inspected?: InspectedSetting, context: SettingContext = {}): ConsentReason[] {
	const reasons: ConsentReason[] = [];
	if (sendsTokenInClear(baseUrl)) {
		reasons.push('cleartext');
	}
	if (source !== 'user') {
		const origin = originOf(baseUrl);
		// The user layer names the user's own choice only in a local window.
		const userChoice = userLayerMayBeForeign(context) ? undefined : inspected?.globalValue;
		const trusted = [DEFAULT_API_BASE_URL, userChoice].filter((url): url is string => typeof url === 'string').map(originOf);
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
		case 'otherDefault':
			return l10n.t('a default set by another extension or a policy');
		case 'remoteUser':
			return l10n.t('the settings of this remote window (a dev container or the remote machine can set them)');
		case 'languageOverride':
			return l10n.t('a language-specific setting');
	}
}

/**
 * Whether video URLs on this machine (loopback) may be played, downloaded or opened: only while the
 * API base URL is itself on this machine (the tests' fake API, a developer's local gateway). A hostile
 * record or CDN must not make the extension fetch local-only services. Set by the API session.
 */
let loopbackVideosAllowed = false;

export function setLoopbackVideosAllowed(allowed: boolean): void {
	loopbackVideosAllowed = allowed;
}

/** The rule `setLoopbackVideosAllowed` is given: loopback videos only for a loopback API. */
export function allowsLoopbackVideos(apiBaseUrl: string): boolean {
	try {
		return isLoopbackHost(new URL(normalizeBaseUrl(apiBaseUrl)).hostname);
	} catch {
		return false;
	}
}

function parseVideoUrl(raw: string | undefined): URL | undefined {
	if (!raw) {
		return undefined;
	}
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return undefined;
	}
	if (url.username || url.password || (isLoopbackHost(url.hostname) && !loopbackVideosAllowed)) {
		return undefined;
	}
	return url;
}

/**
 * The video URL if the player may load it: https anywhere, http only on this machine (and only while
 * the API is: see setLoopbackVideosAllowed). Anything else (javascript:, data:, file:, plain http on a
 * public host) is never played or linked.
 */
export function playableVideoUrl(raw: string | undefined): URL | undefined {
	const url = parseVideoUrl(raw);
	if (url && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
		return url;
	}
	return undefined;
}

/** URLs we hand to the system browser: http(s) only, so a hostile record cannot open `file:` or `vscode:` links. */
export function openableVideoUrl(raw: string | undefined): URL | undefined {
	const url = parseVideoUrl(raw);
	return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined;
}
