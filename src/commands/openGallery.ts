import type { ExtensionServices as Services } from '../services/extensionServices';

/** "Open Gallery": the one gallery tab, opened or revealed once the task list is loaded. */
export async function openGallery(services: Services, open: () => unknown): Promise<void> {
	await services.repository.ready;
	open();
}
