import * as vscode from 'vscode';
import { Settings } from '../constants';
import {
	ASPECT_RATIOS,
	DEFAULT_MODEL,
	GENERATION_ACTIONS,
	KNOWN_MODELS,
	buildGenerationBody,
	describeChoices,
	imageUrlsProblem,
	isGenerationAction,
	modelProblem,
	needsImages,
	promptProblem,
	splitImageUrls,
	type GenerationAction,
	type GenerationChoices,
} from '../core/generation/generationRequest';
import { shorten } from '../core/util/text';
import { startAndTrack } from '../generation/taskStarter';
import type { Services } from '../services';
import { MultiStepInput } from '../ui/multiStepInput';

const LAST_CHOICES_KEY = 'veoTasks.lastGeneration';

type RememberedChoices = Pick<GenerationChoices, 'action' | 'model' | 'aspectRatio'>;

/** Defaults: what was used last time; a model set explicitly in the settings wins over the last one. */
function defaults(services: Services): GenerationChoices {
	const remembered = services.context.globalState.get<Partial<RememberedChoices>>(LAST_CHOICES_KEY) ?? {};
	const inspected = vscode.workspace.getConfiguration(Settings.section).inspect<string>(Settings.defaultModel);
	const explicitModel = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
	return {
		action: isGenerationAction(remembered.action) ? remembered.action : 'text2video',
		model: explicitModel || (typeof remembered.model === 'string' && remembered.model) || inspected?.defaultValue || DEFAULT_MODEL,
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

/**
 * "Generate Video…": action, model, prompt, image URLs (when the action needs them), aspect ratio,
 * translation, then a summary to confirm. Back works on every step; Escape cancels with no effect.
 * Returns the new task's ID, or undefined when cancelled or refused.
 */
export async function generateVideo(services: Services, options: GenerateOptions = {}): Promise<string | undefined> {
	const choices: GenerationChoices = { ...defaults(services), ...stripUndefined(options) };
	const wizard = new MultiStepInput('Generate Veo Video');
	const completed = await wizard.run([
		(frame) =>
			wizard.pick<GenerationAction>(frame, {
				placeholder: 'What should the video start from?',
				items: GENERATION_ACTIONS.map((entry) => ({ label: entry.label, detail: entry.detail, value: entry.action })),
				active: choices.action,
				onPicked: (action) => (choices.action = action),
			}),
		(frame) =>
			wizard.pick<string>(frame, {
				placeholder: 'Model (or type another model name)',
				items: KNOWN_MODELS.map((model) => ({ label: model, description: model === choices.model ? 'last used' : undefined, value: model })),
				active: choices.model,
				allowTyped: (typed) => (modelProblem(typed) ? undefined : typed),
				onPicked: (model) => (choices.model = model),
			}),
		(frame) =>
			options.promptGiven
				? Promise.resolve('skip')
				: wizard.input(frame, {
						prompt: 'Describe the video. Type \\n for a line break.',
						placeholder: 'A red fox walking through fresh snow at dawn, cinematic',
						value: choices.prompt,
						validate: (value) => promptProblem(value),
						onAccepted: (value) => (choices.prompt = value.replace(/\\n/g, '\n')),
					}),
		(frame) =>
			!needsImages(choices.action)
				? Promise.resolve('skip')
				: wizard.input(frame, {
						prompt: choices.action === 'ingredients2video' ? '1 to 3 reference image URLs, separated by spaces or commas' : 'First frame URL, and optionally the last frame (up to 3 URLs)',
						placeholder: 'https://example.com/first.png',
						value: choices.imageUrls.join(' '),
						validate: (value) => imageUrlsProblem(choices.action, splitImageUrls(value)),
						onAccepted: (value) => (choices.imageUrls = splitImageUrls(value)),
					}),
		(frame) =>
			wizard.pick<string>(frame, {
				placeholder: 'Aspect ratio',
				items: ASPECT_RATIOS.map((ratio) => ({ label: ratio, description: ratio === '16:9' ? 'landscape' : 'portrait', value: ratio })),
				active: choices.aspectRatio,
				onPicked: (ratio) => (choices.aspectRatio = ratio),
			}),
		(frame) =>
			wizard.pick<boolean>(frame, {
				placeholder: 'Translate the prompt to English first?',
				items: [
					{ label: 'Keep the prompt as written', value: false },
					{ label: 'Translate the prompt to English', value: true },
				],
				active: choices.translation,
				onPicked: (translation) => (choices.translation = translation),
			}),
		(frame) =>
			wizard.pick<boolean>(frame, {
				placeholder: 'Start this generation?',
				items: [
					{ label: '$(play) Generate', description: describeChoices(choices), detail: shorten(choices.prompt, 200), value: true },
				],
				onPicked: () => undefined,
			}),
	]);
	if (!completed) {
		return undefined;
	}
	const remembered: RememberedChoices = { action: choices.action, model: choices.model, aspectRatio: choices.aspectRatio };
	await services.context.globalState.update(LAST_CHOICES_KEY, remembered);
	const body = buildGenerationBody(choices);
	return startAndTrack(services, { endpoint: '/veo/videos', body }, {
		label: 'the video',
		summary: { prompt: choices.prompt.trim(), model: choices.model, action: choices.action },
	});
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
