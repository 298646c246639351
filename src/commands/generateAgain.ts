import * as vscode from 'vscode';
import { choicesFromRequest, hasGenerationRequest, type GenerationChoices } from '../core/generation/generationRequest';
import { retiredFollowUpKindOf, retiredFollowUpMessage } from '../core/generation/followUps';
import { asObject } from '../core/tasks/taskRecord';
import type { TaskListView } from '../core/tasks/taskList';
import type { TaskListReader } from '../services/taskRepository';
import { generateDefaults, runGenerationWizard, stripUndefined, type WizardServices } from '../features/generationWizard/generationWizard';
import { taskIdsOrPick } from './taskArguments';

/**
 * What a task was started with: its record's `request` when fetched, else what the row knows
 * (a task started here and not fetched yet). Undefined when it was not a generation.
 */
export function generationOf(list: TaskListView, id: string): Partial<GenerationChoices> | undefined {
	const fromRecord = choicesFromRequest(list.record(id)?.request);
	if (fromRecord) {
		return fromRecord;
	}
	const summary = list.get(id)?.summary;
	if (summary && hasGenerationRequest(summary)) {
		return { action: summary.action, model: summary.model, prompt: summary.prompt };
	}
	return undefined;
}

/**
 * "Generate Again…": the Generate wizard pre-filled with a task's action, model, prompt, images,
 * aspect ratio and resolution; every step can be changed, Back works. The new task is tracked
 * beside the old one (it is a new generation, not a follow-up of the old video).
 */
export async function generateAgain(services: WizardServices & { repository: TaskListReader }, ...args: unknown[]): Promise<string | undefined> {
	await services.repository.ready;
	const list = services.repository.list;
	const [id] = await taskIdsOrPick(list, args, {
		placeHolder: vscode.l10n.t('Generate again: which task?'),
		filter: (task) => generationOf(list, task.id) !== undefined,
	});
	if (!id) {
		return undefined;
	}
	const previous = generationOf(list, id);
	const retired = previous ? undefined : retiredFollowUpKindOf(list.get(id)?.summary.action, asObject(list.record(id)?.request));
	if (retired) {
		// An old record of Upscale to 4K, Make GIF or Extend: the API no longer offers them.
		void vscode.window.showWarningMessage(retiredFollowUpMessage(retired));
		return undefined;
	}
	if (!previous) {
		void vscode.window.showWarningMessage(
			vscode.l10n.t('This task has no generation request to start again (it may be a follow-up, or not fetched yet: refresh it and try again).'),
		);
		return undefined;
	}
	const initial: GenerationChoices = { ...generateDefaults(services), resolution: undefined, ...stripUndefined(previous) };
	return runGenerationWizard(services, initial, {
		title: vscode.l10n.t('Generate Again'),
		modelNote: vscode.l10n.t('from the task'),
		question: vscode.l10n.t('Generate this video again?'),
		// The task's own choice (a task not fetched yet has none: then a Chinese prompt is translated by default).
		translationGiven: previous.translation !== undefined,
	});
}
