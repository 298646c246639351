import * as vscode from 'vscode';
import { MAX_PROMPT_FILE_BYTES } from '../../core/promptFiles/promptFile';
import { formatNumber } from '../../core/l10n/format';

/**
 * Where prompt files are: `*.veo.md` anywhere (their language stays Markdown, so providers register
 * for the pattern, not a language), on disk or new and unsaved.
 */
export const PROMPT_FILE_SELECTOR: vscode.DocumentSelector = [
	{ scheme: 'file', pattern: '**/*.veo.md' },
	{ scheme: 'untitled', pattern: '**/*.veo.md' },
];

export function isPromptFileUri(uri: vscode.Uri): boolean {
	return uri.path.toLowerCase().endsWith('.veo.md');
}

/**
 * The path a task remembers: relative to its workspace folder, with `/`; in a workspace of several
 * folders it starts with the folder's name. Undefined outside the workspace (untitled files, files
 * of other folders): such a prompt is sent, but no file is remembered.
 */
export function promptFilePath(uri: vscode.Uri): string | undefined {
	const folder = vscode.workspace.getWorkspaceFolder(uri);
	if (!folder || uri.scheme !== folder.uri.scheme) {
		return undefined;
	}
	const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
	if (!uri.path.startsWith(base)) {
		return undefined;
	}
	const relative = uri.path.slice(base.length);
	return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${folder.name}/${relative}` : relative;
}

/** The file of a remembered path, inside the workspace; undefined when it cannot be one (`..`, another folder). */
export function promptFileUri(path: string): vscode.Uri | undefined {
	const folders = vscode.workspace.workspaceFolders ?? [];
	const segments = path.split('/');
	if (!folders.length || segments.some((segment) => segment === '..' || segment === '.' || segment === '')) {
		return undefined;
	}
	const folder = folders.length > 1 ? folders.find((candidate) => candidate.name === segments.shift()) : folders[0];
	return folder && segments.length ? vscode.Uri.joinPath(folder.uri, ...segments) : undefined;
}

export type PromptFileRead = { text: string } | { problem: string; missing?: boolean };

/**
 * A prompt file's text as it is now. It is input the repository controls: an open editor's text
 * (with unsaved changes: what the user sees is what is sent), else the file read through
 * vscode.workspace.fs, refused when it is a link (it could point outside the workspace) or larger
 * than a prompt file can usefully be.
 */
export async function readPromptFileText(uri: vscode.Uri): Promise<PromptFileRead> {
	const tooLarge = (): PromptFileRead => ({
		problem: vscode.l10n.t(
			'{0} is larger than {1} KB: a prompt file holds a prompt of at most 4,000 characters and its options.',
			uri.path.split('/').pop() ?? '',
			formatNumber(MAX_PROMPT_FILE_BYTES / 1024),
		),
	});
	const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
	if (open) {
		return open.getText().length > MAX_PROMPT_FILE_BYTES ? tooLarge() : { text: open.getText() };
	}
	let stat: vscode.FileStat;
	try {
		stat = await vscode.workspace.fs.stat(uri);
	} catch {
		return { problem: vscode.l10n.t('The prompt file {0} was not found.', uri.path.split('/').pop() ?? ''), missing: true };
	}
	if (stat.type & vscode.FileType.SymbolicLink) {
		return { problem: vscode.l10n.t('{0} is a link: prompt files are read only from inside the workspace.', uri.path.split('/').pop() ?? '') };
	}
	if (stat.size > MAX_PROMPT_FILE_BYTES) {
		return tooLarge();
	}
	try {
		return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
	} catch (error) {
		return { problem: vscode.l10n.t('Could not read {0}: {1}', uri.path.split('/').pop() ?? '', String(error)) };
	}
}
