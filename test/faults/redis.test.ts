/**
 * Redis faults, against a Redis this file starts itself (redisServer.ts): paused, the gateway
 * says not ready and a query fails fast with STORE_UNAVAILABLE instead of hanging; resumed, it is
 * ready again; restarted empty, the catalog is seeded again without a gateway restart; with AOF,
 * an acknowledged write survives kill -9.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, startTestLattice } from '../helpers/lattice.ts';
import { startTestRedis, type TestRedis } from './redisServer.ts';

let redis: TestRedis;
let lattice: Lattice;
const FAULTS = { commandTimeoutMs: 300, reseedCheckMs: 200, deliveryTtlSeconds: 60, circuitBreaker: { failures: 5, cooldownMs: 30_000 } };

beforeAll(async () => {
  redis = await startTestRedis();
  lattice = await startTestLattice({ redisUrl: redis.url, redisPrefix: 'faults:', faults: FAULTS });
});

afterAll(async () => {
  redis?.resume();
  await lattice?.close();
  await redis?.stop();
});

async function readyStatus(): Promise<number> {
  return (await fetch(`${lattice.url}/readyz`, { signal: AbortSignal.timeout(20_000) })).status;
}

/** Polls `/readyz` until it answers `status` (at most `tries` times). */
async function untilReady(status: number, tries = 200): Promise<number> {
  let last = 0;
  for (let i = 0; i < tries && last !== status; i++) {
    last = await readyStatus();
    if (last !== status) await new Promise((r) => setTimeout(r, 50));
  }
  return last;
}

/** Polls a query until `done` holds (at most `tries` times); the last answer. */
async function until<T>(query: () => Promise<T>, done: (t: T) => boolean, tries = 200): Promise<T> {
  let last = await query();
  for (let i = 0; i < tries && !done(last); i++) {
    await new Promise((r) => setTimeout(r, 50));
    last = await query();
  }
  return last;
}

const COMPONENTS = `{ components { totalCount nodes { identifier } } }`;

async function query(q: string, token?: string) {
  const res = await fetch(`${lattice.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: q }),
    // A hang fails the test (the command timeout is 300 ms).
    signal: AbortSignal.timeout(20_000),
  });
  return (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

describe('Redis faults', () => {
  it('is ready and serves the catalog on a healthy Redis', async () => {
    expect(await readyStatus()).toBe(200);
    expect((await query(COMPONENTS)).data.components.totalCount).toBe(4);
  });

  it('paused (SIGSTOP): /readyz answers 503 with a reason and a query fails with STORE_UNAVAILABLE; resumed: ready again', async () => {
    redis.pause();
    try {
      expect(await untilReady(503)).toBe(503);
      const body = (await (await fetch(`${lattice.url}/readyz`, { signal: AbortSignal.timeout(20_000) })).json()) as { reason?: string };
      expect(body.reason).toMatch(/Redis does not answer PING/);
      const res = await query(COMPONENTS);
      expect(res.errors?.[0]?.extensions?.code).toBe('STORE_UNAVAILABLE');
    } finally {
      redis.resume();
    }
    expect(await untilReady(200)).toBe(200);
    expect((await query(COMPONENTS)).data.components.totalCount).toBe(4);
  });

  it('restarted empty: the catalog is seeded again without a gateway restart', async () => {
    await redis.restart({ empty: true });
    const res = await until(() => query(COMPONENTS), (r) => r.data?.components?.totalCount === 4);
    expect(res.data.components.totalCount).toBe(4);
    expect(res.data.components.nodes.map((n: { identifier: string }) => n.identifier).sort()).toEqual(['CartService', 'CoreKafkaLibrary', 'CorePaymentLibrary', 'ProductsService']);
  });

  it('with AOF: a write acknowledged before kill -9 is there after the restart', async () => {
    const write = await query(`mutation { upsertEntity(blueprint: COMPONENT, identifier: "Durable", title: "Durable", properties: {type: "service"}) { identifier } }`, ADMIN_TOKEN);
    expect(write.data?.upsertEntity?.identifier).toBe('Durable');
    await redis.restart({ empty: false });
    const res = await until(() => query(`{ component(identifier: "Durable") { title } }`), (r) => r.data?.component?.title === 'Durable');
    expect(res.data.component.title).toBe('Durable');
  });
});
