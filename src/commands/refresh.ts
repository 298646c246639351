import type { RefreshResult } from '../services/taskRefresher';
import type { Services } from '../services/services';
import { taskIdsFromArguments } from './taskArguments';

/** "Refresh Tasks": every tracked task (or the ones given), with errors shown and a Retry action. */
export function refresh(services: Services, ...args: unknown[]): Promise<RefreshResult> {
	const ids = taskIdsFromArguments(services.repository.list, args);
	return services.refresher.refresh(ids.length ? ids : undefined, { interactive: true });
}
