import * as vscode from 'vscode';
import { Settings, type NotifyOn } from '../constants';
import {
	baseUrlProblem,
	DEFAULT_API_BASE_URL,
	normalizeBaseUrl,
	settingSource,
	type InspectedSetting,
	type SettingContext,
	type SettingSource,
} from '../core/api/urlPolicy';
import { displayLocale } from '../core/l10n/l10n';
import { clampSetting, SETTING_RANGES } from './settingRanges';
import { protectiveSettingValue } from '../core/security/userSettings';
import { giveUpAfterMs } from '../core/tasks/giveUp';
import type { RowDisplay } from '../core/view/taskRow';

export interface ApiSettings {
	baseUrl: string;
	/** Set when the configured URL is unusable; requests are not sent then. */
	baseUrlProblem?: string;
	timeoutMs: number;
	/** Which settings layer chose the base URL: a workspace's choice needs the user's word (see ApiSession). */
	baseUrlSource: SettingSource;
	/** The layers of `apiBaseUrl`, as `inspect()` reports them. */
	baseUrlLayers: InspectedSetting;
}

function configuration(): vscode.WorkspaceConfiguration {
	return vscode.workspace.getConfiguration(Settings.section);
}

/** Whether this window's user layer may hold a remote machine's or dev container's settings. */
export function settingContext(): SettingContext {
	return { remoteName: vscode.env.remoteName };
}

export function readApiSettings(): ApiSettings {
	const config = configuration();
	const configured: unknown = config.get(Settings.apiBaseUrl);
	// A settings file may hold any JSON here; only a non-empty string is a URL to check.
	const rawUrl = typeof configured === 'string' && configured.trim() ? configured : DEFAULT_API_BASE_URL;
	const timeoutMs = clampSetting('requestTimeoutSeconds', config.get<unknown>(Settings.requestTimeoutSeconds)) * 1000;
	const inspected = config.inspect<string>(Settings.apiBaseUrl);
	const baseUrlLayers: InspectedSetting = {
		defaultValue: inspected?.defaultValue,
		globalValue: inspected?.globalValue,
		workspaceValue: inspected?.workspaceValue,
		workspaceFolderValue: inspected?.workspaceFolderValue,
		defaultLanguageValue: inspected?.defaultLanguageValue,
		globalLanguageValue: inspected?.globalLanguageValue,
		workspaceLanguageValue: inspected?.workspaceLanguageValue,
		workspaceFolderLanguageValue: inspected?.workspaceFolderLanguageValue,
	};
	return {
		baseUrl: normalizeBaseUrl(rawUrl),
		baseUrlProblem: baseUrlProblem(rawUrl),
		timeoutMs,
		baseUrlSource: settingSource(rawUrl, baseUrlLayers, settingContext()),
		baseUrlLayers,
	};
}

export function affectsApiSettings(event: vscode.ConfigurationChangeEvent): boolean {
	return (
		event.affectsConfiguration(`${Settings.section}.${Settings.apiBaseUrl}`) ||
		event.affectsConfiguration(`${Settings.section}.${Settings.requestTimeoutSeconds}`)
	);
}

export interface LiveTrackingSettings {
	autoRefresh: boolean;
	pollIntervalSeconds: number;
	maxPollIntervalSeconds: number;
	pauseWhenUnfocused: boolean;
	notifyOn: NotifyOn;
	/** How long after its creation a task is given up on, in ms; 0 = never (see src/core/tasks/giveUp.ts). */
	giveUpAfterMs: number;
}

export function readLiveTrackingSettings(): LiveTrackingSettings {
	const config = configuration();
	const notifyOn = config.get<string>(Settings.notifyOn, 'all');
	return {
		autoRefresh: config.get<boolean>(Settings.autoRefresh, true),
		// Clamped to the schema's range: a workspace's settings.json is not validated by VS Code.
		pollIntervalSeconds: clampSetting('pollIntervalSeconds', config.get<unknown>(Settings.pollIntervalSeconds)),
		maxPollIntervalSeconds: clampSetting('maxPollIntervalSeconds', config.get<unknown>(Settings.maxPollIntervalSeconds)),
		pauseWhenUnfocused: config.get<boolean>(Settings.pauseWhenUnfocused, true),
		notifyOn: notifyOn === 'failures' || notifyOn === 'off' ? notifyOn : 'all',
		giveUpAfterMs: readGiveUpAfterMs(),
	};
}

export function affectsLiveTrackingSettings(event: vscode.ConfigurationChangeEvent): boolean {
	return [Settings.autoRefresh, Settings.pollIntervalSeconds, Settings.maxPollIntervalSeconds, Settings.pauseWhenUnfocused, Settings.giveUpAfterMinutes].some(
		(key) => event.affectsConfiguration(`${Settings.section}.${key}`),
	);
}

/**
 * The largest download, in bytes (veoTasks.maxDownloadMegabytes, clamped to its range), from the
 * user's own settings only: a workspace must not raise the cap that protects the disk.
 */
export function readMaxDownloadBytes(): number {
	const megabytes = protectiveSettingValue(
		configuration().inspect<unknown>(Settings.maxDownloadMegabytes),
		{
			manifestDefault: SETTING_RANGES.maxDownloadMegabytes.default,
			read: (value) => (typeof value === 'number' && Number.isFinite(value) ? clampSetting('maxDownloadMegabytes', value) : undefined),
			safer: Math.min,
		},
		settingContext(),
	);
	return megabytes * 1024 * 1024;
}

/**
 * Whether to ask before a billable start (veoTasks.confirmBillableActions), from the user's own
 * settings only: a workspace or another extension's default cannot turn the question off.
 */
export function readConfirmBillableActions(): boolean {
	return protectiveSettingValue(
		configuration().inspect<unknown>(Settings.confirmBillableActions),
		{ manifestDefault: true, read: (value) => (typeof value === 'boolean' ? value : undefined), safer: (a, b) => a || b },
		settingContext(),
	);
}

/**
 * How rows and the panel show times and stalled tasks: in the language of the extension's text, in the
 * user's own time zone (the extension host's, which is the user's machine or their remote).
 */
export function readRowDisplay(): RowDisplay {
	// Read on every row build and status-bar render: the one setting it needs, not all of live tracking's.
	return { locale: displayLocale(), giveUpAfterMs: readGiveUpAfterMs() };
}

/** veoTasks.giveUpAfterMinutes, clamped to its range, in ms (0: never): polling, rows, the panel and the status bar read it here. */
export function readGiveUpAfterMs(): number {
	return giveUpAfterMs(clampSetting('giveUpAfterMinutes', configuration().get<unknown>(Settings.giveUpAfterMinutes)));
}

/** Whether hovers and terminal links offer every UUID as a Veo task, not only those the text calls one. */
export function readLinkUntrackedTaskIds(): boolean {
	return configuration().get<unknown>(Settings.linkUntrackedTaskIds) === true;
}

/**
 * veoTasks.defaultModel: the value set explicitly (folder, workspace or user, the nearest first) and
 * the schema's default, which the wizard ranks differently from the model used last.
 */
export function inspectDefaultModel(): { explicit?: string; fallback?: string } {
	const inspected = configuration().inspect<string>(Settings.defaultModel);
	return { explicit: inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue, fallback: inspected?.defaultValue };
}
