// The Getting Started walkthrough is all manifest: nothing but this test notices a button that
// names a renamed command, a picture that is missing or left out of the .vsix, or a completion
// event that can never fire (its step would stay unchecked forever).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ContextKeys } from '../../../src/constants';
import { readEnglishManifest, shippedPatterns } from './manifestNls';
import { REPO_ROOT } from '../../support/repoRoot';

const root = REPO_ROOT;
// The texts are %key% references: read them as the English UI shows them (package.nls.json).
const manifest = readEnglishManifest(root);

interface Step {
	id: string;
	title: string;
	description: string;
	media: { image?: string; altText?: string; markdown?: string };
	completionEvents?: string[];
}

const walkthroughs: { id: string; title: string; description: string; steps: Step[] }[] = manifest.contributes.walkthroughs ?? [];
const ownCommands = new Set<string>(manifest.contributes.commands.map((command: { command: string }) => command.command));
const settingKeys = Object.keys(manifest.contributes.configuration.properties);
/** Workbench commands the steps may use: showing our own view container, and the Settings editor. */
const workbenchCommands = new Set<string>([
	...manifest.contributes.viewsContainers.activitybar.map((container: { id: string }) => `workbench.view.extension.${container.id}`),
	'workbench.action.openSettings',
]);

/** The `command:` links of a step's description (its buttons), with their arguments decoded. */
function buttons(step: Step): { id: string; args: unknown }[] {
	return [...step.description.matchAll(/\]\(command:([\w.]+)(?:\?([^)\s]+))?\)/g)].map(([, id, query]) => ({
		id,
		args: query === undefined ? undefined : JSON.parse(decodeURIComponent(query)),
	}));
}

describe('the Getting Started walkthrough', () => {
	it('is one walkthrough whose steps cover the token, tracking or generating, opening, and settings', () => {
		assert.equal(walkthroughs.length, 1);
		const [walkthrough] = walkthroughs;
		assert.ok(walkthrough.id && walkthrough.title && walkthrough.description);
		assert.deepEqual(
			walkthrough.steps.map((step) => step.id),
			['setToken', 'trackTask', 'openTask', 'settings'],
		);
		assert.equal(new Set(walkthrough.steps.map((step) => step.id)).size, walkthrough.steps.length);
	});

	it('gives every step a button whose command exists (ours, or a workbench command it may use)', () => {
		for (const step of walkthroughs.flatMap((walkthrough) => walkthrough.steps)) {
			const ids = buttons(step).map((button) => button.id);
			assert.ok(ids.length > 0, `step ${step.id} has a command button`);
			for (const id of ids) {
				assert.ok(ownCommands.has(id) || workbenchCommands.has(id), `step ${step.id}: ${id} is not a command of package.json nor a known workbench command`);
			}
		}
		const byStep = new Map(walkthroughs[0].steps.map((step) => [step.id, buttons(step).map((button) => button.id)]));
		assert.deepEqual(byStep.get('setToken'), ['veoTasks.setToken']);
		assert.deepEqual(byStep.get('trackTask'), ['veoTasks.addTask', 'veoTasks.trackRecentTasks', 'veoTasks.generateVideo']);
	});

	it('opens the Settings editor on the settings the step names, each of which exists', () => {
		const settings = walkthroughs[0].steps.find((step) => step.id === 'settings');
		assert.ok(settings);
		const open = buttons(settings).find((button) => button.id === 'workbench.action.openSettings');
		assert.deepEqual(open?.args, ['veoTasks'], 'the button searches the Settings editor for veoTasks');
		const named = [...settings.description.matchAll(/\b(giveUpAfterMinutes|confirmBillableActions|notifyOn|apiBaseUrl)\b/g)].map(([name]) => name);
		assert.deepEqual([...new Set(named)].sort(), ['apiBaseUrl', 'confirmBillableActions', 'giveUpAfterMinutes', 'notifyOn']);
		for (const name of named) {
			assert.ok(settingKeys.includes(`veoTasks.${name}`), `veoTasks.${name} is a setting`);
		}
	});

	it('shows on every step a WebP picture that exists, has an alt text and ships in the .vsix', () => {
		const shipped = shippedPatterns(root);
		let bytes = 0;
		for (const step of walkthroughs.flatMap((walkthrough) => walkthrough.steps)) {
			const image = step.media.image;
			assert.ok(image, `step ${step.id} has an image`);
			assert.ok(step.media.altText && step.media.altText.length > 20, `step ${step.id} describes its image`);
			const file = path.join(root, image);
			assert.ok(existsSync(file), `${image} exists`);
			const head = readFileSync(file).subarray(0, 12);
			// WebP (written by the end-to-end test): a third of a PNG's size, which the .vsix needs.
			assert.ok(head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP', `${image} is a WebP picture`);
			assert.ok(
				shipped.some((pattern) => pattern.test(image)),
				`${image} is left out of the .vsix by .vscodeignore`,
			);
			bytes += statSync(file).size;
		}
		// The whole .vsix must stay under 250 KB (scripts/checkPackage.mjs); the pictures get a fifth.
		assert.ok(bytes < 50 * 1024, `the walkthrough pictures take ${Math.round(bytes / 1024)} KB`);
	});

	it('checks steps off with events that can fire: our context keys, our commands or the ones its buttons run, our settings', () => {
		const contextKeys = new Set<string>(Object.values(ContextKeys));
		for (const step of walkthroughs.flatMap((walkthrough) => walkthrough.steps)) {
			for (const event of step.completionEvents ?? []) {
				const [kind, argument] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
				if (kind === 'onContext') {
					assert.ok(contextKeys.has(argument), `${event}: ${argument} is not one of ContextKeys`);
				} else if (kind === 'onCommand') {
					assert.ok(ownCommands.has(argument) || workbenchCommands.has(argument), `${event}: no such command`);
				} else if (kind === 'onSettingChanged') {
					assert.ok(
						settingKeys.some((key) => key === argument || key.startsWith(`${argument}.`)),
						`${event}: no such setting`,
					);
				} else {
					assert.fail(`${event}: an event kind this test does not know`);
				}
			}
		}
		const events = new Map(walkthroughs[0].steps.map((step) => [step.id, step.completionEvents]));
		assert.deepEqual(events.get('setToken'), [`onContext:${ContextKeys.hasToken}`]);
		assert.deepEqual(events.get('trackTask'), [`onContext:${ContextKeys.hasTasks}`]);
		assert.deepEqual(events.get('openTask'), ['onCommand:veoTasks.openTask']);
	});
});
