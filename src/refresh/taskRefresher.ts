import * as vscode from 'vscode';
import { CLEARTEXT_CONSENT_STATE_KEY, ContextKeys, Settings, Views } from '../constants';
import { sendsTokenInClear, VeoClient } from '../core/api/veoClient';
import { noTokenError, VeoError } from '../core/api/veoError';
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

/** How often a refresh whose base URL changed under it starts again before giving up. */
const MAX_BASE_URL_RESTARTS = 2;

type CleartextAnswer = 'allow' | 'deny';

/**
 * Runs refreshes: one `retrieve_batch` per 50 IDs, shown as progress on the view. Never two at once:
 * a refresh asked for while one runs waits for it, then fetches only what it did not cover. Answers
 * are applied only if the base URL did not change meanwhile (otherwise the refresh starts again
 * against the new one).
 */
export class TaskRefresher implements vscode.Disposable {
	private inFlight: { ids: Set<string>; done: Promise<RefreshResult>; controller: AbortController } | undefined;
	/** One question per origin at a time, however many refreshes want to know. */
	private readonly cleartextQuestions = new Map<string, Promise<boolean>>();
	private readonly subscriptions: vscode.Disposable[] = [];
	private readonly resultEmitter = new vscode.EventEmitter<RefreshResult>();
	/** Fires after every refresh (notifications, status bar and the view's description listen). */
	readonly onDidRefresh = this.resultEmitter.event;
	private lastClient: { key: string; client: VeoClient } | undefined;

	constructor(
		private readonly repository: TaskRepository,
		private readonly tokens: TokenStore,
		private readonly log: Log,
		/** globalState: remembers per origin whether the token may go over plain http. */
		private readonly consent?: vscode.Memento,
	) {
		// Answers from the old URL are discarded anyway (see run): stop waiting for them.
		this.subscriptions.push(
			vscode.workspace.onDidChangeConfiguration((event) => {
				if (event.affectsConfiguration(`${Settings.section}.${Settings.apiBaseUrl}`)) {
					this.inFlight?.controller.abort();
				}
			}),
		);
	}

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

	/**
	 * The client, once the user agreed to where it sends the token: an http base URL on a host that
	 * is not this machine asks once (modal) and the answer is kept per origin. A refusal sends
	 * nothing and throws; automatic refreshes do not ask again after one, a manual one does.
	 */
	async clientForRequest(options: { interactive?: boolean } = {}): Promise<VeoClient> {
		const client = this.client();
		if (!sendsTokenInClear(client.base)) {
			return client;
		}
		const origin = client.origin;
		const answers = this.consent?.get<Record<string, CleartextAnswer>>(CLEARTEXT_CONSENT_STATE_KEY) ?? {};
		if (answers[origin] === 'allow') {
			return client;
		}
		if (answers[origin] !== 'deny' || options.interactive) {
			let question = this.cleartextQuestions.get(origin);
			if (!question) {
				question = this.askCleartext(origin).finally(() => this.cleartextQuestions.delete(origin));
				this.cleartextQuestions.set(origin, question);
			}
			if (await question) {
				return client;
			}
		}
		throw new VeoError('endpointNotFound', `Nothing was sent to ${origin}: over http the API token would travel in clear. Use an https URL in veoTasks.apiBaseUrl, or run Refresh and choose "Send Anyway".`);
	}

	private async askCleartext(origin: string): Promise<boolean> {
		const choice = await vscode.window.showWarningMessage(
			`The Veo API base URL ${origin} uses http: the token would travel in clear to a host that is not this machine.`,
			{ modal: true, detail: 'Anyone on the network between here and that host could read your API token. Use https unless this is a gateway you trust on a private network.' },
			'Send Anyway',
		);
		const answer: CleartextAnswer = choice === 'Send Anyway' ? 'allow' : 'deny';
		const answers = this.consent?.get<Record<string, CleartextAnswer>>(CLEARTEXT_CONSENT_STATE_KEY) ?? {};
		await this.consent?.update(CLEARTEXT_CONSENT_STATE_KEY, { ...answers, [origin]: answer });
		this.log.info(`Sending the token in clear to ${origin}: ${answer === 'allow' ? 'allowed' : 'refused'} by the user.`);
		return answer === 'allow';
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
		void vscode.commands.executeCommand('setContext', ContextKeys.refreshing, true);
		try {
			return await done;
		} finally {
			this.inFlight = undefined;
			void vscode.commands.executeCommand('setContext', ContextKeys.refreshing, false);
		}
	}

	private async run(ids: string[], options: RefreshOptions, signal: AbortSignal, restarts = 0): Promise<RefreshResult> {
		if (!ids.length) {
			return this.finish({ requested: [], transitions: [] }, options);
		}
		let outcome: FetchOutcome;
		let client: VeoClient;
		try {
			this.client();
			if (!(await this.tokens.get())) {
				throw noTokenError();
			}
			client = await this.clientForRequest(options);
			outcome = await vscode.window.withProgress({ location: { viewId: Views.tasks } }, () => fetchTasks(client, ids, { signal }));
		} catch (error) {
			// Nothing was sent (no token, unusable settings): the rows keep what they showed, unmarked.
			const failure = error instanceof VeoError ? error : new VeoError('network', String(error));
			return this.finish({ requested: ids, transitions: [], error: failure }, options);
		}
		if (this.baseUrlChangedSince(client)) {
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
			const error = new VeoError('network', 'The API base URL kept changing during the refresh; nothing was applied.');
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

	private baseUrlChangedSince(client: VeoClient): boolean {
		const settings = readApiSettings();
		return settings.baseUrlProblem !== undefined || settings.baseUrl !== client.base;
	}

	private finish(outcome: Omit<RefreshResult, 'reason'>, options: RefreshOptions): RefreshResult {
		const result: RefreshResult = { reason: options.reason ?? 'manual', ...outcome };
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
		this.inFlight?.controller.abort();
		this.resultEmitter.dispose();
		for (const subscription of this.subscriptions) {
			subscription.dispose();
		}
	}
}
