import { parseServerTime } from '../util/time';

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
 * Reads a time the way the server might send it: unix seconds as a float (documented), but also
 * milliseconds, either as a string, or the provider's zone-less UTC+8 strings. Returns epoch
 * milliseconds on the one clock of src/core/util/time.ts.
 */
export function readEpochMs(value: unknown): number | undefined {
	return parseServerTime(value);
}
