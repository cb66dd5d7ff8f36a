// Lint rules: typescript-eslint's recommended set, no `any` outside tests, no import cycles, and one block per layer that
// says what the layer may not import (docs/architecture.md lists them). Layers, inner first:
//   src/errors ← src/model/files ← src/config ← src/model ← src/schema ← src/data ← src/runs
//   ← src/auth, src/context ← resolvers/ ← src/server (the composition root); datasources/ use the
//   src contracts only; src/cli is a client of the server.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** A zone of import-x/no-restricted-paths: files under `target` may not import from `from`. */
const zone = (target, from, message) => ({ target, from, message });

/** Network, Redis and server libraries: the model and the schema builder are pure. */
const IO_LIBRARIES = ['ioredis', 'bullmq', 'express', 'ws', 'graphql-ws', 'graphql-ws/*', '@apollo/server', '@apollo/server/*', 'node:http', 'node:https', 'node:net', '@kubernetes/client-node', '@octokit/*', '@aws-sdk/*'];

const layer = (files, zones, libraries = []) => ({
  files,
  rules: {
    'import-x/no-restricted-paths': ['error', { zones }],
    ...(libraries.length ? { 'no-restricted-imports': ['error', { patterns: [{ group: libraries, message: 'this layer does no I/O: see docs/architecture.md' }] }] } : {}),
  },
});

const OUTER = ['./src/server', './resolvers', './datasources', './src/cli'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'resolvers/generated/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Tests read GraphQL and HTTP responses by their shape (`data.components.nodes[0]…`) and
    // assert it; typing each response would restate every query. Everything else is typed.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  layer(['src/errors/**'], [zone('./src/errors', ['./src/config', './src/model', './src/schema', './src/data', './src/runs', './src/context', './src/auth', ...OUTER], 'src/errors imports nothing of Lattice')], IO_LIBRARIES),
  layer(['src/config/**'], [zone('./src/config', ['./src/schema', './src/data', './src/runs', './src/context', './src/auth', ...OUTER], 'config owns the shapes: it imports no consumer of the configuration')], IO_LIBRARIES),
  layer(['src/model/**'], [zone('./src/model', ['./src/schema', './src/data', './src/runs', './src/context', './src/auth', ...OUTER], 'the model imports no schema, store, run, server or datasource')], IO_LIBRARIES),
  layer(['src/schema/**'], [zone('./src/schema', ['./src/data', './src/runs', './src/context', './src/auth', ...OUTER], 'the schema builder knows blueprints, not stores, HTTP or datasources')], IO_LIBRARIES),
  layer(['src/data/**'], [zone('./src/data', ['./src/runs', './src/context', './src/auth', ...OUTER], 'the data layer knows no run engine, resolver, server or datasource')]),
  layer(['src/runs/**'], [zone('./src/runs', ['./src/schema', './src/context', ...OUTER], 'the run engine knows no GraphQL, server or datasource')]),
  layer(['src/auth/**'], [zone('./src/auth', ['./src/model', './src/schema', './src/data', './src/runs', './src/context', ...OUTER], 'auth turns credentials into an identity, nothing more')]),
  layer(['src/context/**'], [zone('./src/context', OUTER, 'the request context knows loaders, not resolvers, the server or upstreams')]),
  layer(['resolvers/**'], [zone('./resolvers', ['./src/server', './datasources', './src/cli'], 'resolvers know loaders, not upstreams or the server')]),
  // The GraphiQL page runs in the browser and talks to Lattice over HTTP and graphql-ws only.
  layer(['web/**'], [zone('./web', ['./src', './resolvers', './datasources'], 'the GraphiQL page is a client: it reaches Lattice over HTTP and graphql-ws, not by import')]),
  layer(['datasources/**'], [
    zone('./datasources', ['./resolvers', './src/schema', './src/server', './src/context', './src/cli'], 'a datasource knows one upstream and the src contracts'),
    zone('./datasources/github', ['./datasources/kubernetes', './datasources/aws', './datasources/terraform', './datasources/catalog'], 'datasources never import each other'),
    zone('./datasources/kubernetes', ['./datasources/github', './datasources/aws', './datasources/terraform', './datasources/catalog'], 'datasources never import each other'),
    zone('./datasources/aws', ['./datasources/github', './datasources/kubernetes', './datasources/terraform', './datasources/catalog'], 'datasources never import each other'),
    zone('./datasources/terraform', ['./datasources/github', './datasources/kubernetes', './datasources/aws', './datasources/catalog'], 'datasources never import each other'),
    zone('./datasources/catalog', ['./datasources/github', './datasources/kubernetes', './datasources/aws', './datasources/terraform'], 'datasources never import each other'),
  ]),
);
