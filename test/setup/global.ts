/**
 * Vitest's global setup: makes a fresh machine ready for `npm test` before any test file runs.
 * Installs the missing tools from Debian (tools.ts; it stops with one message naming the commands
 * when it cannot), chooses the suite's Redis (redis.ts) and hands its URL to the tests
 * (`testRedisUrl()` in test/helpers/redis.ts reads it); the teardown stops a Redis it started.
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureTools, suiteTools } from './tools.ts';
import { provideTestRedis } from './redis.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const say = (line: string) => console.log(`[test setup] ${line}`);
  const problems = ensureTools(suiteTools(process.env), { root: ROOT, env: process.env, say });
  if (problems.length > 0) {
    const error = new Error(`the test suite cannot run on this machine yet:\n- ${problems.join('\n- ')}`);
    error.stack = `Error: ${error.message}`; // the message says it all: no code frame of this file
    throw error;
  }

  const redis = await provideTestRedis({ env: process.env });
  if (redis.origin === 'own') say(`no Redis answers at 127.0.0.1:6379 and LATTICE_TEST_REDIS_URL is unset: started redis-server at ${redis.url} for this run`);
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
