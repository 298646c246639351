import * as vscode from 'vscode';

/**
 * How a step ended: go on, go back one step, or stop without doing anything. 'skip' is a step that
 * does not apply (no images for text to video): it goes on, and Back passes over it too.
 */
export type StepResult = 'next' | 'skip' | 'back' | 'cancel';

export interface PickStepItem<T> extends vscode.QuickPickItem {
	value: T;
}

/**
 * What the step on screen shows: its title, counter, placeholder or prompt, value and items. The
 * integration tests read it (a quick input's state is not readable through the VS Code API); it
 * holds only what the user sees.
 */
export interface WizardStepSnapshot {
	title: string;
	step: number;
	totalSteps: number;
	kind: 'pick' | 'input';
	/** The pick's placeholder or the input's prompt. */
	prompt: string;
	value: string;
	items: string[];
	/** The label of the highlighted item of a pick. */
	active?: string;
}

let showing: { snapshot: () => WizardStepSnapshot } | undefined;

/** The wizard step on screen now, if any. */
export function currentWizardStep(): WizardStepSnapshot | undefined {
	return showing?.snapshot();
}

export interface StepFrame {
	title: string;
	step: number;
	totalSteps: number;
}

/**
 * A wizard made of VS Code's own quick inputs, with a Back button on every step but the first and
 * Escape cancelling the whole flow. Steps are functions that return where to go next, so a step may
 * be skipped (e.g. no image URLs for text to video) by returning 'skip' at once.
 */
export class MultiStepInput {
	constructor(private readonly title: string) {}

	/**
	 * Runs the steps from `startAt` (a wizard reopened at one step, e.g. the model after the API
	 * refused one); Back from there still reaches the earlier steps.
	 */
	async run(steps: readonly ((frame: StepFrame) => Promise<StepResult>)[], startAt = 0): Promise<boolean> {
		const history: number[] = Array.from({ length: Math.max(0, Math.min(startAt, steps.length)) }, (_, index) => index);
		let index = history.length;
		while (index < steps.length) {
			const result = await steps[index]({ title: this.title, step: index + 1, totalSteps: steps.length });
			if (result === 'cancel') {
				return false;
			}
			if (result === 'back') {
				index = history.pop() ?? 0;
				continue;
			}
			if (result === 'next') {
				history.push(index);
			}
			index++;
		}
		return true;
	}

	/** A pick step. With `allowTyped`, what the user types (and is not in the list) can be taken as the value. */
	pick<T>(
		frame: StepFrame,
		options: {
			placeholder: string;
			items: PickStepItem<T>[];
			active?: T;
			allowTyped?: (typed: string) => T | undefined;
			onPicked: (value: T) => void;
		},
	): Promise<StepResult> {
		const quickPick = vscode.window.createQuickPick<PickStepItem<T>>();
		quickPick.placeholder = options.placeholder;
		const baseItems = options.items;
		quickPick.items = baseItems;
		const active = baseItems.find((item) => item.value === options.active);
		if (active) {
			quickPick.activeItems = [active];
		}
		let showsTyped = false;
		return runStep(quickPick, frame, (finish) => [
			quickPick.onDidChangeValue((typed) => {
				const trimmed = typed.trim();
				const custom = options.allowTyped && trimmed && !baseItems.some((item) => item.label === trimmed) ? options.allowTyped(trimmed) : undefined;
				if (custom === undefined && !showsTyped) {
					// Setting the items again would move the highlight back to the first one.
					return;
				}
				showsTyped = custom !== undefined;
				quickPick.items =
					custom !== undefined ? [{ label: trimmed, description: vscode.l10n.t('Use this value'), value: custom, alwaysShow: true }, ...baseItems] : baseItems;
			}),
			quickPick.onDidAccept(() => {
				const [selected] = quickPick.selectedItems.length ? quickPick.selectedItems : quickPick.activeItems;
				if (selected) {
					options.onPicked(selected.value);
					finish('next');
				}
			}),
		]);
	}

	/** A text step; `validate` returns a message while the value is not acceptable. */
	input(
		frame: StepFrame,
		options: { prompt: string; value?: string; placeholder?: string; validate: (value: string) => string | undefined; onAccepted: (value: string) => void },
	): Promise<StepResult> {
		const box = vscode.window.createInputBox();
		box.prompt = options.prompt;
		box.placeholder = options.placeholder;
		box.value = options.value ?? '';
		return runStep(box, frame, (finish) => [
			box.onDidChangeValue((value) => {
				box.validationMessage = value ? options.validate(value) : undefined;
			}),
			box.onDidAccept(() => {
				const problem = options.validate(box.value);
				if (problem) {
					box.validationMessage = problem;
					return;
				}
				options.onAccepted(box.value);
				finish('next');
			}),
		]);
	}
}

/**
 * What every step shares: the title and step counter, the Back button (not on the first step),
 * hiding (Escape, or focus moved away and back) as cancel, and disposing everything once settled.
 */
function runStep(
	input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox,
	frame: StepFrame,
	wire: (finish: (result: StepResult) => void) => vscode.Disposable[],
): Promise<StepResult> {
	return new Promise<StepResult>((resolve) => {
		let settled = false;
		const finish = (result: StepResult): void => {
			if (!settled) {
				settled = true;
				resolve(result);
				input.hide();
			}
		};
		input.title = frame.title;
		input.step = frame.step;
		input.totalSteps = frame.totalSteps;
		input.ignoreFocusOut = true;
		// VS Code's own Back button: its tooltip comes translated with VS Code's language pack.
		input.buttons = frame.step > 1 ? [vscode.QuickInputButtons.Back] : [];
		const disposables: vscode.Disposable[] = [
			input,
			...wire(finish),
			input.onDidTriggerButton((button) => {
				if (button === vscode.QuickInputButtons.Back) {
					finish('back');
				}
			}),
		];
		disposables.push(
			input.onDidHide(() => {
				finish('cancel');
				for (const disposable of disposables) {
					disposable.dispose();
				}
			}),
		);
		const probe = { snapshot: () => snapshotOf(input, frame) };
		showing = probe;
		disposables.push({
			dispose: () => {
				if (showing === probe) {
					showing = undefined;
				}
			},
		});
		input.show();
	});
}

function snapshotOf(input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox, frame: StepFrame): WizardStepSnapshot {
	const common = { title: frame.title, step: frame.step, totalSteps: frame.totalSteps, value: input.value };
	if ('items' in input) {
		return { ...common, kind: 'pick', prompt: input.placeholder ?? '', items: input.items.map((item) => item.label), active: input.activeItems[0]?.label };
	}
	return { ...common, kind: 'input', prompt: input.prompt ?? '', items: [] };
}
