/**
 * Whether a prompt is Chinese, which decides if the Generate wizard offers to translate it: Han
 * characters count (so Japanese kanji count too), full-width punctuation and digits alone do not.
 */
import * as assert from 'node:assert/strict';
import { containsChinese } from '../../../../src/core/generation/promptLanguage';

describe('containsChinese', () => {
	it('is true for Simplified and Traditional Chinese, alone or among English', () => {
		assert.equal(containsChinese('一只红狐狸在黎明的雪地里行走'), true);
		assert.equal(containsChinese('一隻紅狐狸在黎明的雪地裡行走'), true);
		assert.equal(containsChinese('A red fox in the snow, 电影感'), true);
		assert.equal(containsChinese('猫'), true);
	});

	it('is true for Japanese with kanji (kanji are Han characters), false for kana alone', () => {
		assert.equal(containsChinese('雪の中を歩く赤い狐'), true);
		assert.equal(containsChinese('ゆきのなかをあるく'), false);
	});

	it('is true for a Han character outside the Basic Multilingual Plane (Extension B)', () => {
		assert.equal(containsChinese('𠀋'), true);
	});

	it('is false for English, digits, symbols and Korean', () => {
		assert.equal(containsChinese('A red fox walking through fresh snow at dawn, cinematic'), false);
		assert.equal(containsChinese('1080p 16:9 2025-07-25 #42 $(check)'), false);
		assert.equal(containsChinese('눈 속의 여우'), false);
	});

	it('is false for full-width punctuation and full-width digits without Chinese words', () => {
		assert.equal(containsChinese('A fox，in the snow。（cinematic）：！？'), false);
		assert.equal(containsChinese('１２３「」『』、…'), false);
	});

	it('is false for an empty or blank prompt', () => {
		assert.equal(containsChinese(''), false);
		assert.equal(containsChinese('   \n\t'), false);
	});
});
