import * as vscode from 'vscode';
import { buildGet1080pRequest, isPlainServerId, type FollowUpOffers } from '../core/generation/followUps';
import { shorten } from '../core/util/text';
import { taskCapabilities } from '../core/tasks/capabilities';
import { startAndTrack, type StarterServices } from '../services/taskStarter';
import type { TaskListReader } from '../services/taskRepository';
import { taskIdsOrPick } from './taskArguments';

/**
 * Get 1080p of a succeeded task's VIDEO id, on `/veo/videos` with the model the task ran on. The
 * new task is tracked as a child of the task it continues. Arguments from outside may choose the
 * task; the billable question is still asked (in startAndTrack).
 */
export async function get1080p(
	services: StarterServices & { repository: TaskListReader; followUps: FollowUpOffers },
	target?: unknown,
): Promise<string | undefined> {
	// The API said so earlier in this session: nothing is sent again (a keybinding or another extension may still call it).
	if (!services.followUps.isOffered('1080p')) {
		void vscode.window.showWarningMessage(
			vscode.l10n.t(
				'The Veo API does not offer Get 1080p any more (it said so earlier in this session), so nothing was sent. Generate Again… with the resolution 1080p makes a new video instead.',
			),
		);
		return undefined;
	}
	await services.repository.ready;
	const list = services.repository.list;
	const canContinue = (id: string): boolean => {
		const summary = list.get(id)?.summary;
		return summary !== undefined && taskCapabilities(summary).canFollowUp;
	};
	const [id] = await taskIdsOrPick(list, target === undefined ? [] : [target], {
		placeHolder: vscode.l10n.t('Get 1080p: which video?'),
		filter: (task) => canContinue(task.id),
	});
	if (!id) {
		return undefined;
	}
	const parent = list.get(id);
	const videoId = parent?.summary.videoId;
	if (!parent || !canContinue(id) || !videoId) {
		void vscode.window.showWarningMessage(vscode.l10n.t('Get 1080p is not available: the task has no finished video yet.'));
		return undefined;
	}
	const model = parent.summary.model;
	if (!model) {
		void vscode.window.showWarningMessage(
			vscode.l10n.t('Get 1080p needs the model the video was made with, and the task does not say it. Refresh the task and try again.'),
		);
		return undefined;
	}
	if (!isPlainServerId(model) || !isPlainServerId(videoId)) {
		// The question shows both and the request sends both: a record must not reshape either.
		void vscode.window.showWarningMessage(
			vscode.l10n.t(
				'Get 1080p was not started: the model or video ID the server gave for this task is not in the expected form. Refresh the task and try again.',
			),
		);
		return undefined;
	}
	const source = shorten(parent.summary.prompt ?? parent.id, 200);
	return startAndTrack(services, buildGet1080pRequest(videoId, model), {
		parentId: parent.id,
		kind: '1080p',
		// The summary is the task's stored data (exported with the list, shared with a team whose members
		// may read other languages): it keeps the English name, not the display language's.
		summary: { prompt: `Get 1080p: ${parent.summary.prompt ?? parent.id}`, model, action: 'get1080p', sourceVideoId: videoId },
		confirmation: {
			question: vscode.l10n.t('Get 1080p of this video?'),
			detail: vscode.l10n.t('Get 1080p · {0} · video {1}\nOf: {2}', model, videoId, source),
			button: vscode.l10n.t('Get 1080p'),
		},
	});
}
