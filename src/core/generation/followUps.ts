/**
 * Follow-ups continue a finished video: they take the VIDEO id (`response.data[].id`), not the
 * task id, and are tracked through `/veo/tasks` like any other task.
 */
export type FollowUpKind = '1080p' | '4k' | 'gif' | 'extend';

export const FOLLOW_UP_LABELS: Record<FollowUpKind, string> = {
	'1080p': 'Get 1080p',
	'4k': 'Upscale to 4K',
	gif: 'Make GIF',
	extend: 'Extend',
};

/** Extension continues a video from its last frames; only the Veo 3.1 family offers it. */
export function supportsExtend(model: string | undefined): boolean {
	return model !== undefined && /^veo31/i.test(model.trim());
}

export interface FollowUpRequest {
	endpoint: '/veo/upsample' | '/veo/extend';
	body: Record<string, unknown>;
}

export function buildFollowUpRequest(kind: FollowUpKind, videoId: string, extend?: { model: string; prompt: string }): FollowUpRequest {
	if (kind === 'extend') {
		if (!extend) {
			throw new Error('Extend needs a model and a prompt');
		}
		return { endpoint: '/veo/extend', body: { video_id: videoId, model: extend.model, prompt: extend.prompt.trim() } };
	}
	return { endpoint: '/veo/upsample', body: { video_id: videoId, action: kind } };
}
