/**
 * Compare Takes' page: two to four players driven by one control bar (play, pause, seek, loop),
 * kept in step with the first loaded take, the prompts marked word by word where they differ and
 * the parameters that differ highlighted. Messages follow src/core/view/compareProtocol.ts.
 */
import type { CompareCommand, CompareHostMessage, CompareInspection, CompareModel, ComparePageState } from '../core/view/compareProtocol';
import { el, format, inlineHandlers, vscodeApi } from './dom';

const vscode = vscodeApi<ComparePageState>();
const app = document.getElementById('app') as HTMLElement;
let model = JSON.parse(document.body.dataset.model ?? '{}') as CompareModel;
const saved = vscode.getState();
/** Players further apart than this (seconds) are brought back to the leader's position. */
const MAX_DRIFT_SECONDS = 0.25;

let loop = saved?.loop !== false;
let playing = false;
/** The players, by task ID: kept across updates whose video URL did not change. */
const players = new Map<string, HTMLVideoElement>();
let resumeAt = typeof saved?.time === 'number' && saved.time > 0 ? saved.time : 0;

const playButton = el('button', { attrs: { type: 'button', 'data-testid': 'play' } });
const position = el('input', { attrs: { type: 'range', min: '0', max: '0', step: '0.01', value: '0', 'data-testid': 'position' } });
const loopInput = el('input', { attrs: { type: 'checkbox', 'data-testid': 'loop' } });
const loopLabel = el('label', {}, [loopInput, el('span')]);
const time = el('span', { className: 'time' });
const controls = el('div', { className: 'controls', attrs: { role: 'group' } }, [playButton, position, loopLabel, time]);
const takes = el('div', { className: 'takes' });
const parameters = el('table', { className: 'parameters' });
app.append(controls, takes, parameters);

function saveState(): void {
	vscode.setState({ taskIds: model.takes.map((take) => take.id), time: leader()?.currentTime ?? resumeAt, loop });
}

/** The take the others follow: the first one whose video loaded. */
function leader(): HTMLVideoElement | undefined {
	return [...players.values()].find((video) => video.dataset.loaded === 'true');
}

function all(): HTMLVideoElement[] {
	return [...players.values()].filter((video) => video.dataset.loaded === 'true');
}

function play(): void {
	playing = true;
	const first = leader();
	for (const video of all()) {
		if (first && video !== first && Math.abs(video.currentTime - first.currentTime) > MAX_DRIFT_SECONDS) {
			video.currentTime = Math.min(first.currentTime, video.duration || first.currentTime);
		}
		video.play().catch(() => undefined);
	}
	renderControls();
}

function pause(): void {
	playing = false;
	for (const video of all()) {
		video.pause();
	}
	// Paused, every take shows the same frame.
	const first = leader();
	if (first) {
		seek(first.currentTime);
	}
	renderControls();
	saveState();
}

function seek(seconds: number): void {
	for (const video of all()) {
		video.currentTime = Math.min(Math.max(0, seconds), video.duration || seconds);
	}
	renderControls();
}

function duration(): number {
	return Math.max(0, ...all().map((video) => (Number.isFinite(video.duration) ? video.duration : 0)));
}

function renderControls(): void {
	const { labels } = model;
	playButton.textContent = playing ? labels.pause : labels.play;
	playButton.setAttribute('aria-pressed', String(playing));
	(loopLabel.lastChild as HTMLElement).textContent = labels.loop;
	loopInput.checked = loop;
	position.setAttribute('aria-label', labels.position);
	controls.setAttribute('aria-label', labels.controls);
	const first = leader();
	position.max = String(duration());
	position.value = String(first?.currentTime ?? 0);
	time.textContent = `${(first?.currentTime ?? 0).toFixed(1)} / ${duration().toFixed(1)} s`;
}

playButton.addEventListener('click', () => (playing ? pause() : play()));
position.addEventListener('input', () => seek(Number(position.value)));
loopInput.addEventListener('change', () => {
	loop = loopInput.checked;
	for (const video of players.values()) {
		video.loop = loop;
	}
	saveState();
});

function player(id: string, url: string): HTMLVideoElement {
	const existing = players.get(id);
	if (existing && existing.dataset.src === url) {
		return existing;
	}
	// Muted: VS Code plays these videos without sound anyway, and muted players may be started together without a click each.
	const video = el('video', { attrs: { preload: 'metadata', muted: '', playsinline: '', 'data-src': url, 'data-testid': 'player' } });
	video.muted = true;
	video.loop = loop;
	video.addEventListener('loadedmetadata', () => {
		video.dataset.loaded = 'true';
		if (resumeAt > 0 && resumeAt < video.duration) {
			video.currentTime = resumeAt;
			// The saved position is the first take's; those loading later follow the leader.
			resumeAt = 0;
		}
		const first = leader();
		if (first && first !== video) {
			video.currentTime = Math.min(first.currentTime, video.duration);
		}
		if (playing) {
			video.play().catch(() => undefined);
		}
		renderControls();
	});
	video.addEventListener('timeupdate', () => {
		const first = leader();
		if (video !== first) {
			return;
		}
		// The leader's clock drives the others: a take that drifted is put back in step.
		for (const other of all()) {
			if (other !== video && Math.abs(other.currentTime - video.currentTime) > MAX_DRIFT_SECONDS && video.currentTime < other.duration) {
				other.currentTime = video.currentTime;
			}
		}
		renderControls();
	});
	video.addEventListener('ended', () => {
		// Without loop, the longest take ends the playback for all.
		if (!loop && all().every((other) => other.ended || other.paused)) {
			playing = false;
			renderControls();
		}
	});
	video.src = url;
	players.set(id, video);
	return video;
}

function button(label: string, command: CompareCommand, taskId: string, className = ''): HTMLButtonElement {
	const node = el('button', { text: label, className, attrs: { type: 'button', 'data-command': command } });
	node.addEventListener('click', () => vscode.postMessage({ type: 'command', command, taskId }));
	return node;
}

function render(): void {
	const { labels } = model;
	document.title = labels.title;
	takes.style.gridTemplateColumns = `repeat(${Math.max(1, model.takes.length)}, minmax(0, 1fr))`;
	const shown = new Set<string>();
	takes.replaceChildren(
		...model.takes.map((take, index) => {
			const section = el('section', { className: 'take', attrs: { 'data-id': take.id, 'aria-label': format(labels.take, index + 1) } });
			const heading = el('h2', {}, [el('span', { text: format(labels.take, index + 1) })]);
			if (take.kept) {
				heading.append(el('span', { className: 'star', text: ' ★', attrs: { 'data-testid': 'kept', title: labels.kept } }));
			}
			section.append(heading);
			if (take.videoUrl) {
				shown.add(take.id);
				section.append(player(take.id, take.videoUrl));
			} else {
				section.append(el('p', { className: 'no-video', text: `${take.stateLabel} · ${labels.noVideo}` }));
			}
			const prompt = el('p', { className: 'prompt', attrs: { 'aria-label': labels.prompt } });
			for (const part of take.prompt) {
				if (part.changed) {
					// The space after the changed words stays unmarked.
					const words = part.text.trimEnd();
					prompt.append(el('mark', { text: words }), document.createTextNode(part.text.slice(words.length)));
				} else {
					prompt.append(document.createTextNode(part.text));
				}
			}
			const actions = el('div', { className: 'actions' }, [
				take.kept ? button(`★ ${labels.kept}`, 'unkeep', take.id, 'kept') : button(labels.keep, 'keep', take.id),
				button(labels.removeOthers, 'removeOthers', take.id, 'secondary'),
				button(labels.open, 'open', take.id, 'secondary'),
			]);
			section.append(actions, prompt);
			return section;
		}),
	);
	for (const id of [...players.keys()]) {
		if (!shown.has(id)) {
			players.get(id)?.removeAttribute('src');
			players.delete(id);
		}
	}
	const header = el('tr', {}, [
		el('th', { text: labels.parameters }),
		...model.takes.map((_take, index) => el('th', { text: format(labels.take, index + 1) })),
	]);
	parameters.replaceChildren(
		el('thead', {}, [header]),
		el(
			'tbody',
			{},
			model.rows.map((row) =>
				el('tr', { className: row.differs ? 'differs' : '', attrs: { 'data-key': row.key } }, [
					el('th', { text: row.label }, row.differs ? [el('span', { className: 'differs-note', text: ` (${labels.differs})` })] : []),
					...row.values.map((value) => el('td', { text: value })),
				]),
			),
		),
	);
	renderControls();
}

function inspect(): CompareInspection {
	return {
		players: model.takes
			.filter((take) => players.has(take.id))
			.map((take) => {
				const video = players.get(take.id) as HTMLVideoElement;
				return { id: take.id, paused: video.paused, currentTime: video.currentTime, loop: video.loop, loaded: video.dataset.loaded === 'true' };
			}),
		differing: Array.from(parameters.querySelectorAll('tr.differs')).map((row) => (row as HTMLElement).dataset.key ?? ''),
		changedWords: Array.from(takes.querySelectorAll('.take')).map((take) =>
			Array.from(take.querySelectorAll('.prompt mark')).map((mark) => mark.textContent ?? ''),
		),
		kept: Array.from(takes.querySelectorAll('[data-testid="kept"]')).map((node) => (node.closest('.take') as HTMLElement).dataset.id ?? ''),
		handlers: inlineHandlers(),
	};
}

window.addEventListener('message', (event: MessageEvent<CompareHostMessage>) => {
	const message = event.data;
	switch (message?.type) {
		case 'update':
			model = message.model;
			render();
			saveState();
			break;
		case 'control':
			// Test-only: the same as a click on the control bar.
			if (model.inspectable === true) {
				if (message.action === 'play') {
					play();
				} else if (message.action === 'pause') {
					pause();
				} else if (typeof message.time === 'number') {
					seek(message.time);
				}
			}
			break;
		case 'inspect':
			if (model.inspectable === true) {
				vscode.postMessage({ type: 'inspection', id: message.id, report: inspect() });
			}
			break;
	}
});

render();
saveState();
vscode.postMessage({ type: 'ready' });
