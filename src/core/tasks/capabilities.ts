import { openableVideoUrl, playableVideoUrl } from '../api/urlPolicy';
import { hasGenerationRequest } from '../generation/generationRequest';
import type { TaskSummary } from './taskState';

/**
 * What can be done with a task, by one rule each, for every place that offers it (row menus, the
 * panel's buttons, the commands' pickers, drag and drop). Two URL rules: `playable` (https only:
 * the panel's player and downloads) and `openable` (http or https: the browser, copies and links).
 */
export interface TaskCapabilities {
	/** An https video URL: plays in the panel and can be downloaded. */
	playableVideoUrl?: string;
	/** An http(s) video URL: opens in the browser, is copied and linked. */
	openableVideoUrl?: string;
	/** Finished with a video that can be linked into a document. */
	canLinkVideo: boolean;
	/** Finished with a video ID, which follow-ups (Get 1080p) take. */
	canFollowUp: boolean;
	/** Started with a request of ours that can be run again (not a follow-up's). */
	canGenerateAgain: boolean;
}

export function taskCapabilities(summary: TaskSummary): TaskCapabilities {
	const openable = openableVideoUrl(summary.videoUrl)?.href;
	return {
		playableVideoUrl: playableVideoUrl(summary.videoUrl)?.href,
		openableVideoUrl: openable,
		canLinkVideo: summary.state === 'succeeded' && openable !== undefined,
		canFollowUp: summary.state === 'succeeded' && summary.videoId !== undefined,
		canGenerateAgain: hasGenerationRequest(summary),
	};
}
