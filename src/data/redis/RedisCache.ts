/**
 * RedisCache: the SharedCache on Redis, shared by replicas. After replica A fetched a key,
 * replica B reads it with no upstream call.
 *
 * No stampede: a fetch (or a refresh) runs under a per-key lock (`SET NX PX`); other callers, on
 * this replica or another, wait for the value instead of calling the upstream too. Within one
 * process, callers of one key also share one promise.
 *
 *   {p}cache:{key}   JSON { value, fetchedAt }, expiring ttl + maxStale after the fetch
 *   {p}lock:{key}    the token of the process fetching the key
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis, type RedisClientOptions } from './connect.ts';
import type { CachedEntry, CachePolicy, CacheRead, SharedCache } from '../SharedCache.ts';

const LOCK_MS = 30_000;
const POLL_MS = 20;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class RedisCache implements SharedCache {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly inFlight = new Map<string, Promise<CachedEntry<unknown>>>();

  constructor(redis: Redis, prefix = 'lattice:') {
    this.redis = redis;
    this.prefix = prefix;
  }

  static connect(url: string, prefix?: string, client: RedisClientOptions = {}): RedisCache {
    return new RedisCache(createRedis(url, { ...client, enableAutoPipelining: true }), prefix);
  }

  async read<T>(key: string, policy: CachePolicy, fetch: () => Promise<T>): Promise<CacheRead<T>> {
    const entry = await this.get<T>(key);
    const age = entry ? Date.now() - entry.fetchedAt : Infinity;
    if (entry && age <= policy.ttlMs) return { value: entry.value, fetchedAt: new Date(entry.fetchedAt), stale: false };
    if (entry && age <= policy.ttlMs + policy.maxStaleMs) {
      this.fetchOnce(key, policy, fetch, entry.fetchedAt).catch(() => undefined);
      return { value: entry.value, fetchedAt: new Date(entry.fetchedAt), stale: true };
    }
    const fresh = (await this.fetchOnce(key, policy, fetch, undefined)) as CachedEntry<T>;
    return { value: fresh.value, fetchedAt: new Date(fresh.fetchedAt), stale: false };
  }

  async invalidate(prefix: string): Promise<number> {
    let cursor = '0';
    let n = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}cache:${escapeGlob(prefix)}*`, 'COUNT', 1000);
      if (keys.length) n += await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return n;
  }

  async close() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async get<T>(key: string): Promise<CachedEntry<T> | undefined> {
    const raw = await this.redis.get(`${this.prefix}cache:${key}`);
    return raw ? (JSON.parse(raw) as CachedEntry<T>) : undefined;
  }

  /** One fetch per key per process; across processes, the lock holder fetches and the others wait. */
  private fetchOnce<T>(key: string, policy: CachePolicy, fetch: () => Promise<T>, staleSince: number | undefined): Promise<CachedEntry<unknown>> {
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchLocked(key, policy, fetch, staleSince).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async fetchLocked<T>(key: string, policy: CachePolicy, fetch: () => Promise<T>, staleSince: number | undefined): Promise<CachedEntry<unknown>> {
    const lockKey = `${this.prefix}lock:${key}`;
    const deadline = Date.now() + LOCK_MS;
    for (;;) {
      const token = randomUUID();
      if ((await this.redis.set(lockKey, token, 'PX', LOCK_MS, 'NX')) === 'OK') {
        try {
          // Another replica may have stored a newer value between our read and the lock.
          const current = await this.get<T>(key);
          if (current && current.fetchedAt !== staleSince && Date.now() - current.fetchedAt <= policy.ttlMs) return current;
          const entry = { value: await fetch(), fetchedAt: Date.now() };
          await this.redis.set(`${this.prefix}cache:${key}`, JSON.stringify(entry), 'PX', policy.ttlMs + policy.maxStaleMs);
          return entry;
        } finally {
          await this.redis.eval(RELEASE, 1, lockKey, token);
        }
      }
      // Someone else is fetching: wait for their value rather than calling the upstream too.
      await new Promise((r) => setTimeout(r, POLL_MS));
      const current = await this.get<T>(key);
      if (current && current.fetchedAt !== staleSince && Date.now() - current.fetchedAt <= policy.ttlMs) return current;
      if (Date.now() > deadline) throw new Error(`timed out waiting for another replica to fetch "${key}"`);
    }
  }
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}
