/**
 * SharedCache: the read-through cache in front of every upstream.
 *
 * `read(key, policy, fetch)` answers from the cache while an entry is fresh (age < ttl). Past the
 * ttl it serves the old value marked `stale` and refreshes it in the background
 * (stale-while-revalidate). With nothing cached it fetches, and concurrent callers of one key
 * share that one fetch (in-flight de-duplication; across replicas too for the Redis cache).
 * Values are kept `maxStaleMs` past their ttl, so while an upstream fails the old value is still
 * served (as stale): a failing upstream costs freshness, not availability.
 *
 * Two implementations pass one contract suite: MemoryCache (LRU, in-process, the default) and
 * RedisCache (shared by replicas when REDIS_URL is set).
 */

export interface CachePolicy {
  /** How long a value is fresh. */
  readonly ttlMs: number;
  /** How long past its ttl a value is kept, to be served stale while refreshing or on failure. */
  readonly maxStaleMs: number;
}

export interface CacheRead<T> {
  readonly value: T;
  readonly fetchedAt: Date;
  /** True when the value is older than the ttl (a refresh is under way, or the upstream fails). */
  readonly stale: boolean;
}

export interface SharedCache {
  read<T>(key: string, policy: CachePolicy, fetch: () => Promise<T>): Promise<CacheRead<T>>;
  /** Drops every entry whose key starts with the prefix: the next read fetches. */
  invalidate(prefix: string): Promise<number>;
  close(): Promise<void>;
}

export interface CachedEntry<T> {
  readonly value: T;
  /** Epoch milliseconds. */
  readonly fetchedAt: number;
}
