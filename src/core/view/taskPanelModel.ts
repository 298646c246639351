import type { TrackedTask } from '../tasks/taskList';
import type { TaskRecord } from '../tasks/taskRecord';
import { stateLabel, type TaskState } from '../tasks/taskState';
import { clip, shorten } from '../util/text';
import { formatDateTime } from '../util/time';
import { stalledSince } from '../tasks/giveUp';
import { taskDuration, type RowDisplay } from './taskRow';
import { taskCapabilities } from '../tasks/capabilities';
import { l10n } from '../l10n/l10n';
import { formatNumber } from '../l10n/format';
import { asObject, asString } from '../tasks/taskRecord';
import { resolutionLabel, isResolution } from '../generation/generationRequest';

/** A take's prompt file now, against the text the take was started from. */
export type PromptFileState = 'unchanged' | 'changed' | 'missing' | 'unknown';
/** At most this many reference images are shown (the API takes at most 3). */
export const MAX_REFERENCE_IMAGES = 4;

export interface TaskLink {
	id: string;
	label: string;
}

/** What the task panel shows. It reaches the page as JSON and is rendered with `textContent` only. */
export interface TaskPanelModel {
	id: string;
	title: string;
	state: TaskState;
	stateLabel: string;
	prompt?: string;
	model?: string;
	action?: string;
	/** Times in the user's zone and language (src/core/util/time.ts). */
	created?: string;
	completed?: string;
	/** "took 2 min 28 sec" or "running for 3 min". */
	duration?: string;
	/** When automatic polling gave up on the task (src/core/tasks/giveUp.ts). */
	stalledSince?: string;
	failureReason?: string;
	traceId?: string;
	/** Set only when the player may load it (https, or http on loopback). */
	playableVideoUrl?: string;
	/** The URL as the server sent it, shown as text when it cannot be played. */
	videoUrlText?: string;
	canOpenExternal: boolean;
	staleReason?: string;
	parent?: TaskLink;
	followUps: TaskLink[];
	canFollowUp: boolean;
	/** The task's request is known, so Generate Again… can start from it. */
	canGenerateAgain: boolean;
	/** The model makes videos with sound (Veo 3 and 3.1), which VS Code's player plays silently. */
	producesAudio: boolean;
	/** The record, pretty-printed; a placeholder when nothing was fetched yet. */
	json: string;
	/** What was asked, from the record's request (texts ready to show). */
	aspectRatio?: string;
	resolution?: string;
	/** "Yes" or "No", when the request says. */
	translation?: string;
	/** Reference images the page shows as thumbnails: https only; the page's img-src lists exactly their origins. */
	referenceImages: string[];
	/** Reference images that are not https: shown as text, never loaded. */
	referenceImageTexts: string[];
	/** The prompt file the task was started from: its path (the page's link runs openPromptFile) and whether it changed since. */
	promptFile?: { path: string; note: string; state: PromptFileState };
	/**
	 * Every text of the page's own (headings, buttons, field names, notes), in the display language:
	 * the page runs in the webview and cannot call l10n.t, so it reads them here. `{0}` in a label
	 * is filled by the page (text, or the link node of "Follow-up of {0}").
	 */
	labels: PanelLabels;
}

/** The texts the page shows, by the name src/webview/taskPanel.ts reads them (`labels.openInBrowser`). */
export type PanelLabels = ReturnType<typeof panelLabels>;

/** The page's texts, translated now; the page reading a label this does not make fails to compile. */
export function panelLabels() {
	return {
		// Buttons.
		openInBrowser: l10n.t('Open in Browser'),
		copyVideoUrl: l10n.t('Copy Video URL'),
		download: l10n.t('Download'),
		insertVideoLink: l10n.t('Insert Video Link'),
		copyTaskId: l10n.t('Copy Task ID'),
		refresh: l10n.t('Refresh'),
		generateAgain: l10n.t('Generate Again…'),
		// What was asked. `{0}` is filled by the page.
		aspectRatio: l10n.t('Aspect ratio'),
		resolution: l10n.t('Resolution'),
		translation: l10n.t('Translation'),
		referenceImages: l10n.t('Reference images'),
		referenceImage: l10n.t('Reference image {0}'),
		promptFile: l10n.t('From the prompt file {0}'),
		continueWith: l10n.t('Continue:'),
		get1080p: l10n.t('Get 1080p'),
		playWithSound: l10n.t('Play with Sound'),
		playWithSoundTitle: l10n.t('Opens the video in your browser'),
		// Field names of the details list.
		taskId: l10n.t('Task ID'),
		state: l10n.t('State'),
		prompt: l10n.t('Prompt'),
		model: l10n.t('Model'),
		action: l10n.t('Action'),
		created: l10n.t('Created'),
		completed: l10n.t('Completed'),
		duration: l10n.t('Duration'),
		stalledSince: l10n.t('Stalled since'),
		videoUrl: l10n.t('Video URL'),
		traceId: l10n.t('Trace ID'),
		// Headings and what screen readers announce.
		followUps: l10n.t('Follow-ups'),
		taskJson: l10n.t('Task JSON'),
		actions: l10n.t('Task actions'),
		followUpActions: l10n.t('Follow-up actions'),
		video: l10n.t('Generated video'),
		// Notes. `{0}` is filled by the page.
		lastRefreshFailed: l10n.t('Last refresh failed: {0}'),
		followUpOf: l10n.t('Follow-up of {0}'),
		videoError: l10n.t('The video could not be played here. VS Code cannot decode some formats (such as AAC audio).'),
		soundWithAudio: l10n.t('This video has sound, but VS Code plays videos without it (it cannot decode their AAC audio).'),
		soundSilent: l10n.t('VS Code plays videos without sound, and could not play this one.'),
		unplayableUrl: l10n.t('This video URL is not one the panel will play (only https, or http on this machine).'),
	};
}

const TITLE_MAX = 40;
/** Beyond this the JSON view shows a cut version: a browser text node this big is slow and useless to read. */
export const JSON_VIEW_MAX_CHARS = 1_000_000;
/** Longest prompt or reason the panel shows; the whole text stays in the JSON view. */
export const TEXT_FIELD_MAX_CHARS = 20_000;
/** Longest model, action, ID or URL the panel shows: real ones are short. */
export const SHORT_FIELD_MAX_CHARS = 2_000;

export function panelTitle(task: TrackedTask): string {
	return task.summary.prompt?.trim() ? shorten(task.summary.prompt, TITLE_MAX) : l10n.t('Veo task {0}', task.id.slice(0, 8));
}

export function buildTaskPanelModel(
	task: TrackedTask,
	record: TaskRecord | undefined,
	/** `get1080pOffered: false` once the API said it does not offer Get 1080p (the button hides). */
	related: { parent?: TrackedTask; followUps?: readonly TrackedTask[]; get1080pOffered?: boolean; promptFileState?: PromptFileState } = {},
	now: number = Date.now(),
	display: RowDisplay = {},
): TaskPanelModel {
	const { summary } = task;
	const can = taskCapabilities(summary);
	const stalled = stalledSince(summary, now, display.giveUpAfterMs ?? 0);
	const link = (other: TrackedTask): TaskLink => ({ id: other.id, label: panelTitle(other) });
	// A record can carry megabytes in any field: the page stays responsive with a cut copy.
	const text = (value: string | undefined): string | undefined => (value === undefined ? undefined : clip(value, TEXT_FIELD_MAX_CHARS));
	const short = (value: string | undefined): string | undefined => (value === undefined ? undefined : clip(value, SHORT_FIELD_MAX_CHARS));
	return {
		id: task.id,
		title: panelTitle(task),
		state: summary.state,
		stateLabel: stalled !== undefined ? l10n.t('{0} (stalled: no longer polled)', stateLabel(summary)) : stateLabel(summary),
		prompt: text(summary.prompt),
		model: short(summary.model),
		action: short(summary.action),
		created: summary.createdAt !== undefined ? formatDateTime(summary.createdAt, display) : undefined,
		// A completion time that cannot be read is shown as the server wrote it.
		completed: summary.completedAtMs !== undefined ? formatDateTime(summary.completedAtMs, display) : short(summary.completedAt),
		duration: taskDuration(summary, now, display.locale),
		stalledSince: stalled !== undefined ? formatDateTime(stalled, display) : undefined,
		failureReason: summary.state === 'failed' ? text(summary.failureReason) : undefined,
		traceId: short(summary.traceId),
		playableVideoUrl: can.playableVideoUrl,
		videoUrlText: short(summary.videoUrl),
		canOpenExternal: can.openableVideoUrl !== undefined,
		staleReason: short(task.staleReason),
		parent: related.parent ? link(related.parent) : undefined,
		followUps: (related.followUps ?? []).map(link),
		canFollowUp: can.canFollowUp && related.get1080pOffered !== false,
		canGenerateAgain: can.canGenerateAgain,
		producesAudio: modelProducesAudio(summary.model),
		json: prettyJson(record),
		...requestDetails(record),
		promptFile: task.promptFile
			? { path: short(task.promptFile.path) ?? '', state: related.promptFileState ?? 'unknown', note: promptFileNote(related.promptFileState ?? 'unknown') }
			: undefined,
		labels: panelLabels(),
	};
}

function promptFileNote(state: PromptFileState): string {
	switch (state) {
		case 'unchanged':
			return l10n.t('unchanged since this take');
		case 'changed':
			return l10n.t('changed since this take');
		case 'missing':
			return l10n.t('the file is gone');
		case 'unknown':
			return '';
	}
}

/**
 * What the record's request asked for, read as untrusted data: the aspect ratio, resolution and
 * translation as short texts, and the reference images split into those the page may load (https,
 * parsed and written back by URL, so the CSP gets their exact origins) and the rest, as text.
 */
export function requestDetails(
	record: TaskRecord | undefined,
): Pick<TaskPanelModel, 'aspectRatio' | 'resolution' | 'translation' | 'referenceImages' | 'referenceImageTexts'> {
	const request = asObject(record?.request);
	const referenceImages: string[] = [];
	const referenceImageTexts: string[] = [];
	const urls = Array.isArray(request?.image_urls) ? (request.image_urls as unknown[]) : [];
	for (const raw of urls.slice(0, MAX_REFERENCE_IMAGES)) {
		if (typeof raw !== 'string') {
			continue;
		}
		const url = httpsUrl(raw);
		if (url) {
			referenceImages.push(url);
		} else {
			referenceImageTexts.push(clip(raw, SHORT_FIELD_MAX_CHARS));
		}
	}
	const ratio = asString(request?.aspect_ratio);
	return {
		aspectRatio: ratio !== undefined ? clip(ratio, 40) : undefined,
		resolution: isResolution(request?.resolution)
			? resolutionLabel(request.resolution)
			: typeof request?.resolution === 'string'
				? clip(request.resolution, 40)
				: undefined,
		translation: typeof request?.translation === 'boolean' ? (request.translation ? l10n.t('Yes') : l10n.t('No')) : undefined,
		referenceImages,
		referenceImageTexts,
	};
}

/** An https URL as the URL parser writes it, or undefined (http, data:, javascript:, credentials, junk). */
function httpsUrl(raw: string): string | undefined {
	if (raw.length > SHORT_FIELD_MAX_CHARS) {
		return undefined;
	}
	try {
		const url = new URL(raw);
		return url.protocol === 'https:' && !url.username && !url.password ? url.href : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Veo 3 and 3.1 (`veo3*`, which covers `veo31*`) generate an AAC soundtrack; VS Code's Chromium has
 * no AAC decoder, so its player shows these videos without sound.
 */
export function modelProducesAudio(model: string | undefined): boolean {
	return model !== undefined && /^veo3/i.test(model.trim());
}

function prettyJson(record: TaskRecord | undefined): string {
	if (!record) {
		return l10n.t('// Not fetched yet. Refresh to load the task from the server.');
	}
	let text: string;
	try {
		text = JSON.stringify(record, null, 2);
	} catch {
		// JSON.stringify recurses: a record nested thousands deep overflows the stack.
		return l10n.t('// This record is too deeply nested to display.');
	}
	return text.length > JSON_VIEW_MAX_CHARS
		? `${text.slice(0, JSON_VIEW_MAX_CHARS)}\n${l10n.t('… (cut: the record is {0} KB)', formatNumber(Math.round(text.length / 1024)))}`
		: text;
}
