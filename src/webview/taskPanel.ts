// The task panel's page. Every value shown comes from the Veo API and is untrusted: it is only
// ever set through textContent or as a validated media URL, never as HTML. The messages, the
// commands its buttons name, the labels and the saved state are the host's own types
// (src/panels/panelProtocol.ts, src/core/view/taskPanelModel.ts): the compiler keeps both sides in step.
import type { HostMessage, PageMessage, PanelCommand, PanelPageState } from '../features/taskPanel/panelProtocol';
import type { TaskPanelModel } from '../core/view/taskPanelModel';
import './vscodeApi';
import { el, format } from './dom';

const vscode = acquireVsCodeApi<PanelPageState, PageMessage>();
const app = document.getElementById('app') as HTMLElement;
let model = JSON.parse(document.body.dataset.model ?? '{}') as TaskPanelModel;
/** The <video> element survives updates that keep the same URL, so playback is not interrupted. */
let video: HTMLVideoElement | undefined;
let videoError: string | undefined;
/**
 * VS Code keeps the state while the tab is hidden (this page is destroyed then) and across a
 * reload, where the serializer reads the task ID from it.
 */
const saved: Partial<PanelPageState> = vscode.getState() ?? {};

function saveState(): void {
	const state: PanelPageState = { taskId: model.id };
	if (video?.dataset.src) {
		state.video = { src: video.dataset.src, time: video.currentTime || 0, playing: !video.paused && !video.ended };
	} else if (saved.video) {
		// The player is not built yet: keep the position saved before.
		state.video = saved.video;
	}
	vscode.setState(state);
}

/**
 * A label with `{0}` in it, as nodes: the text around the placeholder, and `node` in its place
 * (the word order is the translation's: "Follow-up of {0}" is "{0} 的后续操作" in Chinese).
 */
function fill(template: string, node: Node): Node[] {
	const at = template.indexOf('{0}');
	if (at < 0) {
		return [document.createTextNode(template), node];
	}
	return [document.createTextNode(template.slice(0, at)), node, document.createTextNode(template.slice(at + 3))];
}

function runCommand(command: PanelCommand, taskId: string): void {
	vscode.postMessage({ type: 'command', command, taskId });
}

function button(label: string, command: PanelCommand): HTMLButtonElement {
	const node = el('button', { text: label, attrs: { type: 'button', 'data-command': command } });
	node.addEventListener('click', () => runCommand(command, model.id));
	return node;
}

/** A link to another task's panel; it posts a message, the page itself never navigates. */
function taskLink(label: string, taskId: string, attrs: Record<string, string> = {}): HTMLAnchorElement {
	const link = el('a', { text: label, attrs: { href: '#', ...attrs } });
	link.addEventListener('click', (event) => {
		event.preventDefault();
		runCommand('openTask', taskId);
	});
	return link;
}

function field(label: string, value: string | undefined, code = false): Node[] {
	if (value === undefined || value === null || value === '') {
		return [];
	}
	return [
		el('dt', { text: label }),
		el('dd', { className: code ? 'code' : '' }, [code ? el('code', { text: String(value) }) : document.createTextNode(String(value))]),
	];
}

function ensureVideo(url: string): HTMLVideoElement {
	if (video && video.dataset.src === url) {
		return video;
	}
	videoError = undefined;
	const player = el('video', { attrs: { controls: '', preload: 'metadata', 'data-src': url, 'aria-label': model.labels.video } });
	video = player;
	const resume = saved.video?.src === url ? saved.video : undefined;
	saved.video = undefined;
	player.addEventListener('loadedmetadata', () => {
		player.setAttribute('data-loaded', 'true');
		if (resume && resume.time > 0 && resume.time < player.duration) {
			player.currentTime = resume.time;
		}
		if (resume?.playing) {
			// Autoplay may be refused; the position is kept either way.
			player.play().catch(() => undefined);
		}
		vscode.postMessage({ type: 'videoLoaded', duration: player.duration });
	});
	for (const event of ['timeupdate', 'pause', 'play', 'seeked', 'ended']) {
		player.addEventListener(event, saveState);
	}
	player.addEventListener('error', () => {
		videoError = model.labels.videoError;
		vscode.postMessage({ type: 'videoError' });
		render();
	});
	player.src = url;
	return player;
}

/** Beside the player: why there is no sound here, and the way to hear it. */
function soundNote(): HTMLElement {
	const { labels } = model;
	const text = model.producesAudio ? labels.soundWithAudio : labels.soundSilent;
	const note = el('p', { className: 'notice sound', attrs: { 'data-testid': 'sound-note', role: 'note' } }, [document.createTextNode(`${text} `)]);
	if (model.canOpenExternal) {
		const play = button(labels.playWithSound, 'openVideoExternal');
		play.setAttribute('title', labels.playWithSoundTitle);
		note.appendChild(play);
	}
	return note;
}

/** What was asked, beside the prompt: aspect ratio, resolution, translation (texts made by the core). */
function requestFields(): Node[] {
	const { labels } = model;
	return [...field(labels.aspectRatio, model.aspectRatio), ...field(labels.resolution, model.resolution), ...field(labels.translation, model.translation)];
}

/**
 * The request's reference images: https ones as thumbnails (the CSP's img-src names exactly their
 * origins), others as text only. Undefined when the request had none.
 */
function referenceImages(): HTMLElement | undefined {
	const { labels } = model;
	const images = model.referenceImages ?? [];
	const texts = model.referenceImageTexts ?? [];
	if (!images.length && !texts.length) {
		return undefined;
	}
	const list = el('ul', { className: 'reference-images', attrs: { 'data-testid': 'reference-images' } });
	images.forEach((url, index) => {
		list.appendChild(
			el('li', {}, [el('img', { attrs: { src: url, alt: format(labels.referenceImage, String(index + 1)), loading: 'lazy', referrerpolicy: 'no-referrer' } })]),
		);
	});
	for (const text of texts) {
		list.appendChild(el('li', {}, [el('code', { text })]));
	}
	return el('section', {}, [el('h2', { text: labels.referenceImages }), list]);
}

/** "From the prompt file <path>", a link that opens it (a command, never a URL), and whether it changed since. */
function promptFileLink(promptFile: NonNullable<TaskPanelModel['promptFile']>): HTMLElement {
	const link = el('a', { text: promptFile.path, attrs: { href: '#', 'data-testid': 'prompt-file' } });
	link.addEventListener('click', (event) => {
		event.preventDefault();
		runCommand('openPromptFile', model.id);
	});
	const parts = fill(model.labels.promptFile, link);
	if (promptFile.note) {
		parts.push(
			document.createTextNode(' · '),
			el('span', { className: `prompt-file-${promptFile.state}`, text: promptFile.note, attrs: { 'data-testid': 'prompt-file-state' } }),
		);
	}
	return el('p', { className: 'prompt-file' }, parts);
}

function render(): void {
	const { labels } = model;
	const parts: Node[] = [
		el('header', {}, [
			el('span', { className: `state state-${model.state}`, text: model.stateLabel, attrs: { 'data-testid': 'state' } }),
			el('h1', { text: model.title, attrs: { 'data-testid': 'title' } }),
		]),
	];

	if (model.staleReason) {
		parts.push(el('p', { className: 'notice warning', text: format(labels.lastRefreshFailed, model.staleReason), attrs: { role: 'status' } }));
	}
	if (model.failureReason) {
		parts.push(el('p', { className: 'notice error', text: model.failureReason, attrs: { 'data-testid': 'failure' } }));
	}
	if (model.parent) {
		parts.push(el('p', { className: 'parent' }, fill(labels.followUpOf, taskLink(model.parent.label, model.parent.id, { 'data-testid': 'parent' }))));
	}
	if (model.promptFile) {
		parts.push(promptFileLink(model.promptFile));
	}

	if (model.playableVideoUrl) {
		const player = el('section', { className: 'player' }, [ensureVideo(model.playableVideoUrl)]);
		if (videoError) {
			player.appendChild(el('p', { className: 'notice error', text: videoError, attrs: { 'data-testid': 'video-error' } }));
		}
		if (model.producesAudio || videoError) {
			player.appendChild(soundNote());
		}
		parts.push(player);
	} else {
		video = undefined;
		if (model.videoUrlText) {
			parts.push(el('p', { className: 'notice warning', text: labels.unplayableUrl }));
		}
	}

	const actions = el('div', { className: 'actions', attrs: { role: 'group', 'aria-label': labels.actions } });
	if (model.canOpenExternal) {
		actions.append(button(labels.openInBrowser, 'openVideoExternal'), button(labels.copyVideoUrl, 'copyVideoUrl'));
	}
	if (model.playableVideoUrl) {
		actions.append(button(labels.download, 'downloadVideo'), button(labels.insertVideoLink, 'insertVideoLink'));
	}
	actions.append(button(labels.copyTaskId, 'copyTaskId'), button(labels.refresh, 'refresh'));
	if (model.canGenerateAgain) {
		actions.appendChild(button(labels.generateAgain, 'generateAgain'));
	}
	parts.push(actions);

	if (model.canFollowUp) {
		parts.push(
			el('div', { className: 'actions follow-ups', attrs: { role: 'group', 'aria-label': labels.followUpActions } }, [
				el('span', { className: 'label', text: labels.continueWith }),
				button(labels.get1080p, 'get1080p'),
			]),
		);
	}

	parts.push(
		el('dl', { className: 'fields' }, [
			...field(labels.taskId, model.id, true),
			...field(labels.state, model.stateLabel),
			...field(labels.prompt, model.prompt),
			...field(labels.model, model.model),
			...field(labels.action, model.action),
			...requestFields(),
			...field(labels.created, model.created),
			...field(labels.completed, model.completed),
			...field(labels.duration, model.duration),
			...field(labels.stalledSince, model.stalledSince),
			...field(labels.videoUrl, model.videoUrlText, true),
			...field(labels.traceId, model.traceId, true),
		]),
	);

	const images = referenceImages();
	if (images) {
		parts.push(images);
	}

	if (model.followUps.length) {
		const list = el(
			'ul',
			{ className: 'follow-up-list' },
			model.followUps.map((followUp) => el('li', {}, [taskLink(followUp.label, followUp.id)])),
		);
		parts.push(el('section', {}, [el('h2', { text: labels.followUps }), list]));
	}

	parts.push(
		el('section', { className: 'json' }, [
			el('h2', { text: labels.taskJson }),
			el('pre', { text: model.json, attrs: { 'data-testid': 'json', tabindex: '0' } }),
		]),
	);

	app.replaceChildren(...parts);
}

window.addEventListener('message', (event: MessageEvent<HostMessage | undefined>) => {
	const message = event.data;
	// Other messages (a test run's `inspect`) are not this script's.
	if (message?.type === 'update') {
		model = message.model;
		render();
		saveState();
	}
});

render();
saveState();
vscode.postMessage({ type: 'ready' });
