import * as vscode from 'vscode';
import { VeoError } from '../core/api/veoError';
import { normalizeTaskId } from '../core/tasks/taskIds';
import type { TaskSummary } from '../core/tasks/taskState';
import type { Services } from '../services';
import { showVeoError } from '../ui/errorActions';

/**
 * Starts a task on a generation endpoint with `async: true` (the call returns at once) and tracks
 * the returned task ID as pending, so live tracking takes over. Nothing is tracked when the call fails.
 */
export async function startAndTrack(
	services: Services,
	request: { endpoint: string; body: Record<string, unknown> },
	seed: { parentId?: string; summary: Omit<TaskSummary, 'state'>; label: string },
): Promise<string | undefined> {
	try {
		const client = await services.session.clientForRequest({ interactive: true });
		const started = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: `Veo: starting ${seed.label}…` },
			() => client.startTask(request.endpoint, request.body),
		);
		const id = normalizeTaskId(started.taskId);
		await services.repository.add([id], {
			parentId: seed.parentId,
			summary: { ...seed.summary, state: 'pending', traceId: started.traceId, createdAt: Date.now() },
		});
		services.log.info(`Started ${request.endpoint} ${String(request.body.action ?? '')} -> task ${id}`);
		void vscode.window.setStatusBarMessage(`$(check) Veo: ${seed.label} started`, 5000);
		return id;
	} catch (error) {
		const failure = error instanceof VeoError ? error : new VeoError('network', String(error));
		void showVeoError(failure, `Starting ${seed.label} failed`, {
			retry: failure.isTransient ? () => startAndTrack(services, request, seed) : undefined,
			showLog: () => services.log.show(),
		});
		return undefined;
	}
}
