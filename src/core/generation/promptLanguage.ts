/**
 * Which language a prompt is written in, as far as the Generate wizard needs to know: whether to
 * offer the API's `translation` option (the prompt translated to English before generating, which
 * the models follow best). Pure, no VS Code, so it is unit-tested in plain Node.
 */

/**
 * Any character of the Han script (CJK ideographs, their extensions and compatibility forms).
 *
 * Han, and not "CJK" as a whole: the ideographs are the words a model trained mostly on English
 * would not understand, so they are what makes translating worth it. Full-width punctuation
 * （，。：！） and full-width digits alone are not: they turn up in English prompts typed with a
 * Chinese input method, and say nothing about the words. Japanese kanji are Han too, so a Japanese
 * prompt with kanji counts as well (translating it helps just the same); kana-only Japanese and
 * Korean hangul do not, as neither is Chinese.
 */
const HAN = /\p{Script=Han}/u;

/** Whether the text has at least one Chinese (Han) character. */
export function containsChinese(text: string): boolean {
	return HAN.test(text);
}
