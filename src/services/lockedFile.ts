import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Compare-and-swap for a file that several windows (extension hosts) write: under a lock file, the
 * file is read again and replaced only when it still holds what the writer merged from. Without it
 * a window that read before another's write could write after it, and that write would be lost
 * until the next file event repaired it. Node only (no `vscode`), so the unit tests use it too.
 */

/** A lock older than this was left by a window that died holding it. */
const STALE_LOCK_MS = 10_000;
/** How long a writer waits for the lock before it gives up (the next change or file event tries again). */
const LOCK_WAIT_MS = 5_000;

export class LockTimeoutError extends Error {}

async function acquire(lock: string): Promise<void> {
	const started = Date.now();
	for (;;) {
		try {
			const handle = await fs.open(lock, 'wx');
			await handle.close();
			return;
		} catch (error) {
			if ((error as { code?: unknown }).code !== 'EEXIST') {
				throw error;
			}
		}
		const held = await fs.stat(lock).catch(() => undefined);
		if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) {
			await fs.rm(lock, { force: true });
			continue;
		}
		if (Date.now() - started > LOCK_WAIT_MS) {
			throw new LockTimeoutError(`${lock} is held by another window`);
		}
		await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 3));
	}
}

/**
 * Replaces `file` with `text` (through a temporary file and a rename, so no reader sees half of it)
 * if `unchanged` says its current text (undefined when missing) is what the writer read. Returns
 * whether it wrote.
 */
export async function replaceFileIfUnchanged(file: string, text: string, unchanged: (current: string | undefined) => boolean): Promise<boolean> {
	await fs.mkdir(path.dirname(file), { recursive: true });
	const lock = `${file}.lock`;
	await acquire(lock);
	try {
		const current = await fs.readFile(file, 'utf8').catch((error: unknown) => {
			if ((error as { code?: unknown }).code === 'ENOENT') {
				return undefined;
			}
			throw error;
		});
		if (!unchanged(current)) {
			return false;
		}
		const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
		await fs.writeFile(temporary, text);
		await fs.rename(temporary, file);
		return true;
	} finally {
		await fs.rm(lock, { force: true });
	}
}

/** A file's JSON, or its text when it is not JSON, or undefined when missing (what the list's reader takes). */
export function parsedOrText(text: string | undefined): unknown {
	if (text === undefined) {
		return undefined;
	}
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}
