import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'coverage/']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		plugins: {'react-hooks': reactHooks},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'warn',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
			'@typescript-eslint/consistent-type-imports': 'error',
			'no-restricted-syntax': ['error', {selector: 'TSEnumDeclaration', message: 'Use a union of string literals.'}],
		},
	},
	{
		files: ['source/domain/**'],
		rules: {
			'no-restricted-imports': ['error', {patterns: [
				{group: ['node:*', 'execa', 'ssh2', 'conf', 'ink', 'ink-*', 'react', '**/executors/**', '**/state/**', '**/runner/**', '**/ui/**', '**/sandbox/**', '**/commands/**'], message: 'domain/ is pure: no I/O, no React.'},
			]}],
		},
	},
	{
		files: ['source/ui/**'],
		rules: {
			'no-restricted-imports': ['error', {paths: ['execa', 'ssh2', 'conf']}],
		},
	},
);
