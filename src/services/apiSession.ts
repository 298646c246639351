import * as vscode from 'vscode';
import { CLEARTEXT_CONSENT_STATE_KEY, Settings, WORKSPACE_ORIGIN_CONSENT_STATE_KEY } from '../constants';
import { VeoClient } from '../core/api/veoClient';
import { noTokenError, VeoError } from '../core/api/veoError';
import {
	allowsLoopbackVideos,
	consentReasons,
	describeSettingSource,
	setLoopbackVideosAllowed,
	type ConsentReason,
	type SettingSource,
} from '../core/api/urlPolicy';
import { readApiSettings, settingContext, type ApiSettings } from './settings';
import type { TokenStore } from './tokenStore';
import type { Log } from './log';

type ConsentAnswer = 'allow' | 'deny';

/** Where each kind of answer is kept in globalState (per origin), so it holds for every workspace. */
const CONSENT_KEYS: Record<ConsentReason, string> = {
	cleartext: CLEARTEXT_CONSENT_STATE_KEY,
	workspaceChosen: WORKSPACE_ORIGIN_CONSENT_STATE_KEY,
};

// The buttons of the question, translated when asked for: the answer is compared with them, and
// the refusal message names the one to choose.
const sendAnyway = (): string => vscode.l10n.t('Send Anyway');
const sendToken = (): string => vscode.l10n.t('Send Token');

/**
 * The one place that talks to the Veo API on the user's behalf: it builds the client from the
 * settings and the token, and decides whether the token may go where the settings point. Refreshing
 * and generating both take their client from here.
 *
 * The token goes without a question to https (or this machine) when the URL is the default or comes
 * from the user's own settings. Otherwise (http to another machine, or a URL that a workspace's or
 * folder's settings chose, which a cloned repository can do) the user is asked once per origin
 * (modal) and the answer is remembered in globalState. A refusal sends nothing; automatic requests
 * do not ask again after one, a request the user started does.
 */
export class ApiSession implements vscode.Disposable {
	private lastClient: { key: string; client: VeoClient } | undefined;
	/** One question per origin at a time, however many requests want to know. */
	private readonly questions = new Map<string, Promise<boolean>>();
	private readonly changeEmitter = new vscode.EventEmitter<void>();
	/** Fires when the base URL setting changes: answers from the old one are not about the new one. */
	readonly onDidChangeBaseUrl = this.changeEmitter.event;
	private readonly subscriptions: vscode.Disposable[] = [];

	constructor(
		private readonly tokens: TokenStore,
		private readonly log: Log,
		/** globalState: the per-origin answers. */
		private readonly consent: vscode.Memento,
	) {
		const followApi = (): void => {
			const settings = readApiSettings();
			setLoopbackVideosAllowed(!settings.baseUrlProblem && allowsLoopbackVideos(settings.baseUrl));
		};
		followApi();
		this.subscriptions.push(
			vscode.workspace.onDidChangeConfiguration((event) => {
				if (event.affectsConfiguration(`${Settings.section}.${Settings.apiBaseUrl}`)) {
					followApi();
					this.changeEmitter.fire();
				}
			}),
		);
	}

	/**
	 * The client for the current settings (rebuilt when they change), without any question: for
	 * callers that only want to know where requests would go. Requests take `clientForRequest`.
	 */
	client(): VeoClient {
		return this.clientFor(readApiSettings());
	}

	private clientFor(settings: ApiSettings): VeoClient {
		if (settings.baseUrlProblem) {
			throw new VeoError('endpointNotFound', vscode.l10n.t('The setting veoTasks.apiBaseUrl is not usable: {0}', settings.baseUrlProblem));
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

	/** Whether requests through this client still go where the settings point. */
	isCurrent(client: VeoClient): boolean {
		const settings = readApiSettings();
		return settings.baseUrlProblem === undefined && settings.baseUrl === client.base;
	}

	/**
	 * The client, once the user agreed to where it sends the token (see the class comment). Throws a
	 * VeoError, having sent nothing, when the user refused or was not asked again.
	 */
	async clientForRequest(options: { interactive?: boolean } = {}): Promise<VeoClient> {
		const settings = readApiSettings();
		const client = this.clientFor(settings);
		const origin = client.origin;
		if (!(await this.tokens.get())) {
			// Nothing to send, nothing to ask about: say what is missing instead of a question.
			throw noTokenError();
		}
		const pending = consentReasons(settings.baseUrl, settings.baseUrlSource, settings.baseUrlLayers, settingContext()).filter(
			(reason) => this.answer(reason, origin) !== 'allow',
		);
		if (!pending.length) {
			return client;
		}
		const refusedBefore = pending.some((reason) => this.answer(reason, origin) === 'deny');
		if (!refusedBefore || options.interactive) {
			const key = `${pending.join('+')} ${origin}`;
			let question = this.questions.get(key);
			if (!question) {
				question = this.ask(pending, origin, settings.baseUrlSource).finally(() => this.questions.delete(key));
				this.questions.set(key, question);
			}
			if (await question) {
				return client;
			}
		}
		throw new VeoError('endpointNotFound', refusalMessage(pending, origin, settings.baseUrlSource));
	}

	private answer(reason: ConsentReason, origin: string): ConsentAnswer | undefined {
		return this.consent.get<Record<string, ConsentAnswer>>(CONSENT_KEYS[reason])?.[origin];
	}

	private async ask(reasons: ConsentReason[], origin: string, settingSource: SettingSource): Promise<boolean> {
		const source = describeSettingSource(settingSource);
		const cleartext = reasons.includes('cleartext');
		const chosenByWorkspace = reasons.includes('workspaceChosen');
		const lines: string[] = [];
		if (chosenByWorkspace) {
			lines.push(vscode.l10n.t('The Veo API base URL {0} comes from {1}, not from your user settings. Send your Veo API token to {0}?', origin, source));
		}
		if (cleartext) {
			lines.push(vscode.l10n.t('The Veo API base URL {0} uses http: the token would travel in clear to a host that is not this machine.', origin));
		}
		const details: string[] = [];
		if (chosenByWorkspace) {
			details.push(
				settingSource === 'workspace' || settingSource === 'workspaceFolder'
					? vscode.l10n.t(
							'A cloned repository can set veoTasks.apiBaseUrl in its .vscode/settings.json. Allow only a proxy or gateway you trust; the answer is remembered for this origin.',
						)
					: vscode.l10n.t(
							'Other extensions, dev containers and remote machines can set veoTasks.apiBaseUrl too; only your user settings on this machine are taken as your choice. Allow only a proxy or gateway you trust; the answer is remembered for this origin.',
						),
			);
		}
		if (cleartext) {
			details.push(
				vscode.l10n.t(
					'Anyone on the network between here and that host could read your API token. Use https unless this is a gateway you trust on a private network.',
				),
			);
		}
		const accept = cleartext ? sendAnyway() : sendToken();
		const choice = await vscode.window.showWarningMessage(lines.join(' '), { modal: true, detail: details.join('\n\n') }, accept);
		const answer: ConsentAnswer = choice === accept ? 'allow' : 'deny';
		for (const reason of reasons) {
			const answers = this.consent.get<Record<string, ConsentAnswer>>(CONSENT_KEYS[reason]) ?? {};
			await this.consent.update(CONSENT_KEYS[reason], { ...answers, [origin]: answer });
		}
		this.log.info(`Sending the token to ${origin} (${reasons.join(', ')}): ${answer === 'allow' ? 'allowed' : 'refused'} by the user.`);
		return answer === 'allow';
	}

	dispose(): void {
		this.changeEmitter.dispose();
		for (const subscription of this.subscriptions) {
			subscription.dispose();
		}
	}
}

function refusalMessage(reasons: ConsentReason[], origin: string, source: SettingSource): string {
	if (reasons.includes('workspaceChosen') && source !== 'workspace' && source !== 'workspaceFolder') {
		return vscode.l10n.t(
			'Nothing was sent to {0}: veoTasks.apiBaseUrl points there from {1}, and you have not allowed it to receive your API token. Set the URL in your user settings, or run Refresh and choose "{2}".',
			origin,
			describeSettingSource(source),
			reasons.includes('cleartext') ? sendAnyway() : sendToken(),
		);
	}
	if (reasons.includes('workspaceChosen')) {
		return vscode.l10n.t(
			'Nothing was sent to {0}: this workspace\'s setting veoTasks.apiBaseUrl points there and you have not allowed it to receive your API token. Change the setting, or run Refresh and choose "{1}".',
			origin,
			reasons.includes('cleartext') ? sendAnyway() : sendToken(),
		);
	}
	return vscode.l10n.t(
		'Nothing was sent to {0}: over http the API token would travel in clear. Use an https URL in veoTasks.apiBaseUrl, or run Refresh and choose "{1}".',
		origin,
		sendAnyway(),
	);
}
