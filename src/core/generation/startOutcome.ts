import type { VeoError } from '../api/veoError';
import { isTaskId, normalizeTaskId } from '../tasks/taskIds';

/**
 * Transport failures that happen before a request leaves this machine: the API cannot have
 * started anything, so saying "it did not start" is true.
 */
const NOT_SENT_CAUSES = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)\b/;

/**
 * Whether a failed generation request may still have started a (billable) job: the answer timed out,
 * the connection dropped after sending, a gateway gave up waiting (502, 504), or a 2xx came back
 * unreadable. Such a request is never sent again by itself (docs/api.md, "Generation"); the user is
 * told the outcome is unknown and offered Track Recent Tasks instead.
 */
export function isOutcomeUnknown(error: Pick<VeoError, 'kind' | 'status' | 'systemCode'>): boolean {
	switch (error.kind) {
		case 'timeout':
			return true;
		case 'network':
			// The system code, never the message: the message is in the display language.
			return !NOT_SENT_CAUSES.test(error.systemCode ?? '');
		case 'badResponse':
			return true;
		case 'server':
			return error.status === 502 || error.status === 504;
		default:
			return false;
	}
}

/** The task ID a generation returned, once checked: a UUID, lower-cased. Undefined otherwise. */
export function validStartedTaskId(raw: string): string | undefined {
	const id = normalizeTaskId(raw);
	return isTaskId(id) ? id : undefined;
}
