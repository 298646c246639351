import * as vscode from 'vscode';
import { Settings, type NotifyOn } from '../constants';
import { baseUrlProblem, DEFAULT_API_BASE_URL, normalizeBaseUrl, settingSource, type InspectedSetting, type SettingSource } from '../core/api/urlPolicy';

export { DEFAULT_API_BASE_URL };

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

export function readApiSettings(): ApiSettings {
	const config = configuration();
	const configured: unknown = config.get(Settings.apiBaseUrl);
	// A settings file may hold any JSON here; only a non-empty string is a URL to check.
	const rawUrl = typeof configured === 'string' && configured.trim() ? configured : DEFAULT_API_BASE_URL;
	const timeoutSeconds = config.get<number>(Settings.requestTimeoutSeconds, 30);
	const timeoutMs = Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? Math.min(timeoutSeconds, 600) * 1000 : 30_000;
	const inspected = config.inspect<string>(Settings.apiBaseUrl);
	const baseUrlLayers: InspectedSetting = {
		defaultValue: inspected?.defaultValue,
		globalValue: inspected?.globalValue,
		workspaceValue: inspected?.workspaceValue,
		workspaceFolderValue: inspected?.workspaceFolderValue,
	};
	return {
		baseUrl: normalizeBaseUrl(rawUrl),
		baseUrlProblem: baseUrlProblem(rawUrl),
		timeoutMs,
		baseUrlSource: settingSource(rawUrl, baseUrlLayers),
		baseUrlLayers,
	};
}

export function affectsApiSettings(event: vscode.ConfigurationChangeEvent): boolean {
	return event.affectsConfiguration(`${Settings.section}.${Settings.apiBaseUrl}`) || event.affectsConfiguration(`${Settings.section}.${Settings.requestTimeoutSeconds}`);
}

export interface LiveTrackingSettings {
	autoRefresh: boolean;
	pollIntervalSeconds: number;
	maxPollIntervalSeconds: number;
	pauseWhenUnfocused: boolean;
	notifyOn: NotifyOn;
}

export function readLiveTrackingSettings(): LiveTrackingSettings {
	const config = configuration();
	const notifyOn = config.get<string>(Settings.notifyOn, 'all');
	return {
		autoRefresh: config.get<boolean>(Settings.autoRefresh, true),
		pollIntervalSeconds: config.get<number>(Settings.pollIntervalSeconds, 10),
		maxPollIntervalSeconds: config.get<number>(Settings.maxPollIntervalSeconds, 60),
		pauseWhenUnfocused: config.get<boolean>(Settings.pauseWhenUnfocused, true),
		notifyOn: notifyOn === 'failures' || notifyOn === 'off' ? notifyOn : 'all',
	};
}

export function affectsLiveTrackingSettings(event: vscode.ConfigurationChangeEvent): boolean {
	return [Settings.autoRefresh, Settings.pollIntervalSeconds, Settings.maxPollIntervalSeconds, Settings.pauseWhenUnfocused].some((key) =>
		event.affectsConfiguration(`${Settings.section}.${key}`),
	);
}
