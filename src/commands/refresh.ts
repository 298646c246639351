import type { RefreshResult } from '../services/taskRefresher';
import type { TaskListReader } from '../services/taskRepository';
import type { TaskRefresher } from '../services/taskRefresher';
import { taskIdsFromArguments } from './taskArguments';

/** "Refresh Tasks": every tracked task (or the ones given), with errors shown and a Retry action. */
export function refresh(services: { repository: TaskListReader; refresher: TaskRefresher }, ...args: unknown[]): Promise<RefreshResult> {
	const ids = taskIdsFromArguments(services.repository.list, args);
	return services.refresher.refresh(ids.length ? ids : undefined, { interactive: true });
}
