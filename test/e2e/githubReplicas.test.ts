/**
 * Two gateway PROCESSES sharing one Redis, in front of the GitHub simulator: after replica A
 * fetched, the same query on replica B costs 0 GitHub requests (the shared cache), and a cold
 * query sent to both at once costs what one does (no stampede across processes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../../src/data/redis/RedisCache.ts';
import { RedisEntityStore } from '../../src/data/redis/RedisEntityStore.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../simulators/github/server.ts';
import { gql, ROOT } from '../helpers/lattice.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
let sim: GitHubSimulator;
let config: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  sim = await startGitHubSimulator({ extraRepositories: 246 });
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-gh-replicas-'));
  const example = readFileSync(path.join(ROOT, 'examples/github/lattice.yaml'), 'utf8')
    .replace(/^blueprints: .*$/m, `blueprints: ${path.join(ROOT, 'examples/github/blueprints')}`)
    .replace(/^catalog: .*$/m, `catalog: ${path.join(ROOT, 'catalog')}\nactions: ${path.join(dir, 'no-actions')}\nredis:\n  prefix: "${PREFIX}"`);
  config = path.join(dir, 'lattice.yaml');
  writeFileSync(config, example);
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  // Every key the replicas wrote under the test's prefix: entities, cache, runs, queue.
  const store = await RedisEntityStore.connect(REDIS_URL, PREFIX);
  await store.clear();
  await store.close();
  await sim?.close();
});

async function replica(): Promise<string> {
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', REDIS_URL, LATTICE_CONFIG: config, GITHUB_TOKEN: sim.token, GITHUB_URL: sim.url },
  });
  children.push(child);
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`replica exited (${code}) before serving:\n${out}`)));
  });
}

const LIST = '{ components(first: 250) { totalCount nodes { identifier url } } }';

describe('two gateway processes on one Redis', () => {
  it('after A fetched, the same query on B costs 0 GitHub requests; concurrent cold queries on both cost one fetch', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    let before = sim.stats.requests;
    const onA = await gql(a, LIST);
    expect(onA.errors).toBeUndefined();
    expect(onA.data.components.totalCount).toBe(250);
    expect(sim.stats.requests - before).toBe(3);
    before = sim.stats.requests;
    const onB = await gql(b, LIST);
    expect(sim.stats.requests - before).toBe(0);
    expect(onB.data).toEqual(onA.data);

    // Drop the shared entry (as a webhook would), then ask both replicas at once.
    const cache = RedisCache.connect(REDIS_URL, PREFIX);
    await cache.invalidate('github:');
    await cache.close();
    before = sim.stats.requests;
    const both = await Promise.all([...Array.from({ length: 10 }, () => gql(a, LIST)), ...Array.from({ length: 10 }, () => gql(b, LIST))]);
    expect(both.every((r) => r.errors === undefined && r.data.components.totalCount === 250)).toBe(true);
    expect(sim.stats.requests - before).toBe(3);
  });
});
