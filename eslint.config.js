// Lint rules: typescript-eslint's recommended set, no `any` outside tests, plus the house rule that keeps layers apart
// (see docs/architecture.md): the schema builder never imports resolvers or datasources,
// and resolvers and datasources never import each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'resolvers/generated/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read GraphQL and HTTP responses by their shape (`data.components.nodes[0]…`) and
    // assert it; typing each response would restate every query. Everything else is typed.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Every layer below resolvers/ (src/server and src/cli are the composition roots).
    files: ['src/errors/**', 'src/config/**', 'src/model/**', 'src/schema/**', 'src/data/**', 'src/runs/**', 'src/context/**', 'src/auth/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/resolvers/**', '**/datasources/**', '**/server/**'] }],
    },
  },
  {
    files: ['resolvers/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/datasources/**', '**/server/**'] }] },
  },
  {
    files: ['datasources/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/resolvers/**', '**/schema/**', '**/server/**'] }] },
  },
);
