import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, ContextKeys, EXTENSION_ID, Settings, Views } from '../../src/constants';
import { extensionApi, waitFor } from './helpers';

interface Manifest {
	activationEvents?: string[];
	contributes: {
		commands: { command: string; title: string; category?: string; icon?: string }[];
		views: Record<string, { id: string; name: string }[]>;
		viewsContainers: { activitybar: { id: string; title: string }[] };
		configuration: { properties: Record<string, unknown> };
		viewsWelcome: { view: string; when?: string }[];
		menus: Record<string, { command: string; when?: string }[]>;
	};
}

describe('Activation and the manifest', () => {
	const extension = vscode.extensions.getExtension(EXTENSION_ID);
	const manifest = extension?.packageJSON as Manifest;

	it('starts with the window (onStartupFinished) and with a restored task tab, never eagerly with "*"', async () => {
		assert.ok(extension, 'the extension is installed');
		// This file runs first: no Veo command has run and the view was never opened, yet it starts.
		await waitFor(() => extension.isActive, 'activation at startup, without the view or a command', 20_000);
		const events = manifest.activationEvents ?? [];
		assert.ok(events.includes('onStartupFinished'), `activation events: ${events.join(', ')}`);
		assert.ok(events.includes('onWebviewPanel:veoTasks.taskPanel'), `activation events: ${events.join(', ')}`);
		assert.ok(!events.includes('*'), `eager activation: ${events.join(', ')}`);
	});

	it('activates when one of its commands runs, and registers every command in package.json', async () => {
		await vscode.commands.executeCommand(Commands.refresh);
		assert.equal(extension?.isActive, true);
		const registered = new Set(await vscode.commands.getCommands(true));
		const missing = manifest.contributes.commands.map((command) => command.command).filter((id) => !registered.has(id));
		assert.deepEqual(missing, []);
	});

	it('uses exactly the command IDs, view IDs and setting keys of package.json', () => {
		const manifestCommands = manifest.contributes.commands.map((command) => command.command).sort();
		assert.deepEqual(manifestCommands, Object.values(Commands).sort());
		assert.deepEqual(
			manifest.contributes.viewsContainers.activitybar.map((container) => container.id),
			[Views.container],
		);
		assert.deepEqual(
			manifest.contributes.views[Views.container].map((view) => view.id),
			[Views.tasks],
		);
		const settingKeys = Object.keys(manifest.contributes.configuration.properties).sort();
		const constants = Object.entries(Settings)
			.filter(([name]) => name !== 'section')
			.map(([, key]) => `${Settings.section}.${key}`)
			.sort();
		assert.deepEqual(settingKeys, constants);
	});

	it('gives every command a category and an icon, and hides item-only commands from the palette', () => {
		for (const command of manifest.contributes.commands) {
			assert.equal(command.category, 'Veo', `${command.command} has the category Veo`);
			assert.match(command.icon ?? '', /^\$\([a-z0-9-~]+\)$/, `${command.command} has a codicon`);
		}
	});

	it('only refers to context keys the code sets', () => {
		const known = new Set<string>(Object.values(ContextKeys));
		const whenClauses = [
			...manifest.contributes.viewsWelcome.map((entry) => entry.when ?? ''),
			...Object.values(manifest.contributes.menus)
				.flat()
				.map((entry) => entry.when ?? ''),
		];
		for (const clause of whenClauses) {
			for (const key of clause.match(/veoTasks\.[a-zA-Z0-9]+/g) ?? []) {
				if (key !== Views.tasks) {
					assert.ok(known.has(key), `unknown context key ${key} in "${clause}"`);
				}
			}
		}
	});

	it('ships the files package.json points at', async () => {
		const api = await extensionApi();
		const root = api.services.context.extensionUri.fsPath;
		for (const file of ['dist/extension.js', 'media/veo.svg', 'media/icon.png', 'dist/webview/taskPanel.js', 'media/taskPanel.css']) {
			assert.ok(fs.existsSync(path.join(root, file)), `${file} exists`);
		}
	});
});
