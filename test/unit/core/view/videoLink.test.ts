/** Insert Video Link's text: Markdown that nothing in a prompt can break, and relative paths. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { escapeMarkdownLinkText, linkStylesFor, markdownDestination, relativeLinkPath, videoLinkText } from '../../../../src/core/view/videoLink';

const ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const URL = 'https://cdn.example.com/veo/6f1e2d3c.mp4';

describe('Video links', () => {
	it('writes a Markdown link labelled by the prompt', () => {
		assert.equal(videoLinkText('markdown', URL, 'A red fox in the snow', ID), `[A red fox in the snow](${URL})`);
	});

	it('escapes what Markdown would read in a prompt, and keeps the link on one line', () => {
		const text = videoLinkText('markdown', URL, 'evil](javascript:alert(1)) [x] *b* `c` <img src=x>\n# heading', ID);
		assert.ok(text.startsWith('[evil\\](javascript:alert(1)) \\[x\\] \\*b\\* \\`c\\` \\<img src=x\\> \\# heading]('), text);
		assert.ok(!text.includes('\n'));
		assert.ok(text.endsWith(`](${URL})`));
		assert.equal(escapeMarkdownLinkText('a\\b'), 'a\\\\b');
	});

	it('falls back to a label from the task ID without a prompt', () => {
		assert.equal(videoLinkText('markdown', URL, undefined, ID), `[Veo video 6f1e2d3c](${URL})`);
	});

	it('puts a destination with spaces or parentheses in angle brackets', () => {
		assert.equal(markdownDestination('./videos/a b.mp4'), './videos/a%20b.mp4');
		assert.equal(markdownDestination('./videos/a(1).mp4'), '<./videos/a(1).mp4>');
		assert.equal(markdownDestination('x>y'), 'x%3Ey');
	});

	it('writes an HTML video element with the source escaped', () => {
		assert.equal(videoLinkText('html', URL, 'x', ID), `<video src="${URL}" controls></video>`);
		// The quote is percent-encoded before HTML escaping even sees it: it can end no attribute.
		assert.equal(videoLinkText('html', 'https://e.com/a"onerror="x.mp4', 'x', ID), '<video src="https://e.com/a%22onerror=%22x.mp4" controls></video>');
	});

	it('offers the style of the language first', () => {
		assert.deepEqual(linkStylesFor('markdown'), ['markdown', 'html']);
		assert.equal(linkStylesFor('html')[0], 'html');
		assert.equal(linkStylesFor('python')[0], 'url');
	});

	it('links a downloaded file by its path relative to the document', () => {
		assert.equal(relativeLinkPath('/work/docs', '/work/videos/fox.mp4', path.posix), '../videos/fox.mp4');
		assert.equal(relativeLinkPath('/work', '/work/videos/fox.mp4', path.posix), './videos/fox.mp4');
		assert.equal(relativeLinkPath('C:\\work\\docs', 'C:\\work\\videos\\fox.mp4', path.win32), '../videos/fox.mp4');
		assert.equal(relativeLinkPath('C:\\work', 'D:\\videos\\fox.mp4', path.win32), undefined);
	});
});
