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
		files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
		languageOptions: { globals: { ...globals.node } },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		files: ['media/**/*.js'],
		languageOptions: { globals: { ...globals.browser } },
	},
);
