import * as vscode from 'vscode';
import { inspectDefaultModel } from '../../services/settings';
import {
	ASPECT_RATIOS,
	DEFAULT_MODEL,
	GENERATION_ACTIONS,
	INGREDIENTS_MODEL,
	actionLabel,
	buildGenerationBody,
	describeChoices,
	effectiveModel,
	imageCountRange,
	imageUrlsProblem,
	isGenerationAction,
	isRetiredModel,
	modelProblem,
	modelsFor,
	needsImages,
	promptProblem,
	splitImageUrls,
	type GenerationAction,
	type GenerationChoices,
	type GenerationResolution,
} from '../../core/generation/generationRequest';
import { containsChinese } from '../../core/generation/promptLanguage';
import { formatNumber } from '../../core/l10n/format';
import { shorten } from '../../core/util/text';
import { startAndTrack, type StarterServices } from '../../services/taskStarter';
import type { PromptFileLink } from '../../core/tasks/taskList';
import { MultiStepInput, type StepFrame, type StepResult } from '../../ui/multiStepInput';

const LAST_CHOICES_KEY = 'veoTasks.lastGeneration';
/** The wizard's steps, in order; the model step is where it reopens after "model is not supported". */
const MODEL_STEP = 1;

/** The wizard remembers the last choices in globalState and starts through the task starter. */
export interface WizardServices extends StarterServices {
	context: Pick<vscode.ExtensionContext, 'globalState'>;
}

type RememberedChoices = Pick<GenerationChoices, 'action' | 'model' | 'aspectRatio'>;

/** Defaults: what was used last time; a model set explicitly in the settings wins over the last one. */
export function generateDefaults(services: WizardServices): GenerationChoices {
	const remembered = services.context.globalState.get<Partial<RememberedChoices>>(LAST_CHOICES_KEY) ?? {};
	const { explicit, fallback } = inspectDefaultModel();
	const candidates = [explicit, remembered.model, fallback];
	// A retired model (veo2 set long ago) is not offered first: the API would only refuse it.
	const model = candidates.find(
		(candidate): candidate is string => typeof candidate === 'string' && !modelProblem(candidate, 'text2video') && !isRetiredModel(candidate),
	);
	return {
		action: isGenerationAction(remembered.action) ? remembered.action : 'text2video',
		model: model ?? DEFAULT_MODEL,
		prompt: '',
		imageUrls: [],
		aspectRatio: typeof remembered.aspectRatio === 'string' && ASPECT_RATIOS.includes(remembered.aspectRatio) ? remembered.aspectRatio : '16:9',
		translation: false,
	};
}

export interface GenerateOptions extends Partial<GenerationChoices> {
	/** The prompt is given (from the editor's selection): no prompt step. */
	promptGiven?: boolean;
}

export interface WizardOptions {
	/** The quick input's title. */
	title?: string;
	/** How the pre-filled model is described in the model step. */
	modelNote?: string;
	promptGiven?: boolean;
	/** Open at this step (Back still reaches the ones before). */
	startAt?: number;
	/** Wording of the confirmation. */
	question?: string;
	/** A model the API just refused: listed, but not highlighted. */
	refusedModel?: string;
	/**
	 * `initial.translation` was chosen (a command's argument, the task's request for Generate Again,
	 * or the user's pick before the wizard reopened), not a default: the translation step highlights it.
	 */
	translationGiven?: boolean;
}

/**
 * The wizard: action, model, prompt, image URLs (when the action takes them), aspect ratio,
 * resolution, translation (on by default when the prompt has Chinese); then one confirmation of what will be
 * started (billable). Back works on every step; Escape cancels with no effect. Generate Video… and
 * Generate Again… both run it.
 */
export async function runGenerationWizard(services: WizardServices, initial: GenerationChoices, options: WizardOptions = {}): Promise<string | undefined> {
	const choices: GenerationChoices = { ...initial, imageUrls: [...initial.imageUrls] };
	/** What the user picked at the translation step in this run, kept when Back passes it again. */
	let translationPicked: boolean | undefined;
	const wizard = new MultiStepInput(options.title ?? vscode.l10n.t('Generate Veo Video'));
	const completed = await wizard.run(
		[
			(frame) =>
				wizard.pick<GenerationAction>(frame, {
					placeholder: vscode.l10n.t('What should the video start from?'),
					// label and detail are the core's getters: read now, in the display language.
					items: GENERATION_ACTIONS.map((entry) => ({ label: entry.label, detail: entry.detail, value: entry.action })),
					active: choices.action,
					onPicked: (action) => (choices.action = action),
				}),
			(frame) => modelStep(wizard, frame, choices, options.modelNote ?? vscode.l10n.t('last used'), options.refusedModel),
			(frame) =>
				options.promptGiven
					? Promise.resolve('skip')
					: wizard.input(frame, {
							prompt: vscode.l10n.t('Describe the video. Type \\n for a line break.'),
							placeholder: vscode.l10n.t('A red fox walking through fresh snow at dawn, cinematic'),
							value: choices.prompt.replace(/\n/g, '\\n'),
							validate: (value) => promptProblem(value),
							onAccepted: (value) => (choices.prompt = value.replace(/\\n/g, '\n')),
						}),
			(frame) =>
				!needsImages(choices.action)
					? Promise.resolve('skip')
					: wizard.input(frame, {
							prompt:
								choices.action === 'ingredients2video'
									? vscode.l10n.t('1 to {0} reference image URLs, separated by spaces or commas', formatNumber(imageCountRange(choices.action).max))
									: vscode.l10n.t('The first frame URL, and optionally the last frame URL (1 or 2 URLs)'),
							placeholder: 'https://example.com/first.png',
							value: choices.imageUrls.join(' '),
							validate: (value) => imageUrlsProblem(choices.action, splitImageUrls(value)),
							onAccepted: (value) => (choices.imageUrls = splitImageUrls(value)),
						}),
			(frame) =>
				wizard.pick<string>(frame, {
					placeholder: vscode.l10n.t('Aspect ratio'),
					items: ASPECT_RATIOS.map((ratio) => ({
						label: ratio,
						description: ratio === '16:9' ? vscode.l10n.t('landscape') : vscode.l10n.t('portrait'),
						value: ratio,
					})),
					active: choices.aspectRatio,
					onPicked: (ratio) => (choices.aspectRatio = ratio),
				}),
			(frame) =>
				wizard.pick<GenerationResolution | 'default'>(frame, {
					placeholder: vscode.l10n.t('Resolution'),
					items: [
						{ label: vscode.l10n.t('Default'), description: vscode.l10n.t("the model's own resolution (resolution not sent)"), value: 'default' },
						{ label: '1080p', description: vscode.l10n.t('full HD'), value: '1080p' },
						{ label: '4K', description: vscode.l10n.t('ultra HD'), value: '4k' },
						{ label: 'GIF', description: vscode.l10n.t('an animated GIF'), value: 'gif' },
					],
					active: choices.resolution ?? 'default',
					onPicked: (resolution) => (choices.resolution = resolution === 'default' ? undefined : resolution),
				}),
			(frame) => {
				const chinese = containsChinese(choices.prompt);
				// Offered for every prompt (a prompt in any language may want it), on by default for one
				// with Chinese characters: the models follow English best. What was given (Generate Again of
				// a task that had it, a command's argument) or picked before going Back is highlighted instead.
				choices.translation = translationPicked ?? (options.translationGiven ? initial.translation : chinese);
				return wizard.pick<boolean>(frame, {
					placeholder: chinese
						? vscode.l10n.t('The prompt has Chinese characters. Translate it to English before generating?')
						: vscode.l10n.t('Translate the prompt to English first?'),
					items: [
						{ label: vscode.l10n.t('Translate the prompt to English'), description: vscode.l10n.t('recommended for Chinese prompts'), value: true },
						{ label: vscode.l10n.t('Keep the prompt as written'), value: false },
					],
					active: choices.translation,
					onPicked: (translation) => (choices.translation = translationPicked = translation),
				});
			},
		],
		options.startAt,
	);
	if (!completed) {
		return undefined;
	}
	if (!needsImages(choices.action)) {
		choices.imageUrls = [];
	}
	return startGeneration(services, choices, {
		question: options.question,
		// The wizard again, as it was, at the model step; a translation the user picked stays picked.
		pickAnotherModel: () =>
			runGenerationWizard(services, choices, {
				...options,
				startAt: MODEL_STEP,
				refusedModel: effectiveModel(choices),
				translationGiven: options.translationGiven || translationPicked !== undefined,
			}),
	});
}

/**
 * Starts complete choices (the wizard's, or a prompt file's): remembers them as the last used, asks
 * the billable question with what will be sent, sends once and tracks the task.
 */
export async function startGeneration(
	services: WizardServices,
	choices: GenerationChoices,
	options: { question?: string; pickAnotherModel?: () => unknown; promptFile?: PromptFileLink } = {},
): Promise<string | undefined> {
	const remembered: RememberedChoices = { action: choices.action, model: choices.model, aspectRatio: choices.aspectRatio };
	await services.context.globalState.update(LAST_CHOICES_KEY, remembered);
	const body = buildGenerationBody(choices);
	const prompt = shorten(choices.prompt, 300);
	const images = choices.imageUrls.map((url) => shorten(url, 120)).join(', ');
	return startAndTrack(
		services,
		{ endpoint: '/veo/videos', body },
		{
			kind: 'video',
			summary: { prompt: choices.prompt.trim(), model: effectiveModel(choices), action: choices.action },
			confirmation: {
				question: options.question ?? vscode.l10n.t('Generate this video ({0})?', actionLabel(choices.action)),
				detail: images
					? vscode.l10n.t('{0}\nPrompt: {1}\nImages: {2}', describeChoices(choices), prompt, images)
					: vscode.l10n.t('{0}\nPrompt: {1}', describeChoices(choices), prompt),
				button: vscode.l10n.t('Generate'),
			},
			pickAnotherModel: options.pickAnotherModel,
			promptFile: options.promptFile,
		},
	);
}

/**
 * The model step. Ingredients to video runs on one model: the step shows it and nothing else.
 * Other actions offer the known models (not the ingredients one) and take a typed name; a model
 * the task had that is not listed is offered too, but not highlighted when the API retired or just
 * refused it (Enter must not send it again).
 */
function modelStep(wizard: MultiStepInput, frame: StepFrame, choices: GenerationChoices, note: string, refused?: string): Promise<StepResult> {
	if (choices.action === 'ingredients2video') {
		return wizard.pick<string>(frame, {
			placeholder: vscode.l10n.t('Model: Ingredients to video always runs on {0}', INGREDIENTS_MODEL),
			items: [{ label: INGREDIENTS_MODEL, description: vscode.l10n.t('the only model for ingredients to video'), value: INGREDIENTS_MODEL }],
			active: INGREDIENTS_MODEL,
			onPicked: () => undefined,
		});
	}
	const known = modelsFor(choices.action);
	const usable = !modelProblem(choices.model, choices.action);
	const retired = isRetiredModel(choices.model) || choices.model === refused;
	const current = usable && !retired ? choices.model : DEFAULT_MODEL;
	const models = usable && !known.includes(choices.model) ? [choices.model, ...known] : known;
	return wizard.pick<string>(frame, {
		placeholder: vscode.l10n.t('Model (or type another model name)'),
		items: models.map((model) => ({
			label: model,
			description:
				model === choices.model
					? retired
						? vscode.l10n.t('not supported by the API')
						: note
					: model === DEFAULT_MODEL
						? vscode.l10n.t("the API's default")
						: undefined,
			value: model,
		})),
		active: current,
		// A retired name is not taken as typed: the API would only refuse it.
		allowTyped: (typed) => (modelProblem(typed, choices.action) || isRetiredModel(typed) ? undefined : typed),
		onPicked: (model) => (choices.model = model),
	});
}

export function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
