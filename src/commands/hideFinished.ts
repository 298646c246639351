import type { Services } from '../services/services';

/** "Hide Finished" / "Show Finished": one toggle in the view's title bar, remembered for the workspace. */
export async function setFinishedHidden(services: Services, hidden: boolean): Promise<void> {
	await services.preferences.update({ hideFinished: hidden });
}
