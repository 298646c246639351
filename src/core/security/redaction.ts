/**
 * Takes secrets (the API token) out of what a server sent, before anything is stored or shown. A
 * gateway may echo the Authorization header in any field of any answer, 2xx included, upper-cased
 * (some log formats do) or folded across lines (header folding, line-wrapped logs), so the match is
 * case-insensitive and allows white space between any two characters of the secret.
 */

/** Shown in place of a secret that an answer quoted back. */
export const REDACTED = '[token]';

/** Secrets shorter than this are not searched for: they would match ordinary words; no real token is that short. */
const MIN_SECRET_CHARS = 4;

const patterns = new Map<string, RegExp>();

/** The secret as a pattern: its characters in order, any case, any white space between them. */
function secretPattern(secret: string): RegExp {
	let pattern = patterns.get(secret);
	if (!pattern) {
		const source = Array.from(secret, (character) => character.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('\\s*');
		pattern = new RegExp(source, 'giu');
		if (patterns.size > 16) {
			patterns.clear();
		}
		patterns.set(secret, pattern);
	}
	pattern.lastIndex = 0;
	return pattern;
}

function usable(secrets: readonly string[]): string[] {
	return secrets.map((secret) => secret.trim()).filter((secret) => secret.length >= MIN_SECRET_CHARS);
}

/** A text with every secret taken out, in any case and across line breaks. */
export function redactText(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of usable(secrets)) {
		// Too short to hold the secret even without white space: nothing to search.
		if (result.length >= secret.length) {
			result = result.replace(secretPattern(secret), REDACTED);
		}
	}
	return result;
}

/**
 * A parsed JSON value with every secret taken out of every string in it, keys included. The value is
 * returned as it is when nothing had to change (no copy of large answers for nothing).
 */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
	const list = usable(secrets);
	if (!list.length) {
		return value;
	}
	return redactIn(value, list) as T;
}

function redactIn(value: unknown, secrets: string[]): unknown {
	if (typeof value === 'string') {
		return redactText(value, secrets);
	}
	if (Array.isArray(value)) {
		let changed = false;
		const copy = value.map((item) => {
			const redacted = redactIn(item, secrets);
			changed ||= redacted !== item;
			return redacted;
		});
		return changed ? copy : value;
	}
	if (typeof value === 'object' && value !== null) {
		let changed = false;
		const copy: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
			const safeKey = redactText(key, secrets);
			const redacted = redactIn(item, secrets);
			changed ||= redacted !== item || safeKey !== key;
			copy[safeKey] = redacted;
		}
		return changed ? copy : value;
	}
	return value;
}
