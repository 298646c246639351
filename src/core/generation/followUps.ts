import type { VeoError } from '../api/veoError';
import { l10n } from '../l10n/l10n';
import { isModelNotSupportedMessage } from './generationRequest';
import { Emitter } from '../util/emitter';

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
 * An answer saying the API does not offer an endpoint or action: 404 (no_api or no code), 400
 * api_not_implemented, or a 400 bad_request whose words name the action or say it is not supported
 * (how a dropped alias such as the deprecated get1080p is most likely refused; docs/api.md,
 * "Follow-ups"). A model the API refuses is not this: that is "pick another model". For a
 * follow-up this means "not offered", not "wrong base URL": the task list itself still loads.
 */
export function isNotOfferedError(error: Pick<VeoError, 'status' | 'code' | 'serverMessage'>, action?: string): boolean {
	if (error.code === 'api_not_implemented' || (error.status === 404 && (error.code === undefined || error.code === 'no_api'))) {
		return true;
	}
	if (error.status !== 400 || (error.code !== undefined && error.code !== 'bad_request')) {
		return false;
	}
	const words = error.serverMessage ?? '';
	if (isModelNotSupportedMessage(words)) {
		return false;
	}
	const namesAction = action !== undefined && words.toLowerCase().includes(action.toLowerCase());
	return namesAction || /\b(not supported|unsupported|no longer (supported|available|offered)|deprecated|not implemented)\b/i.test(words);
}

/** The session's memory of follow-ups the API said it does not offer: their commands and buttons hide until VS Code restarts. */
export class FollowUpOffers {
	private readonly refused = new Set<FollowUpKind>();
	private readonly changed = new Emitter<void>();
	readonly onDidChange = this.changed.event;

	isOffered(kind: FollowUpKind): boolean {
		return !this.refused.has(kind);
	}

	/** Remembers the refusal; true the first time. */
	markNotOffered(kind: FollowUpKind): boolean {
		if (this.refused.has(kind)) {
			return false;
		}
		this.refused.add(kind);
		this.changed.fire();
		return true;
	}

	/** Forgets every refusal (tests; a new session starts clean anyway). */
	reset(): void {
		if (this.refused.size) {
			this.refused.clear();
			this.changed.fire();
		}
	}
}

/**
 * A model name or video ID from a record, as the Get 1080p question may show it and the request may
 * send it: letters, digits and `._:-` only, at most 128 characters. Anything else (spaces, line
 * breaks, Markdown, a sentence that rewrites the billing question) is refused, not shown.
 */
export function isPlainServerId(value: string | undefined): value is string {
	return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(value);
}
