/** Bytes of the prompt's slug in UTF-8: the whole name stays far under 255 bytes (ext4, APFS) and 255 UTF-16 units (NTFS). */
const MAX_SLUG_BYTES = 96;
/** Characters looked at: a prompt can be thousands long, and only the start ends up in the name. */
const MAX_PROMPT_CHARS = 200;
/** Names Windows keeps for devices, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * A file name for a downloaded video: a readable slug of the prompt plus the start of the task ID
 * (so two videos with the same prompt never collide), e.g. `a-red-fox-in-snow-2f1c7c1e.mp4` or
 * `雪地里的红狐狸-2f1c7c1e.mp4`. Letters and digits of every script are kept (with their combining
 * marks); everything else becomes a dash, so no character is forbidden on Windows, macOS or Linux
 * (`<>:"/\|?*`, controls, bidi marks), and the name never ends in a dot or a space.
 */
export function videoFileName(prompt: string | undefined, taskId: string, extension = 'mp4'): string {
	const words = (prompt ?? '')
		.slice(0, MAX_PROMPT_CHARS)
		.normalize('NFC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
		.replace(/^-|-$/g, '');
	const slug = truncateUtf8(words, MAX_SLUG_BYTES).replace(/-$/, '');
	const id = taskId.replace(/[^0-9a-z]/gi, '').slice(0, 8) || 'video';
	const name = `${slug ? `${slug}-` : 'veo-'}${id}.${extension}`;
	return WINDOWS_RESERVED.test(name) ? `veo-${name}` : name;
}

/** The longest prefix of `text` of at most `maxBytes` in UTF-8, cut between code points. */
export function truncateUtf8(text: string, maxBytes: number): string {
	let bytes = 0;
	let end = 0;
	for (const char of text) {
		const size = Buffer.byteLength(char, 'utf8');
		if (bytes + size > maxBytes) {
			break;
		}
		bytes += size;
		end += char.length;
	}
	return text.slice(0, end);
}

/**
 * The one workspace-folder rule for downloaded videos: Download Video saves `videos/<name>` in the
 * workspace's first folder (when it is on disk), and Insert Video Link looks for the file there, so
 * in a multi-root workspace the two always agree whatever folder the document is in.
 */
export function videosFolderOf<Folder extends { uri: { scheme: string } }>(folders: readonly Folder[] | undefined): Folder | undefined {
	const first = folders?.[0];
	return first?.uri.scheme === 'file' ? first : undefined;
}
