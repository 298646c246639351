import type * as vscode from 'vscode';
import { DISCOVERY_STATE_KEY } from '../../constants';

interface StoredDiscovery {
	/** Epoch ms: tasks created from here on are looked for (the last look, or when discovery was turned on). */
	since?: number;
	/** Tasks discovery added (not added by hand): their rows say "found". */
	found?: string[];
	/** Epoch ms: when discovery was turned on here; no look reaches before it. */
	startedAt?: number;
}

/**
 * What discovery keeps per workspace (workspaceState): where the next look starts and which tracked
 * tasks it found. The found set only ever holds tracked tasks (pruned as they are removed), so it
 * stays as small as the list.
 */
export class DiscoveryState {
	private readonly found: Set<string>;
	private sinceMs: number | undefined;
	private startedAtMs: number | undefined;

	constructor(private readonly memento: vscode.Memento) {
		const stored = (memento.get<StoredDiscovery>(DISCOVERY_STATE_KEY) ?? {}) as StoredDiscovery;
		this.sinceMs = typeof stored.since === 'number' && Number.isFinite(stored.since) ? stored.since : undefined;
		this.startedAtMs = typeof stored.startedAt === 'number' && Number.isFinite(stored.startedAt) ? stored.startedAt : this.sinceMs;
		this.found = new Set(Array.isArray(stored.found) ? stored.found.filter((id): id is string => typeof id === 'string') : []);
	}

	get since(): number | undefined {
		return this.sinceMs;
	}

	/** When discovery was turned on here. */
	get startedAt(): number | undefined {
		return this.startedAtMs;
	}

	isFound(id: string): boolean {
		return this.found.has(id);
	}

	/** Discovery turned on here: the first look starts now, not from the beginning of time. */
	async startIfNeeded(now: number): Promise<void> {
		if (this.sinceMs === undefined) {
			this.sinceMs = now;
			this.startedAtMs = now;
			await this.save();
		}
	}

	/** Discovery turned off: turning it on again starts afresh (Track Recent Tasks is for the past). */
	async stop(): Promise<void> {
		this.sinceMs = undefined;
		this.startedAtMs = undefined;
		await this.save();
	}

	async recordLook(lookAt: number, found: readonly string[]): Promise<void> {
		this.sinceMs = Math.max(this.sinceMs ?? 0, lookAt);
		for (const id of found) {
			this.found.add(id);
		}
		await this.save();
	}

	/** Forgets found marks of tasks no longer tracked. */
	async prune(isTracked: (id: string) => boolean): Promise<void> {
		const before = this.found.size;
		for (const id of [...this.found]) {
			if (!isTracked(id)) {
				this.found.delete(id);
			}
		}
		if (this.found.size !== before) {
			await this.save();
		}
	}

	private async save(): Promise<void> {
		const value: StoredDiscovery = { since: this.sinceMs, startedAt: this.startedAtMs, found: [...this.found] };
		await this.memento.update(DISCOVERY_STATE_KEY, value);
	}
}
