/** Task IDs are UUIDs (8-4-4-4-12 hex). */
const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_EXACT = new RegExp(`^${UUID_SOURCE}$`, 'i');
/**
 * A UUID glued to a letter or digit is part of a longer word, not an ID. Full-width letters and
 * digits (what a Chinese input method types, U+FF10–FF5A) count as such neighbours too, while CJK
 * text around an ID (任务2f1c…) does not: Chinese is written without spaces.
 */
const ID_NEIGHBOUR = '0-9a-z\\-\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A';
const UUID_ANYWHERE = new RegExp(`(?<![${ID_NEIGHBOUR}])${UUID_SOURCE}(?![${ID_NEIGHBOUR}])`, 'gi');
/** Separators between pasted IDs, full-width ones included (，；、 and the ideographic space are in \\s). */
const SEPARATORS = /[\s,;\uFF0C\uFF1B\u3001]+/;
/** Quotes and brackets around an ID, ASCII and full-width (“” ‘’ 「」 『』 （） 【】 《》 〈〉). */
const LEADING_WRAPPERS = new Set(["'", '"', '`', '<', '(', '\u201C', '\u2018', '\u300C', '\u300E', '\uFF08', '\u3010', '\u300A', '\u3008']);
const TRAILING_WRAPPERS = new Set(["'", '"', '`', '>', ')', '.', '\u201D', '\u2019', '\u300D', '\u300F', '\uFF09', '\u3011', '\u300B', '\u3009', '\u3002']);

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
	// A full-width colon (任务ID：…) marks text to search as an ASCII one does.
	const looksLikeBlob = /["{}[\]:=\uFF1A]/.test(input);
	if (looksLikeBlob) {
		return { ...dedupe(findTaskIds(input)), invalid: [] };
	}
	const tokens = input.split(SEPARATORS).map(stripWrappers).filter(Boolean);
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

/**
 * The token without the quotes, brackets and full stops around it. Index scans, not a regex: an
 * anchored-at-the-end regex retries from every position and takes quadratic time on a long run of
 * punctuation (40,000 dots took about a second).
 */
function stripWrappers(token: string): string {
	let start = 0;
	let end = token.length;
	while (start < end && LEADING_WRAPPERS.has(token[start])) {
		start++;
	}
	while (end > start && TRAILING_WRAPPERS.has(token[end - 1])) {
		end--;
	}
	return token.slice(start, end);
}

/**
 * Fields of the API's answers that hold UUIDs which are not task IDs: a pasted record must not
 * turn its trace and account IDs into tracked "tasks" that can never be found.
 */
export const OTHER_UUID_FIELDS = ['trace_id', 'trace_ids', 'api_id', 'application_id', 'credential_id', 'user_id', 'video_id'];
const OTHER_UUID_VALUE = new RegExp(`["']?(?:${OTHER_UUID_FIELDS.join('|')})["']?\\s*[:=]\\s*["']?(${UUID_SOURCE})`, 'gi');

/**
 * Every task ID in a text (a log, a JSON answer, curl output), in order of appearance: every UUID
 * except those that are only ever the value of a field known to hold something else.
 */
export function findTaskIds(text: string): string[] {
	const all = Array.from(text.matchAll(UUID_ANYWHERE), (match) => normalizeTaskId(match[0]));
	const asOtherField = countIds(Array.from(text.matchAll(OTHER_UUID_VALUE), (match) => match[1]));
	if (!asOtherField.size) {
		return all;
	}
	// An ID that also appears elsewhere than as one of those fields is still a task ID.
	const everywhere = countIds(all);
	return all.filter((id) => (everywhere.get(id) ?? 0) > (asOtherField.get(id) ?? 0));
}

function countIds(ids: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const id of ids) {
		const key = normalizeTaskId(id);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
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
