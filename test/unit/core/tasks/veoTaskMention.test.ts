import * as assert from 'node:assert/strict';
import { saysVeoTask } from '../../../../src/core/tasks/veoTaskMention';

const ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const OTHER = '0b9c8d7e-6f50-4a1b-9c2d-3e4f5a6b7c8d';

/** Whether the text around the (first) ID says it is a Veo task. */
function says(text: string, id = ID): boolean {
	const start = text.indexOf(id);
	assert.ok(start >= 0, 'the text holds the ID');
	return saysVeoTask(text, start);
}

describe('saysVeoTask: does the text say a UUID is a Veo task', () => {
	it('a bare UUID in text, logs, keys and Kubernetes output is not one', () => {
		for (const text of [
			`started ${ID}`,
			`other ${ID}`,
			`INSERT INTO users (id) VALUES ('${ID}');`,
			`request_id=${ID} status=200`,
			`pod/web-1   uid: ${ID}`,
			`{"id": "${ID}", "name": "alice"}`,
			`{"user_id": "${ID}", "task": "cleanup"}`,
		]) {
			assert.equal(says(text), false, text);
		}
	});

	it('a task ID key right before it says so, in JSON, YAML, env, flags and prose', () => {
		for (const text of [
			`{"success":true,"task_id":"${ID}","trace_id":"x"}`,
			`task_id: ${ID}`,
			`taskId = '${ID}'`,
			`TASK_ID=${ID}`,
			`--task-id ${ID}`,
			`Task ID: ${ID}`,
			`const taskIds = ["${OTHER}", "${ID}"];`,
			`任务 ID：${ID}`,
		]) {
			assert.equal(says(text), true, text);
		}
	});

	it('the word Veo nearby says so; a word that only contains it does not', () => {
		assert.equal(says(`Veo render for the launch: ${ID}`), true);
		assert.equal(says(`veo3 ${ID}`), true);
		assert.equal(says(`curl https://api.acedata.cloud/veo/tasks -d '{"id":"${ID}"}'`), true);
		assert.equal(says(`## Veo 3.1 takes\n\n- ${ID}`), true);
		assert.equal(says(`the video ${ID}`), false);
		assert.equal(says(`vetoed ${ID} by envelope`), false);
	});

	it("the provider's task record (an id beside api_id, application_id or type videos) says so", () => {
		assert.equal(says(`{"_id": "x", "id": "${ID}", "api_id": "${OTHER}", "type": "videos"}`), true);
		assert.equal(says(`"id": "${ID}",\n"application_id": "${OTHER}",`), true);
		// The record's other UUIDs are not tasks, even in the record.
		assert.equal(says(`{"id": "${OTHER}", "api_id": "${ID}", "type": "videos"}`), false);
	});

	it('the value of a field that holds other UUIDs is never a task, even beside Veo', () => {
		assert.equal(says(`Veo answer: "trace_id": "${ID}"`), false);
		assert.equal(says(`veo video_id=${ID}`), false);
	});
});
