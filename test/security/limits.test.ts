/**
 * Operation limits (issue 9): each limit tried against a real server over POST, GET and
 * graphql-ws. Refusals come before execution (no store call); the node cap, the timeout and
 * cancellation stop a running operation (store reads counted); an Admin gets a larger budget;
 * the estimated cost is in every answer's extensions.
 */
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LimitsConfig, OperationLimits } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, gql, startTestLattice, testConfig } from '../helpers/lattice.ts';
import { answered, fanOutQuery, GatedStore, gqlGet, limited, overWs, wsClient } from './limitsHelpers.ts';

function limitsWith(defaults: Partial<OperationLimits>, roles: LimitsConfig['roles'] = {}, extra: Partial<LimitsConfig> = {}): LimitsConfig {
  const base = testConfig().limits;
  return { ...base, ...extra, defaults: { ...base.defaults, ...defaults }, roles };
}

const SIMPLE = '{ component(identifier: "CartService") { identifier } }';
/** Rounds of reads one after the other: the component, its system, the system's components, their APIs, the APIs' providers… */
const NESTED = '{ component(identifier: "CartService") { system { componentsBySystem { nodes { identifier consumesApi { nodes { identifier provider { system { componentsBySystem { nodes { identifier } } } } } } } } } } }';

describe('with the default limits', () => {
  let lattice: Lattice;
  let ws: Client;
  beforeAll(async () => {
    lattice = await startTestLattice();
    ws = wsClient(lattice);
  });
  afterAll(async () => {
    await ws?.dispose();
    await lattice?.close();
  });

  it('refuses the depth-50 fan-out query before execution over POST, GET and graphql-ws, then still answers', async () => {
    const query = fanOutQuery(50);
    const before = lattice.store.counts().total;
    const post = await gql(lattice.url, query);
    const get = await gqlGet(lattice.url, query);
    for (const answer of [post, get, await overWs(ws, query)]) {
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'cost', limit: 10_000_000 });
      expect(answer.errors?.[0]?.extensions?.cost).toBeGreaterThan(1e90);
      expect(answer.errors?.[0]?.message).toMatch(/estimated cost is 1\.\d+e\+\d+, the limit is 10,000,000/);
      expect(answer.data ?? undefined).toBeUndefined();
    }
    expect([post.status, get.status]).toEqual([400, 400]);
    expect(lattice.store.counts().total).toBe(before);
    expect((await gql(lattice.url, SIMPLE)).data).toEqual({ component: { identifier: 'CartService' } });
  });

  it('reports the estimated cost and the limit in extensions over POST, GET and graphql-ws', async () => {
    const expected = { estimated: 2, limit: 10_000_000 };
    expect((await gql(lattice.url, SIMPLE) as { extensions?: unknown }).extensions).toMatchObject({ cost: expected });
    expect((await gqlGet(lattice.url, SIMPLE) as { extensions?: unknown }).extensions).toMatchObject({ cost: expected });
    expect((await overWs(ws, SIMPLE)).extensions).toMatchObject({ cost: expected });
    // first: 3 → the page's fields count three times: 1 (components) + 1 (nodes) + 3 × 1 (identifier).
    expect((await gql(lattice.url, '{ components(first: 3) { nodes { identifier } } }') as { extensions?: { cost?: unknown } }).extensions?.cost).toEqual({ estimated: 5, limit: 10_000_000 });
  });

  it('refuses more tokens than the parser limit', async () => {
    const query = `{ ${Array.from({ length: 12_000 }, () => '__typename').join(' ')} }`;
    for (const answer of [await gql(lattice.url, query), await overWs(ws, query)]) {
      expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(answer.errors?.[0]?.message).toMatch(/more tha[nt] 10000 tokens/);
    }
  });

  it('refuses first above the maximum page size with BAD_USER_INPUT naming the argument and the maximum', async () => {
    const res = await gql(lattice.url, '{ components(first: 1001) { nodes { identifier } } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(res.errors?.[0]?.message).toMatch(/"first" is 1001, above the maximum page size of 1000/);
  });
});

describe('with small limits', () => {
  let lattice: Lattice;
  let ws: Client;
  beforeAll(async () => {
    lattice = await startTestLattice({ limits: limitsWith({ maxDepth: 4, maxAliases: 2, maxRootFields: 3, maxCost: 50, maxNodes: 20 }, { Admin: { maxCost: 5_000, maxNodes: 10_000 } }) });
    ws = wsClient(lattice);
  });
  afterAll(async () => {
    await ws?.dispose();
    await lattice?.close();
  });

  const CASES: readonly [string, string, Record<string, unknown>][] = [
    ['depth', '{ component(identifier: "CartService") { system { componentsBySystem(first: 1) { nodes { identifier } } } } }', { limitName: 'depth', measured: 5, limit: 4 }],
    ['aliases', '{ a: component(identifier: "x") { identifier } b: component(identifier: "y") { identifier } c: component(identifier: "z") { identifier } }', { limitName: 'aliases', measured: 3, limit: 2 }],
    ['root fields', '{ component(identifier: "a") { identifier } system(identifier: "b") { identifier } domain(identifier: "c") { identifier } lattice { status } }', { limitName: 'rootFields', measured: 4, limit: 3 }],
    ['cost', '{ components { nodes { identifier } } }', { limitName: 'cost', measured: 102, limit: 50 }],
  ];

  it.each(CASES)('refuses a query over the %s limit over POST, GET and graphql-ws before execution', async (_name, query, extensions) => {
    const before = lattice.store.counts().total;
    for (const answer of [await gql(lattice.url, query), await gqlGet(lattice.url, query), await overWs(ws, query)]) {
      expect(answer.errors?.map((e) => e.extensions)).toContainEqual(expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', ...extensions }));
    }
    expect(lattice.store.counts().total).toBe(before);
  });

  it('counts fragments where they are spread', async () => {
    const query = 'query { ...F ...F } fragment F on Query { a: component(identifier: "x") { identifier } b: component(identifier: "y") { identifier } }';
    const res = await gql(lattice.url, query);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitName: 'aliases' });
  });

  it('stops an answer at the node cap during execution with one RESPONSE_TOO_LARGE error', async () => {
    // 1 + 1 + 3 components × 3 fields = 11 fields resolved: over 5.
    const query = '{ components { nodes { identifier title type } } }';
    const capped = await startTestLattice({ limits: limitsWith({ maxCost: 1_000, maxNodes: 5 }) });
    try {
      for (const answer of [await gql(capped.url, query), await overWs(wsClient(capped), query)]) {
        const stops = answer.errors?.filter((e) => e.extensions?.code === 'RESPONSE_TOO_LARGE') ?? [];
        expect(stops).toHaveLength(1);
        expect(stops[0].extensions).toMatchObject({ limit: 5 });
        expect(stops[0].message).toMatch(/reached the limit of 5 resolved fields/);
      }
      expect(await limited(capped, 'nodes')).toBe(2);
    } finally {
      await capped.close();
    }
  });

  it('gives an Admin token the larger budget of its role', async () => {
    const query = '{ components { nodes { identifier } } }';
    expect((await gql(lattice.url, query)).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 50 });
    const admin = await gql(lattice.url, query, undefined, { token: ADMIN_TOKEN });
    expect(admin.errors).toBeUndefined();
    expect((admin as { extensions?: { cost?: unknown } }).extensions?.cost).toEqual({ estimated: 102, limit: 5_000 });
    const adminWs = wsClient(lattice, ADMIN_TOKEN);
    try {
      expect((await overWs(adminWs, query)).errors).toBeUndefined();
    } finally {
      await adminWs.dispose();
    }
  });
});

describe('a running operation', () => {
  let lattice: Lattice;
  let store: GatedStore;
  beforeAll(async () => {
    store = new GatedStore();
    lattice = await startTestLattice({ limits: limitsWith({ timeoutMs: 50 }, { Admin: { timeoutMs: 600_000 } }) }, { store });
  });
  afterAll(async () => {
    store?.open();
    await lattice?.close();
  });

  /** Reads a completed NESTED query makes (an Admin has no practical timeout). */
  async function completedReads(): Promise<number> {
    const before = store.reads;
    const res = await gql(lattice.url, NESTED, undefined, { token: ADMIN_TOKEN });
    expect(res.errors).toBeUndefined();
    return store.reads - before;
  }

  it('is stopped by the timeout: EXECUTION_TIMEOUT, and fewer reads than a completed run', async () => {
    const full = await completedReads();
    expect(full).toBeGreaterThanOrEqual(3);
    const before = store.reads;
    store.shut();
    const pending = gql(lattice.url, NESTED);
    await store.arrived();
    await vi.waitFor(async () => expect(await limited(lattice, 'timeout')).toBe(1), { timeout: 10_000 });
    store.open();
    const res = await pending;
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['EXECUTION_TIMEOUT']);
    expect(res.errors?.[0]?.extensions?.limit).toBe(50);
    expect(store.reads - before).toBeLessThan(full);
  });

  it('is cancelled when the HTTP client aborts: fewer reads than a completed run', async () => {
    const full = await completedReads();
    const before = store.reads;
    const answeredBefore = await answered(lattice);
    store.shut();
    const abort = new AbortController();
    const pending = fetch(`${lattice.url}/graphql`, { method: 'POST', signal: abort.signal, headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify({ query: NESTED }) });
    await store.arrived();
    abort.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(async () => expect(await limited(lattice, 'cancelled')).toBe(1), { timeout: 10_000 });
    store.open();
    await vi.waitFor(async () => expect(await answered(lattice)).toBe(answeredBefore + 1), { timeout: 10_000 });
    expect(store.reads - before).toBeLessThan(full);
  });

  it('is cancelled when the graphql-ws client completes it: fewer reads than a completed run', async () => {
    const full = await completedReads();
    const client = wsClient(lattice, ADMIN_TOKEN);
    try {
      const before = store.reads;
      const cancelledBefore = await limited(lattice, 'cancelled');
      store.shut();
      const unsubscribe = client.subscribe({ query: NESTED }, { next: () => undefined, error: () => undefined, complete: () => undefined });
      await store.arrived();
      unsubscribe();
      await vi.waitFor(async () => expect(await limited(lattice, 'cancelled')).toBe(cancelledBefore + 1), { timeout: 10_000 });
      store.open();
      // The socket still answers (one read), and the cancelled operation stopped early.
      expect((await overWs(client, SIMPLE)).data).toEqual({ component: { identifier: 'CartService' } });
      expect(store.reads - before - 1).toBeLessThan(full);
    } finally {
      await client.dispose();
    }
  });

  it('is cancelled when the graphql-ws socket closes: fewer reads than a completed run', async () => {
    const full = await completedReads();
    const client = wsClient(lattice, ADMIN_TOKEN);
    const before = store.reads;
    const cancelledBefore = await limited(lattice, 'cancelled');
    store.shut();
    client.subscribe({ query: NESTED }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    await store.arrived();
    await client.dispose();
    await vi.waitFor(async () => expect(await limited(lattice, 'cancelled')).toBe(cancelledBefore + 1), { timeout: 10_000 });
    store.open();
    expect((await gql(lattice.url, SIMPLE)).data).toEqual({ component: { identifier: 'CartService' } });
    expect(store.reads - before - 1).toBeLessThan(full);
  });
});
