/**
 * Runs the fake Veo API as a process, for `npm start`'s demo mode and manual testing:
 *   node out/test/fakeApi/main.js --port 0 --latency 0 --token X
 * Prints one JSON line `{"url": "http://127.0.0.1:PORT"}` once listening, then serves
 * the sample tasks (new tasks progress on their own) until SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startFakeVeoServer } from './fakeVeoServer';
import { sampleTasks } from './records';

/** Slow enough to watch the tree change, fast enough for a demo. */
const DEMO_PROGRESS = { runningAfterMs: 4000, succeededAfterMs: 15000 };

function numberArg(value: string | undefined, name: string, fallback: number): number {
	if (value === undefined) {
		return fallback;
	}
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 0) {
		throw new Error(`--${name} must be a whole number, got ${JSON.stringify(value)}`);
	}
	return parsed;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			latency: { type: 'string' },
			token: { type: 'string' },
		},
	});
	const server = await startFakeVeoServer({
		port: numberArg(values.port, 'port', 0),
		latencyMs: numberArg(values.latency, 'latency', 0),
		token: values.token,
		autoProgress: DEMO_PROGRESS,
	});
	// The sample video URLs need the port, known only once the server listens.
	for (const task of sampleTasks(server.url)) {
		server.setTask(task);
	}
	const stop = (): void => {
		void server.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`fake Veo API: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
