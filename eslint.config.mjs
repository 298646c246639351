// Flat config: typescript-eslint's recommended and stylistic rules, plus the few that catch real bugs.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
	{
		ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', 'test-artifacts/', '*.vsix'],
	},
	eslint.configs.recommended,
	...tseslint.configs.recommended,
	...tseslint.configs.stylistic,
	{
		rules: {
			curly: 'error',
			eqeqeq: 'error',
			'no-throw-literal': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		// The core runs in plain Node (its tests need no VS Code), so it never imports vscode; the editor shows
		// this at once, and scripts/checkLayers.mjs (in `npm run lint`) checks every layer.
		files: ['src/core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: [{ name: 'vscode', message: 'src/core/ is the pure layer: put VS Code code in an adapter outside src/core/.' }] },
			],
		},
	},
	{
		files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
		languageOptions: { globals: { ...globals.node } },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		files: ['media/**/*.js'],
		languageOptions: { globals: { ...globals.browser } },
	},
);
