import * as vscode from 'vscode';
import { GALLERY_VIEW_TYPE } from '../../constants';
import type { ExtensionServices as Services } from '../../services/extensionServices';
import { GalleryPanel } from './galleryPanel';

/**
 * The gallery: its serializer, so the tab comes back after a reload (VS Code requires it to be
 * registered during activation; package.json activates on `onWebviewPanel:veoTasks.gallery`).
 * Returns what opens (or reveals) the tab.
 */
export function registerGallery(services: Services): { openGallery: () => GalleryPanel; serializer: vscode.WebviewPanelSerializer } {
	const { context, repository } = services;
	GalleryPanel.inspectable = context.extensionMode === vscode.ExtensionMode.Test;
	const serializer: vscode.WebviewPanelSerializer = {
		async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
			// The page keeps its filter itself (setState); the cards come from the list once loaded.
			await repository.ready;
			GalleryPanel.revive(panel, context.extensionUri, repository.list);
		},
	};
	context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(GALLERY_VIEW_TYPE, serializer), { dispose: () => GalleryPanel.current?.dispose() });
	return { openGallery: () => GalleryPanel.createOrShow(context.extensionUri, repository.list), serializer };
}
