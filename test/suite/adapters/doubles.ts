// Small in-memory doubles for driving the adapters (src/services/) directly inside the extension
// host: a Memento, a SecretStorage, a temporary storage folder and a recording log.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Log } from '../../../src/services/log';

/** A vscode.Memento kept in a Map; `writes` counts updates, `raw` reads or sets values directly. */
export class MemoryMemento implements vscode.Memento {
	readonly values = new Map<string, unknown>();
	writes = 0;

	keys(): readonly string[] {
		return [...this.values.keys()];
	}

	get<T>(key: string): T | undefined;
	get<T>(key: string, defaultValue: T): T;
	get<T>(key: string, defaultValue?: T): T | undefined {
		return this.values.has(key) ? (structuredClone(this.values.get(key)) as T) : defaultValue;
	}

	update(key: string, value: unknown): Thenable<void> {
		this.writes++;
		if (value === undefined) {
			this.values.delete(key);
		} else {
			// Stored as JSON would store it: later changes to the caller's object do not leak in.
			this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
		}
		return Promise.resolve();
	}
}

/** A vscode.SecretStorage kept in a Map, firing onDidChange on every store and delete. */
export class MemorySecretStorage implements vscode.SecretStorage, vscode.Disposable {
	readonly values = new Map<string, string>();
	private readonly emitter = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
	readonly onDidChange = this.emitter.event;

	get(key: string): Thenable<string | undefined> {
		return Promise.resolve(this.values.get(key));
	}

	keys(): Thenable<string[]> {
		return Promise.resolve([...this.values.keys()]);
	}

	store(key: string, value: string): Thenable<void> {
		this.values.set(key, value);
		this.emitter.fire({ key });
		return Promise.resolve();
	}

	delete(key: string): Thenable<void> {
		this.values.delete(key);
		this.emitter.fire({ key });
		return Promise.resolve();
	}

	/** Another window of the same profile changed a secret: the value changes and the event fires. */
	changeFromElsewhere(key: string, value: string | undefined): void {
		if (value === undefined) {
			this.values.delete(key);
		} else {
			this.values.set(key, value);
		}
		this.emitter.fire({ key });
	}

	dispose(): void {
		this.emitter.dispose();
	}
}

/** A fresh empty folder under the OS temp folder, as a storage folder Uri; `remove` deletes it. */
export function temporaryStorageFolder(): { uri: vscode.Uri; remove(): void } {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'veo-adapters-'));
	return { uri: vscode.Uri.file(folder), remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

/** A Log that records what it is told instead of writing to the Output channel. */
export function recordingLog(): { log: Log; warnings: string[]; infos: string[]; errors: string[] } {
	const warnings: string[] = [];
	const infos: string[] = [];
	const errors: string[] = [];
	const log = {
		request: () => undefined,
		info: (message: string) => void infos.push(message),
		warn: (message: string) => void warnings.push(message),
		error: (message: string) => void errors.push(message),
		show: () => undefined,
		dispose: () => undefined,
	} as unknown as Log;
	return { log, warnings, infos, errors };
}

/** Resolves when `event` fires next (or rejects after `timeoutMs`). */
export function nextEvent<T>(event: vscode.Event<T>, timeoutMs = 2000): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => {
			subscription.dispose();
			reject(new Error('the event did not fire'));
		}, timeoutMs);
		const subscription = event((value) => {
			clearTimeout(timer);
			subscription.dispose();
			resolve(value);
		});
	});
}
