import * as vscode from 'vscode';
import { asObject } from '../core/tasks/taskRecord';
import { VeoError } from '../core/api/veoError';
import { RECENT_PERIODS, RECENT_TASKS_CAP, customDaysProblem, fetchRecentTasks, periodWindow, MAX_CUSTOM_DAYS } from '../core/tasks/recentTasks';
import { normalizeTaskId } from '../core/tasks/taskIds';
import type { Services } from '../services';
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

function describeHours(hours: number): string {
	const preset = RECENT_PERIODS.find((period) => period.hours === hours);
	if (preset) {
		return preset.label.toLowerCase();
	}
	const days = hours / 24;
	return `last ${days} day${days === 1 ? '' : 's'}`;
}

async function pickPeriod(): Promise<{ hours: number; label: string } | undefined> {
	const items: PeriodPick[] = [...RECENT_PERIODS.map((period) => ({ label: period.label, hours: period.hours })), { label: 'Custom number of days…' }];
	const picked = await vscode.window.showQuickPick(items, { title: 'Track Recent Veo Tasks', placeHolder: 'Track the tasks created in…' });
	if (!picked) {
		return undefined;
	}
	if (picked.hours !== undefined) {
		return { hours: picked.hours, label: picked.label.toLowerCase() };
	}
	const typed = await vscode.window.showInputBox({
		title: 'Track Recent Veo Tasks',
		prompt: `Number of days back (up to ${MAX_CUSTOM_DAYS})`,
		placeHolder: 'e.g. 3',
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
export async function trackRecentTasks(services: Services, argument?: unknown): Promise<TrackRecentResult | undefined> {
	const period = periodFromArgument(argument) ?? (await pickPeriod());
	if (!period) {
		return undefined;
	}
	const window = periodWindow(period.hours, Date.now());
	let outcome: Awaited<ReturnType<typeof fetchRecentTasks>>;
	try {
		const client = await services.session.clientForRequest({ interactive: true });
		outcome = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: `Veo: finding the tasks of the ${period.label}`, cancellable: true },
			(progress, token) => {
				const controller = new AbortController();
				token.onCancellationRequested(() => controller.abort());
				return fetchRecentTasks(client, window, {
					signal: controller.signal,
					onPage: (found, total) => progress.report({ message: total !== undefined ? `${found} of ${total}` : `${found} found` }),
				});
			},
		);
	} catch (error) {
		const failure = error instanceof VeoError ? error : new VeoError('network', String(error));
		void showVeoError(failure, 'Finding recent Veo tasks failed', {
			retry: failure.isTransient ? () => trackRecentTasks(services, { hours: period.hours }) : undefined,
			showLog: () => services.log.show(),
		});
		return undefined;
	}
	const { records } = outcome;
	services.log.info(`Track Recent Tasks (${period.label}): ${records.length} found in ${outcome.requests} request(s)${outcome.skipped ? `, ${outcome.skipped} left out` : ''}.`);

	const found = new Map(records.map((record) => [normalizeTaskId(record.id), record]));
	const { added, alreadyTracked } = await services.repository.add([...found.keys()]);
	if (found.size) {
		services.repository.apply({ found, missing: [], failed: [] });
	}
	const result: TrackRecentResult = { found: found.size, added, updated: alreadyTracked, truncated: outcome.truncated, cancelled: outcome.cancelled };

	const counts = `${added.length} newly tracked${alreadyTracked.length ? `, ${alreadyTracked.length} already tracked (updated)` : ''}`;
	if (outcome.truncated) {
		const total = outcome.total !== undefined ? ` (${outcome.total.toLocaleString('en-US')} in all)` : '';
		void vscode.window.showWarningMessage(
			`More tasks were created in the ${period.label} than Veo Tasks tracks at once${total}: ${RECENT_TASKS_CAP.toLocaleString('en-US')} of them are tracked, in the order the API sent them (${counts}). Pick a shorter period to find the others.`,
		);
	} else if (outcome.cancelled) {
		void vscode.window.showInformationMessage(`Stopped: ${found.size} task${found.size === 1 ? '' : 's'} found before stopping (${counts}).`);
	} else if (!found.size) {
		void vscode.window.showInformationMessage(`No Veo task was created in the ${period.label} with this API token.`);
	} else {
		void vscode.window.showInformationMessage(`Found ${found.size} Veo task${found.size === 1 ? '' : 's'} created in the ${period.label}: ${counts}.`);
	}
	return result;
}
