import { displayLocale, l10n } from './l10n';

/**
 * Numbers, counts and relative times in VS Code's display language, through Intl: no hand-written
 * plural "s" and no English-only "min ago". Formatters are cached per locale (tree rows call these
 * for every task on every redraw).
 */

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function cached<T>(cache: Map<string, T>, create: (locale: string | undefined) => T, variant = ''): T {
	const locale = displayLocale();
	const key = `${locale ?? ''}${variant}`;
	let value = cache.get(key);
	if (!value) {
		try {
			value = create(locale);
		} catch {
			// An unknown tag falls back to the runtime's own locale, never to an error in the UI.
			value = create(undefined);
		}
		cache.set(key, value);
	}
	return value;
}

/**
 * 1234 → "1,234" in English, "1,234" in Chinese, "1 234" in French. With `fractionDigits`, exactly
 * that many digits after the separator: (100, 1) → "100.0".
 */
export function formatNumber(value: number, fractionDigits?: number): string {
	if (fractionDigits === undefined) {
		return cached(numberFormats, (locale) => new Intl.NumberFormat(locale)).format(value);
	}
	return cached(numberFormats, (locale) => new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }), `|${fractionDigits}`).format(value);
}

/**
 * Picks the message for a count by the display language's plural rules. `forms.one` is used where
 * the language has a singular for this count (English 1); every other category uses `forms.other`
 * (Chinese has no plural: always "other"). Both forms are already translated and formatted:
 * `plural(n, { one: l10n.t('{0} task', formatNumber(n)), other: l10n.t('{0} tasks', formatNumber(n)) })`.
 */
export function plural(count: number, forms: { one: string; other: string }): string {
	return cached(pluralRules, (locale) => new Intl.PluralRules(locale)).select(count) === 'one' ? forms.one : forms.other;
}

/**
 * "3 min. ago", "2 hr. ago", "yesterday" in English; "3分钟前", "2小时前", "昨天" in Chinese. Under 45
 * seconds, and for future times (a server clock ahead of ours), "just now".
 */
export function relativeTime(thenMs: number, nowMs: number): string {
	const seconds = Math.round((nowMs - thenMs) / 1000);
	if (!(seconds >= 45)) {
		return l10n.t('just now');
	}
	const format = cached(relativeFormats, (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }));
	// Rounded the way people say it: 50 seconds is "1 min. ago", 90 minutes "2 hr. ago".
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) {
		return format.format(-minutes, 'minute');
	}
	const hours = Math.round(minutes / 60);
	if (hours < 24) {
		return format.format(-hours, 'hour');
	}
	return format.format(-Math.round(hours / 24), 'day');
}

/** "Wed, Jul 23, 2025" in English, "2025年7月23日周三" in Chinese: a day heading in the display language. */
export function formatDay(date: Date): string {
	return cached(dateFormats, (locale) => new Intl.DateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }), '|day').format(date);
}

/** "02:05 PM" in English, "14:05" in Chinese: a time of day in the display language. */
export function formatTimeOfDay(ms: number): string {
	return cached(dateFormats, (locale) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }), '|time').format(ms);
}

/** "a, b, c" in English, "a、b、c" in Simplified Chinese: a complete list as the display language writes one (narrow). */
export function formatList(items: readonly string[]): string {
	return cached(listFormats, (locale) => new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' })).format(items);
}
