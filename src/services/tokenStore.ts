import * as vscode from 'vscode';
import { ContextKeys, TOKEN_ENV_VARIABLE, TOKEN_SECRET_KEY } from '../constants';

export type TokenSource = 'stored' | 'environment';

/**
 * The API token: in SecretStorage only (never in settings or state), with the environment variable
 * the provider's own tools read as a fallback. A stored token wins over the environment.
 */
export class TokenStore implements vscode.Disposable {
	private readonly changeEmitter = new vscode.EventEmitter<void>();
	readonly onDidChange = this.changeEmitter.event;
	private readonly subscription: vscode.Disposable;

	constructor(
		private readonly secrets: vscode.SecretStorage,
		private readonly env: NodeJS.ProcessEnv = process.env,
	) {
		// Another window of the same profile may set or clear the token.
		this.subscription = secrets.onDidChange((event) => {
			if (event.key === TOKEN_SECRET_KEY) {
				void this.updateContext();
				this.changeEmitter.fire();
			}
		});
	}

	async get(): Promise<string | undefined> {
		return (await this.stored()) ?? this.fromEnvironment();
	}

	async source(): Promise<TokenSource | undefined> {
		if (await this.stored()) {
			return 'stored';
		}
		return this.fromEnvironment() ? 'environment' : undefined;
	}

	async set(token: string): Promise<void> {
		await this.secrets.store(TOKEN_SECRET_KEY, token.trim());
		await this.updateContext();
		this.changeEmitter.fire();
	}

	async clear(): Promise<void> {
		await this.secrets.delete(TOKEN_SECRET_KEY);
		await this.updateContext();
		this.changeEmitter.fire();
	}

	/** Keeps the welcome view and menus in step with whether a token is available. */
	async updateContext(): Promise<void> {
		const stored = (await this.stored()) !== undefined;
		await vscode.commands.executeCommand('setContext', ContextKeys.hasStoredToken, stored);
		await vscode.commands.executeCommand('setContext', ContextKeys.hasToken, stored || this.fromEnvironment() !== undefined);
	}

	private async stored(): Promise<string | undefined> {
		try {
			const value = await this.secrets.get(TOKEN_SECRET_KEY);
			return value?.trim() || undefined;
		} catch {
			// The OS keyring can be unavailable (Linux without a secret service): act as if nothing is stored.
			return undefined;
		}
	}

	private fromEnvironment(): string | undefined {
		return this.env[TOKEN_ENV_VARIABLE]?.trim() || undefined;
	}

	dispose(): void {
		this.subscription.dispose();
		this.changeEmitter.dispose();
	}
}
