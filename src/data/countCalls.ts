/**
 * countCalls: wraps an EntityStore so every call is counted (per method) and reported to a hook
 * (metrics). Tests and benchmarks read the counts to prove batching: no N+1.
 */
import { STORE_CALLS, type EntityStore, type StoreCall } from './EntityStore.ts';

export interface CallCounts {
  readonly total: number;
  readonly byMethod: Readonly<Record<StoreCall, number>>;
}

export interface CountedEntityStore extends EntityStore {
  counts(): CallCounts;
}

export function countCalls(store: EntityStore, onCall?: (method: StoreCall) => void): CountedEntityStore {
  const byMethod = Object.fromEntries(STORE_CALLS.map((m) => [m, 0])) as Record<StoreCall, number>;
  const counted = Object.create(null) as Record<string, unknown>;
  for (const method of STORE_CALLS) {
    const original = (store[method] as (...args: unknown[]) => unknown).bind(store);
    counted[method] = (...args: unknown[]) => {
      byMethod[method]++;
      onCall?.(method);
      return original(...args);
    };
  }
  counted.close = () => store.close();
  counted.counts = () => ({ total: Object.values(byMethod).reduce((a, b) => a + b, 0), byMethod: { ...byMethod } });
  return counted as unknown as CountedEntityStore;
}
