import * as vscode from 'vscode';
import { Views } from '../constants';
import type { VeoClient } from '../core/api/veoClient';
import { VeoError, toVeoError } from '../core/api/veoError';
import { fetchTasks, mostActionableError, type FetchOutcome } from '../core/tasks/taskFetcher';
import type { StateTransition } from '../core/tasks/taskList';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { finishedAfterWaiting, type FinishedAfterWaiting } from '../core/tasks/transitions';
import type { ApiSession } from './apiSession';
import type { TaskRepository } from './taskRepository';
import type { Log } from './log';
import { showVeoError } from '../ui/errorActions';

export interface RefreshResult {
	reason: RefreshReason;
	/** IDs asked for in this refresh. */
	requested: string[];
	transitions: StateTransition[];
	/** Of the transitions, the tasks that finished after being seen pending or running (computed once here for every listener). */
	finished: FinishedAfterWaiting;
	/** The error to report, when any chunk failed or nothing could be sent. */
	error?: VeoError;
	/** When set, the server asked us to wait this long (ms) before asking again. */
	retryAfterMs?: number;
}

export type RefreshReason = 'manual' | 'added' | 'poll';

export interface RefreshOptions {
	/** A refresh the user asked for: errors pop up with actions. Automatic ones stay quiet. */
	interactive?: boolean;
	/** Who asked: live tracking counts refreshes it did not start as polls. */
	reason?: RefreshReason;
}

/** How often a refresh whose base URL changed under it starts again before giving up. */
const MAX_BASE_URL_RESTARTS = 2;

/**
 * Runs refreshes: one `retrieve_batch` per 50 IDs, shown as progress on the view. Never two at once:
 * a refresh asked for while one runs waits for it, then fetches only what it did not cover. Answers
 * are applied only if the base URL did not change meanwhile (otherwise the refresh starts again
 * against the new one).
 */
export class TaskRefresher implements vscode.Disposable {
	private inFlight: { ids: Set<string>; done: Promise<RefreshResult>; controller: AbortController } | undefined;
	private readonly subscriptions: vscode.Disposable[] = [];
	private readonly resultEmitter = new vscode.EventEmitter<RefreshResult>();
	/** Fires after every refresh (notifications, status bar and the view's description listen). */
	readonly onDidRefresh = this.resultEmitter.event;

	constructor(
		private readonly repository: TaskRepository,
		private readonly log: Log,
		/** Where the client comes from, once the user agreed to where it sends the token. */
		private readonly session: ApiSession,
	) {
		// Answers from the old URL are discarded anyway (see run): stop waiting for them.
		this.subscriptions.push(this.session.onDidChangeBaseUrl(() => this.inFlight?.controller.abort()));
	}

	/** Refreshes the given tasks (default: all tracked ones). */
	async refresh(ids?: readonly string[], options: RefreshOptions = {}): Promise<RefreshResult> {
		await this.repository.ready;
		const wanted = (ids ?? this.repository.list.ids()).filter((id) => this.repository.list.has(id));
		while (this.inFlight) {
			const running = this.inFlight;
			await running.done.catch(() => undefined);
			if (wanted.every((id) => running.ids.has(id))) {
				// Everything asked for was just fetched: join that refresh instead of asking again.
				return running.done;
			}
		}
		const controller = new AbortController();
		const done = this.run(wanted, options, controller.signal);
		this.inFlight = { ids: new Set(wanted), done, controller };
		try {
			return await done;
		} finally {
			this.inFlight = undefined;
		}
	}

	/**
	 * Applies records fetched elsewhere with `client` (Track Recent Tasks) as a refresh would: the
	 * event fires, and answers from a base URL that is no longer current are dropped and the tasks
	 * fetched again from the current one.
	 */
	async applyFetched(records: ReadonlyMap<string, TaskRecord>, client: VeoClient, options: RefreshOptions = {}): Promise<RefreshResult> {
		await this.repository.ready;
		const ids = [...records.keys()].filter((id) => this.repository.list.has(id));
		if (!this.session.isCurrent(client)) {
			this.log.info(`The API base URL changed since the tasks were found; the answers from ${client.origin} are discarded.`);
			return this.refresh(ids, options);
		}
		const transitions = this.repository.apply({ found: new Map(ids.map((id) => [id, records.get(id) as TaskRecord])), missing: [], failed: [] });
		return this.finish({ requested: ids, transitions }, options);
	}

	private async run(ids: string[], options: RefreshOptions, signal: AbortSignal, restarts = 0): Promise<RefreshResult> {
		if (!ids.length) {
			return this.finish({ requested: [], transitions: [] }, options);
		}
		let outcome: FetchOutcome;
		let client: VeoClient;
		try {
			// Throws, having sent nothing, for unusable settings, no token or a refused origin.
			client = await this.session.clientForRequest(options);
			outcome = await vscode.window.withProgress({ location: { viewId: Views.tasks } }, () => fetchTasks(client, ids, { signal }));
		} catch (error) {
			// Nothing was sent (no token, unusable settings): the rows keep what they showed, unmarked.
			const failure = toVeoError(error);
			return this.finish({ requested: ids, transitions: [], error: failure }, options);
		}
		if (!this.session.isCurrent(client)) {
			// Answers from the old server are not about the tasks the new URL serves (another account, a
			// test gateway): they are dropped, and the refresh starts again against the new URL.
			this.log.info(`The API base URL changed during a refresh; the answers from ${client.origin} are discarded.`);
			const stillTracked = ids.filter((id) => this.repository.list.has(id));
			if (restarts < MAX_BASE_URL_RESTARTS) {
				const controller = new AbortController();
				if (this.inFlight) {
					this.inFlight.controller = controller;
				}
				return this.run(stillTracked, options, controller.signal, restarts + 1);
			}
			const error = new VeoError('network', vscode.l10n.t('The API base URL kept changing during the refresh; nothing was applied.'));
			return this.finish({ requested: ids, transitions: [], error }, options);
		}
		const transitions = this.repository.apply(outcome);
		const error = mostActionableError(outcome.failed);
		const retryAfterMs = outcome.failed.reduce<number | undefined>((longest, failure) => {
			const wait = failure.error.retryAfterMs;
			return wait !== undefined && (longest === undefined || wait > longest) ? wait : longest;
		}, undefined);
		if (error) {
			this.log.warn(`Refresh of ${ids.length} task(s): ${outcome.failed.length} request(s) failed: ${error.message}`);
		}
		return this.finish({ requested: ids, transitions, error, retryAfterMs }, options);
	}

	private finish(outcome: Omit<RefreshResult, 'reason' | 'finished'>, options: RefreshOptions): RefreshResult {
		const result: RefreshResult = { reason: options.reason ?? 'manual', ...outcome, finished: finishedAfterWaiting(outcome.transitions) };
		this.resultEmitter.fire(result);
		if (result.error && options.interactive) {
			void showVeoError(result.error, vscode.l10n.t('Refreshing Veo tasks failed'), {
				retry: result.error.isTransient ? () => this.refresh(result.requested, options) : undefined,
				showLog: () => this.log.show(),
			});
		}
		return result;
	}

	dispose(): void {
		this.inFlight?.controller.abort();
		this.resultEmitter.dispose();
		for (const subscription of this.subscriptions) {
			subscription.dispose();
		}
	}
}
