import type { AddResult } from '../../core/tasks/taskList';
import type { RefreshResult } from '../../refresh/taskRefresher';
import type { Services } from '../../services';

export interface TrackOutcome extends AddResult {
	/** The first fetch of the tasks just added (resolved at once when none was added). */
	fetched: Promise<RefreshResult | undefined>;
}

/**
 * MERGE: the coordinator replaces this body with the one door for adding tasks
 * (src/services/taskTracking.ts). Until then it does what Add Task ID does: track the IDs, then
 * fetch the new ones through the refresher (so they are never asked for twice at once).
 * The agent tools and the URI handler track through this function only.
 */
export async function trackTaskIds(services: Services, ids: readonly string[]): Promise<TrackOutcome> {
	const { added, alreadyTracked } = await services.repository.add(ids);
	const fetched = added.length ? services.refresher.refresh(added, { reason: 'added' }) : Promise.resolve(undefined);
	return { added, alreadyTracked, fetched };
}
