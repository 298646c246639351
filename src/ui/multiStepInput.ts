import * as vscode from 'vscode';

/** How a step ended: go on, go back one step, or stop without doing anything. */
export type StepResult = 'next' | 'back' | 'cancel';

export interface PickStepItem<T> extends vscode.QuickPickItem {
	value: T;
}

interface StepFrame {
	title: string;
	step: number;
	totalSteps: number;
}

/**
 * A wizard made of VS Code's own quick inputs, with a Back button on every step but the first and
 * Escape cancelling the whole flow. Steps are functions that return where to go next, so a step may
 * be skipped (e.g. no image URLs for text to video) by returning 'next' at once.
 */
export class MultiStepInput {
	constructor(private readonly title: string) {}

	async run(steps: readonly ((frame: StepFrame) => Promise<StepResult>)[]): Promise<boolean> {
		const history: number[] = [];
		let index = 0;
		while (index < steps.length) {
			const result = await steps[index]({ title: this.title, step: index + 1, totalSteps: steps.length });
			if (result === 'cancel') {
				return false;
			}
			if (result === 'back') {
				index = history.pop() ?? 0;
				continue;
			}
			history.push(index);
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
		return new Promise<StepResult>((resolve) => {
			const quickPick = vscode.window.createQuickPick<PickStepItem<T>>();
			const disposables: vscode.Disposable[] = [quickPick];
			let settled = false;
			const finish = (result: StepResult): void => {
				if (!settled) {
					settled = true;
					resolve(result);
					quickPick.hide();
				}
			};
			quickPick.title = frame.title;
			quickPick.step = frame.step;
			quickPick.totalSteps = frame.totalSteps;
			quickPick.placeholder = options.placeholder;
			quickPick.ignoreFocusOut = true;
			quickPick.buttons = frame.step > 1 ? [vscode.QuickInputButtons.Back] : [];
			const baseItems = options.items;
			quickPick.items = baseItems;
			const active = baseItems.find((item) => item.value === options.active);
			if (active) {
				quickPick.activeItems = [active];
			}
			disposables.push(
				quickPick.onDidChangeValue((typed) => {
					const custom = options.allowTyped && typed.trim() && !baseItems.some((item) => item.label === typed.trim()) ? options.allowTyped(typed.trim()) : undefined;
					quickPick.items = custom !== undefined ? [{ label: typed.trim(), description: 'Use this value', value: custom, alwaysShow: true }, ...baseItems] : baseItems;
				}),
				quickPick.onDidTriggerButton((button) => {
					if (button === vscode.QuickInputButtons.Back) {
						finish('back');
					}
				}),
				quickPick.onDidAccept(() => {
					const [selected] = quickPick.selectedItems.length ? quickPick.selectedItems : quickPick.activeItems;
					if (selected) {
						options.onPicked(selected.value);
						finish('next');
					}
				}),
				quickPick.onDidHide(() => {
					finish('cancel');
					for (const disposable of disposables) {
						disposable.dispose();
					}
				}),
			);
			quickPick.show();
		});
	}

	/** A text step; `validate` returns a message while the value is not acceptable. */
	input(
		frame: StepFrame,
		options: { prompt: string; value?: string; placeholder?: string; validate: (value: string) => string | undefined; onAccepted: (value: string) => void },
	): Promise<StepResult> {
		return new Promise<StepResult>((resolve) => {
			const box = vscode.window.createInputBox();
			const disposables: vscode.Disposable[] = [box];
			let settled = false;
			const finish = (result: StepResult): void => {
				if (!settled) {
					settled = true;
					resolve(result);
					box.hide();
				}
			};
			box.title = frame.title;
			box.step = frame.step;
			box.totalSteps = frame.totalSteps;
			box.prompt = options.prompt;
			box.placeholder = options.placeholder;
			box.value = options.value ?? '';
			box.ignoreFocusOut = true;
			box.buttons = frame.step > 1 ? [vscode.QuickInputButtons.Back] : [];
			disposables.push(
				box.onDidChangeValue((value) => {
					box.validationMessage = value ? options.validate(value) : undefined;
				}),
				box.onDidTriggerButton((button) => {
					if (button === vscode.QuickInputButtons.Back) {
						finish('back');
					}
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
				box.onDidHide(() => {
					finish('cancel');
					for (const disposable of disposables) {
						disposable.dispose();
					}
				}),
			);
			box.show();
		});
	}
}
