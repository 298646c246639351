import * as vscode from 'vscode';
import { choicesFromRequest, hasGenerationRequest, type GenerationChoices } from '../core/generation/generationRequest';
import { retiredFollowUpKindOf, retiredFollowUpMessage } from '../core/generation/followUps';
import { asObject } from '../core/tasks/taskRecord';
import type { TaskListView } from '../core/tasks/taskList';
import type { TaskListReader } from '../services/taskRepository';
import { generateDefaults, runGenerationWizard, stripUndefined, type WizardServices } from '../features/generationWizard/generationWizard';
import { taskIdsOrPick } from './taskArguments';
import { Commands } from '../constants';
import { promptFileUri } from '../features/promptFiles/promptFileDocuments';

/**
 * A task started from a prompt file that is still there: run the file as it is now, or this take's
 * own options in the wizard? Undefined when there is no such file (the wizard runs, as for any task).
 */
async function offerPromptFile(list: TaskListView, id: string): Promise<vscode.Uri | 'cancelled' | undefined> {
	const path = list.get(id)?.promptFile?.path;
	const uri = path !== undefined ? promptFileUri(path) : undefined;
	if (!uri) {
		return undefined;
	}
	try {
		await vscode.workspace.fs.stat(uri);
	} catch {
		return undefined;
	}
	const picked = await vscode.window.showQuickPick(
		[
			{ label: vscode.l10n.t('Run the Prompt File as It Is Now'), description: path, value: 'file' as const },
			{ label: vscode.l10n.t("Start from This Take's Options"), description: vscode.l10n.t('the Generate wizard, pre-filled'), value: 'wizard' as const },
		],
		{ placeHolder: vscode.l10n.t('Generate again: this take came from {0}', path ?? '') },
	);
	return !picked ? 'cancelled' : picked.value === 'file' ? uri : undefined;
}

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
	const fromFile = await offerPromptFile(list, id);
	if (fromFile !== undefined) {
		return fromFile === 'cancelled' ? undefined : vscode.commands.executeCommand<string | undefined>(Commands.generateFromPromptFile, fromFile);
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
