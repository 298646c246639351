import type { ViewPreferences } from '../services/viewPreferences';

/** "Hide Finished" / "Show Finished": one toggle in the view's title bar, remembered for the workspace. */
export async function setFinishedHidden(services: { preferences: ViewPreferences }, hidden: boolean): Promise<void> {
	await services.preferences.update({ hideFinished: hidden });
}
