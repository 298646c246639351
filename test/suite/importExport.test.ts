// Import Task List and Export Task List as a person meets them: the open and save dialogs, the
// files on disk and the notifications.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VeoTasksApi } from '../../src/extension';
import { newTaskId } from '../fakeApi/records';
import { useFreshEnvironment, recordDialogs, recordMessages } from './helpers';

describe('Import Task List on a huge file', () => {
	let api: VeoTasksApi;
	useFreshEnvironment((environment) => ({ api } = environment));

	it('refuses a file over 32 MB with a message that says so, and tracks nothing', async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-huge-import-'));
		const messages = recordMessages();
		try {
			const file = path.join(folder, 'huge.json');
			// A sparse file: its size is what counts, and it takes no room on the disk.
			fs.writeFileSync(file, `{"format":"veo-tasks","version":1,"tasks":[{"id":"${newTaskId()}"}]}`);
			fs.truncateSync(file, 32 * 1024 * 1024 + 1);
			const dialogs = recordDialogs({ open: () => [vscode.Uri.file(file)] });
			try {
				assert.equal(await vscode.commands.executeCommand(Commands.importTasks), undefined);
			} finally {
				dialogs.dispose();
			}
			assert.equal(api.services.repository.list.size, 0);
			assert.ok(
				messages.shown.some(
					(shown) =>
						shown.severity === 'error' && /huge\.json is too large to import \(32\.0 MB; Import Task List reads files up to 32 MB\)/.test(shown.message),
				),
				messages.shown.map((shown) => shown.message).join(' | '),
			);
		} finally {
			messages.dispose();
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
});
