import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node loads the CJS one for dependencies
    // (Apollo, @graphql-tools); make the test runner load the same one for our code, or schemas
    // cross "realms" and graphql-js refuses them.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Installs missing tools from Debian and chooses the suite's Redis before any test runs
    // (test/setup/README.md).
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites share one Redis and start real servers: keep files in separate forks.
    pool: 'forks',
  },
});
