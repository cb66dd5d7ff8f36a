/**
 * Rate limits (docs/security.md, Rate limits) against real gateways: HTTP answers 429 with
 * Retry-After and RATE_LIMITED; each token has its own budget and anonymous callers share their
 * IP's; a role may be unlimited; graphql-ws operations spend the same budget; health endpoints and
 * webhooks are outside it; two gateways on one Redis share the budget; refusals are audited.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import type { RateLimitsConfig } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, ADMIN_TOKEN_CONFIG, gql, startTestLattice } from '../helpers/lattice.ts';
import { rawConnect } from '../helpers/rawWs.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test-ratelimits-${randomUUID()}:`;
const QUERY = '{ domain(identifier: "Orders") { title } }';
const names = ['alice', 'bob', 'carol', 'dave'] as const;
const tokenConfigs = [ADMIN_TOKEN_CONFIG, ...names.map((n) => ({ name: n, sha256: sha256Hex(`${n}-token`), user: `${n}@example.com` }))];
const auth = { anonymous: true, tokens: tokenConfigs };
const limits = (points: number): RateLimitsConfig => ({ enabled: true, points, anonymousPoints: 2, windowSeconds: 3600, roles: { Admin: 'off' } });
const started: Lattice[] = [];

async function start(overrides: Parameters<typeof startTestLattice>[0]): Promise<Lattice> {
  const lattice = await startTestLattice({ auth, ...overrides });
  started.push(lattice);
  return lattice;
}

afterAll(async () => {
  await Promise.all(started.map((l) => l.close()));
  const raw = new Redis(REDIS_URL);
  const keys = await raw.keys(`${PREFIX}*`);
  if (keys.length) await raw.del(...keys);
  await raw.quit();
});

describe('rate limits in one gateway', () => {
  let lattice: Lattice;
  beforeAll(async () => {
    lattice = await start({ rateLimits: limits(3) });
  });

  it('answers 429 with Retry-After and RATE_LIMITED once an anonymous IP spent its budget', async () => {
    for (let i = 0; i < 2; i++) expect((await gql(lattice.url, QUERY)).status).toBe(200);
    const res = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[]; data?: unknown };
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.data).toBeUndefined();
  });

  it('gives each token its own budget, apart from the IP; an unlimited role (Admin: off) has none', async () => {
    for (let i = 0; i < 3; i++) expect((await gql(lattice.url, QUERY, undefined, { token: 'alice-token' })).status).toBe(200);
    const over = await gql(lattice.url, QUERY, undefined, { token: 'alice-token' });
    expect([over.status, over.errors?.[0].extensions?.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await gql(lattice.url, QUERY, undefined, { token: 'bob-token' })).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await gql(lattice.url, QUERY, undefined, { token: ADMIN_TOKEN })).status).toBe(200);
  });

  it('spends the same budget over graphql-ws: the operation past it gets RATE_LIMITED and the socket stays open', async () => {
    const c = await rawConnect(lattice.url);
    await c.init('carol-token');
    for (const id of ['1', '2', '3']) expect((await c.run(id, QUERY)).next).toMatchObject({ data: { domain: { title: 'Orders' } } });
    expect((await c.run('4', QUERY)).error?.[0].extensions.code).toBe('RATE_LIMITED');
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    c.ws.close();
    // …and HTTP sees the same spent budget.
    expect((await gql(lattice.url, QUERY, undefined, { token: 'carol-token' })).status).toBe(429);
  });

  it('leaves health endpoints and webhooks outside the GraphQL budget', async () => {
    for (const p of ['/healthz', '/readyz', '/metrics']) expect((await fetch(`${lattice.url}${p}`)).status, p).toBe(200);
    const hook = await fetch(`${lattice.url}/webhooks/github`, { method: 'POST', body: '{}' });
    expect(hook.status).toBe(404); // no github source here: the webhook route answered, not the limiter
  });

  it('audits refusals (http.graphql and ws.subscribe, REFUSED, RATE_LIMITED)', async () => {
    const res = await gql(lattice.url, '{ auditLog(first: 1000) { nodes { event actor { user } outcome code } } }', undefined, { token: ADMIN_TOKEN });
    expect(res.errors).toBeUndefined();
    const nodes = res.data.auditLog.nodes as { event: string; actor: { user: string }; outcome: string; code: string }[];
    expect(nodes).toContainEqual({ event: 'http.graphql', actor: { user: 'alice@example.com' }, outcome: 'REFUSED', code: 'RATE_LIMITED' });
    expect(nodes).toContainEqual({ event: 'ws.subscribe', actor: { user: 'carol@example.com' }, outcome: 'REFUSED', code: 'RATE_LIMITED' });
  });
});

describe('the client address behind a proxy (server.trustProxy)', () => {
  const anonymousFrom = (lattice: Lattice, forwardedFor: string) =>
    fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ query: QUERY }) }).then((r) => r.status);

  it('ignores X-Forwarded-For unless the peer is a trusted proxy: a forged header buys no fresh budget', async () => {
    const lattice = await start({ rateLimits: limits(3) });
    expect([await anonymousFrom(lattice, '203.0.113.1'), await anonymousFrom(lattice, '203.0.113.2'), await anonymousFrom(lattice, '203.0.113.3')]).toEqual([200, 200, 429]);
  });

  it('behind a trusted proxy (loopback here), counts each forwarded client apart, over HTTP and graphql-ws', async () => {
    const lattice = await start({ rateLimits: limits(3), trustProxy: ['loopback'], websocket: { maxSubscriptions: 100, maxConnectionsPerIp: 1 } });
    expect([await anonymousFrom(lattice, '203.0.113.1'), await anonymousFrom(lattice, '203.0.113.1'), await anonymousFrom(lattice, '203.0.113.1')]).toEqual([200, 200, 429]);
    expect(await anonymousFrom(lattice, '203.0.113.2')).toBe(200);
    // The WebSocket connection cap (1 per address here) counts the forwarded address too.
    const first = await rawConnect(lattice.url, { 'x-forwarded-for': '203.0.113.7' });
    const second = await rawConnect(lattice.url, { 'x-forwarded-for': '203.0.113.8' });
    const third = await rawConnect(lattice.url, { 'x-forwarded-for': '203.0.113.7' });
    await Promise.all([first.init(), second.init()]);
    expect(await third.closed).toMatchObject({ code: 1008 });
    first.ws.close();
    second.ws.close();
  });
});

describe('rate limits across gateways sharing Redis', () => {
  it('spends one budget on either gateway', async () => {
    const config = { rateLimits: limits(4), redisUrl: REDIS_URL, redisPrefix: PREFIX };
    const [a, b] = await Promise.all([start(config), start(config)]);
    const as = (gateway: Lattice) => gql(gateway.url, QUERY, undefined, { token: 'dave-token' });
    for (const gateway of [a, b, a, b]) expect((await as(gateway)).status).toBe(200);
    expect((await as(a)).status).toBe(429);
    expect((await as(b)).status).toBe(429);
  });
});
