import { OTHER_UUID_FIELDS } from './taskIds';

/**
 * Whether text says a UUID in it is a Veo task. Hovers and terminal links offer to track an
 * untracked UUID only then (or when the user asks for every UUID): database keys, request IDs and
 * Kubernetes UIDs are UUIDs too, and must not turn into Veo prompts.
 */

/** How far before the ID a key may stand ("task_id": ", --task-id ). */
const KEY_REACH = 160;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Earlier IDs of the same list ("task_ids": ["a", "b") between the key and this ID. */
const LIST_BEFORE = `(?:["'\`]?${UUID}["'\`]?\\s*,\\s*)*`;
/** task_id, task-id, taskId, task_ids, "Task ID", 任务 ID, then `:` / `=` / a space, a quote or a bracket. */
const TASK_ID_KEY = new RegExp(`(?:\\btask[ _-]?ids?|\\btaskIds?|任务\\s*ID)["'\`]?\\s*[:=\\uFF1A]?\\s*[[(]?\\s*${LIST_BEFORE}["'\`]?\\s*$`, 'i');
/** The task's own record: `"id": "…"`, which means a task only in the provider's answer shape. */
const ID_KEY = new RegExp(`["']id["']\\s*:\\s*${LIST_BEFORE}["']$`, 'i');
/** Keys only the provider's task records carry beside their `id` (see /veo/tasks in docs). */
const PROVIDER_RECORD = /["'](?:api_id|application_id|credential_id)["']\s*:|["']type["']\s*:\s*["']videos["']/i;
/** The word Veo (Veo, veo3, Veo 3.1, /veo/ in the API's path), not part of another word. */
const VEO_WORD = /(?<![a-z0-9])veo(?:[\s_-]?\d(?:\.\d)?)?(?![a-z])/i;
/** A value of a field the provider uses for other UUIDs (trace_id, video_id, …): never a task. */
const OTHER_FIELD = new RegExp(`["']?(?:${OTHER_UUID_FIELDS.join('|')})["']?\\s*[:=]\\s*${LIST_BEFORE}["']?$`, 'i');

/**
 * Whether `text` says the UUID at `start` is a Veo task: a task ID key right before it, the word
 * Veo in the text, or the provider's task record around it. `text` is what the caller can see
 * around the ID: a terminal line, or a few lines of a document.
 */
export function saysVeoTask(text: string, start: number): boolean {
	const before = text.slice(Math.max(0, start - KEY_REACH), start);
	if (OTHER_FIELD.test(before)) {
		return false;
	}
	if (TASK_ID_KEY.test(before) || VEO_WORD.test(text)) {
		return true;
	}
	return ID_KEY.test(before) && PROVIDER_RECORD.test(text);
}
