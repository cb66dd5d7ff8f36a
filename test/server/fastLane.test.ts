/**
 * The fast lane (src/server/fastLane.ts) answers what Apollo Server answers: two real gateways
 * over the seed, one with the lane (the default) and one without, get the same requests over
 * HTTP, each sent three times (the first teaches the lane the query; the next ones are the lane's
 * to answer). Status, headers (all but `date`) and body bytes must be equal, and so must the
 * store calls; `lattice_fast_lane_total` says which requests the lane answered and which it
 * handed to Apollo. A schema reload empties the lane. Under tight limits, a refusal (cost) and a
 * stop while running (the node cap) answer and count the same with the lane as without.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, DASHBOARD_QUERY, startTestLattice, testConfig } from '../helpers/lattice.ts';
import { limited } from '../security/limitsHelpers.ts';

interface Case {
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  /** What the lane does with the repeats: answers them, hands them to Apollo, or never sees them (not a cacheable query). */
  readonly lane: 'answered' | 'apollo' | 'none';
}

const CASES: readonly Case[] = [
  { name: 'the dashboard', body: { query: DASHBOARD_QUERY }, lane: 'answered' },
  { name: 'an operation picked by name', body: { query: 'query A { components { totalCount } } query B { apis { totalCount } }', operationName: 'B' }, lane: 'answered' },
  { name: 'the other operation of the same text', body: { query: 'query A { components { totalCount } } query B { apis { totalCount } }', operationName: 'A' }, lane: 'answered' },
  { name: 'a missing entity (null, no error)', body: { query: '{ component(identifier: "nope") { identifier } }' }, lane: 'answered' },
  { name: '__typename and the JSON scalar', body: { query: '{ __typename resource(identifier: "cart-sql-sb") { __typename identifier properties relations } }' }, lane: 'answered' },
  { name: 'accept: application/json', body: { query: '{ apis { nodes { identifier } } }' }, headers: { accept: 'application/json' }, lane: 'answered' },
  { name: 'accept: */*', body: { query: '{ systems { totalCount } }' }, headers: { accept: '*/*' }, lane: 'answered' },
  { name: 'an admin caller', body: { query: '{ domains { nodes { identifier } } }' }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, lane: 'answered' },
  { name: 'a resolver error (handed to Apollo with its result)', body: { query: '{ search(query: { combinator: "xor", rules: [] }) { totalCount } }' }, lane: 'apollo' },
  { name: 'a negative count (an error with data)', body: { query: '{ components(first: -1) { totalCount } }' }, lane: 'apollo' },
  { name: 'accept: application/graphql-response+json (Apollo)', body: { query: '{ apis { totalCount } }' }, headers: { accept: 'application/graphql-response+json' }, lane: 'none' },
  { name: 'variables', body: { query: 'query($id: String!) { component(identifier: $id) { identifier } }', variables: { id: 'CartService' } }, lane: 'answered' },
  { name: 'a variable that sets the cost (first: $n)', body: { query: 'query($n: Int) { components(first: $n) { nodes { identifier } } }', variables: { n: 3 } }, lane: 'answered' },
  { name: 'a default variable left out, variables null', body: { query: 'query($n: Int = 2) { components(first: $n) { nodes { identifier } } }', variables: null }, lane: 'answered' },
  { name: 'a variable of the wrong type (graphql-js\'s error, from Apollo)', body: { query: 'query($id: String!) { component(identifier: $id) { title } }', variables: { id: 3 } }, lane: 'apollo' },
  { name: 'a required variable missing (from Apollo)', body: { query: 'query($id: String!) { api(identifier: $id) { identifier } }', variables: {} }, lane: 'apollo' },
  { name: 'a validation error (Apollo)', body: { query: '{ components { nope } }' }, lane: 'none' },
  { name: 'a mutation (Apollo)', body: { query: 'mutation { deleteEntity(blueprint: API, identifier: "nope") }' }, lane: 'none' },
  { name: 'a bad token (Apollo)', body: { query: '{ apis { totalCount } }' }, headers: { authorization: 'Bearer not-a-token' }, lane: 'none' },
];

interface Raw {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

async function send(lattice: Lattice, c: Case): Promise<Raw> {
  const res = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...c.headers }, body: JSON.stringify(c.body) });
  const headers = Object.fromEntries([...res.headers].filter(([k]) => k !== 'date'));
  return { status: res.status, headers, body: await res.text() };
}

async function laneCounts(lattice: Lattice): Promise<{ answered: number; apollo: number }> {
  const values = (await lattice.metrics.fastLane.get()).values;
  const of = (outcome: string) => values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
  return { answered: of('answered'), apollo: of('apollo') };
}

describe('the fast lane answers what Apollo answers', () => {
  let lane: Lattice;
  let apollo: Lattice;
  beforeAll(async () => {
    [lane, apollo] = await Promise.all([startTestLattice(), startTestLattice({}, { fastLane: false })]);
  });
  afterAll(async () => {
    await Promise.all([lane?.close(), apollo?.close()]);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const before = await laneCounts(lane);
      for (let i = 0; i < 3; i++) {
        const calls = [lane.store.counts().total, apollo.store.counts().total];
        const [a, b] = [await send(lane, c), await send(apollo, c)];
        expect(a).toEqual(b);
        expect(lane.store.counts().total - calls[0]).toBe(apollo.store.counts().total - calls[1]);
      }
      const after = await laneCounts(lane);
      // The first request teaches the lane; the two repeats are its to answer or hand over.
      expect({ answered: after.answered - before.answered, apollo: after.apollo - before.apollo }).toEqual({
        answered: c.lane === 'answered' ? 2 : 0,
        apollo: c.lane === 'apollo' ? 2 : 0,
      });
      expect((await apollo.metrics.fastLane.get()).values.reduce((n, v) => n + v.value, 0)).toBe(0);
    });
  }

  it('answers a learned query with whatever variables each request sends', async () => {
    const query = 'query($id: String!, $first: Int) { component(identifier: $id) { identifier title } components(first: $first) { nodes { identifier } } }';
    const before = await laneCounts(lane);
    const sent = [{ id: 'CartService', first: 1 }, { id: 'nope', first: 2 }, { id: 'CartService', first: null }, { id: 'CartService' }];
    for (const variables of sent) {
      const c: Case = { name: 'variables', body: { query, variables }, lane: 'answered' };
      const [a, b] = [await send(lane, c), await send(apollo, c)];
      expect(a).toEqual(b);
      expect(JSON.parse(a.body).data.component?.identifier ?? null).toBe(variables.id === 'nope' ? null : 'CartService');
    }
    // The first request taught the lane the query; it answered the three after it.
    expect((await laneCounts(lane)).answered - before.answered).toBe(3);
  });

  it('a query learned from an admin, sent again anonymously, answers what Apollo answers the anonymous caller: the admin-only data is not served', async () => {
    // An audit event on each gateway (an admin write), so the admin's answer has data to leak.
    const write: Case = { name: 'write', body: { query: 'mutation { upsertEntity(blueprint: DOMAIN, identifier: "lane-audit") { identifier } }' }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, lane: 'none' };
    await Promise.all([send(lane, write), send(apollo, write)]);
    const query = 'query($first: Int) { auditLog(first: $first) { nodes { event target } } }';
    const asAdmin: Case = { name: 'admin', body: { query, variables: { first: 5 } }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, lane: 'answered' };
    const taught = await send(lane, asAdmin);
    expect(JSON.parse(taught.body).data.auditLog.nodes.length).toBeGreaterThan(0);
    expect(await send(lane, asAdmin)).toEqual(await send(apollo, asAdmin));
    const before = await laneCounts(lane);
    const anonymous: Case = { name: 'anonymous', body: { query, variables: { first: 5 } }, lane: 'apollo' };
    const [a, b] = [await send(lane, anonymous), await send(apollo, anonymous)];
    expect(a).toEqual(b);
    expect(JSON.parse(a.body).data?.auditLog ?? null).toBeNull();
    expect(a.body).not.toContain('lane-audit');
    // The lane ran it for the anonymous caller (its own context, its own permissions) and handed the refusal to Apollo.
    expect(await laneCounts(lane)).toEqual({ answered: before.answered, apollo: before.apollo + 1 });
  });

  it('counts every request in the request metric, the lane\'s too', async () => {
    const count = async (lattice: Lattice) => (await lattice.metrics.requestDuration.get()).values.filter((v) => v.metricName?.endsWith('_count') && v.labels.operation === 'query' && v.labels.status === 'ok').reduce((n, v) => n + v.value, 0);
    const c: Case = { name: 'count', body: { query: '{ domains { totalCount } }' }, lane: 'answered' };
    const before = [await count(lane), await count(apollo)];
    for (let i = 0; i < 3; i++) await Promise.all([send(lane, c), send(apollo, c)]);
    expect([(await count(lane)) - before[0], (await count(apollo)) - before[1]]).toEqual([3, 3]);
  });

  it('forgets its queries when the schema is reloaded: the next request goes through Apollo', async () => {
    const c: Case = { name: 'reload', body: { query: '{ components { nodes { identifier type } } }' }, lane: 'answered' };
    await send(lane, c);
    const before = await laneCounts(lane);
    await send(lane, c);
    expect((await laneCounts(lane)).answered).toBe(before.answered + 1);
    expect(await lane.runtime.reload()).toBe(true);
    const expected = await send(apollo, c);
    expect(await send(lane, c)).toEqual(expected);
    expect((await laneCounts(lane)).answered).toBe(before.answered + 1);
    expect(await send(lane, c)).toEqual(expected);
    expect((await laneCounts(lane)).answered).toBe(before.answered + 2);
  });
});

describe('the fast lane under tight limits', () => {
  let lane: Lattice;
  let apollo: Lattice;
  beforeAll(async () => {
    const base = testConfig().limits;
    const limits = { ...base, defaults: { ...base.defaults, maxCost: 1_000, maxNodes: 5 } };
    [lane, apollo] = await Promise.all([startTestLattice({ limits }), startTestLattice({ limits }, { fastLane: false })]);
  });
  afterAll(async () => {
    await Promise.all([lane?.close(), apollo?.close()]);
  });

  const cases: readonly (Case & { readonly reason: string; readonly code: string })[] = [
    // 1 + 1 + 3 components x 3 fields = 11 fields resolved: over 5, stopped while running.
    { name: 'the node cap', body: { query: '{ components { nodes { identifier title type } } }' }, lane: 'apollo', reason: 'nodes', code: 'RESPONSE_TOO_LARGE' },
    { name: 'the cost limit', body: { query: '{ components(first: 100) { nodes { identifier componentsByComponents(first: 100) { nodes { identifier } } } } }' }, lane: 'apollo', reason: 'cost', code: 'QUERY_TOO_COMPLEX' },
  ];
  for (const c of cases) {
    it(`${c.name}: the same answer and the same stop counted, each time`, async () => {
      const before = [await limited(lane, c.reason), await limited(apollo, c.reason), (await laneCounts(lane)).apollo];
      for (let i = 0; i < 3; i++) {
        const [a, b] = [await send(lane, c), await send(apollo, c)];
        expect(a).toEqual(b);
        expect((JSON.parse(a.body) as { errors?: { extensions?: { code?: string } }[] }).errors?.map((e) => e.extensions?.code)).toContain(c.code);
      }
      expect([(await limited(lane, c.reason)) - before[0], (await limited(apollo, c.reason)) - before[1]]).toEqual([3, 3]);
      expect((await laneCounts(lane)).apollo - before[2]).toBe(2);
    });
  }
});
