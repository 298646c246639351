import * as vscode from 'vscode';
import { LanguageModelTools, Settings } from '../../constants';
import { readGiveUpAfterMs, readLiveTrackingSettings } from '../../services/settings';
import { VeoError } from '../../core/api/veoError';
import { buildGet1080pRequest, isNotOfferedError } from '../../core/generation/followUps';
import {
	DEFAULT_MODEL,
	KNOWN_MODELS,
	actionLabel,
	buildGenerationBody,
	choicesProblems,
	effectiveModel,
	isGenerationAction,
	isModelNotSupportedMessage,
	isResolution,
	isRetiredModel,
	modelProblem,
	needsImages,
	resolutionLabel,
	type GenerationChoices,
} from '../../core/generation/generationRequest';
import { containsChinese } from '../../core/generation/promptLanguage';
import { formatNumber, plural } from '../../core/l10n/format';
import type { TrackedTask } from '../../core/tasks/taskList';
import { LIST_STATE_FILTERS, describeTaskForAgent, isSettled, matchesStateFilter, type ListStateFilter } from '../../core/tasks/taskReport';
import { parseTaskIdInput } from '../../core/tasks/taskIds';
import { escapeMarkdown, shorten } from '../../core/util/text';
import { sendStart, type StartOutcome } from '../../services/taskStarter';
import type { ExtensionServices as Services } from '../../services/extensionServices';
import { errorForAgent } from './agentText';
import { trackTaskIds } from './trackTasks';

/** The most IDs one call tracks or waits on: an agent pasting a thousand IDs is a mistake to refuse. */
export const MAX_TOOL_IDS = 50;
export const DEFAULT_WAIT_SECONDS = 10 * 60;
export const MAX_WAIT_SECONDS = 30 * 60;
const DEFAULT_LIST_LIMIT = 20;
const MAX_LIST_LIMIT = 100;
/** How often a wait looks at the clock for tasks that became stalled (no request: the cache only). */
const STALL_CHECK_MS = 15_000;

type Fields = Record<string, unknown>;

function fieldsOf(input: unknown): Fields {
	return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Fields) : {};
}

function text(...parts: string[]): vscode.LanguageModelToolResult {
	return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(parts.filter(Boolean).join('\n'))]);
}

function giveUpMs(): number {
	return readGiveUpAfterMs();
}

function describeTasks(services: Services, ids: readonly string[]): string {
	const now = Date.now();
	const afterMs = giveUpMs();
	return ids
		.map((id) => {
			const task = services.repository.list.get(id);
			return task ? describeTaskForAgent(task, now, afterMs, vscode.env.language) : `- ${id}: ${vscode.l10n.t('no longer tracked (removed in VS Code)')}`;
		})
		.join('\n');
}

/**
 * IDs from the tool's `ids` (an array of strings, or one string), read like Add Task ID reads a
 * paste. `problem` is set when there is nothing to work on or too much.
 */
function readIds(input: unknown): { ids: string[]; invalid: string[]; problem?: string } {
	const raw = fieldsOf(input).ids ?? fieldsOf(input).id;
	const values = Array.isArray(raw) ? raw.filter((value): value is string => typeof value === 'string') : typeof raw === 'string' ? [raw] : [];
	const parsed = parseTaskIdInput(values.join('\n'));
	const invalid = parsed.invalid.map((token) => shorten(token, 40));
	if (!parsed.ids.length) {
		return { ids: [], invalid, problem: vscode.l10n.t('No task ID given. Task IDs are UUIDs such as 2f1c7c1e-3b7a-4a5e-9d62-0c8f3e1b9a4d.') };
	}
	if (parsed.ids.length > MAX_TOOL_IDS) {
		return {
			ids: [],
			invalid,
			problem: vscode.l10n.t('Too many task IDs ({0}): at most {1} per call.', formatNumber(parsed.ids.length), formatNumber(MAX_TOOL_IDS)),
		};
	}
	return { ids: parsed.ids, invalid };
}

function invalidNote(invalid: readonly string[]): string {
	return invalid.length ? vscode.l10n.t('Not task IDs, ignored: {0}', invalid.map((token) => JSON.stringify(token)).join(', ')) : '';
}

/** Why waiting would be in vain: nothing polls by itself. */
function pollingOffNote(services: Services): string | undefined {
	if (!readLiveTrackingSettings().autoRefresh) {
		return vscode.l10n.t(
			'Automatic refresh is off in VS Code (setting veoTasks.autoRefresh), so the states will not change by themselves. The user can turn it on, or run "Veo: Refresh".',
		);
	}
	if (services.preferences.autoRefreshPaused) {
		return vscode.l10n.t(
			'Automatic refresh is paused in this VS Code window (Pause Auto-Refresh), so the states will not change by themselves. The user can resume it.',
		);
	}
	return undefined;
}

// ---- veoTasks_track -------------------------------------------------------------------------------

async function track(services: Services, input: unknown): Promise<vscode.LanguageModelToolResult> {
	const { ids, invalid, problem } = readIds(input);
	if (problem) {
		return text(problem, invalidNote(invalid));
	}
	const outcome = await trackTaskIds(services, ids);
	const fetched = await outcome.fetched;
	const lines = [
		outcome.added.length
			? plural(outcome.added.length, {
					one: vscode.l10n.t('Now tracked in VS Code: {0} task.', formatNumber(outcome.added.length)),
					other: vscode.l10n.t('Now tracked in VS Code: {0} tasks.', formatNumber(outcome.added.length)),
				})
			: '',
		outcome.alreadyTracked.length ? vscode.l10n.t('Already tracked before (state from the cache): {0}.', formatNumber(outcome.alreadyTracked.length)) : '',
		invalidNote(invalid),
		describeTasks(services, ids),
	];
	if (fetched?.error) {
		lines.push(vscode.l10n.t('Fetching the new tasks failed:'), errorForAgent(fetched.error));
	}
	return text(...lines);
}

// ---- veoTasks_list --------------------------------------------------------------------------------

function list(services: Services, input: unknown): vscode.LanguageModelToolResult {
	const fields = fieldsOf(input);
	const state = typeof fields.state === 'string' ? fields.state : undefined;
	if (state !== undefined && !LIST_STATE_FILTERS.includes(state as ListStateFilter)) {
		return text(vscode.l10n.t('Unknown state "{0}". Use one of: {1}.', shorten(state, 40), LIST_STATE_FILTERS.join(', ')));
	}
	let since: number | undefined;
	if (fields.since !== undefined) {
		since = typeof fields.since === 'string' ? Date.parse(fields.since) : Number.NaN;
		if (!Number.isFinite(since)) {
			return text(vscode.l10n.t('"since" must be a date and time such as 2026-01-31T09:00:00Z.'));
		}
	}
	const limitRaw = typeof fields.limit === 'number' && Number.isFinite(fields.limit) ? Math.floor(fields.limit) : DEFAULT_LIST_LIMIT;
	const limit = Math.min(MAX_LIST_LIMIT, Math.max(1, limitRaw));
	const now = Date.now();
	const afterMs = giveUpMs();
	const matching = services.repository.list
		.all()
		.filter(
			(task: TrackedTask) =>
				(state === undefined || matchesStateFilter(task, state as ListStateFilter, now, afterMs)) &&
				(since === undefined || (task.summary.createdAt ?? task.addedAt) >= since),
		);
	if (!matching.length) {
		return text(vscode.l10n.t('No tracked task matches. (Tasks are tracked in the Veo Tasks view; veoTasks_track adds some by ID.)'));
	}
	const shown = matching.slice(0, limit);
	return text(
		vscode.l10n.t(
			'Tracked tasks that match: {0}, newest first; showing {1}. From the cache: no request was sent.',
			formatNumber(matching.length),
			formatNumber(shown.length),
		),
		shown.map((task) => describeTaskForAgent(task, now, afterMs, vscode.env.language)).join('\n'),
	);
}

// ---- veoTasks_wait --------------------------------------------------------------------------------

type WaitEnd = 'settled' | 'timeout' | 'cancelled' | 'error';

/**
 * Resolves when every task is settled, the time is up, the call is cancelled, or a refresh failed
 * in a way only the user can fix. Sends nothing: it listens to the task list, which live tracking's
 * polls update; ten waits on the same tasks cost what one window's polling costs.
 */
export function waitForSettled(
	services: Services,
	ids: readonly string[],
	timeoutMs: number,
	token: vscode.CancellationToken,
): Promise<{ end: WaitEnd; error?: VeoError }> {
	const list = services.repository.list;
	const settled = (): boolean => {
		const now = Date.now();
		const afterMs = giveUpMs();
		return ids.every((id) => {
			const task = list.get(id);
			return !task || isSettled(task, now, afterMs);
		});
	};
	return new Promise((resolve) => {
		const disposables: { dispose(): unknown }[] = [];
		let finished = false;
		const finish = (end: WaitEnd, error?: VeoError): void => {
			if (finished) {
				return;
			}
			finished = true;
			clearTimeout(timer);
			clearInterval(stallCheck);
			for (const disposable of disposables) {
				disposable.dispose();
			}
			resolve({ end, error });
		};
		const check = (): void => {
			if (settled()) {
				finish('settled');
			}
		};
		const timer = setTimeout(() => finish('timeout'), timeoutMs);
		// A task becomes stalled by time passing, with no change event.
		const stallCheck = setInterval(check, STALL_CHECK_MS);
		disposables.push(
			list.onDidChange(check),
			services.refresher.onDidRefresh((result) => {
				// A token missing or refused, or a balance used up: no later poll will do better.
				if (result.error && !result.error.isTransient && result.requested.some((id) => ids.includes(id))) {
					finish('error', result.error);
				}
			}),
			token.onCancellationRequested(() => finish('cancelled')),
		);
		if (token.isCancellationRequested) {
			finish('cancelled');
		}
		check();
	});
}

async function wait(services: Services, input: unknown, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
	const { ids, invalid, problem } = readIds(input);
	if (problem) {
		return text(problem, invalidNote(invalid));
	}
	const requested = fieldsOf(input).timeoutSeconds;
	const seconds = typeof requested === 'number' && Number.isFinite(requested) && requested > 0 ? Math.min(MAX_WAIT_SECONDS, requested) : DEFAULT_WAIT_SECONDS;
	const started = Date.now();
	const tracked = await trackTaskIds(services, ids);
	const fetched = await tracked.fetched;
	if (fetched?.error && !fetched.error.isTransient) {
		return text(vscode.l10n.t('Could not fetch the tasks:'), errorForAgent(fetched.error), describeTasks(services, ids));
	}
	const off = pollingOffNote(services);
	if (off) {
		return text(off, describeTasks(services, ids));
	}
	const { end, error } = await waitForSettled(services, ids, seconds * 1000, token);
	const waited = formatNumber(Math.round((Date.now() - started) / 1000));
	const headline: Record<WaitEnd, string> = {
		settled: vscode.l10n.t('Every task has finished (waited {0} s).', waited),
		timeout: vscode.l10n.t(
			'Stopped waiting after {0} s; some tasks are still running. Call veoTasks_wait again to keep waiting (it costs no extra requests).',
			waited,
		),
		cancelled: vscode.l10n.t('Waiting was cancelled after {0} s.', waited),
		error: vscode.l10n.t('Stopped waiting: refreshing the tasks failed.'),
	};
	return text(headline[end], invalidNote(invalid), error ? errorForAgent(error) : '', describeTasks(services, ids));
}

// ---- veoTasks_generate ----------------------------------------------------------------------------

/** The model the wizard would offer first: the setting when usable and not retired, else the default. */
function defaultModel(): string {
	const configured = vscode.workspace.getConfiguration(Settings.section).get<unknown>(Settings.defaultModel);
	return typeof configured === 'string' && !modelProblem(configured, 'text2video') && !isRetiredModel(configured) ? configured.trim() : DEFAULT_MODEL;
}

/** The choices the input describes, or why it describes none that can be sent (the wizard's own checks). */
export function readGenerationInput(input: unknown): { choices?: GenerationChoices; problems: string[] } {
	const fields = fieldsOf(input);
	if (!isGenerationAction(fields.action)) {
		return { problems: [vscode.l10n.t('"action" must be one of text2video, image2video, ingredients2video.')] };
	}
	const prompt = typeof fields.prompt === 'string' ? fields.prompt : '';
	const model = typeof fields.model === 'string' ? fields.model : defaultModel();
	const imageUrls = Array.isArray(fields.image_urls) ? fields.image_urls.filter((url): url is string => typeof url === 'string') : [];
	const aspectRatio = typeof fields.aspect_ratio === 'string' ? fields.aspect_ratio : '16:9';
	const resolution = fields.resolution === undefined ? undefined : isResolution(fields.resolution) ? fields.resolution : undefined;
	const choices: GenerationChoices = {
		action: fields.action,
		model,
		prompt,
		imageUrls: needsImages(fields.action) ? imageUrls : [],
		aspectRatio,
		resolution,
		// As the wizard: on by default for a prompt with Chinese characters.
		translation: typeof fields.translation === 'boolean' ? fields.translation : containsChinese(prompt),
	};
	const problems = choicesProblems(choices);
	if (fields.resolution !== undefined && resolution === undefined) {
		problems.push(vscode.l10n.t('Unknown resolution "{0}". Use 1080p, 4k or gif, or leave it out.', shorten(String(fields.resolution), 40)));
	}
	if (fields.action !== 'ingredients2video' && isRetiredModel(model)) {
		problems.push(retiredModelText(model));
	}
	if (!needsImages(fields.action) && imageUrls.length) {
		problems.push(vscode.l10n.t('text2video takes no image_urls: use image2video or ingredients2video for images.'));
	}
	return problems.length ? { problems } : { choices, problems };
}

function retiredModelText(model: string): string {
	return vscode.l10n.t(
		'The Veo API does not support the model "{0}" (retired, or not available to this account). Use one of: {1}.',
		shorten(model, 60),
		KNOWN_MODELS.join(', '),
	);
}

/** One list item of a confirmation: a translated label, the value escaped so it stays text. */
function confirmationLine(label: string, value: string): string {
	return `- ${escapeMarkdown(label)}: ${escapeMarkdown(value)}`;
}

function billedMessage(title: string, lines: string[]): vscode.LanguageModelToolConfirmationMessages {
	const message = new vscode.MarkdownString(
		[escapeMarkdown(vscode.l10n.t('This starts a job billed to your AceData Cloud account:')), '', ...lines].join('\n'),
	);
	// Inert: no command links, no HTML, whatever the prompt holds (it is escaped anyway).
	message.isTrusted = false;
	message.supportHtml = false;
	return { title, message };
}

/** Asked always, whatever veoTasks.confirmBillableActions says: the request comes from a model, not a person. */
export function generateConfirmation(input: unknown): vscode.LanguageModelToolConfirmationMessages {
	const fields = fieldsOf(input);
	const { choices } = readGenerationInput(input);
	const action = typeof fields.action === 'string' ? fields.action : '';
	const prompt = typeof fields.prompt === 'string' ? fields.prompt : '';
	const lines = [
		confirmationLine(vscode.l10n.t('Action'), isGenerationAction(action) ? actionLabel(action) : shorten(action, 40)),
		confirmationLine(vscode.l10n.t('Model'), choices ? effectiveModel(choices) : typeof fields.model === 'string' ? shorten(fields.model, 60) : defaultModel()),
		confirmationLine(vscode.l10n.t('Resolution'), resolutionLabel(choices?.resolution)),
		confirmationLine(
			vscode.l10n.t('Aspect ratio'),
			choices?.aspectRatio ?? (typeof fields.aspect_ratio === 'string' ? shorten(fields.aspect_ratio, 20) : '16:9'),
		),
		confirmationLine(vscode.l10n.t('Prompt'), shorten(prompt, 200)),
	];
	if (choices?.imageUrls.length) {
		lines.push(confirmationLine(vscode.l10n.t('Images'), choices.imageUrls.map((url) => shorten(url, 120)).join(', ')));
	}
	return billedMessage(vscode.l10n.t('Generate a Veo video?'), lines);
}

/** What a start came to, for the model. */
function startResultText(outcome: StartOutcome, model: string, kind: 'video' | '1080p'): string {
	switch (outcome.kind) {
		case 'started':
			return vscode.l10n.t(
				'Started. Task ID: {0} (pending). It is tracked in the Veo Tasks view. To learn when the video is ready, call veoTasks_wait with this ID (it sends no requests of its own).',
				outcome.id,
			);
		case 'notATaskId':
			return vscode.l10n.t(
				'The API answered with something that is not a task ID, so nothing was tracked. The job may have started: do not start it again; the user can run "Veo: Track Recent Tasks…", or wait for Veo Tasks to find it.',
			);
		case 'failed': {
			const { error } = outcome;
			if (outcome.outcomeUnknown) {
				return [
					vscode.l10n.t(
						'The outcome is unknown: the request may have reached the API and started a billed job, so it was NOT sent again. Do not call this tool again for the same video: the user can run "Veo: Track Recent Tasks…", and Veo Tasks finds a task started elsewhere by itself within a minute or two.',
					),
					errorForAgent(error),
				].join('\n');
			}
			if (kind === 'video' && error.kind === 'badRequest' && isModelNotSupportedMessage(error.serverMessage ?? '')) {
				return `${retiredModelText(model)} ${vscode.l10n.t('Nothing was started.')}`;
			}
			if (kind === '1080p' && isNotOfferedError(error)) {
				return vscode.l10n.t('The Veo API does not offer Get 1080p (it answered {0}). Nothing was started.', error.code ?? `HTTP ${error.status ?? '?'}`);
			}
			return [vscode.l10n.t('Nothing was started.'), errorForAgent(error)].join('\n');
		}
	}
}

async function generate(services: Services, input: unknown, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
	const { choices, problems } = readGenerationInput(input);
	if (!choices) {
		return text(vscode.l10n.t('Nothing was started: the request is not valid.'), ...problems.map((problem) => `- ${problem}`));
	}
	if (token.isCancellationRequested) {
		return text(vscode.l10n.t('Cancelled: nothing was sent.'));
	}
	const model = effectiveModel(choices);
	// Sent once: sendStart never sends again by itself (src/core/generation/startOutcome.ts).
	const outcome = await sendStart(
		services,
		{ endpoint: '/veo/videos', body: buildGenerationBody(choices) },
		{ summary: { prompt: choices.prompt.trim(), model, action: choices.action } },
	);
	return text(startResultText(outcome, model, 'video'));
}

// ---- veoTasks_get1080p ----------------------------------------------------------------------------

export function get1080pConfirmation(services: Services, input: unknown): vscode.LanguageModelToolConfirmationMessages {
	const { ids } = readIds(input);
	const task = ids[0] ? services.repository.list.get(ids[0]) : undefined;
	const lines = [
		confirmationLine(vscode.l10n.t('Action'), vscode.l10n.t('Get 1080p')),
		confirmationLine(vscode.l10n.t('Task'), ids[0] ?? '?'),
		confirmationLine(vscode.l10n.t('Model'), task?.summary.model ? shorten(task.summary.model, 60) : vscode.l10n.t('the model the video was made with')),
		confirmationLine(vscode.l10n.t('Resolution'), '1080p'),
		confirmationLine(vscode.l10n.t('Prompt'), shorten(task?.summary.prompt ?? '', 200)),
	];
	return billedMessage(vscode.l10n.t('Get 1080p of this Veo video?'), lines);
}

async function get1080p(services: Services, input: unknown, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
	const { ids, invalid, problem } = readIds(input);
	if (problem || ids.length !== 1) {
		return text(problem ?? vscode.l10n.t('Give exactly one task ID.'), invalidNote(invalid));
	}
	const [id] = ids;
	// The model and the video ID come from the task's record: fetched first when it is not tracked yet.
	const fetched = await (await trackTaskIds(services, [id])).fetched;
	if (fetched?.error) {
		return text(vscode.l10n.t('Nothing was started: the task could not be fetched.'), errorForAgent(fetched.error));
	}
	const parent = services.repository.list.get(id);
	const videoId = parent?.summary.videoId;
	const model = parent?.summary.model;
	if (!parent || parent.summary.state !== 'succeeded' || !videoId) {
		return text(vscode.l10n.t('Nothing was started: Get 1080p needs a task that succeeded with a video.'), describeTasks(services, [id]));
	}
	if (!model) {
		return text(vscode.l10n.t('Nothing was started: the task does not say which model made the video, which Get 1080p needs.'));
	}
	if (token.isCancellationRequested) {
		return text(vscode.l10n.t('Cancelled: nothing was sent.'));
	}
	const outcome = await sendStart(services, buildGet1080pRequest(videoId, model), {
		parentId: parent.id,
		// Stored data (exported, shared with a team): the English name, as Get 1080p… stores it.
		summary: { prompt: `Get 1080p: ${parent.summary.prompt ?? parent.id}`, model, action: 'get1080p', sourceVideoId: videoId },
	});
	return text(startResultText(outcome, model, '1080p'));
}

// ---- registration ---------------------------------------------------------------------------------

/** The tools by name; the test API hands them to the integration tests (to call prepareInvocation). */
export type AgentToolSet = ReadonlyMap<string, vscode.LanguageModelTool<unknown>>;

function invocation(message: string): vscode.PreparedToolInvocation {
	return { invocationMessage: message };
}

export function createAgentTools(services: Services): AgentToolSet {
	const tools = new Map<string, vscode.LanguageModelTool<unknown>>([
		[
			LanguageModelTools.track,
			{
				prepareInvocation: () => invocation(vscode.l10n.t('Tracking Veo tasks')),
				invoke: (options) => track(services, options.input),
			},
		],
		[
			LanguageModelTools.list,
			{
				prepareInvocation: () => invocation(vscode.l10n.t('Reading the tracked Veo tasks')),
				invoke: (options) => list(services, options.input),
			},
		],
		[
			LanguageModelTools.wait,
			{
				prepareInvocation: () => invocation(vscode.l10n.t('Waiting for Veo tasks to finish')),
				invoke: (options, token) => wait(services, options.input, token),
			},
		],
		[
			LanguageModelTools.generate,
			{
				prepareInvocation: (options) => ({
					invocationMessage: vscode.l10n.t('Starting a Veo video'),
					confirmationMessages: generateConfirmation(options.input),
				}),
				invoke: (options, token) => generate(services, options.input, token),
			},
		],
		[
			LanguageModelTools.get1080p,
			{
				prepareInvocation: (options) => ({
					invocationMessage: vscode.l10n.t('Starting Get 1080p'),
					confirmationMessages: get1080pConfirmation(services, options.input),
				}),
				invoke: (options, token) => get1080p(services, options.input, token),
			},
		],
	]);
	return tools;
}

/** A thrown error would end the chat turn: it comes back as a result naming the fix instead. */
function guarded(services: Services, name: string, tool: vscode.LanguageModelTool<unknown>): vscode.LanguageModelTool<unknown> {
	return {
		prepareInvocation: tool.prepareInvocation?.bind(tool),
		invoke: async (options, token) => {
			try {
				return await tool.invoke(options, token);
			} catch (error) {
				services.log.warn(`Tool ${name} failed: ${String(error)}`);
				const failure = error instanceof VeoError ? error : new VeoError('network', String(error));
				return text(errorForAgent(failure));
			}
		},
	};
}

/** Registers the tools contributes.languageModelTools names: usable in agent mode and by reference in chat. */
export function registerAgentTools(services: Services): AgentToolSet {
	const tools = new Map([...createAgentTools(services)].map(([name, tool]) => [name, guarded(services, name, tool)] as const));
	for (const [name, tool] of tools) {
		services.context.subscriptions.push(vscode.lm.registerTool(name, tool));
	}
	return tools;
}
