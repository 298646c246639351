// TokenStore driven directly on an in-memory SecretStorage and an injected environment.
import * as assert from 'node:assert/strict';
import { TOKEN_ENV_VARIABLE, TOKEN_SECRET_KEY } from '../../../src/constants';
import { TokenStore } from '../../../src/services/tokenStore';
import { MemorySecretStorage, nextEvent } from './doubles';

describe('Adapter: TokenStore on an in-memory SecretStorage', () => {
	const disposables: { dispose(): void }[] = [];

	function store(env: NodeJS.ProcessEnv = {}): { tokens: TokenStore; secrets: MemorySecretStorage } {
		const secrets = new MemorySecretStorage();
		const tokens = new TokenStore(secrets, env);
		disposables.push(tokens, secrets);
		return { tokens, secrets };
	}

	afterEach(() => {
		for (const disposable of disposables.splice(0)) {
			disposable.dispose();
		}
	});

	it('set stores the trimmed token, get reads it, clear deletes it', async () => {
		const { tokens, secrets } = store();
		assert.equal(await tokens.get(), undefined);
		assert.equal(await tokens.source(), undefined);

		await tokens.set('  secret-token-1  ');
		assert.equal(secrets.values.get(TOKEN_SECRET_KEY), 'secret-token-1');
		assert.equal(await tokens.get(), 'secret-token-1');
		assert.equal(await tokens.source(), 'stored');

		await tokens.clear();
		assert.equal(secrets.values.has(TOKEN_SECRET_KEY), false);
		assert.equal(await tokens.get(), undefined);
	});

	it('onDidChange fires on set, on clear and when another window changes the secret', async () => {
		const { tokens, secrets } = store();
		let fired = 0;
		disposables.push(tokens.onDidChange(() => fired++));

		await tokens.set('one');
		// The store fires its own event and the SecretStorage's change event is relayed too.
		assert.ok(fired >= 1, `fired ${fired} times`);

		const before = fired;
		const changed = nextEvent(tokens.onDidChange);
		secrets.changeFromElsewhere(TOKEN_SECRET_KEY, 'from-another-window');
		await changed;
		assert.equal(fired, before + 1);
		assert.equal(await tokens.get(), 'from-another-window');

		const unrelated = fired;
		secrets.changeFromElsewhere('someone.elses.secret', 'x');
		assert.equal(fired, unrelated, 'a change of another key does not fire');

		const cleared = fired;
		await tokens.clear();
		assert.ok(fired > cleared);
	});

	it('falls back to the environment variable; a stored token wins over it', async () => {
		const { tokens } = store({ [TOKEN_ENV_VARIABLE]: '  env-token  ' });
		assert.equal(await tokens.get(), 'env-token');
		assert.equal(await tokens.source(), 'environment');

		await tokens.set('stored-token');
		assert.equal(await tokens.get(), 'stored-token');
		assert.equal(await tokens.source(), 'stored');

		await tokens.clear();
		assert.equal(await tokens.get(), 'env-token');
	});

	it('a blank environment variable or stored value counts as no token', async () => {
		const { tokens, secrets } = store({ [TOKEN_ENV_VARIABLE]: '   ' });
		secrets.values.set(TOKEN_SECRET_KEY, '  ');
		assert.equal(await tokens.get(), undefined);
		assert.equal(await tokens.source(), undefined);
	});
});
