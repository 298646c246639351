/**
 * The core's translation and display language. The core runs in plain Node (its unit tests have
 * no VS Code), so it cannot call `vscode.l10n.t` itself: it calls `l10n.t` from here, which
 * formats the English message (identity) until activation points it at `vscode.l10n.t` with
 * `useTranslation`. Messages are looked up by their English text, exactly as `vscode.l10n.t` does,
 * so the core's strings live in the same `l10n/bundle.l10n*.json` files as the adapters'.
 *
 * Every call passes a string literal: `scripts/l10n.mjs` finds the messages by reading the calls
 * (`l10n.t('…')` here, `vscode.l10n.t('…')` in the adapters), and a test fails when a bundle lacks one.
 */

/** `{0}`, `{1}`… in a message are replaced by the arguments, as `vscode.l10n.t` does. */
export type L10nArg = string | number | boolean;
export type Translate = (message: string, args: L10nArg[]) => string;

let translate: Translate = formatMessage;
let locale: string | undefined;

export const l10n = {
	/** The message in the display language, with `{n}` replaced by the n-th argument. */
	t(message: string, ...args: L10nArg[]): string {
		return translate(message, args);
	},
};

/**
 * Points the core at VS Code's translation and display language (activation does this). Without
 * it the core speaks English and formats in the runtime's own locale.
 */
export function useTranslation(options: { translate?: Translate; locale?: string }): void {
	translate = options.translate ?? formatMessage;
	locale = options.locale;
}

/**
 * The language the extension's text is in, for Intl to format in the same one: VS Code's display
 * language when the extension ships a translation for it (or it is English), and English otherwise.
 * With VS Code in French and no French bundle the messages stay English, so their plurals ("0 task"
 * is singular in French), lists ("a et b") and dates must be English too, not French inside English.
 */
export function messageLocale(displayLanguage: string, translated: boolean): string {
	return translated || /^en(-|$)/i.test(displayLanguage) ? displayLanguage : 'en';
}

/** The language the extension's text is in ("en", "zh-cn"; see messageLocale), a BCP 47 tag Intl understands; undefined in plain Node. */
export function displayLocale(): string | undefined {
	return locale;
}

/** `{0}`-style formatting, the same as `vscode.l10n.t`'s: a placeholder without an argument stays as written. */
export function formatMessage(message: string, args: readonly L10nArg[]): string {
	return args.length === 0 ? message : message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}
