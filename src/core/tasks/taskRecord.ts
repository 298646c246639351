/**
 * A task record exactly as the server sent it. Nothing in it is trusted: every field is read
 * through the narrowing helpers below, and the raw record is only ever shown as text.
 */
export interface TaskRecord {
	id: string;
	[field: string]: unknown;
}

export function isRecordWithId(value: unknown): value is TaskRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string';
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asString(value: unknown): string | undefined {
	if (typeof value === 'string') {
		return value;
	}
	if (typeof value === 'number' && Number.isFinite(value)) {
		return String(value);
	}
	return undefined;
}

/**
 * Reads a creation time the way the server might send it: unix seconds as a float (documented),
 * but also milliseconds, or either as a string. Returns epoch milliseconds.
 */
export function readEpochMs(value: unknown): number | undefined {
	const ms = readEpochMsUnchecked(value);
	// Beyond ±8.64e15 ms a Date is invalid, and toISOString() throws (in the export, for one).
	return ms !== undefined && Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}

const MAX_DATE_MS = 8.64e15;

function readEpochMsUnchecked(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number === 'number' && Number.isFinite(number) && number > 0) {
		// Anything above 10^11 cannot be seconds (that is the year 5138): it is milliseconds already.
		return number > 1e11 ? Math.round(number) : Math.round(number * 1000);
	}
	if (typeof value === 'string') {
		const parsed = Date.parse(value.includes('T') || value.endsWith('Z') ? value : `${value.replace(' ', 'T')}Z`);
		return Number.isNaN(parsed) ? undefined : parsed;
	}
	return undefined;
}
