import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through libs/application config (ARCHITECTURE.md rule 7).' },
      ],
    },
  },
  {
    // Config readers, test set-up, benchmarks and the CLI bootstrap may read the environment.
    files: ['**/config/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts', '**/test-support/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain never reads the clock: now comes with the command.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The domain never reads the clock.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'The domain makes no randomness or ids.' },
        { selector: "MemberExpression[object.name='process']", message: 'The domain does no I/O.' },
      ],
    },
  },
);
