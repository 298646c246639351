import * as vscode from 'vscode';
import { DEFAULT_MODEL, promptProblem } from '../core/generation/generationRequest';
import { FOLLOW_UP_LABELS, buildFollowUpRequest, supportsExtend, type FollowUpKind } from '../core/generation/followUps';
import { shorten } from '../core/util/text';
import { startAndTrack } from '../generation/taskStarter';
import type { Services } from '../services';
import { taskIdsOrPick } from './taskArguments';

export interface FollowUpOptions {
	/** For Extend: the prompt for the continuation (asked for when absent). */
	prompt?: string;
	model?: string;
}

/**
 * Get 1080p, Upscale to 4K, Make GIF and Extend on a succeeded task's VIDEO id. The new task is
 * tracked as a child of the task it continues.
 */
export async function followUp(services: Services, kind: FollowUpKind, target?: unknown, options: FollowUpOptions = {}): Promise<string | undefined> {
	await services.repository.ready;
	const list = services.repository.list;
	const canContinue = (id: string): boolean => {
		const summary = list.get(id)?.summary;
		return summary?.state === 'succeeded' && summary.videoId !== undefined && (kind !== 'extend' || supportsExtend(summary.model));
	};
	const [id] = await taskIdsOrPick(list, target === undefined ? [] : [target], {
		placeHolder: `${FOLLOW_UP_LABELS[kind]}: which video?`,
		filter: (task) => canContinue(task.id),
	});
	if (!id) {
		return undefined;
	}
	const parent = list.get(id);
	if (!parent || !canContinue(id) || !parent.summary.videoId) {
		const why = kind === 'extend' && parent?.summary.state === 'succeeded' ? 'only Veo 3.1 videos (veo31 models) can be extended' : 'the task has no finished video yet';
		void vscode.window.showWarningMessage(`${FOLLOW_UP_LABELS[kind]} is not available: ${why}.`);
		return undefined;
	}

	let extend: { model: string; prompt: string } | undefined;
	if (kind === 'extend') {
		const prompt =
			options.prompt ??
			(await vscode.window.showInputBox({
				title: `Extend "${shorten(parent.summary.prompt ?? parent.id, 40)}"`,
				prompt: 'What happens next in the video?',
				value: parent.summary.prompt,
				ignoreFocusOut: true,
				validateInput: (value) => promptProblem(value),
			}));
		if (prompt === undefined || promptProblem(prompt)) {
			return undefined;
		}
		extend = { model: options.model ?? parent.summary.model ?? DEFAULT_MODEL, prompt };
	}

	const request = buildFollowUpRequest(kind, parent.summary.videoId, extend);
	return startAndTrack(services, request, {
		parentId: parent.id,
		label: FOLLOW_UP_LABELS[kind].toLowerCase(),
		summary: {
			prompt: extend?.prompt ?? `${FOLLOW_UP_LABELS[kind]}: ${parent.summary.prompt ?? parent.id}`,
			model: extend?.model ?? parent.summary.model,
			action: kind === 'extend' ? 'extend' : kind,
			sourceVideoId: parent.summary.videoId,
		},
	});
}
