// The task panel's page script. Every value shown comes from the Veo API and is untrusted:
// it is only ever set through textContent or as a validated media URL, never as HTML.
// The messages it exchanges with the extension, the commands its buttons name and the state it
// saves follow src/panels/panelProtocol.ts (HostMessage, PageMessage, PANEL_COMMANDS,
// PanelPageState); test/unit/panelProtocol.test.ts checks that this file agrees with it.
// @ts-check
(function () {
	/* global acquireVsCodeApi -- provided by the webview host */
	const vscode = acquireVsCodeApi();
	const app = /** @type {HTMLElement} */ (document.getElementById('app'));
	/** @type {any} */
	let model = JSON.parse(document.body.dataset.model || '{}');
	/**
	 * The page's own texts, in VS Code's display language (TaskPanelModel.labels, made with the
	 * extension's l10n.t): this file holds no English a person reads.
	 * @type {Record<string, string>}
	 */
	let labels = model.labels || {};
	/** The <video> element survives updates that keep the same URL, so playback is not interrupted. */
	/** @type {HTMLVideoElement | undefined} */
	let video;
	/** @type {string | undefined} */
	let videoError;
	/**
	 * PanelPageState: VS Code keeps it while the tab is hidden (this page is destroyed then) and
	 * across a reload, where the serializer reads the task ID from it.
	 * @type {{ taskId?: string, video?: { src: string, time: number, playing: boolean } }}
	 */
	const saved = vscode.getState() || {};

	function saveState() {
		/** @type {{ taskId: string, video?: { src: string, time: number, playing: boolean } }} */
		const state = { taskId: model.id };
		if (video && video.dataset.src) {
			state.video = { src: video.dataset.src, time: video.currentTime || 0, playing: !video.paused && !video.ended };
		} else if (saved.video) {
			// The player is not built yet: keep the position saved before.
			state.video = saved.video;
		}
		vscode.setState(state);
	}

	/**
	 * @param {string} tag
	 * @param {{ className?: string, text?: string, attrs?: Record<string, string> }} [options]
	 * @param {Node[]} [children]
	 */
	function el(tag, options = {}, children = []) {
		const node = document.createElement(tag);
		if (options.className) {
			node.className = options.className;
		}
		if (options.text !== undefined) {
			node.textContent = options.text;
		}
		for (const [name, value] of Object.entries(options.attrs || {})) {
			node.setAttribute(name, value);
		}
		for (const child of children) {
			node.appendChild(child);
		}
		return node;
	}

	/**
	 * A label with `{0}` in it, as nodes: the text around the placeholder, and `node` in its place
	 * (the word order is the translation's: "Follow-up of {0}" is "{0} 的后续操作" in Chinese).
	 * @param {string} template @param {Node} node
	 * @returns {Node[]}
	 */
	function fill(template, node) {
		const at = template.indexOf('{0}');
		if (at < 0) {
			return [document.createTextNode(template), node];
		}
		return [document.createTextNode(template.slice(0, at)), node, document.createTextNode(template.slice(at + 3))];
	}

	/** A label with `{0}` replaced by `text`, as plain text (it is only ever set as textContent). @param {string} template @param {string} text */
	function format(template, text) {
		return template.split('{0}').join(text);
	}

	/** @param {string} label @param {string} command @param {string} [taskId] */
	function button(label, command, taskId) {
		const node = el('button', { text: label, attrs: { type: 'button', 'data-command': command } });
		node.addEventListener('click', () => vscode.postMessage({ type: 'command', command, taskId: taskId || model.id }));
		return node;
	}

	/** @param {string} label @param {string | undefined} value @param {boolean} [code] */
	function field(label, value, code) {
		if (value === undefined || value === null || value === '') {
			return [];
		}
		return [el('dt', { text: label }), el('dd', { className: code ? 'code' : '' }, [code ? el('code', { text: String(value) }) : document.createTextNode(String(value))])];
	}

	function ensureVideo() {
		if (video && video.dataset.src === model.playableVideoUrl) {
			return video;
		}
		videoError = undefined;
		video = /** @type {HTMLVideoElement} */ (el('video', { attrs: { controls: '', preload: 'metadata', 'data-src': model.playableVideoUrl, 'aria-label': labels.video } }));
		const resume = saved.video && saved.video.src === model.playableVideoUrl ? saved.video : undefined;
		saved.video = undefined;
		video.addEventListener('loadedmetadata', () => {
			if (video) {
				video.setAttribute('data-loaded', 'true');
				if (resume && resume.time > 0 && resume.time < video.duration) {
					video.currentTime = resume.time;
				}
				if (resume && resume.playing) {
					// Autoplay may be refused; the position is kept either way.
					video.play().catch(() => undefined);
				}
				vscode.postMessage({ type: 'videoLoaded', duration: video.duration });
			}
		});
		for (const event of ['timeupdate', 'pause', 'play', 'seeked', 'ended']) {
			video.addEventListener(event, saveState);
		}
		video.addEventListener('error', () => {
			videoError = labels.videoError;
			vscode.postMessage({ type: 'videoError' });
			render();
		});
		video.src = model.playableVideoUrl;
		return video;
	}

	/** Beside the player: why there is no sound here, and the way to hear it. */
	function soundNote() {
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
	function requestFields() {
		return [...field(labels.aspectRatio, model.aspectRatio), ...field(labels.resolution, model.resolution), ...field(labels.translation, model.translation)];
	}

	/**
	 * The request's reference images: https ones as thumbnails (the CSP's img-src names exactly their
	 * origins), others as text only. Undefined when the request had none.
	 */
	function referenceImages() {
		const images = model.referenceImages || [];
		const texts = model.referenceImageTexts || [];
		if (!images.length && !texts.length) {
			return undefined;
		}
		const list = el('ul', { className: 'reference-images', attrs: { 'data-testid': 'reference-images' } });
		images.forEach((url, index) => {
			const image = el('img', { attrs: { src: url, alt: format(labels.referenceImage, String(index + 1)), loading: 'lazy', referrerpolicy: 'no-referrer' } });
			list.appendChild(el('li', {}, [image]));
		});
		for (const text of texts) {
			list.appendChild(el('li', {}, [el('code', { text })]));
		}
		return el('section', {}, [el('h2', { text: labels.referenceImages }), list]);
	}

	/** "From the prompt file <path>", a link that opens it (a command, never a URL), and whether it changed since. */
	function promptFileLink() {
		const link = el('a', { text: model.promptFile.path, attrs: { href: '#', 'data-testid': 'prompt-file' } });
		link.addEventListener('click', (event) => {
			event.preventDefault();
			vscode.postMessage({ type: 'command', command: 'openPromptFile', taskId: model.id });
		});
		const parts = fill(labels.promptFile, link);
		if (model.promptFile.note) {
			parts.push(document.createTextNode(' · '), el('span', { className: `prompt-file-${model.promptFile.state}`, text: model.promptFile.note, attrs: { 'data-testid': 'prompt-file-state' } }));
		}
		return el('p', { className: 'prompt-file' }, parts);
	}

	function render() {
		const header = el('header', {}, [
			el('span', { className: `state state-${model.state}`, text: model.stateLabel, attrs: { 'data-testid': 'state' } }),
			el('h1', { text: model.title, attrs: { 'data-testid': 'title' } }),
		]);
		const parts = [header];

		if (model.staleReason) {
			parts.push(el('p', { className: 'notice warning', text: format(labels.lastRefreshFailed, model.staleReason), attrs: { role: 'status' } }));
		}
		if (model.failureReason) {
			parts.push(el('p', { className: 'notice error', text: model.failureReason, attrs: { 'data-testid': 'failure' } }));
		}
		if (model.parent) {
			const link = el('a', { text: model.parent.label, attrs: { href: '#', 'data-testid': 'parent' } });
			link.addEventListener('click', (event) => {
				event.preventDefault();
				vscode.postMessage({ type: 'command', command: 'openTask', taskId: model.parent.id });
			});
			parts.push(el('p', { className: 'parent' }, fill(labels.followUpOf, link)));
		}
		if (model.promptFile) {
			parts.push(promptFileLink());
		}

		if (model.playableVideoUrl) {
			const player = el('section', { className: 'player' }, [ensureVideo()]);
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
			actions.appendChild(button(labels.openInBrowser, 'openVideoExternal'));
			actions.appendChild(button(labels.copyVideoUrl, 'copyVideoUrl'));
		}
		if (model.playableVideoUrl) {
			actions.appendChild(button(labels.download, 'downloadVideo'));
			actions.appendChild(button(labels.insertVideoLink, 'insertVideoLink'));
		}
		actions.appendChild(button(labels.copyTaskId, 'copyTaskId'));
		actions.appendChild(button(labels.refresh, 'refresh'));
		if (model.canGenerateAgain) {
			actions.appendChild(button(labels.generateAgain, 'generateAgain'));
		}
		parts.push(actions);

		if (model.canFollowUp) {
			const followUps = el('div', { className: 'actions follow-ups', attrs: { role: 'group', 'aria-label': labels.followUpActions } }, [
				el('span', { className: 'label', text: labels.continueWith }),
				button(labels.get1080p, 'get1080p'),
			]);
			parts.push(followUps);
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

		if (model.followUps && model.followUps.length) {
			const list = el('ul', { className: 'follow-up-list' });
			for (const followUp of model.followUps) {
				const link = el('a', { text: followUp.label, attrs: { href: '#' } });
				link.addEventListener('click', (event) => {
					event.preventDefault();
					vscode.postMessage({ type: 'command', command: 'openTask', taskId: followUp.id });
				});
				list.appendChild(el('li', {}, [link]));
			}
			parts.push(el('section', {}, [el('h2', { text: labels.followUps }), list]));
		}

		parts.push(el('section', { className: 'json' }, [el('h2', { text: labels.taskJson }), el('pre', { text: model.json, attrs: { 'data-testid': 'json', tabindex: '0' } })]));

		app.replaceChildren(...parts);
	}

	/**
	 * What the page shows, as the extension asks for it: the tests check from the extension host that
	 * nothing from the server became markup, a handler, a link or a navigation. Read-only.
	 */
	function inspect() {
		const all = Array.from(document.querySelectorAll('*'));
		/** @type {Record<string, number>} */
		const tags = {};
		for (const node of all) {
			const tag = node.tagName.toLowerCase();
			tags[tag] = (tags[tag] || 0) + 1;
		}
		const handlers = all.flatMap((node) => Array.from(node.attributes).filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${node.tagName.toLowerCase()} ${attribute.name}`));
		/** @type {Record<string, string>} */
		const fields = {};
		for (const term of Array.from(document.querySelectorAll('dl.fields dt'))) {
			const value = term.nextElementSibling;
			fields[term.textContent || ''] = value ? value.textContent || '' : '';
		}
		const json = document.querySelector('[data-testid="json"]');
		const title = document.querySelector('[data-testid="title"]');
		const failure = document.querySelector('[data-testid="failure"]');
		const sound = document.querySelector('[data-testid="sound-note"]');
		return {
			tags,
			handlers,
			links: Array.from(document.querySelectorAll('[href]')).map((node) => `${node.tagName.toLowerCase()} ${node.getAttribute('href')}`),
			sources: Array.from(document.querySelectorAll('[src]')).map((node) => `${node.tagName.toLowerCase()} ${node.getAttribute('src')}`),
			scripts: Array.from(document.scripts).map((script) => `${script.getAttribute('src') || 'inline'}: ${(script.textContent || '').slice(0, 200)}`),
			href: location.href,
			documentTitle: document.title,
			title: title ? title.textContent : null,
			failure: failure ? failure.textContent : null,
			json: json ? json.textContent : null,
			fields,
			soundNote: sound ? sound.textContent : null,
			// Set by the payloads of the hostile test records if any of them ever ran.
			injected: /** @type {any} */ (window).__veoInjected !== undefined,
		};
	}

	window.addEventListener('message', (event) => {
		const message = event.data;
		switch (message && message.type) {
			case 'update':
				model = message.model;
				labels = model.labels || {};
				render();
				saveState();
				break;
			case 'inspect':
				// Only a test run's pages answer (the extension sets the flag in ExtensionMode.Test only).
				if (model.inspectable === true) {
					vscode.postMessage({ type: 'inspection', id: message.id, report: inspect() });
				}
				break;
		}
	});

	render();
	saveState();
	vscode.postMessage({ type: 'ready' });
})();
