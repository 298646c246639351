/** videoFileName: download names keep every script's letters and are safe on Windows, macOS and Linux */
import * as assert from 'node:assert/strict';
import { truncateUtf8, videoFileName, videosFolderOf } from '../../../../src/core/util/fileNames';

const ID = '2f1c7c1e-4b5a-4978-8695-a4b3c2d1e0f9';
// Control characters are forbidden in Windows names: the point of this pattern.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function assertSafe(name: string): void {
	assert.ok(!FORBIDDEN.test(name), `${name} has no forbidden character`);
	assert.ok(!/[. ]$/.test(name), `${name} does not end in a dot or a space`);
	assert.ok(Buffer.byteLength(name, 'utf8') <= 255, `${name} fits 255 bytes`);
	assert.ok(name.length <= 255, 'and 255 UTF-16 units');
	assert.ok(Buffer.byteLength(name.normalize('NFD'), 'utf8') <= 255, 'also decomposed, as HFS+ stores it');
	assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name), `${name} is not a Windows device name`);
}

describe('videoFileName', function () {
	const cases: [string, string | undefined, string][] = [
		['English', 'A red fox in snow', 'a-red-fox-in-snow-2f1c7c1e.mp4'],
		['Chinese', '雪地里的红狐狸，慢镜头', '雪地里的红狐狸-慢镜头-2f1c7c1e.mp4'],
		['Japanese', '猫がカメラを見る', '猫がカメラを見る-2f1c7c1e.mp4'],
		['Russian', 'Рыжая лиса в снегу', 'рыжая-лиса-в-снегу-2f1c7c1e.mp4'],
		['Arabic', 'ثعلب أحمر', 'ثعلب-أحمر-2f1c7c1e.mp4'],
		['Hindi (combining marks kept)', 'लाल लोमड़ी', 'लाल-लोमड़ी-2f1c7c1e.mp4'],
		['accents kept, composed', 'Cafe\u0301 crème', 'café-crème-2f1c7c1e.mp4'],
		['full-width digits', '４Ｋ 视频', '４ｋ-视频-2f1c7c1e.mp4'],
		['only punctuation', '?!…', 'veo-2f1c7c1e.mp4'],
		['no prompt', undefined, 'veo-2f1c7c1e.mp4'],
		['forbidden characters', 'a<b>c:d"e/f\\g|h?i*j\u0007k', 'a-b-c-d-e-f-g-h-i-j-k-2f1c7c1e.mp4'],
		['bidi overrides and trailing dots', '\u202Eevil\u202C mp4. . .', 'evil-mp4-2f1c7c1e.mp4'],
		['emoji', 'fox 🦊 run', 'fox-run-2f1c7c1e.mp4'],
	];
	for (const [name, prompt, expected] of cases) {
		it(name, function () {
			const fileName = videoFileName(prompt, ID);
			assert.equal(fileName, expected);
			assertSafe(fileName);
		});
	}

	it('a device name is not produced even without a task ID', function () {
		assert.equal(videoFileName('con', ''), 'con-video.mp4');
		assertSafe(videoFileName('aux', '--'));
	});

	it('long prompts stay under the byte limits in every script, cut between characters', function () {
		for (const unit of ['a', '狐', 'ё', '𠀀', 'ड़', 'é']) {
			const name = videoFileName(unit.repeat(5_000), ID);
			assertSafe(name);
			assert.ok(Buffer.byteLength(name, 'utf8') <= 96 + '-2f1c7c1e.mp4'.length, name);
			assert.ok(!name.includes('\uFFFD'));
			assert.equal(Buffer.from(name, 'utf8').toString('utf8'), name, 'no half character');
		}
	});

	it('truncateUtf8 never splits a surrogate pair', function () {
		assert.equal(truncateUtf8('𠀀𠀀', 5), '𠀀');
		assert.equal(truncateUtf8('abc', 2), 'ab');
	});

	it('one folder for downloaded videos in a multi-root workspace: the first, whatever folder a document is in', function () {
		const first = { name: 'app', uri: { scheme: 'file' } };
		const second = { name: 'docs', uri: { scheme: 'file' } };
		// Download Video saves into this folder and Insert Video Link looks there: the same answer for both.
		assert.equal(videosFolderOf([first, second]), first);
		assert.equal(videosFolderOf([second, first]), second);
		assert.equal(
			videosFolderOf([{ name: 'remote', uri: { scheme: 'vscode-vfs' } }, first]),
			undefined,
			'a first folder not on disk has no videos/ to stream into',
		);
		assert.equal(videosFolderOf(undefined), undefined);
		assert.equal(videosFolderOf([]), undefined);
	});
});
