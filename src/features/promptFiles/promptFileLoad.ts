import * as vscode from 'vscode';
import { parsePromptFile, type ParsedPromptFile } from '../../core/promptFiles/promptFile';
import { checkPromptFile, promptFileHash, promptFileText, type PromptFileCheck, type PromptFileDefaults } from '../../core/promptFiles/promptFileRequest';
import type { GenerationChoices } from '../../core/generation/generationRequest';
import type { PromptFileLink } from '../../core/tasks/taskList';
import { videoFileName } from '../../core/util/fileNames';
import { promptFilePath, readPromptFileText } from './promptFileDocuments';

export interface LoadedPromptFile {
	text: string;
	parsed: ParsedPromptFile;
	check: PromptFileCheck;
	/** What a task started from it remembers; undefined for a file outside the workspace. */
	link?: PromptFileLink;
}

/** A prompt file read as it is now, parsed and checked by the wizard's rules. */
export async function loadPromptFile(uri: vscode.Uri, defaults: PromptFileDefaults): Promise<LoadedPromptFile | { problem: string }> {
	const read = await readPromptFileText(uri);
	if ('problem' in read) {
		return read;
	}
	const parsed = parsePromptFile(read.text);
	const path = promptFilePath(uri);
	return {
		text: read.text,
		parsed,
		check: checkPromptFile(parsed, defaults),
		link: path !== undefined ? { path, hash: promptFileHash(read.text) } : undefined,
	};
}

/**
 * Opens a new, unsaved prompt file holding `choices`, named after the prompt, in the first
 * workspace folder (Save puts it there) or, without a folder, as a plain untitled file.
 */
export async function openNewPromptFile(choices: Partial<GenerationChoices>, nameHint: string): Promise<vscode.TextEditor> {
	const name = videoFileName(choices.prompt || undefined, nameHint, 'veo.md');
	const folder = vscode.workspace.workspaceFolders?.[0];
	let uri = vscode.Uri.from({ scheme: 'untitled', path: folder ? vscode.Uri.joinPath(folder.uri, name).path : name });
	// A name a file or an open editor already has gets a number.
	for (let attempt = 2; attempt < 100 && (await exists(uri)); attempt++) {
		uri = uri.with({ path: uri.path.replace(/(-\d+)?\.veo\.md$/, `-${attempt}.veo.md`) });
	}
	const document = await vscode.workspace.openTextDocument(uri);
	const editor = await vscode.window.showTextDocument(document);
	await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), promptFileText(choices)));
	return editor;
}

async function exists(untitled: vscode.Uri): Promise<boolean> {
	if (vscode.workspace.textDocuments.some((document) => document.uri.path === untitled.path)) {
		return true;
	}
	if (!vscode.workspace.workspaceFolders?.length) {
		return false;
	}
	try {
		await vscode.workspace.fs.stat(untitled.with({ scheme: vscode.workspace.workspaceFolders[0].uri.scheme }));
		return true;
	} catch {
		return false;
	}
}
