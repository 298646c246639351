import * as vscode from 'vscode';
import { COMPARE_TAKES_VIEW_TYPE } from '../../constants';
import type { ExtensionServices as Services } from '../../services/extensionServices';
import { CompareTakesPanel } from './compareTakesPanel';
import { takesOfPageState } from '../../core/view/compareModel';

/**
 * Compare Takes: the serializer that brings its tab back after a reload (activation event
 * `onWebviewPanel:veoTasks.compareTakes`). Returns what shows takes side by side.
 */
export function registerCompareTakes(services: Services): {
	showTakes: (taskIds: readonly string[]) => CompareTakesPanel;
	serializer: vscode.WebviewPanelSerializer;
} {
	const { context, repository } = services;
	CompareTakesPanel.inspectable = context.extensionMode === vscode.ExtensionMode.Test;
	const serializer: vscode.WebviewPanelSerializer = {
		async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
			await repository.ready;
			CompareTakesPanel.revive(panel, context.extensionUri, repository.list, takesOfPageState(state));
		},
	};
	context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(COMPARE_TAKES_VIEW_TYPE, serializer), {
		dispose: () => CompareTakesPanel.current?.dispose(),
	});
	return { showTakes: (taskIds) => CompareTakesPanel.show(context.extensionUri, repository.list, taskIds), serializer };
}
