import { asObject } from '../core/tasks/taskRecord';
import { ASPECT_RATIOS, isGenerationAction, isResolution, modelProblem, promptProblem } from '../core/generation/generationRequest';
import {
	generateDefaults,
	runGenerationWizard,
	stripUndefined,
	type GenerateOptions,
	type WizardServices,
} from '../features/generationWizard/generationWizard';

/**
 * Reads the options a command was called with. They may come from another extension or a
 * `command:` link: only well-formed fields pre-fill the wizard, and the user still walks through
 * it and confirms.
 */
export function readGenerateOptions(raw: unknown): GenerateOptions {
	const fields = asObject(raw) ?? {};
	const options: GenerateOptions = {};
	if (isGenerationAction(fields.action)) {
		options.action = fields.action;
	}
	if (typeof fields.model === 'string' && !modelProblem(fields.model)) {
		options.model = fields.model.trim();
	}
	if (typeof fields.prompt === 'string' && !promptProblem(fields.prompt)) {
		options.prompt = fields.prompt;
		options.promptGiven = fields.promptGiven === true;
	}
	if (Array.isArray(fields.imageUrls)) {
		options.imageUrls = fields.imageUrls.filter((url): url is string => typeof url === 'string').slice(0, 3);
	}
	if (typeof fields.aspectRatio === 'string' && ASPECT_RATIOS.includes(fields.aspectRatio)) {
		options.aspectRatio = fields.aspectRatio;
	}
	if (isResolution(fields.resolution)) {
		options.resolution = fields.resolution;
	}
	if (typeof fields.translation === 'boolean') {
		options.translation = fields.translation;
	}
	return options;
}

/** "Generate Video…". Returns the new task's ID, or undefined when cancelled or refused. */
export function generateVideo(services: WizardServices, options: GenerateOptions = {}): Promise<string | undefined> {
	const { promptGiven, ...given } = options;
	return runGenerationWizard(
		services,
		{ ...generateDefaults(services), ...stripUndefined(given) },
		{ promptGiven, translationGiven: given.translation !== undefined },
	);
}
