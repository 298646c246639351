import type { TrackedTask } from '../tasks/taskList';
import { FINISHED_STATES, stateLabel } from '../tasks/taskState';
import { playableVideoUrl } from '../api/urlPolicy';
import { relativeTime } from '../l10n/format';
import { l10n } from '../l10n/l10n';
import { clip, shorten } from '../util/text';
import type { GalleryCard, GalleryLabels, GalleryModel } from './galleryProtocol';

const CARD_TITLE_MAX = 120;
/** The card's tooltip and search text hold at most this much of a prompt (prompts are up to 4,000 characters). */
const PROMPT_MAX = 4_000;
const SHORT_MAX = 200;

/** The texts of the gallery page, translated now. */
export function galleryLabels(): GalleryLabels {
	return {
		title: l10n.t('Veo Gallery'),
		filterText: l10n.t('Filter'),
		filterTextPlaceholder: l10n.t('Prompt, model or task ID'),
		state: l10n.t('State'),
		allStates: l10n.t('All finished'),
		succeeded: l10n.t('Succeeded'),
		failed: l10n.t('Failed'),
		notFound: l10n.t('Not found'),
		model: l10n.t('Model'),
		allModels: l10n.t('All models'),
		promptFile: l10n.t('Prompt file'),
		allPromptFiles: l10n.t('All prompt files'),
		keptOnly: l10n.t('Kept only'),
		sort: l10n.t('Sort'),
		newest: l10n.t('Newest first'),
		oldest: l10n.t('Oldest first'),
		count: l10n.t('{0} of {1}'),
		selected: l10n.t('{0} selected'),
		download: l10n.t('Download'),
		insertVideoLinks: l10n.t('Insert Video Links'),
		remove: l10n.t('Remove'),
		compare: l10n.t('Compare'),
		keep: l10n.t('Keep'),
		clearSelection: l10n.t('Clear Selection'),
		select: l10n.t('Select'),
		kept: l10n.t('Kept'),
		noVideo: l10n.t('No video'),
		empty: l10n.t('No finished video yet. Generated videos appear here when they finish.'),
		emptyFiltered: l10n.t('No video matches the filter.'),
		grid: l10n.t('Finished videos'),
		selectionActions: l10n.t('Actions on the selected videos'),
		videoError: l10n.t('The video could not be played here.'),
	};
}

/** Reads the prompt file a task was made from, when its branch of the code records one. */
export type PromptFileOf = (task: TrackedTask) => string | undefined;

/** The prompt file of a task made from a `*.veo.md` file: its workspace-relative path (read defensively: it comes from stored state). */
export const promptFileField: PromptFileOf = (task) => {
	const path: unknown = task.promptFile?.path;
	return typeof path === 'string' && path ? clip(path, SHORT_MAX) : undefined;
};

export function galleryCard(task: TrackedTask, now: number, promptFileOf: PromptFileOf = promptFileField): GalleryCard {
	const { summary } = task;
	const prompt = clip(summary.prompt?.trim() ?? '', PROMPT_MAX);
	const model = clip(summary.model?.trim() ?? '', SHORT_MAX);
	const time = summary.createdAt ?? task.addedAt;
	return {
		id: task.id,
		title: !prompt ? task.id : prompt.length > CARD_TITLE_MAX ? shorten(prompt, CARD_TITLE_MAX) : undefined,
		prompt,
		model,
		state: summary.state,
		stateLabel: stateLabel(summary),
		age: relativeTime(time, now),
		time,
		videoUrl: summary.state === 'succeeded' ? playableVideoUrl(summary.videoUrl)?.href : undefined,
		kept: task.kept === true,
		promptFile: promptFileOf(task),
	};
}

/** The gallery's model: a card per finished task (running ones have nothing to show yet), newest first. */
export function buildGalleryModel(tasks: readonly TrackedTask[], now: number, promptFileOf: PromptFileOf = promptFileField): GalleryModel {
	const cards = tasks.filter((task) => FINISHED_STATES.has(task.summary.state)).map((task) => galleryCard(task, now, promptFileOf));
	const models = new Set<string>();
	const promptFiles = new Set<string>();
	for (const card of cards) {
		if (card.model) {
			models.add(card.model);
		}
		if (card.promptFile) {
			promptFiles.add(card.promptFile);
		}
	}
	return { cards, models: [...models].sort(), promptFiles: [...promptFiles].sort(), tracked: tasks.length, labels: galleryLabels() };
}

/**
 * The origins `media-src` must allow for these cards: `https:` (the provider's CDN moves), plus each
 * exact loopback origin a video is served from (tests, local gateways). Nothing else.
 */
export function galleryMediaSources(videoUrls: Iterable<string | undefined>): string {
	const origins = new Set<string>();
	for (const raw of videoUrls) {
		const url = raw ? playableVideoUrl(raw) : undefined;
		if (url?.protocol === 'http:') {
			origins.add(url.origin);
		}
	}
	return ['https:', ...[...origins].sort()].join(' ');
}
