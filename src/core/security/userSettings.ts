/**
 * Settings that protect the user (the question before a billable start, the download cap) are read
 * from the user's own settings only: a workspace (a cloned repository), another extension's
 * `configurationDefaults` or a language override must not turn them down. `inspect()`'s defaultValue
 * is not used either (another extension can change it): the manifest's literal is.
 */
import { userLayerMayBeForeign } from '../api/urlPolicy';

export interface UserLayer {
	globalValue?: unknown;
}

export interface ProtectiveSettingRule<T> {
	/** This extension's default, as package.json declares it. */
	manifestDefault: T;
	/** Turns a settings value into one of T, or undefined when it is not usable. */
	read(value: unknown): T | undefined;
	/** The more protective of two values. */
	safer(a: T, b: T): T;
}

/**
 * The user's value, else the manifest default. In a remote window the user layer also holds the
 * remote machine's or dev container's settings, which a repository can choose: there the value may
 * only be more protective than the default, never less.
 */
export function protectiveSettingValue<T>(inspected: UserLayer | undefined, rule: ProtectiveSettingRule<T>, context: { remoteName?: string } = {}): T {
	const user = rule.read(inspected?.globalValue);
	if (user === undefined) {
		return rule.manifestDefault;
	}
	return userLayerMayBeForeign(context) ? rule.safer(user, rule.manifestDefault) : user;
}
