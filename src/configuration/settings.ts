import * as vscode from 'vscode';
import { Settings, type NotifyOn } from '../constants';
import { baseUrlProblem, normalizeBaseUrl } from '../core/api/veoClient';
import { clampSetting } from './settingRanges';

export const DEFAULT_API_BASE_URL = 'https://api.acedata.cloud';

export interface ApiSettings {
	baseUrl: string;
	/** Set when the configured URL is unusable; requests are not sent then. */
	baseUrlProblem?: string;
	timeoutMs: number;
}

function configuration(): vscode.WorkspaceConfiguration {
	return vscode.workspace.getConfiguration(Settings.section);
}

export function readApiSettings(): ApiSettings {
	const config = configuration();
	const rawUrl = config.get<string>(Settings.apiBaseUrl, DEFAULT_API_BASE_URL) || DEFAULT_API_BASE_URL;
	const timeoutMs = clampSetting('requestTimeoutSeconds', config.get<unknown>(Settings.requestTimeoutSeconds)) * 1000;
	return { baseUrl: normalizeBaseUrl(rawUrl), baseUrlProblem: baseUrlProblem(rawUrl), timeoutMs };
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
		// Clamped to the schema's range: a workspace's settings.json is not validated by VS Code.
		pollIntervalSeconds: clampSetting('pollIntervalSeconds', config.get<unknown>(Settings.pollIntervalSeconds)),
		maxPollIntervalSeconds: clampSetting('maxPollIntervalSeconds', config.get<unknown>(Settings.maxPollIntervalSeconds)),
		pauseWhenUnfocused: config.get<boolean>(Settings.pauseWhenUnfocused, true),
		notifyOn: notifyOn === 'failures' || notifyOn === 'off' ? notifyOn : 'all',
	};
}

export function affectsLiveTrackingSettings(event: vscode.ConfigurationChangeEvent): boolean {
	return [Settings.autoRefresh, Settings.pollIntervalSeconds, Settings.maxPollIntervalSeconds, Settings.pauseWhenUnfocused].some((key) =>
		event.affectsConfiguration(`${Settings.section}.${key}`),
	);
}

/** The largest download, in bytes (veoTasks.maxDownloadMegabytes, clamped to its range). */
export function readMaxDownloadBytes(): number {
	return clampSetting('maxDownloadMegabytes', configuration().get<unknown>(Settings.maxDownloadMegabytes)) * 1024 * 1024;
}
