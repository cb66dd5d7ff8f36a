/**
 * Live GitHub data, end to end against the GitHub simulator (which validates every query it gets
 * against GitHub's published schema): request counts per query (cold, warm, concurrent, across
 * replicas sharing Redis), merging with the catalog and conflicts, webhooks, partial failure,
 * stale data, secondary rate limits, GitHub Enterprise base URLs.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { Config, SourceConfig } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../simulators/github/server.ts';
import { ADMIN_TOKEN, gql, ROOT, startTestLattice } from '../helpers/lattice.ts';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const EXAMPLE = path.join(ROOT, 'examples/github/lattice.yaml');
const SECRET = 'webhook-secret';
let sim: GitHubSimulator;
const started: Lattice[] = [];

beforeAll(async () => {
  sim = await startGitHubSimulator({ extraRepositories: 246 }); // 4 catalog repositories + 246 = 250
});
afterAll(() => sim?.close());
afterEach(async () => {
  sim.deliverWebhooks(undefined);
  await Promise.all(started.splice(0).map((l) => l.close()));
  sim.reset();
});

/** The shipped example configuration, pointed at the simulator. */
function exampleConfig(overrides: { url?: string; source?: Partial<SourceConfig>; options?: Record<string, unknown> } = {}): Partial<Config> {
  const config = loadConfig({ LATTICE_CONFIG: EXAMPLE, GITHUB_TOKEN: sim.token, GITHUB_URL: overrides.url ?? sim.url, GITHUB_WEBHOOK_SECRET: SECRET }, ROOT);
  const [github] = config.sources;
  return {
    blueprintsDir: config.blueprintsDir,
    catalogDir: config.catalogDir,
    sources: [{ ...github, ...overrides.source, options: { ...github.options, maxRetryWaitMs: 5_000, ...overrides.options } }],
  };
}

async function gateway(overrides: Partial<Config> = {}): Promise<Lattice> {
  const lattice = await startTestLattice({ ...exampleConfig(), ...overrides });
  started.push(lattice);
  return lattice;
}

/** GitHub requests a step costs, counted by the simulator. */
async function requestsFor<T>(step: () => Promise<T>): Promise<{ value: T; requests: number }> {
  const before = sim.stats.requests;
  const value = await step();
  return { value, requests: sim.stats.requests - before };
}

const LIST = '{ components(first: 250) { totalCount nodes { identifier url language openPullRequests lastRunConclusion source { name stale } } } }';

describe('GitHub source: request counts', () => {
  it('lists 250 components with repository data in 3 GitHub requests, then 0 within the ttl', async () => {
    const lattice = await gateway();
    const cold = await requestsFor(() => gql(lattice.url, LIST));
    expect(cold.value.errors).toBeUndefined();
    expect(cold.value.data.components.totalCount).toBe(250);
    // Archived repositories are not mapped (selector: .isArchived == false); their components come from port.yml alone.
    const active = sim.data.organizations[0].repositories.filter((r: { isArchived: boolean }) => !r.isArchived).length;
    expect(cold.value.data.components.nodes.filter((n: { url: string | null }) => n.url?.startsWith('https://github.com/acme/'))).toHaveLength(active);
    expect(active).toBeGreaterThan(200);
    expect(cold.requests).toBe(3);
    expect((cold.value as { extensions?: unknown }).extensions).toEqual({ upstreamCalls: { github: 3 }, cost: { estimated: expect.any(Number), limit: 10_000_000 } });
    expect(sim.stats.queries.filter((q) => !q.valid).map((q) => q.errors)).toEqual([]);
    const warm = await requestsFor(() => gql(lattice.url, LIST));
    expect(warm.requests).toBe(0);
    expect(warm.value.data).toEqual(cold.value.data);
  });

  it('50 concurrent identical queries on a cold cache cost what one does', async () => {
    const lattice = await gateway();
    const { value, requests } = await requestsFor(() => Promise.all(Array.from({ length: 50 }, () => gql(lattice.url, LIST))));
    expect(value.every((r) => r.errors === undefined && r.data.components.totalCount === 250)).toBe(true);
    expect(requests).toBe(3);
  });

  it('two gateways sharing Redis: after A fetched, the same query on B costs 0', async () => {
    const shared = { redisUrl: testRedisUrl(), redisPrefix: `lattice-test:${randomUUID()}:` };
    const a = await gateway(shared);
    const b = await gateway(shared);
    expect((await requestsFor(() => gql(a.url, LIST))).requests).toBe(3);
    const onB = await requestsFor(() => gql(b.url, LIST));
    expect(onB.requests).toBe(0);
    expect(onB.value.data.components.totalCount).toBe(250);
  });

  it('works against a GitHub Enterprise Server base URL', async () => {
    const lattice = await gateway(exampleConfig({ url: sim.enterpriseBaseUrl }));
    const res = await gql(lattice.url, '{ component(identifier: "CartService") { url } }');
    expect(res.data.component.url).toBe('https://github.com/acme/CartService');
  });
});

describe('GitHub source: merging with the catalog', () => {
  it('a component carries both the catalog\'s and GitHub\'s fields, and says where they came from', async () => {
    const lattice = await gateway();
    const res = await gql(lattice.url, '{ component(identifier: "CartService") { type system { identifier } url language description sources { name stale } source { name } conflicts { field } pullRequests { totalCount nodes { title author } } } }');
    expect(res.errors).toBeUndefined();
    const c = res.data.component;
    expect(c).toMatchObject({ type: 'SERVICE', system: { identifier: 'Cart' }, url: 'https://github.com/acme/CartService', language: 'TypeScript', source: { name: 'github' }, conflicts: [] });
    expect(c.sources.map((s: { name: string }) => s.name)).toEqual(['catalog', 'github']);
    expect(c.pullRequests.totalCount).toBeGreaterThan(0);
  });

  it('reports a conflict when the catalog and GitHub disagree, serving the catalog\'s value', async () => {
    const lattice = await gateway();
    const put = await gql(lattice.url, 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "repo-1", properties: { language: "COBOL" }) { identifier } }', undefined, { token: ADMIN_TOKEN });
    expect(put.errors).toBeUndefined();
    const res = await gql(lattice.url, '{ component(identifier: "repo-1") { language url conflicts { field values { source value } } } }');
    expect(res.data.component.url).toBe('https://github.com/acme/repo-1');
    expect(res.data.component.language).toBe('COBOL');
    expect(res.data.component.conflicts).toEqual([{ field: 'properties.language', values: [{ source: 'catalog', value: 'COBOL' }, { source: 'github', value: expect.any(String) }] }]);
  });
});

describe("GitHub's own graph, joined on", () => {
  const JOIN = '{ components(first: 250) { nodes { identifier githubRepository { nameWithOwner pullRequests(states: OPEN, first: 5) { nodes { title author { login } } } } } } }';

  it('delegates the sub-selection as written, batched: 250 components\' open pull requests in 3 GitHub requests', async () => {
    // The caller authenticates with its own token; GitHub only accepts the gateway's.
    const lattice = await gateway({ auth: { anonymous: false, tokens: [{ name: 'caller', sha256: sha256Hex('caller-token'), user: 'dev' }] } });
    await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'bearer caller-token' }, body: JSON.stringify({ query: LIST }) });
    const before = sim.stats.requests;
    const res = await fetch(`${lattice.url}/graphql`, {
      method: 'POST',
      // The caller's own credentials never reach GitHub: the gateway's token is used.
      headers: { 'content-type': 'application/json', authorization: 'bearer caller-token' },
      body: JSON.stringify({ query: JOIN }),
    });
    const body = (await res.json()) as { data: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const cart = body.data.components.nodes.find((n: { identifier: string }) => n.identifier === 'CartService');
    expect(cart.githubRepository.nameWithOwner).toBe('acme/CartService');
    expect(cart.githubRepository.pullRequests.nodes.length).toBeGreaterThan(0);
    expect(cart.githubRepository.pullRequests.nodes[0]).toEqual({ title: expect.any(String), author: { login: expect.any(String) } });
    expect(sim.stats.requests - before).toBe(3);
    const joined = sim.stats.queries.slice(-3);
    expect(joined.every((q) => q.valid && /pullRequests\(states: OPEN, first: 5\)/.test(q.query) && /repository\(owner:/.test(q.query))).toBe(true);
  });

  it('costs at most 3 requests warm and 6 cold (listing + join)', async () => {
    const lattice = await gateway();
    const cold = await requestsFor(() => gql(lattice.url, JOIN));
    expect(cold.value.errors).toBeUndefined();
    expect(cold.requests).toBeLessThanOrEqual(6);
    const again = await requestsFor(() => gql(lattice.url, JOIN));
    expect(again.value.errors).toBeUndefined();
    expect(again.requests).toBe(3);
    expect(sim.stats.queries.every((q) => q.valid)).toBe(true);
  });

  it('adds GitHub\'s types, prefixed, to the schema', async () => {
    const lattice = await gateway();
    const res = await gql(lattice.url, '{ __type(name: "GitHub_Repository") { fields { name } } c: __type(name: "Component") { fields { name type { name } } } }');
    expect(res.data.__type.fields.map((f: { name: string }) => f.name)).toContain('pullRequests');
    expect(res.data.c.fields).toContainEqual({ name: 'githubRepository', type: { name: 'GitHub_Repository' } });
  });
});

describe('GitHub webhooks', () => {
  const post = async (lattice: Lattice, body: string, signature: string | undefined, event = 'repository') =>
    fetch(`${lattice.url}/webhooks/github`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': randomUUID(), ...(signature ? { 'x-hub-signature-256': signature } : {}) }, body });

  it('a repository event with a valid signature invalidates; a bad or missing one gets 401 and changes nothing', async () => {
    const lattice = await gateway();
    await gql(lattice.url, LIST);
    const body = JSON.stringify({ action: 'edited', repository: { name: 'CartService', owner: { login: 'acme' } }, organization: { login: 'acme' } });
    const bad = await requestsFor(async () => {
      expect((await post(lattice, body, 'sha256=' + '0'.repeat(64))).status).toBe(401);
      expect((await post(lattice, body, undefined)).status).toBe(401);
      return gql(lattice.url, LIST);
    });
    expect(bad.requests).toBe(0);
    const ok = await post(lattice, body, await sign(SECRET, body));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ invalidated: ['github'] });
    expect((await requestsFor(() => gql(lattice.url, LIST))).requests).toBe(3);
  });
});

describe('GitHub failures', () => {
  it('502s: catalog data is served, GitHub fields are null with a typed error naming the source; retries are bounded', async () => {
    const lattice = await gateway(exampleConfig({ options: { maxRetries: 2 } }));
    sim.setFaults({ status502: 100 });
    const { value: res, requests } = await requestsFor(() => gql(lattice.url, '{ component(identifier: "CartService") { identifier type system { identifier } url } }'));
    expect(res.data.component).toEqual({ identifier: 'CartService', type: 'SERVICE', system: { identifier: 'Cart' }, url: null });
    expect(res.errors).toEqual([expect.objectContaining({ path: ['component', 'url'], extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', source: 'github' }) })]);
    expect(requests).toBe(3); // one request, two retries
  });

  it('a secondary rate limit with retry-after is waited out, then the query succeeds', async () => {
    const lattice = await gateway();
    sim.setFaults({ secondaryRateLimit: { count: 1, retryAfterSeconds: 1 } });
    const started = Date.now();
    const { value: res, requests } = await requestsFor(() => gql(lattice.url, '{ component(identifier: "CartService") { url } }'));
    expect(res.errors).toBeUndefined();
    expect(res.data.component.url).toBe('https://github.com/acme/CartService');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(requests).toBe(1 + 3);
  });

  it('a secondary rate limit longer than the source will wait is a RATE_LIMITED error, without retrying', async () => {
    const lattice = await gateway();
    sim.setFaults({ secondaryRateLimit: { count: 10, retryAfterSeconds: 600 } });
    const { value: res, requests } = await requestsFor(() => gql(lattice.url, '{ component(identifier: "CartService") { type url } }'));
    expect(res.data.component.type).toBe('SERVICE');
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', source: 'github', retryAfterSeconds: 600 });
    expect(requests).toBe(1);
  });

  it('cached data is served, marked stale, while GitHub is down', async () => {
    const lattice = await gateway(exampleConfig({ source: { ttlSeconds: 0.3 } }));
    await gql(lattice.url, LIST);
    sim.setFaults({ status502: 1000 });
    await new Promise((r) => setTimeout(r, 400));
    const res = await gql(lattice.url, '{ component(identifier: "CartService") { url source { name stale } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.component).toEqual({ url: 'https://github.com/acme/CartService', source: { name: 'github', stale: true } });
  });
});

describe('GITHUB actions follow their workflow run', () => {
  const ci = { name: 'ci', sha256: sha256Hex('tok-ci'), user: 'ci@example.com', roles: ['Member'] };
  const withActions = () => gateway({ actionsDir: path.join(ROOT, 'schema/actions'), auth: { anonymous: true, tokens: [ci] } });
  const caller = (lattice: Lattice) => async (query: string) =>
    (await (await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer tok-ci' }, body: JSON.stringify({ query }) })).json()) as any;

  it('dispatches the workflow, then a signed workflow_run webhook naming the run ends it', async () => {
    const lattice = await withActions();
    const call = caller(lattice);
    const started = await call('mutation { scaffoldMicroservice(input: { name: "billing", language: TYPESCRIPT, system: "Cart" }) { id } }');
    expect(started.errors).toBeUndefined();
    const runId = started.data.scaffoldMicroservice.id;
    let run: any;
    for (let i = 0; i < 100 && run?.statusLabel !== 'workflow dispatched'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      run = (await call(`{ run(id: "${runId}") { status statusLabel links } }`)).data.run;
    }
    expect(run).toMatchObject({ status: 'IN_PROGRESS', statusLabel: 'workflow dispatched', links: ['http://127.0.0.1:' + new URL(sim.url).port + '/acme/platform-templates/actions/workflows/scaffold.yml'] });
    expect(sim.stats.dispatches).toEqual([{ owner: 'acme', repo: 'platform-templates', workflow: 'scaffold.yml', ref: 'main', inputs: { name: 'billing', language: 'typescript', system: 'Cart', run_id: runId } }]);

    const event = JSON.stringify({ action: 'completed', organization: { login: 'acme' }, repository: { name: 'platform-templates', owner: { login: 'acme' } }, workflow_run: { display_title: `scaffold ${runId}`, name: 'scaffold', path: '.github/workflows/scaffold.yml', created_at: new Date().toISOString(), status: 'completed', conclusion: 'success', html_url: 'https://github.com/acme/platform-templates/actions/runs/42' } });
    const res = await fetch(`${lattice.url}/webhooks/github`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'workflow_run', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': await sign(SECRET, event) }, body: event });
    expect(res.status).toBe(200);
    const done = (await call(`{ run(id: "${runId}") { status statusLabel links } }`)).data.run;
    expect(done).toMatchObject({ status: 'SUCCESS', statusLabel: 'workflow success' });
    expect(done.links).toContain('https://github.com/acme/platform-templates/actions/runs/42');
  });

  it('the workflow_run webhooks all arrive before GitHub answers the dispatch: the run still follows them to SUCCESS', async () => {
    const lattice = await withActions();
    const call = caller(lattice);
    sim.deliverWebhooks({ url: `${lattice.url}/webhooks/github`, secret: SECRET, beforeAnswer: true });
    const started = await call('mutation { scaffoldMicroservice(input: { name: "early-bird", language: GO, system: "Cart" }) { id } }');
    expect(started.errors).toBeUndefined();
    const runId = started.data.scaffoldMicroservice.id;
    // Wait for the run to end (without the dispatch recorded first it never does: generous deadline).
    let run: any;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline && (run?.status ?? 'IN_PROGRESS') === 'IN_PROGRESS'; ) {
      await new Promise((r) => setTimeout(r, 20));
      run = (await call(`{ run(id: "${runId}") { status } }`)).data.run;
    }
    await sim.actionsIdle();
    // Every delivery was answered (each moved the run in the webhook's own request) before the 204.
    expect(sim.stats.dispatches).toHaveLength(1);
    expect(sim.webhookDeliveries.map((d) => [d.action, d.status])).toEqual([
      ['requested', 200],
      ['in_progress', 200],
      ['completed', 200],
    ]);
    expect(sim.webhookDeliveries.filter((d) => d.response?.includes('ignored'))).toEqual([]);
    const done = (await call(`{ run(id: "${runId}") { status statusLabel links } }`)).data.run;
    expect(done).toMatchObject({ status: 'SUCCESS', statusLabel: 'workflow success' });
    expect(done.links).toContain(`https://github.com/acme/platform-templates/actions/runs/${sim.workflowRuns[0].id}`);
    // The workflow's effect is served at once: the workflow_run webhook dropped GitHub's snapshot.
    expect((await gql(lattice.url, '{ component(identifier: "early-bird") { url } }')).data.component).toEqual({ url: 'https://github.com/acme/early-bird' });
  });
});
