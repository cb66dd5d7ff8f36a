/**
 * MemoryCache: the in-process SharedCache (lru-cache), the default with no Redis.
 * Refreshes and first fetches of one key run once however many callers wait on them.
 */
import { LRUCache } from 'lru-cache';
import type { CachedEntry, CachePolicy, CacheRead, SharedCache } from '../SharedCache.ts';

export class MemoryCache implements SharedCache {
  private readonly entries: LRUCache<string, CachedEntry<unknown>>;
  private readonly inFlight = new Map<string, Promise<CachedEntry<unknown>>>();
  private readonly now: () => number;

  constructor(options: { maxEntries?: number; now?: () => number } = {}) {
    this.entries = new LRUCache({ max: options.maxEntries ?? 10_000 });
    this.now = options.now ?? Date.now;
  }

  async read<T>(key: string, policy: CachePolicy, fetch: () => Promise<T>): Promise<CacheRead<T>> {
    const entry = this.entries.get(key) as CachedEntry<T> | undefined;
    const age = entry ? this.now() - entry.fetchedAt : Infinity;
    if (entry && age <= policy.ttlMs) return { value: entry.value, fetchedAt: new Date(entry.fetchedAt), stale: false };
    if (entry && age <= policy.ttlMs + policy.maxStaleMs) {
      // Serve stale now; refresh once in the background. A failed refresh keeps the old value.
      this.fetchOnce(key, policy, fetch).catch(() => undefined);
      return { value: entry.value, fetchedAt: new Date(entry.fetchedAt), stale: true };
    }
    const fresh = (await this.fetchOnce(key, policy, fetch)) as CachedEntry<T>;
    return { value: fresh.value, fetchedAt: new Date(fresh.fetchedAt), stale: false };
  }

  async invalidate(prefix: string): Promise<number> {
    let n = 0;
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(prefix)) {
        this.entries.delete(key);
        n++;
      }
    }
    return n;
  }

  async close() {
    this.entries.clear();
  }

  private fetchOnce<T>(key: string, policy: CachePolicy, fetch: () => Promise<T>): Promise<CachedEntry<unknown>> {
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = fetch()
        .then((value) => {
          const entry = { value, fetchedAt: this.now() };
          this.entries.set(key, entry, { ttl: policy.ttlMs + policy.maxStaleMs });
          return entry;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }
}
