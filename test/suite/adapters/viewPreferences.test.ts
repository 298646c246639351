// ViewPreferences driven directly on an in-memory Memento.
import * as assert from 'node:assert/strict';
import { VIEW_PREFERENCES_STATE_KEY } from '../../../src/constants';
import { ViewPreferences } from '../../../src/services/viewPreferences';
import { MemoryMemento } from './doubles';

describe('Adapter: ViewPreferences on an in-memory Memento', () => {
	const disposables: { dispose(): void }[] = [];

	function preferences(state: MemoryMemento): ViewPreferences {
		const made = new ViewPreferences(state);
		disposables.push(made);
		return made;
	}

	afterEach(() => {
		for (const disposable of disposables.splice(0)) {
			disposable.dispose();
		}
	});

	it('starts from the defaults on an empty Memento', () => {
		const view = preferences(new MemoryMemento());
		assert.equal(view.groupBy, 'none');
		assert.equal(view.hideFinished, false);
		assert.equal(view.autoRefreshPaused, false);
	});

	it('choices persist to the Memento and a second instance reads them back', async () => {
		const state = new MemoryMemento();
		const first = preferences(state);
		await first.update({ groupBy: 'day' });
		await first.update({ hideFinished: true, autoRefreshPaused: true });
		assert.deepEqual(state.get(VIEW_PREFERENCES_STATE_KEY), { groupBy: 'day', hideFinished: true, autoRefreshPaused: true });

		const second = preferences(state);
		assert.equal(second.groupBy, 'day');
		assert.equal(second.hideFinished, true);
		assert.equal(second.autoRefreshPaused, true);

		await second.update({ hideFinished: false });
		assert.equal(preferences(state).hideFinished, false);
		assert.equal(preferences(state).groupBy, 'day');
	});

	it('onDidChange fires once per update, with the new value already readable', async () => {
		const view = preferences(new MemoryMemento());
		const seen: string[] = [];
		disposables.push(view.onDidChange(() => seen.push(view.groupBy)));
		await view.update({ groupBy: 'state' });
		await view.update({ groupBy: 'prompt' });
		assert.deepEqual(seen, ['state', 'prompt']);
	});

	it('values of the wrong type in the Memento fall back to the defaults', () => {
		const state = new MemoryMemento();
		state.values.set(VIEW_PREFERENCES_STATE_KEY, { groupBy: 'weekday', hideFinished: 'yes', autoRefreshPaused: 1 });
		const view = preferences(state);
		assert.equal(view.groupBy, 'none');
		assert.equal(view.hideFinished, false);
		assert.equal(view.autoRefreshPaused, false);
	});
});
