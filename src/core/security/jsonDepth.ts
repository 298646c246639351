/**
 * How deeply a JSON text nests, found by one linear pass before JSON.parse ever sees it: a file of
 * millions of `[` would make the parser (and everything that walks its result) work for seconds and
 * take gigabytes. The scanner takes the text in pieces, so a reader can stop at the first piece
 * that goes too deep, without reading the rest.
 */

/** No task list nests deeper than a handful of levels; 64 leaves room for any honest JSON. */
export const MAX_JSON_DEPTH = 64;

export class JsonDepthScanner {
	private depth = 0;
	private inString = false;
	private escaped = false;
	/** The deepest nesting seen so far. */
	deepest = 0;

	constructor(private readonly maxDepth: number = MAX_JSON_DEPTH) {}

	/** Takes the next piece of the text; false once the nesting went deeper than allowed. */
	feed(piece: string): boolean {
		let { depth, inString, escaped, deepest } = this;
		for (let i = 0; i < piece.length; i++) {
			const code = piece.charCodeAt(i);
			if (inString) {
				if (escaped) {
					escaped = false;
				} else if (code === 0x5c /* \ */) {
					escaped = true;
				} else if (code === 0x22 /* " */) {
					inString = false;
				}
				continue;
			}
			if (code === 0x22) {
				inString = true;
			} else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
				depth++;
				if (depth > deepest) {
					deepest = depth;
					if (deepest > this.maxDepth) {
						Object.assign(this, { depth, inString, escaped, deepest });
						return false;
					}
				}
			} else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
				depth = Math.max(0, depth - 1);
			}
		}
		Object.assign(this, { depth, inString, escaped, deepest });
		return true;
	}

	get tooDeep(): boolean {
		return this.deepest > this.maxDepth;
	}
}

/** Whether a whole text nests no deeper than `maxDepth`. */
export function jsonDepthWithin(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
	return new JsonDepthScanner(maxDepth).feed(text);
}
