import { redactText } from '../security/redaction';
import { MAX_RETRY_AFTER_MS } from '../util/timers';
import { formatNumber } from '../l10n/format';
import { l10n } from '../l10n/l10n';

/**
 * Every failure of a call to the Veo API becomes a VeoError with a kind. The UI maps kinds to
 * actions in one place (src/ui/errorActions.ts), so no caller has to parse status codes.
 */
export type VeoErrorKind =
	| 'noToken' // no token stored nor in the environment: nothing was sent
	| 'auth' // the token is missing, wrong, expired or for another service
	| 'quota' // 403 used_up: the account's balance is used up
	| 'refused' // 403 forbidden / disabled: content moderation or a disabled application, not a balance problem
	| 'paymentRequired' // 402: a pay-per-request gateway, not the token API
	| 'rateLimited' // 429: slow down
	| 'badRequest' // the request itself is wrong
	| 'endpointNotFound' // 404 no_api: most likely a wrong base URL
	| 'server' // 5xx or a proxy's error page
	| 'network' // connection refused, reset, DNS
	| 'timeout' // no answer within the configured time
	| 'badResponse'; // an answer that is not what the API returns (HTML with 200, invalid JSON, wrong shape)

export interface VeoErrorDetails {
	status?: number;
	code?: string;
	traceId?: string;
	/** When the server asked us to wait (Retry-After), in milliseconds from when the answer arrived. */
	retryAfterMs?: number;
	/**
	 * The server's own words (its `error.message`), redacted, kept apart from our message: the
	 * message is in the display language, so code that matches on the server's words reads them here.
	 */
	serverMessage?: string;
	/** A transport failure's system error code (ECONNREFUSED, ENOTFOUND…), for code to read: not the message. */
	systemCode?: string;
}

export class VeoError extends Error {
	readonly kind: VeoErrorKind;
	readonly status?: number;
	readonly code?: string;
	readonly traceId?: string;
	readonly retryAfterMs?: number;
	readonly serverMessage?: string;
	readonly systemCode?: string;

	constructor(kind: VeoErrorKind, message: string, details: VeoErrorDetails = {}) {
		super(message);
		this.name = 'VeoError';
		this.kind = kind;
		this.status = details.status;
		this.code = details.code;
		this.traceId = details.traceId;
		this.retryAfterMs = details.retryAfterMs;
		this.serverMessage = details.serverMessage;
		this.systemCode = details.systemCode;
	}

	/**
	 * Errors worth retrying later: the request was fine, the moment was not. An unreadable answer
	 * counts: it is usually a proxy's page that goes away.
	 */
	get isTransient(): boolean {
		return this.kind === 'rateLimited' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout' || this.kind === 'badResponse';
	}
}

/** Raised before anything is sent, by the client and by the refresher that checks first. */
export function noTokenError(): VeoError {
	return new VeoError('noToken', l10n.t('No Veo API token is set. Run "Veo: Set API Token" or set ACEDATACLOUD_API_TOKEN.'));
}

const MAX_SERVER_MESSAGE_CHARS = 300;
/** Real codes are short snake_case words (docs/api.md, "Errors"); anything longer is not one. */
export const MAX_ERROR_CODE_CHARS = 64;
/** Real trace IDs are UUIDs. */
export const MAX_TRACE_ID_CHARS = 128;
/** A whole error message, ours plus the server's words. */
export const MAX_ERROR_MESSAGE_CHARS = 600;

export { REDACTED } from '../security/redaction';

/** Takes every secret out of a text, in any case and across line breaks (see src/core/security/redaction.ts). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	return redactText(text, secrets);
}

/**
 * A text from an answer made safe to show or log: secrets out first (so a cut never leaves half a
 * token), then flattened to one line and cut to `max` characters.
 */
function readableField(value: unknown, max: number, secrets: readonly string[]): string | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}
	const flat = redactSecrets(value, secrets).replace(/\s+/g, ' ').trim();
	if (!flat) {
		return undefined;
	}
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * Every field of an error that is shown or logged (message, code, trace ID) with the secrets taken out
 * and the lengths capped. The client applies it to everything it throws; callers holding other
 * secrets may apply it again.
 */
export function redactError(error: VeoError, secrets: readonly string[]): VeoError {
	const message = readableField(error.message, MAX_ERROR_MESSAGE_CHARS, secrets) ?? '';
	const code = readableField(error.code, MAX_ERROR_CODE_CHARS, secrets);
	const traceId = readableField(error.traceId, MAX_TRACE_ID_CHARS, secrets);
	const serverMessage = readableField(error.serverMessage, MAX_SERVER_MESSAGE_CHARS, secrets);
	if (message === error.message && code === error.code && traceId === error.traceId && serverMessage === error.serverMessage) {
		return error;
	}
	return new VeoError(error.kind, message, {
		status: error.status,
		code,
		traceId,
		retryAfterMs: error.retryAfterMs,
		serverMessage,
		systemCode: error.systemCode,
	});
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds, at most an hour; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
	if (!value) {
		return undefined;
	}
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) {
		return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(trimmed) * 1000));
	}
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) {
		return undefined;
	}
	return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now));
}

interface ErrorBody {
	code?: string;
	message?: string;
	traceId?: string;
}

/**
 * Reads `{success:false, error:{code, message}, trace_id}` if that is what the body is; anything else
 * yields {}. Every field is redacted of `secrets` and capped (a gateway may echo the Authorization
 * header in any of them).
 */
export function readErrorBody(body: unknown, secrets: readonly string[] = []): ErrorBody {
	if (typeof body !== 'object' || body === null) {
		return {};
	}
	const record = body as Record<string, unknown>;
	const error = typeof record.error === 'object' && record.error !== null ? (record.error as Record<string, unknown>) : {};
	return {
		code: readableField(error.code, MAX_ERROR_CODE_CHARS, secrets),
		message: readableField(error.message, MAX_SERVER_MESSAGE_CHARS, secrets),
		traceId: readableField(record.trace_id, MAX_TRACE_ID_CHARS, secrets),
	};
}

/** Our sentence, then the server's own words (in whatever language the server wrote them). */
function withServerMessage(base: string, serverMessage: string | undefined): string {
	return serverMessage ? l10n.t('{0} (server said: {1})', base, serverMessage) : base;
}

/** Turns a non-2xx answer into a VeoError. `body` is the parsed JSON or undefined when the body was not JSON. */
export function errorFromStatus(
	status: number,
	body: unknown,
	retryAfterHeader: string | null | undefined,
	now: number,
	/** Texts that must not appear in the error (the token the request carried). */
	secrets: readonly string[] = [],
): VeoError {
	const { code, message, traceId } = readErrorBody(body, secrets);
	const details: VeoErrorDetails = { status, code, traceId, serverMessage: message };
	const isJson = body !== undefined;

	if (status === 429 || code === 'too_many_requests') {
		const retryAfterMs = parseRetryAfter(retryAfterHeader, now);
		const text =
			retryAfterMs !== undefined
				? l10n.t('Too many requests to the Veo API. Try again in {0} s.', formatNumber(Math.max(1, Math.ceil(retryAfterMs / 1000))))
				: l10n.t('Too many requests to the Veo API. Try again in a moment.');
		return new VeoError('rateLimited', text, { ...details, retryAfterMs });
	}
	if (code === 'token_mismatched' || code === 'no_token') {
		return new VeoError(
			'auth',
			withServerMessage(l10n.t('The API token is missing or is not a token for the Veo service. Set a Veo token.'), message),
			details,
		);
	}
	if (status === 401 || code === 'invalid_token' || code === 'token_expired') {
		const text = code === 'token_expired' ? l10n.t('The API token has expired. Set a new token.') : l10n.t('The API token was rejected. Set a new token.');
		return new VeoError('auth', withServerMessage(text, message), details);
	}
	// The provider's pay-per-request gateway asks for a payment per call; a token does not pay it.
	if (status === 402) {
		return new VeoError(
			'paymentRequired',
			l10n.t(
				'The server asks for a payment per request (HTTP 402): it is a pay-per-request gateway, not the Veo API that takes a token. Veo Tasks needs an API token for the regular API origin (https://api.acedata.cloud): check the setting veoTasks.apiBaseUrl.',
			),
			details,
		);
	}
	// The spec lists it under 400; some gateways send it with 403.
	if (code === 'disabled') {
		return new VeoError(
			'refused',
			withServerMessage(
				l10n.t('The Veo API refused the request: the application or service is disabled for this account. Contact AceData Cloud support.'),
				message,
			),
			details,
		);
	}
	// Only used_up is about money; the other 403s (docs/api.md, "Errors") must not send the user to recharge.
	if (code === 'used_up') {
		return new VeoError(
			'quota',
			withServerMessage(l10n.t('The AceData Cloud balance for this account is used up. Top it up on the platform.'), message),
			details,
		);
	}
	if (status === 403) {
		const why =
			code === 'forbidden'
				? l10n.t('The Veo API refused the request (content moderation or a policy of the service).')
				: code
					? l10n.t('The Veo API refused the request (HTTP 403, {0}): content moderation or a disabled application, not the balance.', code)
					: l10n.t('The Veo API refused the request (HTTP 403): content moderation or a disabled application, not the balance.');
		return new VeoError('refused', withServerMessage(why, message), details);
	}
	if (status === 404 || code === 'no_api') {
		return new VeoError('endpointNotFound', l10n.t('The Veo API endpoint was not found. Check the setting veoTasks.apiBaseUrl.'), details);
	}
	if (status >= 500 || !isJson) {
		const text = isJson
			? l10n.t('The Veo API failed with HTTP {0}. Try again later.', status)
			: l10n.t(
					'The Veo API failed with HTTP {0}. The answer was not from the API (an empty body or an error page, perhaps from a proxy). Try again later.',
					status,
				);
		return new VeoError('server', withServerMessage(text, message), details);
	}
	const refused = code
		? l10n.t('The Veo API refused the request (HTTP {0}, {1}).', status, code)
		: l10n.t('The Veo API refused the request (HTTP {0}).', status);
	return new VeoError('badRequest', withServerMessage(refused, message), details);
}

/**
 * Any thrown value as a VeoError: a VeoError as it is, anything else (a TypeError of fetch, a
 * string) as `kind` with its text. Callers pick `kind`: `network` where a request may not have
 * been answered, `badResponse` where an answer could not be read.
 */
export function toVeoError(error: unknown, kind: VeoErrorKind = 'network'): VeoError {
	return error instanceof VeoError ? error : new VeoError(kind, String(error));
}
