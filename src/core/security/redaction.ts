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
		const source = Array.from(secret, (character) => character.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s*');
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
 * A freshly parsed JSON value with every secret taken out of every string in it, keys included.
 * Changed in place (the caller owns the value, just parsed), walked without recursion: an answer
 * may nest ten thousand levels deep.
 */
export function redactParsed<T>(value: T, secrets: readonly string[]): T {
	const list = usable(secrets);
	if (!list.length) {
		return value;
	}
	if (typeof value === 'string') {
		return redactText(value, list) as T;
	}
	const pending: unknown[] = [value];
	while (pending.length) {
		const current = pending.pop();
		if (Array.isArray(current)) {
			for (let i = 0; i < current.length; i++) {
				const item: unknown = current[i];
				if (typeof item === 'string') {
					current[i] = redactText(item, list);
				} else if (typeof item === 'object' && item !== null) {
					pending.push(item);
				}
			}
		} else if (typeof current === 'object' && current !== null) {
			const record = current as Record<string, unknown>;
			for (const key of Object.keys(record)) {
				const item = record[key];
				const safeKey = redactText(key, list);
				const safeItem = typeof item === 'string' ? redactText(item, list) : item;
				if (safeKey !== key) {
					delete record[key];
				}
				if (safeKey !== key || safeItem !== item) {
					// defineProperty: a plain assignment to a key named "__proto__" would not store it.
					Object.defineProperty(record, safeKey, { value: safeItem, writable: true, enumerable: true, configurable: true });
				}
				if (typeof item === 'object' && item !== null) {
					pending.push(item);
				}
			}
		}
	}
	return value;
}
