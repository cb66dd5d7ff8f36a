/**
 * MemoryDeliveryLog: the DeliveryLog of one process: delivery ids with their expiry, at most
 * `maxEntries` (the oldest forgotten first), expired ones dropped as new ones arrive.
 */
import type { DeliveryLog } from '../DeliveryLog.ts';

export class MemoryDeliveryLog implements DeliveryLog {
  /** Delivery id → expiry (ms); a Map keeps insertion order, so the first entries are the oldest. */
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: { readonly ttlSeconds: number; readonly maxEntries?: number; readonly now?: () => number }) {
    this.ttlMs = options.ttlSeconds * 1000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  async claim(id: string): Promise<boolean> {
    const now = this.now();
    for (const [key, expires] of this.seen) {
      if (expires > now && this.seen.size < this.maxEntries) break;
      this.seen.delete(key);
    }
    const expires = this.seen.get(id);
    if (expires !== undefined && expires > now) return false;
    this.seen.delete(id);
    this.seen.set(id, now + this.ttlMs);
    return true;
  }
}
