import type { VeoError } from '../api/veoError';
import { l10n } from '../l10n/l10n';

/**
 * Follow-ups continue a finished video: they take the VIDEO id (`response.data[].id`), not the
 * task id, and are tracked through `/veo/tasks` like any other task. Only Get 1080p is offered by
 * the API today (docs/api.md, "Follow-ups"); the retired ones are kept as names only to read old
 * task records that name them (Generate Again… on such a task says why it cannot start it).
 */
export type FollowUpKind = '1080p';
export type RetiredFollowUpKind = '4k' | 'gif' | 'extend';

/** The follow-ups' names, in the display language when read (getters: it is set after this module loads). */
export const FOLLOW_UP_LABELS: Readonly<Record<FollowUpKind | RetiredFollowUpKind, string>> = {
	get '1080p'() {
		return l10n.t('Get 1080p');
	},
	get '4k'() {
		return l10n.t('Upscale to 4K');
	},
	get gif() {
		return l10n.t('Make GIF');
	},
	get extend() {
		return l10n.t('Extend');
	},
};

export interface FollowUpRequest {
	endpoint: '/veo/videos';
	body: Record<string, unknown>;
}

/** Get 1080p: `/veo/videos` with `get1080p`, the video's id and the model the task ran on. */
export function buildGet1080pRequest(videoId: string, model: string): FollowUpRequest {
	return { endpoint: '/veo/videos', body: { action: 'get1080p', video_id: videoId, model } };
}

/**
 * The retired follow-up a task came from, when its action (or request) says so: task lists and
 * caches from before the API dropped them still hold such tasks. `4k` and `gif` were actions of
 * `/veo/upsample`; an extension's request had a video ID and a prompt but no action.
 */
export function retiredFollowUpKindOf(action: unknown, request?: Record<string, unknown>): RetiredFollowUpKind | undefined {
	const named = action ?? request?.action;
	if (named === '4k' || named === 'gif' || named === 'extend') {
		return named;
	}
	if (named === undefined && typeof request?.video_id === 'string' && typeof request.prompt === 'string') {
		return 'extend';
	}
	return undefined;
}

export function retiredFollowUpMessage(kind: RetiredFollowUpKind): string {
	return l10n.t(
		'{0} is no longer offered by the Veo API, so Veo Tasks no longer starts it. Get 1080p is the follow-up the API offers today; Generate Again… starts a new video from the same request (with a resolution of 4k or gif if you want one).',
		FOLLOW_UP_LABELS[kind],
	);
}

/**
 * An endpoint or action the API does not offer (404 no_api, 400 api_not_implemented). For a
 * follow-up this means "not offered", not "wrong base URL": the task list itself still loads.
 */
export function isNotOfferedError(error: Pick<VeoError, 'status' | 'code'>): boolean {
	return error.code === 'api_not_implemented' || (error.status === 404 && (error.code === undefined || error.code === 'no_api'));
}
