import * as vscode from 'vscode';
import { asObject } from '../core/tasks/taskRecord';
import { toVeoError } from '../core/api/veoError';
import {
	RECENT_PERIODS,
	RECENT_TASKS_CAP,
	customDaysProblem,
	fetchRecentTasks,
	periodWindow,
	MAX_CUSTOM_DAYS,
	type RecentTasksResult,
} from '../core/tasks/recentTasks';
import type { VeoClient } from '../core/api/veoClient';
import { formatNumber, plural } from '../core/l10n/format';
import { normalizeTaskId } from '../core/tasks/taskIds';
import type { ApiSession } from '../services/apiSession';
import type { TaskTracking } from '../services/taskTracking';
import type { Log } from '../services/log';
import type { Announcement, TrackResult } from '../services/taskTracking';
import { showVeoError } from '../ui/errorActions';

export interface TrackRecentResult {
	found: number;
	added: string[];
	updated: string[];
	truncated: boolean;
	cancelled: boolean;
}

interface PeriodPick extends vscode.QuickPickItem {
	hours?: number;
}

/** A period given as an argument (`{ hours }` or `{ days }`), within the same bounds as typed ones. */
function periodFromArgument(argument: unknown): { hours: number; label: string } | undefined {
	const fields = asObject(argument) ?? {};
	const hours = typeof fields.hours === 'number' ? fields.hours : typeof fields.days === 'number' ? fields.days * 24 : undefined;
	if (hours === undefined || !Number.isFinite(hours) || hours <= 0 || hours > MAX_CUSTOM_DAYS * 24) {
		return undefined;
	}
	return { hours, label: describeHours(hours) };
}

/**
 * The period as the messages name it ("the tasks of the last 7 days"): a noun phrase the messages'
 * translations are written around. The presets have their own wording, other periods are in days.
 */
function describeHours(hours: number): string {
	switch (hours) {
		case 1:
			return vscode.l10n.t('last hour');
		case 24:
			return vscode.l10n.t('last 24 hours');
		case 7 * 24:
			return vscode.l10n.t('last 7 days');
		case 30 * 24:
			return vscode.l10n.t('last 30 days');
	}
	const days = hours / 24;
	return plural(days, { one: vscode.l10n.t('last {0} day', formatNumber(days)), other: vscode.l10n.t('last {0} days', formatNumber(days)) });
}

async function pickPeriod(): Promise<{ hours: number; label: string } | undefined> {
	const title = vscode.l10n.t('Track Recent Veo Tasks');
	const items: PeriodPick[] = [
		...RECENT_PERIODS.map((period) => ({ label: period.label, hours: period.hours })),
		{ label: vscode.l10n.t('Custom number of days…') },
	];
	const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Track the tasks created in…') });
	if (!picked) {
		return undefined;
	}
	if (picked.hours !== undefined) {
		return { hours: picked.hours, label: describeHours(picked.hours) };
	}
	const typed = await vscode.window.showInputBox({
		title,
		prompt: vscode.l10n.t('Number of days back (up to {0})', formatNumber(MAX_CUSTOM_DAYS)),
		placeHolder: vscode.l10n.t('e.g. {0}', formatNumber(3)),
		ignoreFocusOut: true,
		validateInput: (value) => customDaysProblem(value),
	});
	if (typed === undefined || customDaysProblem(typed)) {
		return undefined;
	}
	const hours = Number(typed.trim()) * 24;
	return { hours, label: describeHours(hours) };
}

/**
 * "Track Recent Tasks…": the tasks created in a period through this token (scripts, the web
 * client, an agent), found with `retrieve_batch` by creation time, 50 a page up to 1,000, and
 * tracked. Tasks already tracked are updated with the records found, never added twice.
 */
export async function trackRecentTasks(
	services: { session: ApiSession; tracking: TaskTracking; log: Log },
	argument?: unknown,
): Promise<TrackRecentResult | undefined> {
	const period = periodFromArgument(argument) ?? (await pickPeriod());
	if (!period) {
		return undefined;
	}
	const window = periodWindow(period.hours, Date.now());
	let outcome: RecentTasksResult;
	let client: VeoClient;
	try {
		client = await services.session.clientForRequest({ interactive: true });
		outcome = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Veo: finding the tasks of the {0}', period.label), cancellable: true },
			(progress, token) => {
				const controller = new AbortController();
				token.onCancellationRequested(() => controller.abort());
				return fetchRecentTasks(client, window, {
					signal: controller.signal,
					onPage: (found, total) =>
						progress.report({
							message:
								total !== undefined ? vscode.l10n.t('{0} of {1}', formatNumber(found), formatNumber(total)) : vscode.l10n.t('{0} found', formatNumber(found)),
						}),
				});
			},
		);
	} catch (error) {
		const failure = toVeoError(error);
		void showVeoError(failure, vscode.l10n.t('Finding recent Veo tasks failed'), {
			retry: failure.isTransient ? () => trackRecentTasks(services, { hours: period.hours }) : undefined,
			showLog: () => services.log.show(),
		});
		return undefined;
	}
	const { records } = outcome;
	services.log.info(
		`Track Recent Tasks (${period.hours} hours): ${records.length} found in ${outcome.requests} request(s)${outcome.skipped ? `, ${outcome.skipped} left out` : ''}.`,
	);

	const found = new Map(records.map((record) => [normalizeTaskId(record.id), record]));
	const { added, alreadyTracked } = await services.tracking.track(
		[...found.keys()].map((id) => ({ id })),
		{
			source: 'recent',
			interactive: true,
			fetched: { records: found, client },
			announce: (tracked) => recentAnnouncement(period.label, found.size, outcome, tracked),
		},
	);
	return { found: found.size, added, updated: alreadyTracked, truncated: outcome.truncated, cancelled: outcome.cancelled };
}

/** One message for the whole search: how many were found, how many are new, and why it stopped. */
function recentAnnouncement(periodLabel: string, foundSize: number, outcome: RecentTasksResult, { added, alreadyTracked }: TrackResult): Announcement {
	const counts = alreadyTracked.length
		? vscode.l10n.t('{0} newly tracked, {1} already tracked (updated)', formatNumber(added.length), formatNumber(alreadyTracked.length))
		: vscode.l10n.t('{0} newly tracked', formatNumber(added.length));
	const foundCount = formatNumber(foundSize);
	if (outcome.truncated) {
		const cap = formatNumber(RECENT_TASKS_CAP);
		return {
			severity: 'warning',
			message:
				outcome.total !== undefined
					? vscode.l10n.t(
							'More tasks were created in the {0} than Veo Tasks tracks at once ({1} in all): {2} of them are tracked, in the order the API sent them ({3}). Pick a shorter period to find the others.',
							periodLabel,
							formatNumber(outcome.total),
							cap,
							counts,
						)
					: vscode.l10n.t(
							'More tasks were created in the {0} than Veo Tasks tracks at once: {1} of them are tracked, in the order the API sent them ({2}). Pick a shorter period to find the others.',
							periodLabel,
							cap,
							counts,
						),
		};
	}
	if (outcome.cancelled) {
		return {
			severity: 'information',
			message: plural(foundSize, {
				one: vscode.l10n.t('Stopped: {0} task found before stopping ({1}).', foundCount, counts),
				other: vscode.l10n.t('Stopped: {0} tasks found before stopping ({1}).', foundCount, counts),
			}),
		};
	}
	if (!foundSize) {
		return { severity: 'information', message: vscode.l10n.t('No Veo task was created in the {0} with this API token.', periodLabel) };
	}
	return {
		severity: 'information',
		message: plural(foundSize, {
			one: vscode.l10n.t('Found {0} Veo task created in the {1}: {2}.', foundCount, periodLabel, counts),
			other: vscode.l10n.t('Found {0} Veo tasks created in the {1}: {2}.', foundCount, periodLabel, counts),
		}),
	};
}
