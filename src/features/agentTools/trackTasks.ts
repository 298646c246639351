import type { AddResult } from '../../core/tasks/taskList';
import type { RefreshResult } from '../../services/taskRefresher';
import type { TaskTracking, TrackSource } from '../../services/taskTracking';

export interface TrackOutcome extends AddResult {
	/** The first fetch of the tasks just added (resolved at once when none was added). */
	fetched: Promise<RefreshResult | undefined>;
}

/**
 * How the agent tools and the URI handler track: through the one door (src/services/taskTracking.ts),
 * silently (the tool's result or the opened tab says what happened), with the first fetch to wait on.
 */
export async function trackTaskIds(
	services: { tracking: Pick<TaskTracking, 'trackAndFetch'> },
	ids: readonly string[],
	source: TrackSource = 'agent',
): Promise<TrackOutcome> {
	const { result, fetched } = await services.tracking.trackAndFetch(ids, { source, announce: false });
	return { added: result.added, alreadyTracked: result.alreadyTracked, fetched };
}
