/**
 * The range of each numeric setting, as package.json declares it (a test checks they match).
 * VS Code's Settings editor warns about a value out of range but still hands it over, and a
 * workspace's settings.json is not checked at all: a cloned repository can set
 * pollIntervalSeconds to 3,000,000. So every numeric setting is clamped again when it is read.
 */
export const SETTING_RANGES = {
	requestTimeoutSeconds: { minimum: 1, maximum: 600, default: 30 },
	pollIntervalSeconds: { minimum: 2, maximum: 600, default: 10 },
	maxPollIntervalSeconds: { minimum: 5, maximum: 3600, default: 60 },
	maxDownloadMegabytes: { minimum: 1, maximum: 65536, default: 2048 },
	giveUpAfterMinutes: { minimum: 0, maximum: 10080, default: 30 },
} as const;

export type RangedSetting = keyof typeof SETTING_RANGES;

/** The value within its setting's range; the default when it is not a finite number. */
export function clampSetting(key: RangedSetting, value: unknown): number {
	const range = SETTING_RANGES[key];
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		return range.default;
	}
	return Math.min(range.maximum, Math.max(range.minimum, value));
}
