/**
 * Webhooks are safe to expose: a forged signature is refused, a delivery without an id is
 * refused, a replayed delivery does nothing (no second cache drop: GitHub calls counted), and a
 * signed `workflow_run` moves a GITHUB run only when it is the workflow run that run dispatched
 * (repository, workflow, created after the dispatch). Two gateways on one Redis take a delivery once.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { Config } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../simulators/github/server.ts';
import { gql, ROOT, startTestLattice } from '../helpers/lattice.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const EXAMPLE = path.join(ROOT, 'examples/github/lattice.yaml');
const SECRET = 'webhook-secret';
const LIST = '{ components(first: 10) { totalCount nodes { identifier url } } }';
const CI = { name: 'ci', sha256: sha256Hex('tok-ci'), user: 'ci@example.com', roles: ['Member'] };
let sim: GitHubSimulator;
const started: Lattice[] = [];

beforeAll(async () => {
  sim = await startGitHubSimulator();
});
afterAll(() => sim?.close());
afterEach(async () => {
  await Promise.all(started.splice(0).map((l) => l.close()));
  sim.reset();
});

async function gateway(overrides: Partial<Config> = {}): Promise<Lattice> {
  const config = loadConfig({ LATTICE_CONFIG: EXAMPLE, GITHUB_TOKEN: sim.token, GITHUB_URL: sim.url, GITHUB_WEBHOOK_SECRET: SECRET }, ROOT);
  const lattice = await startTestLattice({
    blueprintsDir: config.blueprintsDir,
    catalogDir: config.catalogDir,
    sources: config.sources,
    actionsDir: path.join(ROOT, 'schema/actions'),
    auth: { anonymous: true, tokens: [CI] },
    ...overrides,
  });
  started.push(lattice);
  return lattice;
}

async function deliver(lattice: Lattice, options: { event: string; body: unknown; delivery?: string; secret?: string }) {
  const body = JSON.stringify(options.body);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-github-event': options.event, 'x-hub-signature-256': await sign(options.secret ?? SECRET, body) };
  if (options.delivery !== undefined) headers['x-github-delivery'] = options.delivery;
  const res = await fetch(`${lattice.url}/webhooks/github`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function requestsFor(step: () => Promise<unknown>): Promise<number> {
  const before = sim.stats.requests;
  await step();
  return sim.stats.requests - before;
}

const PUSH = { organization: { login: 'acme' }, repository: { name: 'CartService', owner: { login: 'acme' } } };

describe('webhook deliveries', () => {
  it('a forged signature is refused (401) and changes nothing', async () => {
    const lattice = await gateway();
    await gql(lattice.url, LIST);
    const res = await deliver(lattice, { event: 'push', body: PUSH, delivery: randomUUID(), secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(await requestsFor(() => gql(lattice.url, LIST))).toBe(0);
  });

  it('a signed delivery without x-github-delivery is refused (400)', async () => {
    const lattice = await gateway();
    await gql(lattice.url, LIST);
    const res = await deliver(lattice, { event: 'push', body: PUSH });
    expect(res.status).toBe(400);
    expect(await requestsFor(() => gql(lattice.url, LIST))).toBe(0);
  });

  it('a replayed delivery answers duplicate and does not drop the cache again', async () => {
    const lattice = await gateway();
    await gql(lattice.url, LIST);
    const delivery = randomUUID();
    const first = await deliver(lattice, { event: 'push', body: PUSH, delivery });
    expect(first).toMatchObject({ status: 200, body: { invalidated: ['github'] } });
    expect(await requestsFor(() => gql(lattice.url, LIST))).toBeGreaterThan(0);
    const replay = await deliver(lattice, { event: 'push', body: PUSH, delivery });
    expect(replay).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await requestsFor(() => gql(lattice.url, LIST))).toBe(0);
  });
});

describe('workflow_run follows only the workflow run the GITHUB run dispatched', () => {
  async function dispatchRun(lattice: Lattice) {
    const call = async (query: string) =>
      (await (await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer tok-ci' }, body: JSON.stringify({ query }) })).json()) as any;
    const res = await call('mutation { scaffoldMicroservice(input: { name: "billing", language: TYPESCRIPT, system: "Cart" }) { id } }');
    const runId = res.data.scaffoldMicroservice.id as string;
    let run: any;
    for (let i = 0; i < 200 && run?.statusLabel !== 'workflow dispatched'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      run = (await call(`{ run(id: "${runId}") { status statusLabel links } }`)).data.run;
    }
    expect(run.statusLabel).toBe('workflow dispatched');
    return { runId, read: async () => (await call(`{ run(id: "${runId}") { status statusLabel links } }`)).data.run };
  }

  function workflowRun(runId: string, overrides: { repo?: string; owner?: string; path?: string; createdAt?: string } = {}) {
    return {
      action: 'completed',
      organization: { login: 'acme' },
      repository: { name: overrides.repo ?? 'platform-templates', owner: { login: overrides.owner ?? 'acme' } },
      workflow_run: {
        display_title: `scaffold ${runId}`,
        name: 'scaffold',
        path: overrides.path ?? '.github/workflows/scaffold.yml',
        created_at: overrides.createdAt ?? new Date(Date.now() + 1000).toISOString(),
        status: 'completed',
        conclusion: 'success',
        html_url: 'https://github.com/attacker/evil/actions/runs/1',
      },
    };
  }

  it('another repository, another workflow or a run created before the dispatch is ignored and the run unchanged; the right one moves it', async () => {
    const lattice = await gateway();
    const { runId, read } = await dispatchRun(lattice);
    const before = await read();
    const cases = [
      { overrides: { repo: 'evil', owner: 'attacker' }, reason: /attacker\/evil, not acme\/platform-templates/ },
      { overrides: { repo: 'other-repo' }, reason: /acme\/other-repo/ },
      { overrides: { path: '.github/workflows/deploy.yml' }, reason: /not scaffold\.yml/ },
      { overrides: { createdAt: new Date(Date.now() - 3_600_000).toISOString() }, reason: /before the dispatch/ },
    ];
    for (const c of cases) {
      const res = await deliver(lattice, { event: 'workflow_run', body: workflowRun(runId, c.overrides), delivery: randomUUID() });
      expect(res.status).toBe(200);
      expect(res.body.ignored?.[0]).toMatch(c.reason);
      expect(await read()).toEqual(before);
    }
    const right = { ...workflowRun(runId), workflow_run: { ...workflowRun(runId).workflow_run, html_url: 'https://github.com/acme/platform-templates/actions/runs/42' } };
    const res = await deliver(lattice, { event: 'workflow_run', body: right, delivery: randomUUID() });
    expect(res.status).toBe(200);
    expect(res.body.ignored).toBeUndefined();
    const done = await read();
    expect(done).toMatchObject({ status: 'SUCCESS', statusLabel: 'workflow success' });
    expect(done.links).toContain('https://github.com/acme/platform-templates/actions/runs/42');
  });
});

describe('with Redis', () => {
  it('two gateways sharing Redis take one delivery once', async () => {
    const shared = { redisUrl: testRedisUrl(), redisPrefix: `lattice-test:${randomUUID()}:` };
    const [a, b] = [await gateway(shared), await gateway(shared)];
    const delivery = randomUUID();
    const first = await deliver(a, { event: 'push', body: PUSH, delivery });
    const second = await deliver(b, { event: 'push', body: PUSH, delivery });
    expect(first.body.duplicate).toBeUndefined();
    expect(first.body.invalidated).toEqual(['github']);
    expect(second).toMatchObject({ status: 200, body: { duplicate: true } });
  });
});
