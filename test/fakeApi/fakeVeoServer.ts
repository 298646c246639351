/**
 * A local, controllable stand-in for the AceData Cloud Veo API (see docs/api.md).
 * Used by unit tests, the integration suite inside the extension host, end-to-end
 * tests, benchmarks and the demo mode; Node builtins only.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Answer, sendAnswer } from './answers';
import { errorAnswer } from './errors';
import { applyFault, Fault, FaultBook } from './faults';
import { defaultFixtureDir, FILES_PREFIX, serveFile } from './files';
import { AutoProgress, autoProgressSteps, nextRecord, ProgressStep } from './progression';
import { newTaskId, newTraceId, pendingTask, ShapeOptions, TaskRecord, TaskRequest, TaskShape, withShape } from './records';
import { actionOf, readBody, RecordedRequest, recordRequest, RequestMatcher } from './recording';
import { ApiContext, routeApi, type BatchCountReading } from './routes';
import { TimerSet } from './timers';

export type { Fault, RawFault, HangFault, ResetFault, SlowBytesFault, ErrorFault } from './faults';
export type { AutoProgress, ProgressStep, ProgressRecord } from './progression';
export type { RecordedRequest, RequestMatcher } from './recording';
export type { BatchCountReading } from './routes';
export type { TaskRecord } from './records';

export interface FakeVeoServerOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Delay before every answer, in ms (default 0). */
	latencyMs?: number;
	/** When set, requests must carry `authorization: Bearer <token>`. */
	token?: string;
	/** Initial tasks; `reset()` restores them. */
	tasks?: TaskRecord[];
	/** Directory served under /files/ (default: the repository's test/fixtures). */
	fixtureDir?: string;
	/** Progress tasks created through the API on their own (default: off, they stay pending). */
	autoProgress?: AutoProgress;
	/** Clock in ms (default Date.now), used for request times and record timestamps. */
	now?: () => number;
	/** What retrieve_batch's `count` counts (default 'page', with `total`; see routes.ts). */
	batchCount?: BatchCountReading;
}

export interface FakeVeoServer {
	/** `http://127.0.0.1:PORT`, without a trailing slash. */
	readonly url: string;
	readonly port: number;
	/** Every request received, in arrival order. */
	readonly requests: RecordedRequest[];
	readonly tasks: Map<string, TaskRecord>;
	latencyMs: number;
	token: string | undefined;
	autoProgress: AutoProgress | undefined;
	/** What retrieve_batch's `count` counts; reset() restores the option's. */
	batchCount: BatchCountReading;
	/** Set false to answer get1080p as a provider that dropped it does (400 bad_request); reset() restores true. */
	get1080pOffered: boolean;
	/** URL of the fixture video, the `video_url` of tasks this server completes. */
	readonly sampleVideoUrl: string;
	close(): Promise<void>;
	clearRequests(): void;
	/** Requests to `path`, optionally only those whose JSON body has this `action`. */
	requestsFor(path: string, action?: string): RecordedRequest[];
	setTask(record: TaskRecord): void;
	removeTask(id: string): boolean;
	/** Restores the initial tasks, latency and token; forgets requests, faults and schedules. */
	reset(): void;
	/** Applies `fault` once, to the next request `match` accepts (FIFO). */
	enqueue(fault: Fault, match?: RequestMatcher): void;
	/** Applies `fault` to every request `match` accepts until called with undefined. */
	failAlways(fault: Fault | undefined, match?: RequestMatcher): void;
	scheduleProgress(id: string, steps: ProgressStep[]): void;
	/** Moves a task to another shape now, keeping its identity; returns the new record. */
	advanceTask(id: string, to: TaskShape, options?: ShapeOptions): TaskRecord;
}

interface InitialState {
	tasks: TaskRecord[];
	latencyMs: number;
	token: string | undefined;
	batchCount: BatchCountReading;
}

class FakeVeoServerImpl implements FakeVeoServer {
	readonly requests: RecordedRequest[] = [];
	readonly tasks = new Map<string, TaskRecord>();
	latencyMs: number;
	token: string | undefined;
	autoProgress: AutoProgress | undefined;
	batchCount: BatchCountReading;
	get1080pOffered = true;
	url = '';
	port = 0;

	private readonly faults = new FaultBook();
	/** Latency waits and slow writes: cancelled only when the server closes. */
	private readonly answerTimers = new TimerSet();
	/** Task progression: cancelled by reset() too. */
	private readonly progressTimers = new TimerSet();
	private readonly sockets = new Set<Socket>();
	private readonly server: http.Server;
	private readonly initial: InitialState;
	private readonly fixtureDir: string;
	private readonly now: () => number;
	// Getters: the routes read the switches as they are at each request.
	private readonly apiContext: ApiContext = ((server: FakeVeoServerImpl): ApiContext => ({
		tasks: server.tasks,
		createTask: (request: TaskRequest) => server.createTask(request),
		get batchCount(): BatchCountReading {
			return server.batchCount;
		},
		get get1080pOffered(): boolean {
			return server.get1080pOffered;
		},
	}))(this);

	constructor(options: FakeVeoServerOptions) {
		this.initial = { tasks: options.tasks ?? [], latencyMs: options.latencyMs ?? 0, token: options.token, batchCount: options.batchCount ?? 'page' };
		this.batchCount = this.initial.batchCount;
		this.latencyMs = this.initial.latencyMs;
		this.token = this.initial.token;
		this.autoProgress = options.autoProgress;
		this.fixtureDir = options.fixtureDir ?? defaultFixtureDir();
		this.now = options.now ?? Date.now;
		this.seedTasks();
		this.server = http.createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => this.trackSocket(socket));
	}

	get sampleVideoUrl(): string {
		return `${this.url}${FILES_PREFIX}sample.mp4`;
	}

	async listen(port: number): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = (this.server.address() as AddressInfo).port;
		this.url = `http://127.0.0.1:${this.port}`;
	}

	close(): Promise<void> {
		this.answerTimers.clear();
		this.progressTimers.clear();
		// Hanging and slow requests would otherwise keep server.close() waiting forever.
		for (const socket of this.sockets) {
			socket.destroy();
		}
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	requestsFor(path: string, action?: string): RecordedRequest[] {
		return this.requests.filter((req) => req.path === path && (action === undefined || actionOf(req) === action));
	}

	setTask(record: TaskRecord): void {
		this.tasks.set(record.id, record);
	}

	removeTask(id: string): boolean {
		return this.tasks.delete(id);
	}

	reset(): void {
		this.progressTimers.clear();
		this.faults.clear();
		this.clearRequests();
		this.latencyMs = this.initial.latencyMs;
		this.token = this.initial.token;
		this.batchCount = this.initial.batchCount;
		this.get1080pOffered = true;
		this.seedTasks();
	}

	enqueue(fault: Fault, match?: RequestMatcher): void {
		this.faults.enqueue(fault, match);
	}

	failAlways(fault: Fault | undefined, match?: RequestMatcher): void {
		this.faults.failAlways(fault, match);
	}

	scheduleProgress(id: string, steps: ProgressStep[]): void {
		for (const step of steps) {
			this.progressTimers.after(step.afterMs, () => {
				const prev = this.tasks.get(id);
				// A task removed meanwhile stays removed: progression never resurrects it.
				if (prev !== undefined) {
					this.tasks.set(id, nextRecord(prev, step.record));
				}
			});
		}
	}

	advanceTask(id: string, to: TaskShape, options: ShapeOptions = {}): TaskRecord {
		const prev = this.tasks.get(id);
		if (prev === undefined) {
			throw new Error(`advanceTask: the fake Veo API has no task ${id}`);
		}
		const next = withShape(prev, to, { now: this.now, videoUrl: this.sampleVideoUrl, ...options });
		this.tasks.set(id, next);
		return next;
	}

	private seedTasks(): void {
		this.tasks.clear();
		for (const task of this.initial.tasks) {
			this.tasks.set(task.id, structuredClone(task));
		}
	}

	private trackSocket(socket: Socket): void {
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
	}

	private createTask(request: TaskRequest): TaskRecord {
		// pendingTask fills in demo defaults; a created task echoes exactly what was sent.
		const task: TaskRecord = { ...pendingTask({ id: newTaskId(), traceId: newTraceId(), now: this.now }), request };
		this.setTask(task);
		if (this.autoProgress !== undefined) {
			this.scheduleProgress(task.id, autoProgressSteps(this.autoProgress, this.sampleVideoUrl, this.now));
		}
		return task;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		try {
			const recorded = recordRequest(req, await readBody(req), this.now());
			this.requests.push(recorded);
			const fault = this.faults.take(recorded);
			await this.answerTimers.sleep(this.latencyMs);
			if (fault !== undefined) {
				applyFault(fault, res, this.answerTimers);
			} else {
				await this.answer(recorded, res);
			}
		} catch (error) {
			// A bug in the fake must show up as a failing answer, not as a silent hang.
			if (!res.headersSent && !res.destroyed) {
				sendAnswer(res, errorAnswer('api_error', `fake Veo API failure: ${String(error)}`));
			}
		}
	}

	private async answer(req: RecordedRequest, res: http.ServerResponse): Promise<void> {
		if ((req.method === 'GET' || req.method === 'HEAD') && req.path.startsWith(FILES_PREFIX)) {
			// Files stand in for the CDN, which needs no token.
			await serveFile(req, res, this.fixtureDir);
			return;
		}
		sendAnswer(res, this.authProblem(req) ?? routeApi(req, this.apiContext));
	}

	private authProblem(req: RecordedRequest): Answer | undefined {
		if (this.token === undefined) {
			return undefined;
		}
		const header = req.headers.authorization;
		if (header === undefined || header === '') {
			return errorAnswer('no_token');
		}
		return header === `Bearer ${this.token}` ? undefined : errorAnswer('invalid_token');
	}
}

/** Starts the fake on 127.0.0.1; remember to `close()` it. */
export async function startFakeVeoServer(options: FakeVeoServerOptions = {}): Promise<FakeVeoServer> {
	const server = new FakeVeoServerImpl(options);
	await server.listen(options.port ?? 0);
	return server;
}
