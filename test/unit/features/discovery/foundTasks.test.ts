/**
 * What discovery remembers per workspace: where the next look starts (never before it was turned
 * on), which tracked tasks it found, forgotten as they are removed; kept across a reload.
 */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { DiscoveryState } from '../../../../src/features/discovery/foundTasks';

/** workspaceState as a map; a second DiscoveryState on the same memento is a window reload. */
function memento(): vscode.Memento {
	const values = new Map<string, unknown>();
	return {
		keys: () => [...values.keys()],
		get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
		update: async (key: string, value: unknown) => {
			values.set(key, structuredClone(value));
		},
	} as vscode.Memento;
}

describe('Discovery state', () => {
	it('starts when turned on, advances with each look, and survives a reload', async () => {
		const store = memento();
		const state = new DiscoveryState(store);
		assert.equal(state.since, undefined);
		await state.startIfNeeded(1000);
		await state.startIfNeeded(5000);
		assert.equal(state.since, 1000, 'turned on once');
		await state.recordLook(61_000, ['a', 'b']);
		const reloaded = new DiscoveryState(store);
		assert.equal(reloaded.since, 61_000);
		assert.equal(reloaded.startedAt, 1000);
		assert.equal(reloaded.isFound('a') && reloaded.isFound('b'), true);
		assert.equal(reloaded.isFound('c'), false);
	});

	it('turned off and on again starts afresh, and forgets found marks of removed tasks', async () => {
		const store = memento();
		const state = new DiscoveryState(store);
		await state.startIfNeeded(1000);
		await state.recordLook(61_000, ['a', 'b']);
		await state.prune((id) => id === 'b');
		assert.equal(state.isFound('a'), false);
		assert.equal(state.isFound('b'), true);
		await state.stop();
		await state.startIfNeeded(900_000);
		assert.equal(state.since, 900_000);
		assert.equal(new DiscoveryState(store).startedAt, 900_000);
	});

	it('reads damaged stored values as nothing stored', () => {
		const store = memento();
		void store.update('veoTasks.discovery', { since: 'yesterday', found: [1, 'x'], startedAt: null });
		const state = new DiscoveryState(store);
		assert.equal(state.since, undefined);
		assert.equal(state.isFound('x'), true);
	});
});
