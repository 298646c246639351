/** Task IDs are UUIDs (8-4-4-4-12 hex). */
const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_EXACT = new RegExp(`^${UUID_SOURCE}$`, 'i');
const UUID_ANYWHERE = new RegExp(`(?<![0-9a-z-])${UUID_SOURCE}(?![0-9a-z-])`, 'gi');

export function isTaskId(value: string): boolean {
	return UUID_EXACT.test(value);
}

export function normalizeTaskId(value: string): string {
	return value.trim().toLowerCase();
}

export interface ParsedTaskIds {
	/** Valid IDs in the order given, lower-cased, each once. */
	ids: string[];
	/** Tokens that look like an attempt at an ID but are not a UUID (shown back to the user). */
	invalid: string[];
	/** IDs given more than once in the same input. */
	repeated: string[];
}

/**
 * Reads what a person types or pastes into "Add Task ID…": one ID, a list separated by spaces, commas
 * or new lines, or a blob of curl output / JSON that contains IDs somewhere.
 *
 * When the input contains JSON punctuation it is treated as text to search, so the other UUIDs in a
 * record (trace IDs, video IDs) are not all reported as invalid.
 */
export function parseTaskIdInput(input: string): ParsedTaskIds {
	const looksLikeBlob = /["{}[\]:=]/.test(input);
	if (looksLikeBlob) {
		return { ...dedupe(findTaskIds(input)), invalid: [] };
	}
	const tokens = input.split(/[\s,;]+/).map((token) => token.trim().replace(/^['"`<(]+|['"`>).]+$/g, '')).filter(Boolean);
	const valid: string[] = [];
	const invalid: string[] = [];
	for (const token of tokens) {
		if (isTaskId(token)) {
			valid.push(normalizeTaskId(token));
		} else {
			invalid.push(token);
		}
	}
	return { ...dedupe(valid), invalid };
}

/** Every UUID that appears anywhere in a text (a log, a JSON answer), in order of appearance. */
export function findTaskIds(text: string): string[] {
	return Array.from(text.matchAll(UUID_ANYWHERE), (match) => normalizeTaskId(match[0]));
}

function dedupe(ids: string[]): { ids: string[]; repeated: string[] } {
	const seen = new Set<string>();
	const repeated = new Set<string>();
	for (const id of ids) {
		if (seen.has(id)) {
			repeated.add(id);
		}
		seen.add(id);
	}
	return { ids: [...seen], repeated: [...repeated] };
}
