/** The task panel's page: its Content-Security-Policy, which videos may play, and escaping of everything from the server. */
import * as assert from 'node:assert/strict';
import { setLoopbackVideosAllowed } from '../../../../src/core/api/urlPolicy';
import type { TrackedTask } from '../../../../src/core/tasks/taskList';
import type { TaskRecord } from '../../../../src/core/tasks/taskRecord';
import { summarizeRecord, type TaskState, type TaskSummary } from '../../../../src/core/tasks/taskState';
import { JSON_VIEW_MAX_CHARS, buildTaskPanelModel, panelTitle, type TaskPanelModel } from '../../../../src/core/view/taskPanelModel';
import { mediaSources, pageLanguage, renderTaskPanelHtml, type PanelResources } from '../../../../src/core/view/taskPanelHtml';
import { formatMessage, useTranslation } from '../../../../src/core/l10n/l10n';
import { openableVideoUrl, playableVideoUrl } from '../../../../src/core/api/urlPolicy';

const ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const NONCE = 'n0nce4Test1234567890abcdefABCDEF';
const RESOURCES: PanelResources = {
	cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
	scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/taskPanel.js',
	styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/taskPanel.css',
	nonce: NONCE,
};

function task(summary: Partial<TaskSummary> & { state: TaskState }, extra: Partial<TrackedTask> = {}): TrackedTask {
	return { id: ID, addedAt: Date.UTC(2025, 6, 25), summary, ...extra };
}

function succeededWith(videoUrl: string): TrackedTask {
	return task({ state: 'succeeded', videoUrl, videoId: 'vid', prompt: 'p' });
}

function cspOf(html: string): Map<string, string[]> {
	const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
	assert.ok(match, 'the page has a CSP meta tag');
	const directives = new Map<string, string[]>();
	for (const part of match[1].split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		assert.ok(!directives.has(name), `directive ${name} appears once`);
		directives.set(name, values);
	}
	return directives;
}

function cspText(html: string): string {
	return /content="([^"]*)"/.exec(html)?.[1] ?? '';
}

function unescapeHtml(text: string): string {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
	// One pass: an escaped "&amp;" must come back as "&amp;", not as "&".
	return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) =>
		entity.startsWith('#x') || entity.startsWith('#X')
			? String.fromCodePoint(parseInt(entity.slice(2), 16))
			: entity.startsWith('#')
				? String.fromCodePoint(Number(entity.slice(1)))
				: named[entity.toLowerCase()],
	);
}

/** The model as the page's script reads it: the `data-model` attribute, unescaped, parsed. */
function modelFromHtml(html: string): TaskPanelModel {
	const attributes = [...html.matchAll(/data-model="([^"]*)"/g)];
	assert.equal(attributes.length, 1, 'exactly one data-model attribute');
	return JSON.parse(unescapeHtml(attributes[0][1])) as TaskPanelModel;
}

function render(t: TrackedTask, record?: TaskRecord): { html: string; model: TaskPanelModel } {
	const model = buildTaskPanelModel(t, record);
	return { html: renderTaskPanelHtml(model, RESOURCES), model };
}

describe('task panel', function () {
	// The fake API runs on this machine: loopback video URLs are allowed as the API session allows them then.
	before(function () {
		setLoopbackVideosAllowed(true);
	});
	after(function () {
		setLoopbackVideosAllowed(false);
	});

	describe('Content-Security-Policy', function () {
		it("starts with default-src 'none'", function () {
			const { html } = render(succeededWith('https://cdn.example/v.mp4'));
			assert.ok(cspText(html).startsWith("default-src 'none'"), cspText(html));
			assert.deepEqual(cspOf(html).get('default-src'), ["'none'"]);
		});

		it('allows scripts only by the nonce, and the only script tag carries it', function () {
			const { html } = render(succeededWith('https://cdn.example/v.mp4'));
			const csp = cspOf(html);
			assert.deepEqual(csp.get('script-src'), [`'nonce-${NONCE}'`]);
			const scripts = [...html.matchAll(/<script\b[^>]*>/gi)];
			assert.equal(scripts.length, 1);
			assert.ok(scripts[0][0].includes(`nonce="${NONCE}"`));
			assert.ok(!/unsafe-inline|unsafe-eval/.test(cspText(html)));
			assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
		});

		it("a test run's page loads the inspection script first, by the same nonce; other pages have none", function () {
			const model = buildTaskPanelModel(succeededWith('https://cdn.example/v.mp4'), undefined);
			const inspectionScriptUri = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/taskPanelInspection.js';
			const sources = (html: string): string[] =>
				[...html.matchAll(/<script nonce="([^"]*)" src="([^"]*)"><\/script>/g)].map(([, nonce, src]) => `${nonce} ${src}`);
			assert.deepEqual(sources(renderTaskPanelHtml(model, { ...RESOURCES, inspectionScriptUri })), [
				`${NONCE} ${inspectionScriptUri}`,
				`${NONCE} ${RESOURCES.scriptUri}`,
			]);
			const html = renderTaskPanelHtml(model, RESOURCES);
			assert.deepEqual(sources(html), [`${NONCE} ${RESOURCES.scriptUri}`]);
			assert.ok(!html.includes('Inspection'));
		});

		it('styles only from the extension, no images, no base or form targets', function () {
			const csp = cspOf(render(succeededWith('https://cdn.example/v.mp4')).html);
			assert.deepEqual(csp.get('style-src'), [RESOURCES.cspSource]);
			assert.deepEqual(csp.get('img-src'), ["'none'"]);
			assert.deepEqual(csp.get('base-uri'), ["'none'"]);
			assert.deepEqual(csp.get('form-action'), ["'none'"]);
			assert.equal(csp.get('connect-src'), undefined, 'no connect-src: default-src none applies');
			assert.equal(csp.get('frame-src'), undefined);
		});

		it('media-src is https: alone for an https video', function () {
			assert.deepEqual(cspOf(render(succeededWith('https://platform.cdn.acedata.cloud/veo/x.mp4')).html).get('media-src'), ['https:']);
		});

		it('media-src is https: alone when there is no video', function () {
			assert.deepEqual(cspOf(render(task({ state: 'running' })).html).get('media-src'), ['https:']);
		});

		for (const [url, origin] of [
			['http://127.0.0.1:8123/files/sample.mp4', 'http://127.0.0.1:8123'],
			['http://localhost:3000/v.mp4', 'http://localhost:3000'],
			['http://127.0.0.1/v.mp4', 'http://127.0.0.1'],
		] as const) {
			it(`media-src adds exactly ${origin} for ${url}`, function () {
				assert.deepEqual(cspOf(render(succeededWith(url)).html).get('media-src'), ['https:', origin]);
			});
		}

		for (const url of [
			'http://public.example/v.mp4',
			'http://127.0.0.1.evil.example/v.mp4',
			'http://localhost.evil.example/v.mp4',
			'javascript:alert(1)',
			'data:video/mp4;base64,AAAA',
			'blob:https://x/y',
			'file:///etc/passwd',
			'ftp://127.0.0.1/v.mp4',
			'http://user:pw@127.0.0.1:1/v.mp4',
		]) {
			it(`${url} is not playable and adds nothing to media-src`, function () {
				const { html, model } = render(succeededWith(url));
				assert.equal(model.playableVideoUrl, undefined);
				assert.equal(playableVideoUrl(url), undefined);
				assert.deepEqual(cspOf(html).get('media-src'), ['https:']);
				assert.equal(model.videoUrlText, url, 'shown as text instead');
			});
		}

		it('a hostile loopback URL cannot inject CSP directives', function () {
			const url = "http://127.0.0.1:9/v.mp4; script-src 'unsafe-inline' *";
			const { html } = render(succeededWith(url));
			const csp = cspOf(html);
			assert.deepEqual(csp.get('script-src'), [`'nonce-${NONCE}'`]);
			assert.ok(!cspText(html).includes('unsafe-inline'));
		});

		it('mediaSources uses the normalised origin', function () {
			assert.equal(mediaSources({ playableVideoUrl: 'HTTP://LOCALHOST:8080/x.mp4' }), 'https: http://localhost:8080');
			assert.equal(mediaSources({ playableVideoUrl: undefined }), 'https:');
		});

		it('openableVideoUrl lets the browser have http(s) only', function () {
			assert.equal(openableVideoUrl('http://public.example/v.mp4')?.href, 'http://public.example/v.mp4');
			for (const url of ['javascript:alert(1)', 'vscode://x', 'file:///etc/passwd', 'data:text/html,x', undefined, '']) {
				assert.equal(openableVideoUrl(url), undefined, String(url));
			}
			assert.equal(buildTaskPanelModel(succeededWith('http://public.example/v.mp4'), undefined).canOpenExternal, true);
			assert.equal(buildTaskPanelModel(succeededWith('javascript:alert(1)'), undefined).canOpenExternal, false);
		});
	});

	describe('escaping', function () {
		const evil = `"><script>alert(1)</script><img src=x onerror=alert(1)>'&amp;</body></html><!--`;

		it('hostile strings in every field reach the page only escaped, and come back intact from data-model', function () {
			const summary: TaskSummary = {
				state: 'failed',
				prompt: `prompt ${evil}`,
				model: evil,
				action: evil,
				failureReason: `reason ${evil}`,
				traceId: evil,
				videoUrl: `https://cdn.example/${evil}`,
				completedAt: evil,
				createdAt: Date.UTC(2025, 6, 25),
				rawState: evil,
			};
			const parent = task({ state: 'succeeded', prompt: `parent ${evil}` }, { id: '0b9c8d7e-6f50-4a1b-9c2d-3e4f5a6b7c8d' });
			const record: TaskRecord = { id: ID, [evil]: evil, nested: { [`</script>${evil}`]: [evil, { '"': "'" }] } };
			const t = task(summary, { staleReason: `stale ${evil}`, parentId: parent.id });
			const model = buildTaskPanelModel(t, record, {
				parent,
				followUps: [task({ state: 'running', prompt: evil }, { id: 'c0ffee00-1234-4abc-8def-0123456789ab' })],
			});
			const html = renderTaskPanelHtml(model, RESOURCES);

			assert.equal((html.match(/<script/gi) ?? []).length, 1, 'only the page script');
			assert.equal((html.match(/<\/script/gi) ?? []).length, 1);
			assert.ok(!/<img/i.test(html));
			assert.ok(!html.includes('<!--'));
			assert.equal((html.match(/<\/body>/g) ?? []).length, 1);
			assert.equal((html.match(/<\/html>/g) ?? []).length, 1);
			assert.ok(!html.includes('alert(1)"'), 'no quote closes an attribute after the payload');

			// Every attribute value is closed by its own quote: the tag structure is what the template wrote.
			const tags = [...html.matchAll(/<([a-z!/][^>]*)>/gi)].map((m) => m[1].split(/\s/)[0].toLowerCase());
			assert.deepEqual(tags, [
				'!doctype',
				'html',
				'head',
				'meta',
				'meta',
				'meta',
				'link',
				'title',
				'/title',
				'/head',
				'body',
				'main',
				'/main',
				'script',
				'/script',
				'/body',
				'/html',
			]);

			const back = modelFromHtml(html);
			assert.deepEqual(back, JSON.parse(JSON.stringify(model)));
			assert.equal(back.prompt, `prompt ${evil}`);
			assert.equal(back.failureReason, `reason ${evil}`);
			assert.equal(back.traceId, evil);
			assert.equal(back.videoUrlText, `https://cdn.example/${evil}`);
			assert.equal(back.staleReason, `stale ${evil}`);
			assert.equal(back.parent?.label, panelTitle(parent));
			assert.deepEqual(JSON.parse(back.json), record);

			// The title is escaped too.
			const title = /<title>([^<]*)<\/title>/.exec(html);
			assert.ok(title);
			assert.equal(unescapeHtml(title[1]), model.title);
		});

		it('hostile ids and resources are escaped', function () {
			const weird = task({ state: 'unknown' }, { id: `"><script>x</script>` });
			const html = renderTaskPanelHtml(buildTaskPanelModel(weird, undefined), {
				...RESOURCES,
				scriptUri: 'https://x/"><script>y</script>',
				styleUri: 'https://x/"onload="z',
			});
			assert.equal((html.match(/<script/gi) ?? []).length, 1);
			assert.ok(!html.includes('"onload="'));
			assert.equal(modelFromHtml(html).id, weird.id);
		});

		it('unicode, line separators and lone surrogates survive the round trip', function () {
			const text = 'ünïcödé 🎬 \u2028\u2029 \ud800 end';
			const back = modelFromHtml(render(task({ state: 'succeeded', prompt: text })).html);
			assert.equal(back.prompt, text);
		});
	});

	describe('buildTaskPanelModel', function () {
		it('a record nested 10,000 deep does not throw', function () {
			const record: TaskRecord = { id: ID };
			let cursor: Record<string, unknown> = record;
			for (let i = 0; i < 10_000; i++) {
				const next: Record<string, unknown> = {};
				cursor.child = next;
				cursor = next;
			}
			// buildTaskPanelModel throwing fails the test by itself.
			const model = buildTaskPanelModel(task(summarizeRecord(record)), record);
			assert.ok(model.json.length > 0);
			assert.equal(model.id, ID);
			assert.doesNotThrow(() => renderTaskPanelHtml(model, RESOURCES));
		});

		it('cuts a huge record in the JSON view', function () {
			const record: TaskRecord = { id: ID, blob: 'x'.repeat(JSON_VIEW_MAX_CHARS + 10) };
			const model = buildTaskPanelModel(task({ state: 'running' }), record);
			assert.ok(model.json.length < JSON_VIEW_MAX_CHARS + 200);
			assert.match(model.json, /cut/);
		});

		it('says when nothing was fetched yet', function () {
			assert.match(buildTaskPanelModel(task({ state: 'unknown' }), undefined).json, /Not fetched yet/);
		});

		it('shows the failure reason only for failed tasks, follow-ups only for succeeded tasks with a video id', function () {
			assert.equal(buildTaskPanelModel(task({ state: 'running', failureReason: 'x' }), undefined).failureReason, undefined);
			assert.equal(buildTaskPanelModel(task({ state: 'failed', failureReason: 'x' }), undefined).failureReason, 'x');
			assert.equal(buildTaskPanelModel(succeededWith('https://cdn.example/v.mp4'), undefined).canFollowUp, true);
			assert.equal(buildTaskPanelModel(task({ state: 'succeeded', videoUrl: 'https://cdn.example/v.mp4' }), undefined).canFollowUp, false);
		});

		it("offers Generate Again only when the task's request (a generation action and its prompt) is known", function () {
			assert.equal(buildTaskPanelModel(task({ state: 'failed', action: 'text2video', prompt: 'a fox' }), undefined).canGenerateAgain, true);
			assert.equal(buildTaskPanelModel(task({ state: 'succeeded', action: 'get1080p', prompt: 'a fox' }), undefined).canGenerateAgain, false);
			assert.equal(buildTaskPanelModel(task({ state: 'unknown' }), undefined).canGenerateAgain, false);
		});

		it('titles: the shortened prompt, else "Veo task" and the id prefix', function () {
			assert.equal(buildTaskPanelModel(task({ state: 'unknown' }), undefined).title, 'Veo task 6f1e2d3c');
			const long = buildTaskPanelModel(task({ state: 'running', prompt: 'y'.repeat(100) }), undefined).title;
			assert.ok(long.length <= 40 && long.endsWith('…'));
		});

		it('playableVideoUrl is the normalised href of an https URL', function () {
			assert.equal(buildTaskPanelModel(succeededWith(' https://CDN.example/v.mp4 '), undefined).playableVideoUrl, 'https://cdn.example/v.mp4');
		});
	});

	describe('display language', function () {
		afterEach(function () {
			useTranslation({});
		});

		it('the page says its language: the display language passed in, else en', function () {
			const t = succeededWith('https://cdn.example/v.mp4');
			const lang = (language?: string): string | undefined =>
				/<html lang="([^"]*)">/.exec(renderTaskPanelHtml(buildTaskPanelModel(t, undefined), { ...RESOURCES, language }))?.[1];
			assert.equal(lang(undefined), 'en');
			for (const tag of ['en', 'zh-cn', 'zh-tw', 'qps-ploc', 'pt-BR', 'de']) {
				assert.equal(lang(tag), tag);
			}
		});

		it('a language that is not a language tag never reaches the markup', function () {
			for (const hostile of ['', ' ', 'en" onload="alert(1)', 'zh_CN', '<script>', 'e', 'english-language-name', 'zh-cn ', '../x']) {
				assert.equal(pageLanguage(hostile), 'en', JSON.stringify(hostile));
				const html = renderTaskPanelHtml(buildTaskPanelModel(succeededWith('https://cdn.example/v.mp4'), undefined), { ...RESOURCES, language: hostile });
				assert.ok(html.includes('<html lang="en">'), hostile);
				assert.equal((html.match(/<script/gi) ?? []).length, 1);
			}
		});

		it('the model carries every label the page shows, in English by default', function () {
			const { labels } = buildTaskPanelModel(task({ state: 'unknown' }), undefined);
			assert.ok(Object.keys(labels).length > 5);
			for (const [name, label] of Object.entries(labels)) {
				assert.ok(label.trim(), `labels.${name} is not empty`);
				assert.doesNotMatch(label, /\p{Script=Han}/u, `labels.${name} is English`);
			}
			assert.equal(labels.openInBrowser, 'Open in Browser');
			assert.equal(labels.followUpOf, 'Follow-up of {0}');
		});

		it("labels, the fallback title, the stalled state and the JSON placeholder come from the core's l10n.t, and survive data-model", function () {
			useTranslation({ translate: (message, args) => `«${formatMessage(message, args)}»` });
			const stalled = task({ state: 'running', createdAt: Date.UTC(2025, 6, 25) });
			const model = buildTaskPanelModel(stalled, undefined, {}, Date.UTC(2025, 6, 26), { giveUpAfterMs: 60_000 });
			assert.equal(model.title, '«Veo task 6f1e2d3c»');
			assert.match(model.stateLabel, /^«.*\(stalled: no longer polled\)»$/);
			assert.match(model.json, /^«\/\/ Not fetched yet/);
			for (const [name, label] of Object.entries(model.labels)) {
				assert.match(label, /^«.*»$/s, `labels.${name} is translated`);
			}
			assert.deepEqual(modelFromHtml(renderTaskPanelHtml(model, { ...RESOURCES, language: 'zh-cn' })).labels, model.labels);
		});
	});
});
