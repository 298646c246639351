/**
 * A file name for a downloaded video: a readable slug of the prompt plus the start of the task ID
 * (so two videos with the same prompt never collide), e.g. `a-red-fox-in-snow-2f1c7c1e.mp4`.
 */
export function videoFileName(prompt: string | undefined, taskId: string, extension = 'mp4'): string {
	const slug = (prompt ?? '')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 48)
		.replace(/-+$/, '');
	const id = taskId.replace(/[^0-9a-z]/gi, '').slice(0, 8) || 'video';
	return `${slug ? `${slug}-` : 'veo-'}${id}.${extension}`;
}
