/**
 * The generation contract of docs/api.md ("Generation"): the models, the image counts per action,
 * the forced ingredients model, the resolution, the bodies sent for a generation and Get 1080p,
 * what Generate Again reads back from a task's request, and how a failed start is judged.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorFromStatus, VeoError } from '../../../../src/core/api/veoError';
import { useTranslation } from '../../../../src/core/l10n/l10n';
import { buildGet1080pRequest, isNotOfferedError, retiredFollowUpKindOf, retiredFollowUpMessage } from '../../../../src/core/generation/followUps';
import {
	DEFAULT_MODEL,
	INGREDIENTS_MODEL,
	KNOWN_MODELS,
	buildGenerationBody,
	choicesFromRequest,
	choicesProblems,
	describeChoices,
	imageUrlsProblem,
	isModelNotSupportedMessage,
	isRetiredModel,
	modelProblem,
	modelsFor,
	type GenerationChoices,
} from '../../../../src/core/generation/generationRequest';
import { isOutcomeUnknown, validStartedTaskId } from '../../../../src/core/generation/startOutcome';
import { REPO_ROOT } from '../../../support/repoRoot';

const base: GenerationChoices = { action: 'text2video', model: 'veo31', prompt: ' A fox ', imageUrls: [], aspectRatio: '16:9', translation: false };
const urls = (count: number): string[] => Array.from({ length: count }, (_, index) => `https://example.com/${index}.png`);

describe('generation requests', function () {
	describe('models', function () {
		it('offers exactly the current models, veo31-fast first and by default, no retired ones', function () {
			assert.deepEqual([...KNOWN_MODELS].sort(), ['veo3', 'veo3-fast', 'veo31', 'veo31-fast', 'veo31-fast-ingredients'].sort());
			assert.equal(DEFAULT_MODEL, 'veo31-fast');
			assert.equal(KNOWN_MODELS[0], 'veo31-fast');
			assert.ok(isRetiredModel('veo2') && isRetiredModel('VEO2-FAST') && !isRetiredModel('veo3'));
		});

		it('keeps veo31-fast-ingredients for ingredients to video alone', function () {
			assert.ok(!modelsFor('text2video').includes(INGREDIENTS_MODEL));
			assert.ok(!modelsFor('image2video').includes(INGREDIENTS_MODEL));
			assert.deepEqual(modelsFor('ingredients2video'), [INGREDIENTS_MODEL]);
			assert.match(String(modelProblem(INGREDIENTS_MODEL, 'text2video')), /only Ingredients/);
			assert.equal(modelProblem('my-gateway-model', 'text2video'), undefined, 'a typed model is accepted');
			assert.ok(modelProblem('bad model!'));
		});

		it('recognises the API\'s "model is not supported"', function () {
			assert.ok(isModelNotSupportedMessage('The Veo API refused the request (HTTP 400, bad_request). (server said: model veo2 is not supported.)'));
			assert.ok(isModelNotSupportedMessage('model is not supported'));
			assert.ok(!isModelNotSupportedMessage('prompt is required.'));
		});

		it("keeps the server's words apart from the translated message, so the check works in every language", function () {
			useTranslation({ translate: (message) => `[zh] ${message}`, locale: 'zh-cn' });
			try {
				const error = errorFromStatus(400, { error: { code: 'bad_request', message: 'model veo2 is not supported' } }, undefined, 0);
				assert.match(error.message, /^\[zh\]/);
				assert.equal(error.serverMessage, 'model veo2 is not supported');
				assert.ok(isModelNotSupportedMessage(error.serverMessage ?? ''));
			} finally {
				useTranslation({});
			}
		});
	});

	describe('images', function () {
		it('image2video takes 1 or 2, ingredients2video 1 to 3, text2video none', function () {
			assert.ok(imageUrlsProblem('image2video', []));
			assert.equal(imageUrlsProblem('image2video', urls(1)), undefined);
			assert.equal(imageUrlsProblem('image2video', urls(2)), undefined);
			assert.match(String(imageUrlsProblem('image2video', urls(3))), /at most 2/);
			assert.equal(imageUrlsProblem('ingredients2video', urls(3)), undefined);
			assert.match(String(imageUrlsProblem('ingredients2video', urls(4))), /at most 3/);
			assert.equal(imageUrlsProblem('text2video', urls(5)), undefined);
			assert.match(String(imageUrlsProblem('image2video', ['ftp://example.com/a.png'])), /http\(s\)/);
		});
	});

	describe('bodies', function () {
		it('text2video: no images, no resolution unless chosen', function () {
			assert.deepEqual(buildGenerationBody(base), { action: 'text2video', model: 'veo31', prompt: 'A fox', aspect_ratio: '16:9', translation: false });
			assert.deepEqual(buildGenerationBody({ ...base, resolution: '4k', aspectRatio: '9:16' }), {
				action: 'text2video',
				model: 'veo31',
				prompt: 'A fox',
				aspect_ratio: '9:16',
				translation: false,
				resolution: '4k',
			});
		});

		it('ingredients2video always sends its own model, whatever was picked before', function () {
			const body = buildGenerationBody({ ...base, action: 'ingredients2video', model: 'veo3', imageUrls: urls(3), resolution: 'gif' });
			assert.equal(body.model, INGREDIENTS_MODEL);
			assert.deepEqual(body.image_urls, urls(3));
			assert.equal(body.resolution, 'gif');
			assert.match(describeChoices({ ...base, action: 'ingredients2video', imageUrls: urls(2) }), /veo31-fast-ingredients .*2 images/);
		});

		it('problems: a text model on ingredients is fine (it is replaced), the ingredients model on text is not', function () {
			assert.deepEqual(choicesProblems({ ...base, action: 'ingredients2video', imageUrls: urls(1) }), []);
			assert.equal(choicesProblems({ ...base, model: INGREDIENTS_MODEL }).length, 1);
			assert.equal(choicesProblems({ ...base, aspectRatio: '4:3' }).length, 1);
		});

		it("Get 1080p goes to /veo/videos with the video id and the task's model", function () {
			assert.deepEqual(buildGet1080pRequest('video-1', 'veo31'), {
				endpoint: '/veo/videos',
				body: { action: 'get1080p', video_id: 'video-1', model: 'veo31' },
			});
			assert.match(retiredFollowUpMessage('4k'), /Upscale to 4K is no longer offered by the Veo API/);
		});

		it('recognises tasks started by a retired follow-up (older task lists), so Generate Again can say so', function () {
			assert.equal(retiredFollowUpKindOf('4k'), '4k');
			assert.equal(retiredFollowUpKindOf(undefined, { action: 'gif', video_id: 'v' }), 'gif');
			assert.equal(retiredFollowUpKindOf(undefined, { video_id: 'v', model: 'veo31', prompt: 'longer' }), 'extend');
			assert.equal(retiredFollowUpKindOf('text2video', { action: 'text2video', prompt: 'a fox' }), undefined);
			assert.equal(retiredFollowUpKindOf('get1080p', { action: 'get1080p', video_id: 'v' }), undefined);
		});

		it('no menu, palette entry or panel button offers a retired follow-up', function () {
			const root = REPO_ROOT;
			const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
				contributes: { commands: { command: string }[]; menus: Record<string, { command: string; when?: string }[]> };
			};
			const retired = ['veoTasks.upscale4k', 'veoTasks.makeGif', 'veoTasks.extendVideo'];
			assert.deepEqual(
				manifest.contributes.commands.filter((command) => retired.includes(command.command)),
				[],
				'no retired command is contributed',
			);
			for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
				assert.deepEqual(
					entries.filter((item) => retired.includes(item.command)),
					[],
					`no retired command in ${menu}`,
				);
			}
			const page = fs.readFileSync(path.join(root, 'src', 'webview', 'taskPanel.ts'), 'utf8');
			for (const command of ['upscale4k', 'makeGif', "'extend'"]) {
				assert.ok(!page.includes(command), command);
			}
		});
	});

	describe('Generate Again reads the request back', function () {
		it('takes every field of a generation request', function () {
			const request = {
				action: 'image2video',
				model: 'veo3-fast',
				prompt: 'Waves',
				image_urls: urls(2),
				aspect_ratio: '9:16',
				resolution: '1080p',
				translation: true,
				callback_url: 'x',
			};
			assert.deepEqual(choicesFromRequest(request), {
				action: 'image2video',
				model: 'veo3-fast',
				prompt: 'Waves',
				imageUrls: urls(2),
				aspectRatio: '9:16',
				resolution: '1080p',
				translation: true,
			});
		});

		it('leaves out what is odd, and refuses what is not a generation', function () {
			assert.deepEqual(
				choicesFromRequest({ action: 'text2video', model: 'a b', prompt: 'x', aspect_ratio: '4:3', resolution: '8k', image_urls: [1, 'https://e/x.png'] }),
				{
					action: 'text2video',
					prompt: 'x',
					imageUrls: ['https://e/x.png'],
				},
			);
			assert.equal(choicesFromRequest({ action: 'get1080p', video_id: 'v' }), undefined);
			assert.equal(choicesFromRequest(undefined), undefined);
			assert.equal(choicesFromRequest('text2video'), undefined);
		});
	});

	describe('a failed start', function () {
		it('is "outcome unknown" when the request may have reached the API', function () {
			assert.ok(isOutcomeUnknown(new VeoError('timeout', 'no answer within 30 s')));
			assert.ok(isOutcomeUnknown(new VeoError('network', 'Could not reach the Veo API at x (ECONNRESET).', { systemCode: 'ECONNRESET' })));
			assert.ok(isOutcomeUnknown(new VeoError('network', 'The request was cancelled.')));
			assert.ok(isOutcomeUnknown(new VeoError('server', 'gateway', { status: 504 })));
			assert.ok(isOutcomeUnknown(new VeoError('badResponse', 'not JSON')));
		});

		it('is a plain failure when nothing was sent or the API answered no', function () {
			assert.ok(!isOutcomeUnknown(new VeoError('network', 'Could not reach the Veo API at x (ECONNREFUSED).', { systemCode: 'ECONNREFUSED' })));
			// The code decides, not the words: a translation may word the message otherwise.
			assert.ok(!isOutcomeUnknown(new VeoError('network', '无法连接到 Veo API。', { systemCode: 'ENOTFOUND' })));
			assert.ok(!isOutcomeUnknown(new VeoError('rateLimited', 'slow down', { status: 429 })));
			assert.ok(!isOutcomeUnknown(new VeoError('badRequest', 'no', { status: 400 })));
			assert.ok(!isOutcomeUnknown(new VeoError('server', 'api_error', { status: 500 })));
		});

		it('a follow-up endpoint answering no_api / api_not_implemented is "not offered"', function () {
			assert.ok(isNotOfferedError(new VeoError('endpointNotFound', 'x', { status: 404, code: 'no_api' })));
			assert.ok(isNotOfferedError(new VeoError('badRequest', 'x', { status: 400, code: 'api_not_implemented' })));
			assert.ok(!isNotOfferedError(new VeoError('badRequest', 'x', { status: 400, code: 'bad_request' })));
		});

		it('tracks only a returned task ID that is a task ID', function () {
			assert.equal(validStartedTaskId(' 2F1C7C1E-3B7A-4A5E-9D62-0C8F3E1B9A4D '), '2f1c7c1e-3b7a-4a5e-9d62-0c8f3e1b9a4d');
			for (const bad of ['', 'abc', '../../etc', '2f1c7c1e-3b7a-4a5e-9d62-0c8f3e1b9a4d\n<img>', 'x'.repeat(5000)]) {
				assert.equal(validStartedTaskId(bad), undefined, bad.slice(0, 40));
			}
		});
	});
});
