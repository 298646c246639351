/**
 * Every `/veo/videos` body the extension can send, built with the functions the product uses, is
 * one the provider's own OpenAPI accepts (src/core/generation/veoVideosRequest.ts says which spec,
 * commit and date). Bodies the spec refuses are refused, so the check can fail.
 */
import * as assert from 'node:assert/strict';
import { buildGet1080pRequest } from '../../../../src/core/generation/followUps';
import {
	ASPECT_RATIOS,
	GENERATION_ACTIONS,
	KNOWN_MODELS,
	RESOLUTIONS,
	buildGenerationBody,
	choicesFromRequest,
	choicesProblems,
	imageCountRange,
	modelsFor,
	type GenerationChoices,
	type GenerationResolution,
} from '../../../../src/core/generation/generationRequest';
import { startFakeVeoServer, type FakeVeoServer } from '../../../fakeApi/fakeVeoServer';
import {
	VEO_ASPECT_RATIOS,
	VEO_RESOLUTIONS,
	VEO_VIDEO_MODELS,
	VEO_VIDEOS_SPEC_SOURCE,
	requestProblemText,
	veoVideosRequestProblems,
	type RequestProblem,
} from '../../../../src/core/generation/veoVideosRequest';

const urls = (count: number): string[] => Array.from({ length: count }, (_, index) => `https://example.com/frame-${index}.png`);

/** What the client puts on the wire: the body plus `async: true` (VeoClient.startTask). */
const sent = (body: Record<string, unknown>): Record<string, unknown> => ({ ...body, async: true });

/** Every combination the wizard (and so Generate Again, which runs the same wizard) can finish with. */
function everyWizardChoice(): GenerationChoices[] {
	const all: GenerationChoices[] = [];
	for (const { action } of GENERATION_ACTIONS) {
		const { min, max } = imageCountRange(action);
		for (const model of modelsFor(action)) {
			for (let images = min; images <= max; images++) {
				for (const aspectRatio of ASPECT_RATIOS) {
					for (const resolution of [undefined, ...RESOLUTIONS] as (GenerationResolution | undefined)[]) {
						for (const translation of [false, true]) {
							all.push({ action, model, prompt: 'A red fox runs through snow at dawn', imageUrls: urls(images), aspectRatio, resolution, translation });
						}
					}
				}
			}
		}
	}
	return all;
}

function kinds(problems: RequestProblem[]): string[] {
	return problems.map((problem) => problem.kind);
}

describe('Requests the provider accepts (/veo/videos contract)', () => {
	it('cites the spec it was derived from', () => {
		assert.match(VEO_VIDEOS_SPEC_SOURCE.commit, /^[0-9a-f]{40}$/);
		assert.match(VEO_VIDEOS_SPEC_SOURCE.date, /^\d{4}-\d{2}-\d{2}$/);
		assert.equal(VEO_VIDEOS_SPEC_SOURCE.repository, 'AceDataCloud/SDK');
	});

	it('the wizard offers only what the spec lists: models, aspect ratios, resolutions', () => {
		for (const model of KNOWN_MODELS) {
			assert.ok((VEO_VIDEO_MODELS as readonly string[]).includes(model), model);
		}
		assert.deepEqual([...ASPECT_RATIOS].sort(), [...VEO_ASPECT_RATIOS].sort());
		assert.deepEqual([...RESOLUTIONS].sort(), [...VEO_RESOLUTIONS].sort());
	});

	const choices = everyWizardChoice();
	it(`every wizard combination (${choices.length}: action × model × images × aspect ratio × resolution × translation) is accepted`, () => {
		// 4 text2video models × 2 × 4 × 2, + 4 image2video models × 2 counts × 16, + 1 ingredients model × 3 counts × 16.
		assert.equal(choices.length, 4 * 16 + 4 * 2 * 16 + 1 * 3 * 16);
		for (const choice of choices) {
			assert.deepEqual(choicesProblems(choice), [], `the wizard lets ${JSON.stringify(choice)} through`);
			const body = sent(buildGenerationBody(choice));
			assert.deepEqual(veoVideosRequestProblems(body), [], JSON.stringify(body));
		}
	});

	it("Generate Again: every body read back from a task's request and sent again is accepted, and unchanged", () => {
		for (const choice of choices) {
			const first = buildGenerationBody(choice);
			const again = choicesFromRequest({ ...first, async: true });
			assert.ok(again);
			const body = buildGenerationBody({ ...choice, ...again } as GenerationChoices);
			assert.deepEqual(body, first);
			assert.deepEqual(veoVideosRequestProblems(sent(body)), []);
		}
	});

	it('Get 1080p of a video of every model is accepted', () => {
		for (const model of KNOWN_MODELS) {
			const { endpoint, body } = buildGet1080pRequest('video-7f3a', model);
			assert.equal(endpoint, '/veo/videos');
			assert.deepEqual(veoVideosRequestProblems(sent(body)), [], model);
		}
	});

	it('image counts the wizard refuses, the spec refuses too (and the other way round)', () => {
		for (const { action } of GENERATION_ACTIONS) {
			for (const model of modelsFor(action)) {
				for (let images = 0; images <= 4; images++) {
					const choice: GenerationChoices = { action, model, prompt: 'p', imageUrls: urls(images), aspectRatio: '16:9', translation: false };
					// buildGenerationBody leaves text2video's images out, as the wizard clears them.
					const body = { ...buildGenerationBody(choice), ...(images > 0 ? { image_urls: urls(images) } : {}) };
					const wizardAccepts = choicesProblems(choice).length === 0 && (action !== 'text2video' || images === 0);
					assert.equal(veoVideosRequestProblems(sent(body)).length === 0, wizardAccepts, `${action} ${model} with ${images} images`);
				}
			}
		}
	});

	describe('refuses what the spec refuses', () => {
		const good = { action: 'text2video', model: 'veo31-fast', prompt: 'A fox', aspect_ratio: '16:9', async: true };
		const cases: [string, unknown, string[]][] = [
			['a body that is not an object', ['text2video'], ['notObject']],
			['no action', { prompt: 'A fox' }, ['missing']],
			['an action not in the spec', { ...good, action: 'extend' }, ['notInEnum']],
			['a retired model', { ...good, model: 'veo2' }, ['notInEnum']],
			['a retired aspect ratio', { ...good, aspect_ratio: '4:3' }, ['notInEnum']],
			['a resolution not in the spec', { ...good, resolution: '720p' }, ['notInEnum']],
			['translation as a string', { ...good, translation: 'yes' }, ['wrongType']],
			['async as a string', { ...good, async: 'true' }, ['wrongType']],
			['an image URL that is not a string', { ...good, action: 'image2video', image_urls: [42] }, ['wrongType']],
			['a field the spec does not list', { ...good, aspectRatio: '16:9' }, ['unknownField']],
			['image2video with three images', { ...good, action: 'image2video', image_urls: urls(3) }, ['imageCount']],
			['image2video without images', { ...good, action: 'image2video' }, ['imageCount']],
			['ingredients2video with four images', { ...good, action: 'ingredients2video', model: 'veo31-fast-ingredients', image_urls: urls(4) }, ['imageCount']],
			['text2video with images', { ...good, image_urls: urls(1) }, ['imagesNotAllowed']],
			['video_id on a generation', { ...good, video_id: 'v1' }, ['videoIdNotAllowed']],
			['get1080p without video_id', { action: 'get1080p', model: 'veo31' }, ['missing']],
			['ingredients2video on another model', { ...good, action: 'ingredients2video', image_urls: urls(1) }, ['ingredientsModel']],
			['the ingredients model for text2video', { ...good, model: 'veo31-fast-ingredients' }, ['ingredientsModel']],
			['a generation without a prompt', { action: 'text2video', model: 'veo3' }, ['missing']],
			['a blank prompt', { ...good, prompt: '   ' }, ['emptyPrompt']],
		];
		for (const [name, body, expected] of cases) {
			it(name, () => {
				const problems = veoVideosRequestProblems(body);
				assert.deepEqual(kinds(problems), expected, JSON.stringify(problems));
				for (const problem of problems) {
					assert.ok(requestProblemText(problem).length > 0);
				}
			});
		}
		describe('the fake API answers as the provider would', () => {
			let server: FakeVeoServer;
			before(async () => {
				server = await startFakeVeoServer();
			});
			after(() => server.close());
			const post = async (body: unknown): Promise<{ status: number; code?: string }> => {
				const answer = await fetch(`${server.url}/veo/videos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
				const json = (await answer.json()) as { error?: { code?: string } };
				return { status: answer.status, code: json.error?.code };
			};
			it('refuses every body the schema refuses with a 400 bad_request', async () => {
				for (const [name, body] of cases) {
					assert.deepEqual(await post(body), { status: 400, code: 'bad_request' }, name);
				}
			});
			it('accepts every body the extension sends (a sample of each action, and Get 1080p)', async () => {
				for (const { action } of GENERATION_ACTIONS) {
					const choice = choices.find((candidate) => candidate.action === action && candidate.imageUrls.length === imageCountRange(action).max);
					assert.ok(choice);
					assert.equal((await post(sent(buildGenerationBody(choice)))).status, 200, action);
				}
				assert.equal((await post(sent(buildGet1080pRequest('video-7f3a', 'veo31').body))).status, 200);
			});
		});

		it('reports each problem of a body with several', () => {
			assert.deepEqual(kinds(veoVideosRequestProblems({ action: 'image2video', model: 'veo2', prompt: 'p', video_id: 'v' })).sort(), [
				'imageCount',
				'notInEnum',
				'videoIdNotAllowed',
			]);
		});
	});
});
