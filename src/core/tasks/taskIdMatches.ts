import { isTaskId, normalizeTaskId } from './taskIds';

/** A task ID found in a line of text, with where it is. */
export interface TaskIdMatch {
	id: string;
	start: number;
	length: number;
}

const UUID_LENGTH = 36;
/** Candidates: 36 characters of hex and dashes not inside a longer run; isTaskId checks the format. */
const CANDIDATE = /(?<![0-9a-z-])[0-9a-f-]{36}(?![0-9a-z-])/gi;

/**
 * Task IDs (UUIDs, as taskIds.ts defines them) in one line, for hovers and terminal links. A line
 * too short to hold one or without a dash is answered without running a regex: most lines of most
 * files have no task ID, and this runs on every hover and every terminal line.
 */
export function taskIdsInLine(line: string): TaskIdMatch[] {
	if (line.length < UUID_LENGTH || !line.includes('-')) {
		return [];
	}
	const matches: TaskIdMatch[] = [];
	for (const match of line.matchAll(CANDIDATE)) {
		if (isTaskId(match[0])) {
			matches.push({ id: normalizeTaskId(match[0]), start: match.index ?? 0, length: UUID_LENGTH });
		}
	}
	return matches;
}

/** The task ID under a character position of a line, if any. */
export function taskIdAt(line: string, character: number): TaskIdMatch | undefined {
	return taskIdsInLine(line).find((match) => character >= match.start && character <= match.start + match.length);
}
