import * as vscode from 'vscode';
import { PollScheduler, systemClock, type PollTask } from '../core/polling/pollScheduler';
import { pollPolicyFromSettings } from '../core/polling/pollPolicy';
import { giveUpAt } from '../core/tasks/giveUp';
import { affectsApiSettings, affectsLiveTrackingSettings, readGiveUpAfterMs, readLiveTrackingSettings } from './settings';
import type { TaskRefresher } from './taskRefresher';
import type { TaskListReader } from './taskRepository';
import type { TokenStore } from './tokenStore';
import type { ViewPreferences } from './viewPreferences';
import type { RefreshResult } from './taskRefresher';
import { DurationModel } from '../core/polling/durationModel';
import { TASK_DURATIONS_STATE_KEY } from '../constants';
import type { StateTransition } from '../core/tasks/taskList';

/**
 * Polls pending and running tasks on the adaptive schedule of PollScheduler, through the same
 * refresher as the Refresh command (so the two never run at once), and pauses while the window is
 * not focused. The schedule follows how long the user's own tasks of each model took: every task
 * seen to finish teaches the DurationModel, kept in globalState (small and capped) so that it
 * holds in every workspace and after a reload.
 */
export interface LiveTrackingServices {
	repository: TaskListReader;
	refresher: Pick<TaskRefresher, 'refresh' | 'onDidRefresh'>;
	tokens: Pick<TokenStore, 'onDidChange'>;
	preferences: Pick<ViewPreferences, 'autoRefreshPaused' | 'onDidChange'>;
	/** Where the learned task durations are kept (every workspace shares them). */
	globalState: Pick<vscode.Memento, 'get' | 'update'>;
	subscriptions: vscode.Disposable[];
}

export function registerLiveTracking({ repository, refresher, tokens, preferences, globalState, subscriptions }: LiveTrackingServices): PollScheduler {
	const list = repository.list;
	/** For tasks whose creation time the server has not told us yet: when we saw them start running. */
	const startedAt = new Map<string, number>();
	const durations = new DurationModel(globalState.get(TASK_DURATIONS_STATE_KEY));

	const activeTasks = (): PollTask[] => {
		const now = Date.now();
		const afterMs = readGiveUpAfterMs();
		return list.activeIds().map((id) => {
			const task = list.get(id);
			const created = task?.summary.createdAt;
			// A task's age is the server's: a task pasted three minutes after it started is three minutes
			// old. Server time may be ahead of ours: never let a task look younger than zero.
			const since = Math.min(now, created ?? startedAt.get(id) ?? task?.addedAt ?? now);
			const giveUp = task ? giveUpAt(task.summary, afterMs) : undefined;
			const finish = durations.distributionFor(task?.summary.model);
			return giveUp === undefined ? { id, activeSince: since, finish } : { id, activeSince: since, giveUpAt: giveUp, finish };
		});
	};

	/** A task seen to finish (or fail) teaches the schedule how long its model takes, by the server's own clock. */
	const learnDuration = (transition: StateTransition): boolean => {
		if ((transition.to !== 'succeeded' && transition.to !== 'failed') || (transition.from !== 'pending' && transition.from !== 'running')) {
			return false;
		}
		const summary = list.get(transition.id)?.summary;
		if (summary?.createdAt === undefined || summary.completedAtMs === undefined) {
			return false;
		}
		return durations.record(summary.model, summary.createdAt, summary.completedAtMs);
	};

	const scheduler = new PollScheduler({
		clock: systemClock,
		policy: () => {
			const settings = readLiveTrackingSettings();
			return pollPolicyFromSettings(settings.pollIntervalSeconds, settings.maxPollIntervalSeconds);
		},
		activeTasks,
		poll: async (ids) => outcomeOf(await refresher.refresh(ids, { reason: 'poll' })),
	});

	const applySettings = (): void => {
		const settings = readLiveTrackingSettings();
		scheduler.setPaused(settings.pauseWhenUnfocused && !vscode.window.state.focused);
		// Pause Auto-Refresh (a choice of this workspace) overrides the setting without changing it.
		scheduler.setEnabled(settings.autoRefresh && !preferences.autoRefreshPaused);
	};

	subscriptions.push(
		{ dispose: () => scheduler.dispose() },
		refresher.onDidRefresh((result) => {
			let learned = false;
			for (const transition of result.transitions) {
				if (transition.to === 'running' && transition.from !== 'running') {
					startedAt.set(transition.id, Date.now());
				}
				learned = learnDuration(transition) || learned;
			}
			if (learned) {
				void globalState.update(TASK_DURATIONS_STATE_KEY, durations.toJSON());
			}
			if (result.reason !== 'poll' && result.requested.length) {
				scheduler.recordRefresh(result.requested, outcomeOf(result));
			}
			scheduler.tasksChanged();
		}),
		list.onDidChange((change) => {
			if (change.structural) {
				for (const id of startedAt.keys()) {
					if (!list.has(id)) {
						startedAt.delete(id);
					}
				}
				scheduler.tasksChanged();
			}
		}),
		vscode.window.onDidChangeWindowState((state) => {
			if (readLiveTrackingSettings().pauseWhenUnfocused) {
				scheduler.setPaused(!state.focused);
			}
		}),
		vscode.workspace.onDidChangeConfiguration((event) => {
			if (affectsLiveTrackingSettings(event)) {
				applySettings();
			}
			if (affectsApiSettings(event)) {
				scheduler.resume();
			}
		}),
		tokens.onDidChange(() => scheduler.resume()),
		preferences.onDidChange(applySettings),
	);

	void repository.ready.then(applySettings);
	return scheduler;
}

function outcomeOf(result: RefreshResult): { ok: boolean; transient?: boolean; retryAfterMs?: number } {
	if (!result.error) {
		return { ok: true };
	}
	return { ok: false, transient: result.error.isTransient, retryAfterMs: result.retryAfterMs ?? result.error.retryAfterMs };
}
