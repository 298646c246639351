/** A minimal event emitter for the core, which must not import `vscode` (whose EventEmitter it mirrors). */
export class Emitter<T> {
	private listeners = new Set<(event: T) => void>();

	readonly event = (listener: (event: T) => void): { dispose(): void } => {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	};

	fire(event: T): void {
		for (const listener of [...this.listeners]) {
			listener(event);
		}
	}

	dispose(): void {
		this.listeners.clear();
	}
}
