import * as assert from 'node:assert/strict';
import { toVeoError, VeoError } from '../../../../src/core/api/veoError';
import { taskCapabilities } from '../../../../src/core/tasks/capabilities';
import { finishedAfterWaiting, startedWork } from '../../../../src/core/tasks/transitions';

describe('Task capabilities, one rule each', () => {
	it('plays and downloads https videos only, opens and links http(s) ones', () => {
		const https = taskCapabilities({ state: 'succeeded', videoUrl: 'https://cdn.example/v.mp4', videoId: 'v1' });
		assert.equal(https.playableVideoUrl, 'https://cdn.example/v.mp4');
		assert.equal(https.openableVideoUrl, 'https://cdn.example/v.mp4');
		assert.equal(https.canLinkVideo, true);
		assert.equal(https.canFollowUp, true);

		const http = taskCapabilities({ state: 'succeeded', videoUrl: 'http://cdn.example/v.mp4' });
		assert.equal(http.playableVideoUrl, undefined);
		assert.equal(http.openableVideoUrl, 'http://cdn.example/v.mp4');
		assert.equal(http.canLinkVideo, true);
		assert.equal(http.canFollowUp, false, 'no video ID, nothing to follow up');

		const script = taskCapabilities({ state: 'succeeded', videoUrl: 'javascript:alert(1)' });
		assert.deepEqual([script.playableVideoUrl, script.openableVideoUrl, script.canLinkVideo], [undefined, undefined, false]);
	});

	it('links and follows up finished tasks only', () => {
		const running = taskCapabilities({ state: 'running', videoUrl: 'https://cdn.example/v.mp4', videoId: 'v1' });
		assert.equal(running.canLinkVideo, false);
		assert.equal(running.canFollowUp, false);
	});

	it('generates again only what was started with a request of ours', () => {
		assert.equal(taskCapabilities({ state: 'failed', action: 'text2video', prompt: 'A fox' }).canGenerateAgain, true);
		assert.equal(taskCapabilities({ state: 'failed', action: 'get1080p', prompt: 'Get 1080p: A fox' }).canGenerateAgain, false);
		assert.equal(taskCapabilities({ state: 'failed' }).canGenerateAgain, false);
	});
});

describe('Finished after waiting', () => {
	it('counts tasks seen pending or running that succeeded or failed, not those first seen finished', () => {
		const finished = finishedAfterWaiting([
			{ id: 'a', from: 'running', to: 'succeeded' },
			{ id: 'b', from: 'pending', to: 'failed' },
			{ id: 'c', from: 'unknown', to: 'succeeded' },
			{ id: 'd', from: 'pending', to: 'running' },
		]);
		assert.deepEqual(finished, { succeeded: ['a'], failed: ['b'] });
	});

	it('calls a task first seen pending or running new work', () => {
		assert.equal(startedWork([{ id: 'a', from: 'unknown', to: 'running' }]), true);
		assert.equal(startedWork([{ id: 'a', from: 'pending', to: 'running' }]), false);
		assert.equal(startedWork([{ id: 'a', from: 'unknown', to: 'succeeded' }]), false);
	});
});

describe('toVeoError', () => {
	it('keeps a VeoError and wraps anything else with the kind asked for', () => {
		const original = new VeoError('auth', 'no token');
		assert.equal(toVeoError(original), original);
		const wrapped = toVeoError(new TypeError('fetch failed'));
		assert.equal(wrapped.kind, 'network');
		assert.match(wrapped.message, /fetch failed/);
		assert.equal(toVeoError('odd', 'badResponse').kind, 'badResponse');
	});
});
