// The list's companions in the window: the status bar item.
import * as assert from 'node:assert/strict';
import type { VeoTasksApi } from '../../src/extension';
import type { FakeVeoServer } from '../fakeApi/fakeVeoServer';
import { newTaskId, runningTask, succeededTask } from '../fakeApi/records';
import { useFreshEnvironment, waitFor } from './helpers';

describe('The status bar item', () => {
	let api: VeoTasksApi;
	let server: FakeVeoServer;

	useFreshEnvironment((environment) => ({ api, server } = environment));

	it('is hidden while nothing runs and nothing finished since; shows what runs, then what finished', async () => {
		const [done, running] = [newTaskId(), newTaskId()];
		server.setTask(succeededTask({ id: done, videoUrl: server.sampleVideoUrl }));
		await api.services.repository.add([done]);
		await api.services.refresher.refresh();
		assert.equal(api.services.repository.list.get(done)?.summary.state, 'succeeded');
		assert.equal(api.statusBar.visible, false, `hidden with a finished task tracked (text: ${api.statusBar.text})`);

		server.setTask(runningTask({ id: running, createdAt: Date.now() / 1000 - 120 }));
		await api.services.repository.add([running]);
		await api.services.refresher.refresh();
		await waitFor(() => api.statusBar.visible && api.statusBar.text.includes('1 Veo task running'), 'the item to show the running task');

		server.advanceTask(running, 'succeeded', { videoUrl: server.sampleVideoUrl });
		await api.services.refresher.refresh();
		await waitFor(() => api.statusBar.text === '$(check) Veo: 1 ready', `the item to say what finished (${api.statusBar.text})`);
		assert.equal(api.statusBar.visible, true);

		await api.services.repository.remove([running, done]);
		assert.equal(api.statusBar.visible, false, 'hidden with nothing tracked');
	});
});
