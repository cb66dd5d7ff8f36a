/**
 * SharedCache contract, run against MemoryCache and RedisCache (real Redis): read-through,
 * in-flight de-duplication, stale-while-revalidate, serving stale while the upstream fails,
 * invalidation; and for Redis, sharing between replicas without a stampede.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/data/memory/MemoryCache.ts';
import { RedisCache } from '../../src/data/redis/RedisCache.ts';
import type { SharedCache } from '../../src/data/SharedCache.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const REDIS = testRedisUrl();
const policy = { ttlMs: 200, maxStaleMs: 60_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function counter<T>(value: (n: number) => T, delayMs = 20) {
  const f = async () => {
    f.calls++;
    await sleep(delayMs);
    return value(f.calls);
  };
  f.calls = 0;
  return f;
}

function contract(name: string, make: () => SharedCache) {
  describe(`${name} (SharedCache contract)`, () => {
    const caches: SharedCache[] = [];
    const cache = () => {
      const c = make();
      caches.push(c);
      return c;
    };
    afterAll(async () => {
      await Promise.all(caches.map((c) => c.close()));
    });

    it('reads through, then serves from the cache while fresh', async () => {
      const c = cache();
      const fetch = counter((n) => `v${n}`);
      const first = await c.read('k1', policy, fetch);
      expect(first).toMatchObject({ value: 'v1', stale: false });
      expect((await c.read('k1', policy, fetch)).value).toBe('v1');
      expect(fetch.calls).toBe(1);
    });

    it('50 concurrent reads of a cold key cause one fetch', async () => {
      const c = cache();
      const fetch = counter(() => ({ rows: [1, 2, 3] }));
      const results = await Promise.all(Array.from({ length: 50 }, () => c.read('k2', policy, fetch)));
      expect(fetch.calls).toBe(1);
      expect(results.every((r) => JSON.stringify(r.value) === '{"rows":[1,2,3]}')).toBe(true);
    });

    it('serves stale past the ttl and refreshes once in the background', async () => {
      const c = cache();
      const fetch = counter((n) => `v${n}`);
      await c.read('k3', policy, fetch);
      await sleep(policy.ttlMs + 50);
      const stale = await Promise.all([c.read('k3', policy, fetch), c.read('k3', policy, fetch)]);
      expect(stale.map((r) => [r.value, r.stale])).toEqual([
        ['v1', true],
        ['v1', true],
      ]);
      await sleep(100);
      expect(await c.read('k3', policy, fetch)).toMatchObject({ value: 'v2', stale: false });
      expect(fetch.calls).toBe(2);
    });

    it('keeps serving the old value, stale, while the upstream fails; fails when nothing is kept', async () => {
      const c = cache();
      await c.read('k4', policy, async () => 'old');
      await sleep(policy.ttlMs + 50);
      const failing = async () => {
        throw new Error('502 from upstream');
      };
      expect(await c.read('k4', policy, failing)).toMatchObject({ value: 'old', stale: true });
      await sleep(50);
      expect(await c.read('k4', policy, failing)).toMatchObject({ value: 'old', stale: true });
      await expect(c.read('k5', policy, failing)).rejects.toThrow('502 from upstream');
    });

    it('invalidates by prefix', async () => {
      const c = cache();
      const fetch = counter((n) => n);
      await c.read('github:acme:repos', policy, fetch);
      await c.read('github:other:repos', policy, fetch);
      expect(await c.invalidate('github:acme:')).toBe(1);
      await c.read('github:acme:repos', policy, fetch);
      await c.read('github:other:repos', policy, fetch);
      expect(fetch.calls).toBe(3);
    });
  });
}

contract('MemoryCache', () => new MemoryCache());

const prefix = `lattice-test:${randomUUID()}:`;
contract('RedisCache', () => RedisCache.connect(REDIS, prefix));

describe('RedisCache across replicas', () => {
  const p = `lattice-test:${randomUUID()}:`;
  const a = RedisCache.connect(REDIS, p);
  const b = RedisCache.connect(REDIS, p);
  afterAll(async () => {
    await a.invalidate('');
    await Promise.all([a.close(), b.close()]);
  });

  it('after replica A fetched, replica B reads with no fetch', async () => {
    const fetch = counter(() => 'shared');
    await a.read('repos', policy, fetch);
    expect(await b.read('repos', policy, fetch)).toMatchObject({ value: 'shared', stale: false });
    expect(fetch.calls).toBe(1);
  });

  it('concurrent cold reads on two replicas cause one fetch (no stampede)', async () => {
    const fetch = counter(() => 'once', 100);
    const reads = Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).read('cold', policy, fetch));
    const results = await Promise.all(reads);
    expect(fetch.calls).toBe(1);
    expect(new Set(results.map((r) => r.value))).toEqual(new Set(['once']));
  });
});
