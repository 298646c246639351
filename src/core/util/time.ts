/**
 * One clock for every time the extension reads or shows. The API writes times three ways
 * (docs/api.md, "Times"): the record's `created_at` in unix seconds, some clients in milliseconds,
 * and `data[].created_at` / `complete_at` as zone-less "YYYY-MM-DD HH:MM:SS" wall-clock strings in
 * UTC+8. All of them become epoch milliseconds here; only the formatting below turns them back
 * into text, in the user's time zone and VS Code's display language.
 */

import { displayLocale, l10n } from '../l10n/l10n';

/** The provider writes its zone-less time strings in China Standard Time (docs/api.md, "Times"). */
export const PROVIDER_UTC_OFFSET_MINUTES = 8 * 60;

/** Beyond ±8.64e15 ms a Date is invalid, and toISOString() throws (in the export, for one). */
const MAX_DATE_MS = 8.64e15;

/** Anything above 10^11 cannot be seconds (that is the year 5138): it is milliseconds already. */
const SECONDS_LIMIT = 1e11;

/** "2025-07-25 17:19:20", "2025-07-25T17:19:20.5", optionally followed by a zone ("Z", "+08:00", "+0800"). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a time as the server might send it and returns epoch milliseconds, or undefined when it
 * is not a time. Numbers (or numeric strings) are seconds, or milliseconds above 10^11. Strings
 * without a zone are the provider's UTC+8 wall clock; a string that names its zone keeps it.
 */
export function parseServerTime(value: unknown): number | undefined {
	const ms = parseUnchecked(value);
	return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}

function parseUnchecked(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
	if (typeof number === 'number') {
		if (!Number.isFinite(number) || number <= 0) {
			return undefined;
		}
		return number > SECONDS_LIMIT ? Math.round(number) : Math.round(number * 1000);
	}
	if (typeof value !== 'string' || value.length > 64) {
		return undefined;
	}
	const match = DATE_TIME.exec(value.trim());
	if (!match) {
		return undefined;
	}
	const [, year, month, day, hour, minute, second = '0', fraction = '0', zone] = match;
	const wallClock = Date.UTC(
		Number(year),
		Number(month) - 1,
		Number(day),
		Number(hour),
		Number(minute),
		Number(second),
		Math.round(Number(`0.${fraction}`) * 1000),
	);
	// Date.UTC rolls "2025-02-31" over into March: a date that does not exist is not a time.
	const check = new Date(wallClock);
	if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
		return undefined;
	}
	return wallClock - zoneOffsetMinutes(zone) * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number {
	if (zone === undefined) {
		return PROVIDER_UTC_OFFSET_MINUTES;
	}
	if (zone.toUpperCase() === 'Z') {
		return 0;
	}
	const digits = zone.replace(':', '');
	const sign = digits.startsWith('-') ? -1 : 1;
	return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

export interface TimeDisplay {
	/**
	 * A BCP 47 tag, e.g. VS Code's `vscode.env.language` ("en", "zh-cn"). When absent, the display
	 * language the core was given (displayLocale), else the runtime's default; an unknown tag falls back to the runtime's.
	 */
	locale?: string;
	/** An IANA zone; the user's own (the runtime's) when absent. Tests fix it. */
	timeZone?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(display: TimeDisplay): Intl.DateTimeFormat {
	const locale = display.locale ?? displayLocale();
	const key = `${locale ?? ''}|${display.timeZone ?? ''}`;
	let format = formatters.get(key);
	if (!format) {
		const options: Intl.DateTimeFormatOptions = {
			year: 'numeric',
			month: 'short',
			day: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			// The zone is named: a time without it is the ambiguity this module exists to remove.
			timeZoneName: 'short',
			timeZone: display.timeZone,
		};
		try {
			format = new Intl.DateTimeFormat(locale, options);
		} catch {
			// An unknown locale or zone falls back to the runtime's own, never to an error in the UI.
			format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: undefined });
		}
		formatters.set(key, format);
	}
	return format;
}

/** A moment in the user's time zone and language, with the zone named: "Jul 25, 2025, 05:19:18 PM GMT+8". */
export function formatDateTime(ms: number, display: TimeDisplay = {}): string {
	return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? dateTimeFormat(display).format(ms) : l10n.t('unknown');
}

/** Machine-readable, for files other tools read: ISO 8601 in UTC ("Z" is the offset). */
export function isoTime(ms: number): string | undefined {
	return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : undefined;
}

const UNITS = [
	{ unit: 'day', ms: 86_400_000 },
	{ unit: 'hour', ms: 3_600_000 },
	{ unit: 'minute', ms: 60_000 },
	{ unit: 'second', ms: 1000 },
] as const;

/**
 * A length of time in the two largest units that matter, each formatted by Intl in the given
 * language (else the display language): "2 min 28 sec", "3 min", "1 hr 5 min" (English); "2分钟28秒"
 * (Chinese). Seconds are left out from an hour on: nobody waits on them then.
 */
export function formatDuration(ms: number, locale: string | undefined = displayLocale()): string {
	const total = Math.max(0, Math.round(ms / 1000)) * 1000;
	const parts: string[] = [];
	let rest = total;
	for (const { unit, ms: size } of UNITS) {
		const count = Math.floor(rest / size);
		rest -= count * size;
		if (count > 0 || (unit === 'second' && parts.length === 0)) {
			if (unit === 'second' && total >= 3_600_000) {
				break;
			}
			parts.push(unitFormat(unit, locale).format(count));
		}
		if (parts.length === 2) {
			break;
		}
	}
	// Two units in the language's own order and spacing: "2 min 28 sec", "2分钟28秒". Not
	// Intl.ListFormat: its unit lists put a comma in English and German and half a space in zh-TW.
	return parts.length === 2 ? l10n.t('{0} {1}', parts[0], parts[1]) : parts[0];
}

const unitFormats = new Map<string, Intl.NumberFormat>();

function unitFormat(unit: string, locale: string | undefined): Intl.NumberFormat {
	const key = `${unit}|${locale ?? ''}`;
	let format = unitFormats.get(key);
	if (!format) {
		try {
			format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' });
		} catch {
			format = new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'short' });
		}
		unitFormats.set(key, format);
	}
	return format;
}

/**
 * How long a task took, or has been running: "took 2 min 28 sec", "running for 3 min". Undefined
 * when the start is unknown, or when the end comes before the start (clocks that disagree
 * would otherwise say "took 0 sec").
 */
export function describeTaskDuration(startMs: number | undefined, endMs: number | undefined, nowMs: number, locale?: string): string | undefined {
	if (startMs === undefined) {
		return undefined;
	}
	if (endMs !== undefined) {
		return endMs >= startMs ? l10n.t('took {0}', formatDuration(endMs - startMs, locale)) : undefined;
	}
	return nowMs >= startMs ? l10n.t('running for {0}', formatDuration(nowMs - startMs, locale)) : undefined;
}

/** "took 2 min 28 sec" from a length the server counted itself (the record's `elapsed`). */
export function describeElapsed(ms: number, locale?: string): string {
	return l10n.t('took {0}', formatDuration(ms, locale));
}
