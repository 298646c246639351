/** The part of the webview API (`acquireVsCodeApi`, provided by VS Code) the pages use. */
export interface WebviewApi<State, Message> {
	postMessage(message: Message): void;
	getState(): State | undefined;
	setState(state: State): void;
}

declare global {
	// Provided by VS Code's webview host (a global, so it can be replaced); a page may acquire it once.
	var acquireVsCodeApi: <State = unknown, Message = unknown>() => WebviewApi<State, Message>;
}
