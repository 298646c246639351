import * as vscode from 'vscode';
import { Commands } from '../constants';
import { toVeoError, type VeoError } from '../core/api/veoError';
import { isNotOfferedError, type FollowUpKind, type FollowUpOffers } from '../core/generation/followUps';
import { isModelNotSupportedMessage } from '../core/generation/generationRequest';
import { isOutcomeUnknown, validStartedTaskId } from '../core/generation/startOutcome';
import { formatNumber } from '../core/l10n/format';
import type { TaskSummary } from '../core/tasks/taskState';
import type { PromptFileLink } from '../core/tasks/taskList';
import { plainNotificationText, shorten } from '../core/util/text';
import type { ApiSession } from './apiSession';
import type { Log } from './log';
import type { TaskRepository } from './taskRepository';
import { confirmBillableStart, type BillableStart } from '../ui/billableConfirmation';
import { showVeoError } from '../ui/errorActions';

/** What starting a task uses. */
export interface StarterServices {
	session: Pick<ApiSession, 'clientForRequest'>;
	repository: Pick<TaskRepository, 'add'>;
	log: Log;
	/** Follow-ups the API said it does not offer in this session. */
	followUps: Pick<FollowUpOffers, 'markNotOffered'>;
}

/** What is started: a new video, or a follow-up of a finished one. */
export type StartKind = 'video' | FollowUpKind;

export interface StartSeed {
	parentId?: string;
	summary: Omit<TaskSummary, 'state'>;
	/** Names what is started in the progress and messages; a follow-up's "not offered" answers mean the API dropped it, not a wrong base URL. */
	kind: StartKind;
	/** The question asked before anything is sent (unless the user turned it off). */
	confirmation: BillableStart;
	/** Called when the user asks to pick another model after a "model is not supported". */
	pickAnotherModel?: () => unknown;
	/** The prompt file the request was read from: the task remembers it. */
	promptFile?: PromptFileLink;
}

/** What is started, in the Output channel's English. */
const LOG_NAMES: Record<StartKind, string> = { video: 'the video', '1080p': 'get 1080p' };

/**
 * The sentences that name what is started, one set per kind: a translated "the video" slotted into
 * another sentence would not read right in every language, so each sentence is whole.
 */
function startTexts(kind: StartKind): {
	progress: string;
	started: string;
	failed: string;
	outcomeUnknown: (reason: string) => string;
	notATaskId: (length: number) => string;
} {
	switch (kind) {
		case 'video':
			return {
				progress: vscode.l10n.t('Veo: starting the video…'),
				started: vscode.l10n.t('$(check) Veo: the video started'),
				failed: vscode.l10n.t('Starting the video failed'),
				outcomeUnknown: (reason) =>
					vscode.l10n.t(
						'Starting the video: the outcome is unknown ({0}) The request may have reached the API and started a job, so it was not sent again (a second job would be billed too). Track Recent Tasks finds the task if it started.',
						reason,
					),
				notATaskId: (length) =>
					vscode.l10n.t(
						'Starting the video: the Veo API answered with a task ID that is not one ({0} characters), so nothing was tracked. The job may have started: Track Recent Tasks finds it.',
						formatNumber(length),
					),
			};
		case '1080p':
			return {
				progress: vscode.l10n.t('Veo: starting get 1080p…'),
				started: vscode.l10n.t('$(check) Veo: get 1080p started'),
				failed: vscode.l10n.t('Starting get 1080p failed'),
				outcomeUnknown: (reason) =>
					vscode.l10n.t(
						'Starting get 1080p: the outcome is unknown ({0}) The request may have reached the API and started a job, so it was not sent again (a second job would be billed too). Track Recent Tasks finds the task if it started.',
						reason,
					),
				notATaskId: (length) =>
					vscode.l10n.t(
						'Starting get 1080p: the Veo API answered with a task ID that is not one ({0} characters), so nothing was tracked. The job may have started: Track Recent Tasks finds it.',
						formatNumber(length),
					),
			};
	}
}

/**
 * Starts a task on a generation endpoint with `async: true` (the call returns at once) and tracks
 * the returned task ID as pending, so live tracking takes over. Asks first (billable), sends once,
 * and never sends again by itself: after a timeout or a dropped connection the job may exist, so
 * the user is told the outcome is unknown and offered Track Recent Tasks. Nothing is tracked when
 * the call fails or the answer's task ID is not a task ID.
 */
export async function startAndTrack(
	services: StarterServices,
	request: { endpoint: string; body: Record<string, unknown> },
	seed: StartSeed,
	confirmed = false,
): Promise<string | undefined> {
	if (!confirmed && !(await confirmBillableStart(seed.confirmation))) {
		return undefined;
	}
	const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: startTexts(seed.kind).progress }, () =>
		sendStart(services, request, seed),
	);
	switch (outcome.kind) {
		case 'failed':
			reportFailure(services, outcome.error, request, seed);
			return undefined;
		case 'notATaskId':
			// Not quoted: a gateway that echoes headers could put the token there.
			void offerRecovery(services, startTexts(seed.kind).notATaskId(outcome.length));
			return undefined;
		case 'started':
			void vscode.window.setStatusBarMessage(startTexts(seed.kind).started, 5000);
			return outcome.id;
	}
}

/** What one start request came to; `failed` with `outcomeUnknown` may have started a job (never resent). */
export type StartOutcome =
	{ kind: 'started'; id: string } | { kind: 'failed'; error: VeoError; outcomeUnknown: boolean } | { kind: 'notATaskId'; length: number };

/**
 * Sends the start request once (no question, no message: callers that ask and tell, like
 * startAndTrack and the agent tools, do so themselves) and tracks the returned task as pending.
 */
export async function sendStart(
	services: StarterServices,
	request: { endpoint: string; body: Record<string, unknown> },
	seed: Pick<StartSeed, 'parentId' | 'summary' | 'promptFile'>,
): Promise<StartOutcome> {
	let started: { taskId: string; traceId?: string };
	try {
		const client = await services.session.clientForRequest({ interactive: true });
		started = await client.startTask(request.endpoint, request.body);
	} catch (error) {
		const failure = toVeoError(error);
		return { kind: 'failed', error: failure, outcomeUnknown: isOutcomeUnknown(failure) };
	}
	const id = validStartedTaskId(started.taskId);
	if (!id) {
		services.log.warn(`Started ${request.endpoint} ${String(request.body.action ?? '')}: the answer's task ID is not a task ID; nothing tracked.`);
		return { kind: 'notATaskId', length: started.taskId.length };
	}
	await services.repository.add([id], {
		parentId: seed.parentId,
		promptFile: seed.promptFile,
		summary: { ...seed.summary, state: 'pending', traceId: started.traceId, createdAt: Date.now() },
	});
	services.log.info(`Started ${request.endpoint} ${String(request.body.action ?? '')} -> task ${id}`);
	return { kind: 'started', id };
}

function reportFailure(services: StarterServices, failure: VeoError, request: { endpoint: string; body: Record<string, unknown> }, seed: StartSeed): void {
	services.log.warn(`Starting ${LOG_NAMES[seed.kind]} failed: ${failure.message}`);
	const texts = startTexts(seed.kind);
	if (isOutcomeUnknown(failure)) {
		void offerRecovery(services, texts.outcomeUnknown(failure.message));
		return;
	}
	if (seed.kind === '1080p' && isNotOfferedError(failure, 'get1080p')) {
		// Deprecated upstream: once refused, it stays hidden for the session and is never sent again.
		services.followUps.markNotOffered('1080p');
		// The code, or the HTTP status, as the API sent it: a notation, not words.
		const answered = failure.code ?? `HTTP ${failure.status ?? '?'}`;
		void vscode.window.showWarningMessage(
			plainNotificationText(
				failure.serverMessage
					? vscode.l10n.t(
							'The Veo API does not offer Get 1080p any more (it answered {0}: {1}). Nothing was started, and Get 1080p is hidden until VS Code restarts. Generate Again… with the resolution 1080p makes a new video instead.',
							answered,
							failure.serverMessage,
						)
					: vscode.l10n.t(
							'The Veo API does not offer Get 1080p any more (it answered {0}). Nothing was started, and Get 1080p is hidden until VS Code restarts. Generate Again… with the resolution 1080p makes a new video instead.',
							answered,
						),
			),
		);
		return;
	}
	const model = typeof request.body.model === 'string' ? request.body.model : undefined;
	if (failure.kind === 'badRequest' && model && isModelNotSupportedMessage(failure.serverMessage ?? '')) {
		void notSupportedModel(model, failure, seed);
		return;
	}
	void showVeoError(failure, texts.failed, {
		retry: failure.isTransient ? () => startAndTrack(services, request, seed, true) : undefined,
		showLog: () => services.log.show(),
	});
}

async function notSupportedModel(model: string, failure: VeoError, seed: StartSeed): Promise<void> {
	const pickAnother = vscode.l10n.t('Pick Another Model');
	const actions = seed.pickAnotherModel ? [pickAnother] : [];
	const name = shorten(model, 60);
	const message = failure.traceId
		? vscode.l10n.t(
				'The Veo API does not support the model "{0}" (retired, or not available to this account). Nothing was started. Trace ID: {1}',
				name,
				failure.traceId,
			)
		: vscode.l10n.t('The Veo API does not support the model "{0}" (retired, or not available to this account). Nothing was started.', name);
	const choice = await vscode.window.showErrorMessage(plainNotificationText(message), ...actions);
	if (choice === pickAnother) {
		await seed.pickAnotherModel?.();
	}
}

async function offerRecovery(services: Pick<StarterServices, 'log'>, message: string): Promise<void> {
	const trackRecent = vscode.l10n.t('Track Recent Tasks');
	const refresh = vscode.l10n.t('Refresh');
	const showLog = vscode.l10n.t('Show Log');
	const choice = await vscode.window.showWarningMessage(plainNotificationText(message), trackRecent, refresh, showLog);
	switch (choice) {
		case trackRecent:
			await vscode.commands.executeCommand(Commands.trackRecentTasks);
			break;
		case refresh:
			await vscode.commands.executeCommand(Commands.refresh);
			break;
		case showLog:
			services.log.show();
			break;
	}
}
