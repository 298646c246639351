import * as vscode from 'vscode';
import { Commands } from '../constants';
import { VeoError } from '../core/api/veoError';
import { FOLLOW_UP_LABELS, isNotOfferedError } from '../core/generation/followUps';
import { isModelNotSupportedMessage } from '../core/generation/generationRequest';
import { isOutcomeUnknown, validStartedTaskId } from '../core/generation/startOutcome';
import type { TaskSummary } from '../core/tasks/taskState';
import { plainNotificationText, shorten } from '../core/util/text';
import type { Services } from '../services';
import { confirmBillableStart, type BillableStart } from '../ui/billableConfirmation';
import { showVeoError } from '../ui/errorActions';

export interface StartSeed {
	parentId?: string;
	summary: Omit<TaskSummary, 'state'>;
	/** e.g. "the video", "get 1080p": used in progress and messages. */
	label: string;
	/** The question asked before anything is sent (unless the user turned it off). */
	confirmation: BillableStart;
	/** A follow-up: "not offered" answers mean the API dropped it, not a wrong base URL. */
	followUp?: keyof typeof FOLLOW_UP_LABELS;
	/** Called when the user asks to pick another model after a "model is not supported". */
	pickAnotherModel?: () => unknown;
}

/**
 * Starts a task on a generation endpoint with `async: true` (the call returns at once) and tracks
 * the returned task ID as pending, so live tracking takes over. Asks first (billable), sends once,
 * and never sends again by itself: after a timeout or a dropped connection the job may exist, so
 * the user is told the outcome is unknown and offered Track Recent Tasks. Nothing is tracked when
 * the call fails or the answer's task ID is not a task ID.
 */
export async function startAndTrack(
	services: Services,
	request: { endpoint: string; body: Record<string, unknown> },
	seed: StartSeed,
	confirmed = false,
): Promise<string | undefined> {
	if (!confirmed && !(await confirmBillableStart(seed.confirmation))) {
		return undefined;
	}
	let started: { taskId: string; traceId?: string };
	try {
		const client = await services.session.clientForRequest({ interactive: true });
		started = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: `Veo: starting ${seed.label}…` },
			() => client.startTask(request.endpoint, request.body),
		);
	} catch (error) {
		reportFailure(services, error instanceof VeoError ? error : new VeoError('network', String(error)), request, seed);
		return undefined;
	}
	const id = validStartedTaskId(started.taskId);
	if (!id) {
		services.log.warn(`Started ${request.endpoint} ${String(request.body.action ?? '')}: the answer's task ID is not a task ID; nothing tracked.`);
		void offerRecovery(
			services,
			// Not quoted: a gateway that echoes headers could put the token there.
			`Starting ${seed.label}: the Veo API answered with a task ID that is not one (${started.taskId.length} characters), so nothing was tracked. The job may have started: Track Recent Tasks finds it.`,
		);
		return undefined;
	}
	await services.repository.add([id], {
		parentId: seed.parentId,
		summary: { ...seed.summary, state: 'pending', traceId: started.traceId, createdAt: Date.now() },
	});
	services.log.info(`Started ${request.endpoint} ${String(request.body.action ?? '')} -> task ${id}`);
	void vscode.window.setStatusBarMessage(`$(check) Veo: ${seed.label} started`, 5000);
	return id;
}

function reportFailure(services: Services, failure: VeoError, request: { endpoint: string; body: Record<string, unknown> }, seed: StartSeed): void {
	services.log.warn(`Starting ${seed.label} failed: ${failure.message}`);
	if (isOutcomeUnknown(failure)) {
		void offerRecovery(
			services,
			`Starting ${seed.label}: the outcome is unknown (${failure.message}) The request may have reached the API and started a job, so it was not sent again (a second job would be billed too). Track Recent Tasks finds the task if it started.`,
		);
		return;
	}
	if (seed.followUp && isNotOfferedError(failure)) {
		void vscode.window.showWarningMessage(
			`The Veo API does not offer ${FOLLOW_UP_LABELS[seed.followUp]} (it answered ${failure.code ?? `HTTP ${failure.status ?? '?'}`}). Nothing was started.`,
		);
		return;
	}
	const model = typeof request.body.model === 'string' ? request.body.model : undefined;
	if (failure.kind === 'badRequest' && model && isModelNotSupportedMessage(failure.message)) {
		void notSupportedModel(model, failure, seed);
		return;
	}
	void showVeoError(failure, `Starting ${seed.label} failed`, {
		retry: failure.isTransient ? () => startAndTrack(services, request, seed, true) : undefined,
		showLog: () => services.log.show(),
	});
}

async function notSupportedModel(model: string, failure: VeoError, seed: StartSeed): Promise<void> {
	const actions = seed.pickAnotherModel ? ['Pick Another Model'] : [];
	const trace = failure.traceId ? ` Trace ID: ${failure.traceId}` : '';
	const choice = await vscode.window.showErrorMessage(
		plainNotificationText(`The Veo API does not support the model "${shorten(model, 60)}" (retired, or not available to this account). Nothing was started.${trace}`),
		...actions,
	);
	if (choice === 'Pick Another Model') {
		await seed.pickAnotherModel?.();
	}
}

async function offerRecovery(services: Services, message: string): Promise<void> {
	const choice = await vscode.window.showWarningMessage(plainNotificationText(message), 'Track Recent Tasks', 'Refresh', 'Show Log');
	switch (choice) {
		case 'Track Recent Tasks':
			await vscode.commands.executeCommand(Commands.trackRecentTasks);
			break;
		case 'Refresh':
			await vscode.commands.executeCommand(Commands.refresh);
			break;
		case 'Show Log':
			services.log.show();
			break;
	}
}
