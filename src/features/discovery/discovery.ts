import * as vscode from 'vscode';
import { DISCOVERY_FOCUS_STATE_KEY, Settings } from '../../constants';
import { affectsLiveTrackingSettings, readLiveTrackingSettings } from '../../services/settings';
import type { VeoClient } from '../../core/api/veoClient';
import { VeoError } from '../../core/api/veoError';
import { systemClock } from '../../core/polling/pollScheduler';
import { DISCOVERY_CAP, DiscoverySchedule, discoveryWindow, newlyFound, type DiscoveryConditions } from '../../core/tasks/discovery';
import { fetchRecentTasks } from '../../core/tasks/recentTasks';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import { normalizeTaskId } from '../../core/tasks/taskIds';
import type { ExtensionServices as Services } from '../../services/extensionServices';
import { DiscoveryState } from './foundTasks';

export interface Discovery {
	state: DiscoveryState;
	schedule: DiscoverySchedule;
}

function discoveryEnabled(): boolean {
	return vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.discoverNewTasks, true) !== false;
}

/**
 * Tasks started elsewhere (the provider's MCP server, its web client, scripts) show up by themselves:
 * at most once a minute while the Veo view is visible or a task is active, the extension lists the
 * tasks created since it last looked (retrieve_batch by created_at_min, as Track Recent Tasks does)
 * and tracks the new ones, marked as found. Timing: src/core/tasks/discovery.ts.
 */
export function registerDiscovery(services: Services, view: vscode.TreeView<string>, state: DiscoveryState): Discovery {
	const { repository, tokens, log, preferences, context } = services;
	let hasToken = false;
	/** A token refused or a balance used up: no look until the token or the settings change. */
	let halted = false;

	/**
	 * New tasks go to the focused window's workspace only. With pauseWhenUnfocused off an unfocused
	 * window may look too, but only the window focused last does (globalState is shared by windows):
	 * two windows never both track what one look found.
	 */
	const focusedLast = (): boolean => {
		const last = context.globalState.get<unknown>(DISCOVERY_FOCUS_STATE_KEY);
		return last === undefined || last === vscode.env.sessionId;
	};
	const noteFocus = (focused: boolean): void => {
		if (focused) {
			void context.globalState.update(DISCOVERY_FOCUS_STATE_KEY, vscode.env.sessionId);
		}
	};
	noteFocus(vscode.window.state.focused);

	const conditions = (): DiscoveryConditions => {
		const settings = readLiveTrackingSettings();
		return {
			enabled: discoveryEnabled(),
			hasToken: hasToken && !halted,
			focused: vscode.window.state.focused,
			focusedLast: focusedLast(),
			pauseWhenUnfocused: settings.pauseWhenUnfocused,
			autoRefresh: settings.autoRefresh && !preferences.autoRefreshPaused,
			viewVisible: view.visible,
			anyActive: repository.list.activeIds().length > 0,
		};
	};

	const look = async (): Promise<void> => {
		const since = state.since;
		if (since === undefined) {
			return;
		}
		const lookAt = Date.now();
		let records: TaskRecord[];
		let client: VeoClient;
		try {
			client = await services.session.clientForRequest({ interactive: false });
			({ records } = await fetchRecentTasks(client, discoveryWindow(since, lookAt, state.startedAt), { cap: DISCOVERY_CAP }));
		} catch (error) {
			const failure = error instanceof VeoError ? error : new VeoError('network', String(error));
			halted = !failure.isTransient;
			log.warn(`Discovery: looking for new tasks failed: ${failure.message}`);
			return;
		}
		const byId = new Map(records.map((record) => [normalizeTaskId(record.id), record]));
		let found: string[] = [];
		if ([...byId.keys()].some((id) => !repository.list.has(id))) {
			// Removals made in other windows count too: read them before deciding.
			await repository.sync();
			found = newlyFound(
				[...byId.keys()],
				(id) => repository.list.has(id),
				(id) => repository.wasRemoved(id),
			);
		}
		// Marked before they are added, so their rows say "found" from the first draw.
		const saved = state.recordLook(lookAt, found);
		if (found.length) {
			// Through the one door: the records already fetched go through the refresher (its event, and
			// its check that the base URL did not change meanwhile), not fetched a second time.
			const fetched = new Map(found.map((id) => [id, byId.get(id) as TaskRecord]));
			const { added } = await services.tracking.track(found, { source: 'discovered', announce: false, fetched: { records: fetched, client } });
			if (added.length) {
				log.info(`Discovery: ${added.length} new task(s) found and tracked.`);
			}
		}
		await saved;
	};

	const schedule = new DiscoverySchedule(systemClock, conditions, look);
	const update = (): void => schedule.update();

	const applySetting = async (): Promise<void> => {
		if (discoveryEnabled()) {
			await state.startIfNeeded(Date.now());
		} else {
			await state.stop();
		}
		update();
	};

	const refreshToken = async (): Promise<void> => {
		hasToken = (await tokens.get()) !== undefined;
		halted = false;
		update();
	};

	context.subscriptions.push(
		{ dispose: () => schedule.dispose() },
		view.onDidChangeVisibility(update),
		vscode.window.onDidChangeWindowState((windowState) => {
			noteFocus(windowState.focused);
			update();
		}),
		repository.list.onDidChange((change) => {
			if (change.structural) {
				void state.prune((id) => repository.list.has(id));
			}
			update();
		}),
		preferences.onDidChange(update),
		tokens.onDidChange(() => void refreshToken()),
		vscode.workspace.onDidChangeConfiguration((event) => {
			if (event.affectsConfiguration(`${Settings.section}.${Settings.discoverNewTasks}`)) {
				void applySetting();
			} else if (affectsLiveTrackingSettings(event) || event.affectsConfiguration(`${Settings.section}.${Settings.apiBaseUrl}`)) {
				halted = false;
				update();
			}
		}),
	);
	void repository.ready.then(async () => {
		await state.prune((id) => repository.list.has(id));
		await applySetting();
		await refreshToken();
	});

	return { state, schedule };
}
