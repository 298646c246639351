import type { VeoClient } from '../api/veoClient';
import { VeoError, toVeoError } from '../api/veoError';
import type { TaskRecord } from './taskRecord';
import { normalizeTaskId } from './taskIds';
import { chunk, mapWithConcurrency } from '../util/collections';
import { l10n } from '../l10n/l10n';

/** The provider's own tools recommend at most 50 IDs per `retrieve_batch`. */
export const BATCH_SIZE = 50;
/** Enough to cover 500 tasks in three round trips without hammering the API. */
export const BATCH_CONCURRENCY = 4;

export interface FetchOutcome {
	/** Records the server returned for IDs we asked for. */
	found: Map<string, TaskRecord>;
	/** IDs asked for in a chunk that succeeded but absent from its answer. */
	missing: string[];
	/** Chunks that failed, with their error; their IDs keep whatever was known before. */
	failed: { ids: string[]; error: VeoError }[];
}

export interface FetchOptions {
	batchSize?: number;
	concurrency?: number;
	signal?: AbortSignal;
}

/**
 * Fetches many tasks with one `retrieve_batch` per chunk. A chunk that fails does not spoil the others.
 * Records for IDs that were not asked for are ignored (a server bug must not add tasks), and when the
 * same ID comes twice the last record wins.
 */
export async function fetchTasks(client: Pick<VeoClient, 'retrieveBatch'>, ids: readonly string[], options: FetchOptions = {}): Promise<FetchOutcome> {
	const outcome: FetchOutcome = { found: new Map(), missing: [], failed: [] };
	const chunks = chunk(ids, options.batchSize ?? BATCH_SIZE);
	await mapWithConcurrency(chunks, options.concurrency ?? BATCH_CONCURRENCY, async (chunkIds) => {
		if (options.signal?.aborted) {
			// Cancelled: the chunks not yet sent are not sent, and keep what was known.
			outcome.failed.push({ ids: chunkIds, error: new VeoError('network', l10n.t('The refresh was cancelled.')) });
			return;
		}
		try {
			const records = await client.retrieveBatch(chunkIds, options.signal);
			const asked = new Set(chunkIds);
			for (const record of records) {
				const id = normalizeTaskId(record.id);
				if (asked.has(id)) {
					outcome.found.set(id, record);
				}
			}
			outcome.missing.push(...chunkIds.filter((id) => !outcome.found.has(id)));
		} catch (error) {
			outcome.failed.push({ ids: chunkIds, error: toVeoError(error, 'badResponse') });
		}
	});
	return outcome;
}

/** The error to show for a refresh: the first failure, preferring ones the user must act on. */
export function mostActionableError(failed: FetchOutcome['failed']): VeoError | undefined {
	const order = ['noToken', 'auth', 'quota', 'refused', 'endpointNotFound', 'badRequest', 'rateLimited'];
	return [...failed].map((failure) => failure.error).sort((a, b) => rank(a) - rank(b))[0];
	function rank(error: VeoError): number {
		const index = order.indexOf(error.kind);
		return index === -1 ? order.length : index;
	}
}
