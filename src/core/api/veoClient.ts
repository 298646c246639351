import { ofetch } from 'ofetch';
import { errorFromStatus, noTokenError, redactError, VeoError } from './veoError';
import { redactParsed } from '../security/redaction';
import { asObject, isRecordWithId, type TaskRecord } from '../tasks/taskRecord';
import { normalizeBaseUrl } from './urlPolicy';
import { setClampedTimeout } from '../util/timers';
import { formatNumber } from '../l10n/format';
import { l10n } from '../l10n/l10n';

/** What the output channel records of each request. Never the token, never the body. */
export interface RequestLogEntry {
	method: 'POST';
	endpoint: string;
	action?: string;
	idCount?: number;
	status?: number;
	durationMs: number;
	error?: string;
}

export interface VeoClientOptions {
	/** e.g. https://api.acedata.cloud; a trailing slash is tolerated. */
	baseUrl: string;
	/** Asked before every request so a token set or cleared meanwhile takes effect at once. */
	getToken: () => Promise<string | undefined> | string | undefined;
	timeoutMs: number;
	now?: () => number;
	onRequest?: (entry: RequestLogEntry) => void;
	/** The HTTP function; tests and benchmarks may inject one. Defaults to ofetch. */
	fetchRaw?: typeof ofetch.raw;
}

/** Answers larger than this are refused rather than read into memory: no real task list comes close. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** `retrieve_batch` by creation time (unix seconds), paged. */
export interface RecentTasksQuery {
	createdAtMin: number;
	createdAtMax: number;
	offset?: number;
	limit?: number;
}

export interface RecentTasksPage {
	items: TaskRecord[];
	/**
	 * The answer's `count`. Not read as the total: the provider's guide calls it "the number of video
	 * tasks in this batch query", its MCP server and web client use it as the total (docs/api.md).
	 */
	count?: number;
	/** The answer's `total` (the web client reads it as the number of matching tasks in all pages), when present. */
	total?: number;
	/** How many entries the server sent in this page, unusable ones included (where the next page starts). */
	received?: number;
}

export interface StartedTask {
	taskId: string;
	traceId?: string;
}

/**
 * The Veo API as this extension uses it (see docs/api.md). Every failure is thrown as a
 * VeoError; every answer is read as untrusted text first, because proxies answer with HTML pages,
 * empty bodies and lying content types.
 */
export class VeoClient {
	private readonly baseUrl: string;
	private readonly now: () => number;
	private readonly fetchRaw: typeof ofetch.raw;

	constructor(private readonly options: VeoClientOptions) {
		this.baseUrl = normalizeBaseUrl(options.baseUrl);
		this.now = options.now ?? Date.now;
		this.fetchRaw = options.fetchRaw ?? ofetch.raw;
	}

	get origin(): string {
		return new URL(this.baseUrl).origin;
	}

	/** The base URL requests go to, without a trailing slash. */
	get base(): string {
		return this.baseUrl;
	}

	/**
	 * One `retrieve_batch` call. `limit` is always the number of IDs, because the server pages the
	 * answer (one provider client defaults to 12) and would silently drop the rest.
	 * IDs the server does not know are simply absent from the result.
	 */
	async retrieveBatch(ids: readonly string[], signal?: AbortSignal): Promise<TaskRecord[]> {
		const body = { action: 'retrieve_batch', ids, offset: 0, limit: ids.length };
		const answer = await this.post('/veo/tasks', body, signal, ids.length);
		const items = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>).items : undefined;
		if (!Array.isArray(items)) {
			throw new VeoError('badResponse', l10n.t('The Veo API answered without a list of tasks (no "items" array).'));
		}
		return items.filter(isRecordWithId);
	}

	/** One page of the tasks created in a window (Track Recent Tasks); `count` is the total matching. */
	async retrieveRecent(query: RecentTasksQuery, signal?: AbortSignal): Promise<RecentTasksPage> {
		const body = {
			action: 'retrieve_batch',
			created_at_min: query.createdAtMin,
			created_at_max: query.createdAtMax,
			offset: query.offset ?? 0,
			limit: query.limit ?? 50,
		};
		const answer = await this.post('/veo/tasks', body, signal);
		const record = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
		if (!Array.isArray(record.items)) {
			throw new VeoError('badResponse', l10n.t('The Veo API answered without a list of tasks (no "items" array).'));
		}
		const wholeCount = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);
		// `received` counts what the server sent, records without an ID included: paging goes on from there.
		return { items: record.items.filter(isRecordWithId), count: wholeCount(record.count), total: wholeCount(record.total), received: record.items.length };
	}

	/** One `retrieve` call; resolves undefined when the server has no such task. */
	async retrieve(id: string, signal?: AbortSignal): Promise<TaskRecord | undefined> {
		const answer = await this.post('/veo/tasks', { action: 'retrieve', id }, signal, 1);
		return isRecordWithId(answer) ? answer : undefined;
	}

	/** Starts a task on `/veo/videos` (a generation or get1080p) with `async: true`; the caller checks the returned task ID. */
	async startTask(endpoint: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<StartedTask> {
		// A 2xx that says `success: false` with no task is a refusal, read like an error status (and
		// redacted with the token post() already holds).
		const refused = (answer: unknown, secrets: readonly string[]): void => {
			const record = asObject(answer);
			if (record?.success === false && (typeof record.task_id !== 'string' || !record.task_id)) {
				throw errorFromStatus(400, answer, undefined, this.now(), secrets);
			}
		};
		const answer = await this.post(endpoint, { ...body, async: true }, signal, undefined, refused);
		const record = asObject(answer) ?? {};
		const taskId = record.task_id;
		if (typeof taskId !== 'string' || !taskId) {
			throw new VeoError('badResponse', l10n.t('The Veo API accepted the request but returned no task ID.'));
		}
		return { taskId, traceId: typeof record.trace_id === 'string' ? record.trace_id : undefined };
	}

	/**
	 * POSTs JSON and returns the parsed JSON answer of a 2xx; everything else throws a VeoError.
	 * `check` may reject a 2xx answer (it gets the secrets to redact with); its error is redacted too.
	 */
	async post(
		endpoint: string,
		body: Record<string, unknown>,
		signal?: AbortSignal,
		idCount?: number,
		check?: (answer: unknown, secrets: readonly string[]) => void,
	): Promise<unknown> {
		if (signal?.aborted) {
			throw new VeoError('network', l10n.t('The request was cancelled.'));
		}
		const token = await this.options.getToken();
		if (!token) {
			throw noTokenError();
		}
		try {
			// Every server value, records of a 2xx included, loses the token before anything stores or
			// shows it: an echoing gateway would otherwise get it into the panel, the cache file and exports.
			const answer = redactParsed(await this.send(endpoint, body, token, signal, idCount), [token]);
			check?.(answer, [token]);
			return answer;
		} catch (error) {
			// A server may echo the token back in any field; it must not reach the UI or the log.
			throw error instanceof VeoError ? redactError(error, [token]) : error;
		}
	}

	private async send(
		endpoint: string,
		body: Record<string, unknown>,
		token: string,
		signal: AbortSignal | undefined,
		idCount: number | undefined,
	): Promise<unknown> {
		const started = this.now();
		const action = typeof body.action === 'string' ? body.action : undefined;
		const log = (status: number | undefined, error?: string): void =>
			this.options.onRequest?.({ method: 'POST', endpoint, action, idCount, status, durationMs: this.now() - started, error });

		// Our own deadline covers the whole exchange, body included: a server that sends headers and then
		// dribbles or stalls must not hang a refresh (ofetch's own timeout stops at the headers).
		const deadline = new AbortController();
		const timer = setClampedTimeout(() => deadline.abort(new VeoError('timeout', this.timeoutMessage())), this.options.timeoutMs);
		const onOuterAbort = (): void => deadline.abort(signal?.reason);
		signal?.addEventListener('abort', onOuterAbort);
		try {
			let response: Awaited<ReturnType<typeof ofetch.raw>>;
			try {
				response = await this.fetchRaw(`${this.baseUrl}${endpoint}`, {
					method: 'POST',
					body,
					headers: {
						accept: 'application/json',
						'content-type': 'application/json',
						authorization: `Bearer ${token}`,
					},
					retry: 0,
					redirect: 'error',
					responseType: 'stream',
					ignoreResponseError: true,
					signal: deadline.signal,
				});
			} catch (cause) {
				throw this.transportError(cause, deadline.signal);
			}
			let text: string;
			try {
				text = await readLimited(response.body, deadline.signal);
			} catch (cause) {
				throw this.transportError(cause, deadline.signal);
			}
			const parsed = parseJson(text);
			if (response.status < 200 || response.status >= 300) {
				// Redacted before anything is logged: the code below goes into the output channel.
				const error = errorFromStatus(response.status, parsed, response.headers.get('retry-after'), this.now(), [token]);
				log(response.status, error.code ?? error.kind);
				throw error;
			}
			if (parsed === undefined) {
				log(response.status, 'badResponse');
				throw new VeoError('badResponse', describeUnreadable(text, response.headers.get('content-type')), { status: response.status });
			}
			log(response.status);
			return parsed;
		} catch (error) {
			if (error instanceof VeoError && error.status === undefined) {
				log(undefined, error.kind);
			}
			throw error;
		} finally {
			clearTimeout(timer);
			signal?.removeEventListener('abort', onOuterAbort);
		}
	}

	private timeoutMessage(): string {
		return l10n.t('The Veo API did not answer within {0} s (setting veoTasks.requestTimeoutSeconds).', formatNumber(Math.round(this.options.timeoutMs / 1000)));
	}

	private transportError(cause: unknown, deadline: AbortSignal): VeoError {
		if (deadline.aborted) {
			return deadline.reason instanceof VeoError ? deadline.reason : new VeoError('network', l10n.t('The request was cancelled.'));
		}
		if (cause instanceof VeoError) {
			return cause;
		}
		const detail = describeCause(cause);
		// The system code also goes apart (systemCode): startOutcome.ts reads it there (a request that never left).
		return new VeoError(
			'network',
			detail ? l10n.t('Could not reach the Veo API at {0} ({1}).', this.origin, detail) : l10n.t('Could not reach the Veo API at {0}.', this.origin),
			{
				systemCode: detail,
			},
		);
	}
}

/** Digs the system error code (ECONNREFUSED, ECONNRESET, ENOTFOUND...) out of fetch's nested causes. */
function describeCause(cause: unknown): string | undefined {
	let current: unknown = cause;
	for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) {
			return code;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

async function readLimited(body: ReadableStream<Uint8Array> | null | undefined, signal: AbortSignal): Promise<string> {
	if (!body) {
		return '';
	}
	const reader = body.getReader();
	const decoder = new TextDecoder('utf-8', { fatal: false });
	const abort = (): void => {
		reader.cancel(signal.reason).catch(() => undefined);
	};
	signal.addEventListener('abort', abort);
	let text = '';
	let bytes = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (signal.aborted) {
				throw signal.reason;
			}
			if (done) {
				break;
			}
			bytes += value.byteLength;
			if (bytes > MAX_ANSWER_BYTES) {
				abort();
				throw new VeoError('badResponse', l10n.t("The Veo API's answer is larger than {0} MB; refused.", formatNumber(MAX_ANSWER_BYTES / 1024 / 1024)));
			}
			text += decoder.decode(value, { stream: true });
		}
		return text + decoder.decode();
	} finally {
		signal.removeEventListener('abort', abort);
	}
}

function parseJson(text: string): unknown {
	if (!text.trim()) {
		return undefined;
	}
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function describeUnreadable(text: string, contentType: string | null): string {
	if (!text.trim()) {
		return l10n.t('The Veo API sent an empty answer.');
	}
	if (/^\s*</.test(text) || (contentType ?? '').includes('html')) {
		return l10n.t('The Veo API answered with a web page instead of data (a proxy or gateway may be in the way).');
	}
	return l10n.t('The Veo API sent an answer that is not valid JSON (perhaps cut off).');
}
