import * as vscode from 'vscode';
import { Settings, type NotifyOn } from '../constants';
import { baseUrlProblem, normalizeBaseUrl } from '../core/api/veoClient';
import { DEFAULT_GIVE_UP_AFTER_MINUTES, giveUpAfterMs } from '../core/tasks/giveUp';
import type { RowDisplay } from '../core/view/taskRow';

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
	const timeoutSeconds = config.get<number>(Settings.requestTimeoutSeconds, 30);
	const timeoutMs = Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? Math.min(timeoutSeconds, 600) * 1000 : 30_000;
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
	/** 0 = never give up on a task (see src/core/tasks/giveUp.ts). */
	giveUpAfterMinutes: number;
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
		giveUpAfterMinutes: config.get<number>(Settings.giveUpAfterMinutes, DEFAULT_GIVE_UP_AFTER_MINUTES),
	};
}

export function affectsLiveTrackingSettings(event: vscode.ConfigurationChangeEvent): boolean {
	return [Settings.autoRefresh, Settings.pollIntervalSeconds, Settings.maxPollIntervalSeconds, Settings.pauseWhenUnfocused, Settings.giveUpAfterMinutes].some((key) =>
		event.affectsConfiguration(`${Settings.section}.${key}`),
	);
}

/**
 * How rows and the panel show times and stalled tasks: in VS Code's display language, in the
 * user's own time zone (the extension host's, which is the user's machine or their remote).
 */
export function readRowDisplay(): RowDisplay {
	return { locale: vscode.env.language, giveUpAfterMs: giveUpAfterMs(readLiveTrackingSettings().giveUpAfterMinutes) };
}
