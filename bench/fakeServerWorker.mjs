// Runs the fake Veo API in a worker thread, so that its own work (sorting, serializing 50 records
// per answer) runs on its own event loop, as a remote server's would, instead of on the event loop
// of the client being measured. The parent asks it for its request log over messages.

import { parentPort, workerData } from 'node:worker_threads';
import { fromOut } from './lib.mjs';

const { startFakeVeoServer } = fromOut('test/fakeApi/fakeVeoServer');
const { actionOf } = fromOut('test/fakeApi/recording');

const server = await startFakeVeoServer({ latencyMs: workerData.latencyMs, token: workerData.token, tasks: workerData.tasks });

parentPort.on('message', async (message) => {
	switch (message.type) {
		case 'clear':
			server.clearRequests();
			parentPort.postMessage({ type: 'cleared' });
			break;
		case 'requests': {
			const byAction = {};
			for (const request of server.requests) {
				const action = actionOf(request) ?? `${request.method} ${request.path}`;
				byAction[action] = (byAction[action] ?? 0) + 1;
			}
			parentPort.postMessage({ type: 'requests', count: server.requests.length, byAction });
			break;
		}
		case 'close':
			await server.close();
			parentPort.postMessage({ type: 'closed' });
			parentPort.close();
			break;
	}
});
parentPort.postMessage({ type: 'ready', url: server.url });
