/**
 * Word-by-word differences between prompts, for Compare Takes. Pure, no imports: unit-tested in
 * plain Node.
 */

/** A run of a prompt: words with the spaces after them, marked when the other prompt lacks them. */
export interface DiffPart {
	text: string;
	changed: boolean;
}

/** Beyond this many words per prompt the diff marks whole prompts as different instead (prompts are at most 4,000 characters). */
export const MAX_DIFF_WORDS = 2_000;

/** Splits a prompt into words, each with the white space that follows it, so joining the parts gives the prompt back. */
export function diffWords(text: string): string[] {
	return text.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * Which words of `a` and of `b` are not in their longest common subsequence of words (compared
 * without the spaces around them). Consecutive parts of the same kind are joined.
 */
export function diffPrompts(a: string, b: string): { a: DiffPart[]; b: DiffPart[] } {
	const wordsA = diffWords(a);
	const wordsB = diffWords(b);
	if (wordsA.length > MAX_DIFF_WORDS || wordsB.length > MAX_DIFF_WORDS) {
		const same = a === b;
		return { a: joinParts(wordsA.map((text) => ({ text, changed: !same }))), b: joinParts(wordsB.map((text) => ({ text, changed: !same }))) };
	}
	const keysA = wordsA.map((word) => word.trim());
	const keysB = wordsB.map((word) => word.trim());
	const common = commonMask(keysA, keysB);
	return {
		a: joinParts(wordsA.map((text, index) => ({ text, changed: !common.a[index] && keysA[index] !== '' }))),
		b: joinParts(wordsB.map((text, index) => ({ text, changed: !common.b[index] && keysB[index] !== '' }))),
	};
}

/**
 * Each take's prompt against the first take's: the first shows what any other lacks, each other what
 * the first lacks. With two takes this is the plain two-way diff.
 */
export function diffTakes(prompts: readonly string[]): DiffPart[][] {
	if (prompts.length === 0) {
		return [];
	}
	const [reference, ...others] = prompts;
	const referenceWords = diffWords(reference);
	const changedInReference = new Array<boolean>(referenceWords.length).fill(false);
	const result: DiffPart[][] = [[]];
	for (const other of others) {
		const diff = diffPrompts(reference, other);
		result.push(diff.b);
		let at = 0;
		for (const part of diff.a) {
			const count = diffWords(part.text).length;
			for (let i = 0; i < count; i++) {
				changedInReference[at + i] ||= part.changed;
			}
			at += count;
		}
	}
	result[0] = joinParts(referenceWords.map((text, index) => ({ text, changed: changedInReference[index] })));
	return result;
}

/** Marks the words of each list that belong to a longest common subsequence (classic dynamic programming). */
function commonMask(a: readonly string[], b: readonly string[]): { a: boolean[]; b: boolean[] } {
	const n = a.length;
	const m = b.length;
	// lengths[i][j]: the LCS of a[i..] and b[j..], in one flat array.
	const lengths = new Uint16Array((n + 1) * (m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lengths[i * (m + 1) + j] =
				a[i] === b[j] ? lengths[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1]);
		}
	}
	const inA = new Array<boolean>(n).fill(false);
	const inB = new Array<boolean>(m).fill(false);
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (a[i] === b[j]) {
			inA[i++] = true;
			inB[j++] = true;
		} else if (lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1]) {
			i++;
		} else {
			j++;
		}
	}
	return { a: inA, b: inB };
}

function joinParts(parts: readonly DiffPart[]): DiffPart[] {
	const joined: DiffPart[] = [];
	for (const part of parts) {
		const last = joined[joined.length - 1];
		if (last && last.changed === part.changed) {
			last.text += part.text;
		} else {
			joined.push({ ...part });
		}
	}
	return joined;
}
