import * as vscode from 'vscode';
import { ContextKeys, Views } from '../constants';
import { VeoClient } from '../core/api/veoClient';
import { VeoError } from '../core/api/veoError';
import { fetchTasks, mostActionableError, type FetchOutcome } from '../core/tasks/taskFetcher';
import type { StateTransition } from '../core/tasks/taskList';
import { readApiSettings } from '../configuration/settings';
import type { TokenStore } from '../auth/tokenStore';
import type { TaskRepository } from '../store/taskRepository';
import type { Log } from '../log';
import { showVeoError } from '../ui/errorActions';

export interface RefreshResult {
	reason: RefreshReason;
	/** IDs asked for in this refresh. */
	requested: string[];
	transitions: StateTransition[];
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

/**
 * Runs refreshes: one `retrieve_batch` per 50 IDs, shown as progress on the view. Never two at once:
 * a refresh asked for while one runs waits for it, then fetches only what it did not cover.
 */
export class TaskRefresher implements vscode.Disposable {
	private inFlight: { ids: Set<string>; done: Promise<RefreshResult> } | undefined;
	private readonly resultEmitter = new vscode.EventEmitter<RefreshResult>();
	/** Fires after every refresh (notifications, status bar and the view's description listen). */
	readonly onDidRefresh = this.resultEmitter.event;
	private lastClient: { key: string; client: VeoClient } | undefined;

	constructor(
		private readonly repository: TaskRepository,
		private readonly tokens: TokenStore,
		private readonly log: Log,
	) {}

	get isRefreshing(): boolean {
		return this.inFlight !== undefined;
	}

	/** The client for the current settings (rebuilt when they change). */
	client(): VeoClient {
		const settings = readApiSettings();
		if (settings.baseUrlProblem) {
			throw new VeoError('endpointNotFound', `The setting veoTasks.apiBaseUrl is not usable: ${settings.baseUrlProblem}`);
		}
		const key = `${settings.baseUrl} ${settings.timeoutMs}`;
		if (this.lastClient?.key !== key) {
			this.lastClient = {
				key,
				client: new VeoClient({
					baseUrl: settings.baseUrl,
					timeoutMs: settings.timeoutMs,
					getToken: () => this.tokens.get(),
					onRequest: (entry) => this.log.request(entry),
				}),
			};
		}
		return this.lastClient.client;
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
		const done = this.run(wanted, options);
		this.inFlight = { ids: new Set(wanted), done };
		void vscode.commands.executeCommand('setContext', ContextKeys.refreshing, true);
		try {
			return await done;
		} finally {
			this.inFlight = undefined;
			void vscode.commands.executeCommand('setContext', ContextKeys.refreshing, false);
		}
	}

	private async run(ids: string[], options: RefreshOptions): Promise<RefreshResult> {
		if (!ids.length) {
			const empty: RefreshResult = { reason: options.reason ?? 'manual', requested: [], transitions: [] };
			this.resultEmitter.fire(empty);
			return empty;
		}
		let outcome: FetchOutcome;
		try {
			const client = this.client();
			if (!(await this.tokens.get())) {
				throw new VeoError('noToken', 'No Veo API token is set. Run "Veo: Set API Token" or set ACEDATACLOUD_API_TOKEN.');
			}
			outcome = await vscode.window.withProgress({ location: { viewId: Views.tasks } }, () => fetchTasks(client, ids));
		} catch (error) {
			// Nothing was sent (no token, unusable settings): the rows keep what they showed, unmarked.
			const failure = error instanceof VeoError ? error : new VeoError('network', String(error));
			return this.finish({ reason: options.reason ?? 'manual', requested: ids, transitions: [], error: failure }, options);
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
		return this.finish({ reason: options.reason ?? 'manual', requested: ids, transitions, error, retryAfterMs }, options);
	}

	private finish(result: RefreshResult, options: RefreshOptions): RefreshResult {
		this.resultEmitter.fire(result);
		if (result.error && options.interactive) {
			void showVeoError(result.error, 'Refreshing Veo tasks failed', {
				retry: result.error.isTransient ? () => this.refresh(result.requested, options) : undefined,
				showLog: () => this.log.show(),
			});
		}
		return result;
	}

	dispose(): void {
		this.resultEmitter.dispose();
	}
}
