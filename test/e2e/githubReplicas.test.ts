/**
 * Two gateway PROCESSES sharing one Redis, in front of the GitHub simulator: after replica A
 * fetched, the same query on replica B costs 0 GitHub requests (the shared cache), and a cold
 * query sent to both at once costs what one does (no stampede across processes). GITHUB runs
 * follow their workflow when the `workflow_run` webhooks all arrive before GitHub answers the
 * dispatch and are spread over both replicas (so some land on the replica that did not dispatch).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../../src/data/redis/RedisCache.ts';
import { RedisEntityStore } from '../../src/data/redis/RedisEntityStore.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../simulators/github/server.ts';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import { gql, ROOT } from '../helpers/lattice.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const WEBHOOK_SECRET = randomBytes(16).toString('hex');
const SECRET_KEY = randomBytes(32).toString('hex');
const TOKEN = `lat_${randomBytes(12).toString('hex')}`;
let sim: GitHubSimulator;
let config: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  sim = await startGitHubSimulator({ extraRepositories: 246 });
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-gh-replicas-'));
  const example = readFileSync(path.join(ROOT, 'examples/github/lattice.yaml'), 'utf8')
    .replace(/^blueprints: .*$/m, `blueprints: ${path.join(ROOT, 'examples/github/blueprints')}`)
    .replace(
      /^catalog: .*$/m,
      [
        `catalog: ${path.join(ROOT, 'catalog')}`,
        `actions: ${path.join(ROOT, 'schema/actions')}`,
        'watch: false',
        'redis:',
        `  prefix: "${PREFIX}"`,
        'auth:',
        '  anonymous: true',
        '  tokens:',
        `    - { name: ci, sha256: "${sha256Hex(TOKEN)}", user: ci@example.com, roles: [Member] }`,
      ].join('\n'),
    );
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
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', REDIS_URL, LATTICE_CONFIG: config, LATTICE_SECRET_KEY: SECRET_KEY, GITHUB_TOKEN: sim.token, GITHUB_URL: sim.url, GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET },
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

/** The two replicas, started once for the file. */
let both: Promise<string[]> | undefined;
const replicas = () => (both ??= Promise.all([replica(), replica()]));

const LIST = '{ components(first: 250) { totalCount nodes { identifier url } } }';

describe('two gateway processes on one Redis', () => {
  it('after A fetched, the same query on B costs 0 GitHub requests; concurrent cold queries on both cost one fetch', async () => {
    const [a, b] = await replicas();
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

  it('GITHUB runs end SUCCESS when every workflow_run webhook arrives before the dispatch is answered, spread over both replicas', async () => {
    const [a, b] = await replicas();
    // A load balancer in front of the replicas: deliveries alternate A, B, A, B… so each run's
    // three events land on both, whichever replica's queue worker dispatched it.
    sim.deliverWebhooks({ url: [`${a}/webhooks/github`, `${b}/webhooks/github`], secret: WEBHOOK_SECRET, beforeAnswer: true });
    try {
      const ids: string[] = [];
      for (const [url, name] of [
        [a, 'early-a'],
        [b, 'early-b'],
      ]) {
        const res = await gql(url, `mutation { scaffoldMicroservice(input: { name: "${name}", language: GO, system: "Cart" }) { id } }`, {}, { token: TOKEN });
        expect(res.errors).toBeUndefined();
        ids.push(res.data.scaffoldMicroservice.id);
      }
      // Wait for both runs to end (without the dispatch recorded first they never do: generous deadline).
      const status = async (id: string) => (await gql(a, `{ run(id: "${id}") { status statusLabel } }`, {}, { token: TOKEN })).data.run;
      let runs: { status: string; statusLabel: string }[] = [];
      for (const deadline = Date.now() + 60_000; Date.now() < deadline && (runs.length === 0 || runs.some((r) => r.status === 'IN_PROGRESS')); ) {
        await new Promise((r) => setTimeout(r, 50));
        runs = await Promise.all(ids.map(status));
      }
      await sim.actionsIdle();
      expect(runs).toEqual([
        { status: 'SUCCESS', statusLabel: 'workflow success' },
        { status: 'SUCCESS', statusLabel: 'workflow success' },
      ]);
      const deliveries = sim.webhookDeliveries;
      expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(deliveries.filter((d) => d.response?.includes('ignored'))).toEqual([]);
      for (const run of sim.workflowRuns) expect(new Set(deliveries.filter((d) => d.runId === run.id).map((d) => d.url)).size).toBe(2);
    } finally {
      sim.deliverWebhooks(undefined);
    }
  }, 120_000);
});
