import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { DEFAULT_MODEL } from '../../core/generation/generationRequest';
import { formatNumber } from '../../core/l10n/format';
import { parsePromptFile, type TextSpan } from '../../core/promptFiles/promptFile';
import { checkPromptFile, completionContext, completionEntries } from '../../core/promptFiles/promptFileRequest';
import type { TaskList } from '../../core/tasks/taskList';
import { ACTIVE_STATES, type TaskState } from '../../core/tasks/taskState';
import type { ExtensionServices as Services } from '../../services/extensionServices';
import { PROMPT_FILE_SELECTOR, isPromptFileUri, promptFilePath } from './promptFileDocuments';
import { PromptFileStates } from './promptFileStates';

/**
 * Prompt files in the editor: problems as diagnostics, completions for the options' names and
 * values, and the lenses at the top (Generate Video, and the takes so far). Returns what tells the
 * task panel whether a take's file changed since.
 */
export function registerPromptFiles(services: Services): PromptFileStates {
	const diagnostics = vscode.languages.createDiagnosticCollection('veoPromptFiles');
	const states = new PromptFileStates();
	const lenses = new PromptFileLenses(services.repository.list);
	const check = (document: vscode.TextDocument): void => {
		if (isPromptFileUri(document.uri)) {
			diagnostics.set(document.uri, promptFileDiagnostics(document));
		}
	};
	vscode.workspace.textDocuments.forEach(check);
	services.context.subscriptions.push(
		diagnostics,
		states,
		lenses,
		vscode.workspace.onDidOpenTextDocument(check),
		vscode.workspace.onDidChangeTextDocument((event) => check(event.document)),
		vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
		vscode.languages.registerCompletionItemProvider(PROMPT_FILE_SELECTOR, new PromptFileCompletions(), ':', ' ', '\n'),
		vscode.languages.registerCodeLensProvider(PROMPT_FILE_SELECTOR, lenses),
	);
	return states;
}

function rangeOf(document: vscode.TextDocument, span: TextSpan): vscode.Range {
	return new vscode.Range(document.positionAt(span.start), document.positionAt(Math.max(span.start, span.end)));
}

/** The problems of a prompt file, as the Problems view shows them. */
export function promptFileDiagnostics(document: vscode.TextDocument): vscode.Diagnostic[] {
	// The default model only fills a missing option: it cannot make a problem, so the constant does.
	const { problems } = checkPromptFile(parsePromptFile(document.getText()), { model: DEFAULT_MODEL });
	return problems.map((problem) => {
		const diagnostic = new vscode.Diagnostic(
			rangeOf(document, problem.span),
			problem.message,
			problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
		);
		diagnostic.source = 'Veo';
		return diagnostic;
	});
}

class PromptFileCompletions implements vscode.CompletionItemProvider {
	provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
		const text = document.getText();
		const parsed = parsePromptFile(text);
		const context = completionContext(parsed, text, document.offsetAt(position));
		if (!context) {
			return [];
		}
		const range = rangeOf(document, context.span);
		return completionEntries(context, parsed).map((entry, index) => {
			const item = new vscode.CompletionItem(entry.label, context.kind === 'key' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember);
			item.insertText = entry.insert ?? entry.label;
			item.detail = entry.detail;
			item.range = range;
			item.sortText = String(index).padStart(3, '0');
			return item;
		});
	}
}

/** "Generate Video" on every prompt file, and "N takes (…)" once tasks were started from it. */
class PromptFileLenses implements vscode.CodeLensProvider, vscode.Disposable {
	private readonly changeEmitter = new vscode.EventEmitter<void>();
	readonly onDidChangeCodeLenses = this.changeEmitter.event;
	private readonly subscription: { dispose(): void };

	constructor(private readonly list: TaskList) {
		// Only changes of tasks that came from a file move a count.
		this.subscription = list.onDidChange((change) => {
			if (change.structural || change.changed.some((id) => list.get(id)?.promptFile)) {
				this.changeEmitter.fire();
			}
		});
	}

	provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
		const top = new vscode.Range(0, 0, 0, 0);
		const lenses = [
			new vscode.CodeLens(top, { title: vscode.l10n.t('$(play) Generate Video'), command: Commands.generateFromPromptFile, arguments: [document.uri] }),
		];
		const path = promptFilePath(document.uri);
		const takes = path === undefined ? [] : this.list.all().filter((task) => task.promptFile?.path === path);
		if (takes.length) {
			const count = (test: (state: TaskState) => boolean): string => formatNumber(takes.filter((task) => test(task.summary.state)).length);
			const succeeded = count((state) => state === 'succeeded');
			const running = count((state) => ACTIVE_STATES.has(state) || state === 'unknown');
			const failed = count((state) => state === 'failed' || state === 'notFound');
			const title =
				takes.length === 1
					? vscode.l10n.t('1 take ({0} succeeded, {1} running, {2} failed)', succeeded, running, failed)
					: vscode.l10n.t('{0} takes ({1} succeeded, {2} running, {3} failed)', formatNumber(takes.length), succeeded, running, failed);
			lenses.push(new vscode.CodeLens(top, { title, command: Commands.showPromptFileTakes, arguments: [document.uri] }));
		}
		return lenses;
	}

	dispose(): void {
		this.subscription.dispose();
		this.changeEmitter.dispose();
	}
}
