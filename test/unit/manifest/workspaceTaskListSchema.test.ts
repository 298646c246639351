/** The JSON schema VS Code applies to .vscode/veo-tasks.json (contributes.jsonValidation). */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { exportTaskList, readImportedTaskList } from '../../../src/core/tasks/taskExport';
import type { TrackedTask } from '../../../src/core/tasks/taskList';
import { WORKSPACE_TASK_LIST_PATH } from '../../../src/constants';
import { schemaProblems } from '../../support/jsonSchemaCheck';
import { REPO_ROOT } from '../../support/repoRoot';

const root = REPO_ROOT;
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } };
const [validation] = manifest.contributes.jsonValidation;
const schema = JSON.parse(readFileSync(path.join(root, validation.url), 'utf8')) as Record<string, unknown>;

const ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const PARENT = '0b9c8d7e-6f50-4a1b-9c2d-3e4f5a6b7c8d';

describe('The schema of .vscode/veo-tasks.json', () => {
	it('package.json applies it to the workspace task list', () => {
		assert.equal(manifest.contributes.jsonValidation.length, 1);
		assert.equal(validation.fileMatch, `/${WORKSPACE_TASK_LIST_PATH}`);
		assert.match(validation.url, /^\.\/schemas\/[^/]+\.schema\.json$/);
	});

	it('accepts what Export Task List writes, with every field', () => {
		const tasks: TrackedTask[] = [
			{
				id: PARENT,
				addedAt: 0,
				summary: {
					state: 'succeeded',
					prompt: 'A fox',
					model: 'veo3',
					action: 'text2video',
					videoUrl: 'https://cdn.example/v.mp4',
					traceId: 't',
					createdAt: 1_753_435_158,
					completedAtMs: 1_753_435_300_000,
				},
			},
			{ id: ID, addedAt: 0, parentId: PARENT, summary: { state: 'running', rawState: 'processing' } },
			{ id: '1b9c8d7e-6f50-4a1b-9c2d-3e4f5a6b7c8d', addedAt: 0, summary: { state: 'unknown' } },
		];
		const exported = JSON.parse(JSON.stringify(exportTaskList(tasks, Date.UTC(2026, 0, 2))));
		assert.deepEqual(schemaProblems(schema, exported), []);
		const written = new Set((exported.tasks as object[]).flatMap((task) => Object.keys(task)));
		const items = (schema.properties as { tasks: { items: { properties: object } } }).tasks.items;
		assert.deepEqual([...written].sort(), Object.keys(items.properties).sort(), 'the export used every field the schema knows');
	});

	it('accepts a hand-written list of IDs alone, which Import reads', () => {
		const handWritten = { format: 'veo-tasks', tasks: [{ id: ID }, { id: PARENT.toUpperCase() }] };
		assert.deepEqual(schemaProblems(schema, handWritten), []);
		assert.equal(readImportedTaskList(JSON.stringify(handWritten)).recognized, true);
	});

	it('rejects the wrong shapes a hand edit makes', () => {
		const cases: [unknown, RegExp][] = [
			[[ID], /a array, not a object/],
			[{ tasks: [{ id: ID }] }, /lacks format/],
			[{ format: 'veo-task', tasks: [] }, /not "veo-tasks"/],
			[{ format: 'veo-tasks' }, /lacks tasks/],
			[{ format: 'veo-tasks', tasks: { id: ID } }, /\$\.tasks: a object, not a array/],
			[{ format: 'veo-tasks', tasks: [ID] }, /\$\.tasks\[0\]: a string, not a object/],
			[{ format: 'veo-tasks', tasks: [{ state: 'running' }] }, /\$\.tasks\[0\]: lacks id/],
			[{ format: 'veo-tasks', tasks: [{ id: 'not-a-uuid' }] }, /does not match/],
			[{ format: 'veo-tasks', tasks: [{ id: ID, parentID: PARENT }] }, /parentID is not allowed/],
			[{ format: 'veo-tasks', version: 2, tasks: [] }, /\$\.version: 2, not 1/],
		];
		for (const [value, problem] of cases) {
			const problems = schemaProblems(schema, value);
			assert.ok(
				problems.some((text) => problem.test(text)),
				`${JSON.stringify(value)}: ${problems.join('; ')}`,
			);
		}
	});

	it('requires what Import needs to recognise the file: a list the schema accepts is read as a task list', () => {
		const required = schema.required as string[];
		assert.deepEqual([...required].sort(), ['format', 'tasks']);
		const minimal = { format: 'veo-tasks', tasks: [] };
		assert.deepEqual(schemaProblems(schema, minimal), []);
		assert.equal(readImportedTaskList(JSON.stringify(minimal)).recognized, true);
	});
});
