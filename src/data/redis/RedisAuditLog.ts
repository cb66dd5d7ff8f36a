/**
 * RedisAuditLog: the AuditLog on one Redis stream, `{p}audit`, shared by every replica. XADD
 * with `MAXLEN maxEvents` (exact) appends and trims in one command (Redis gives the id, increasing
 * across replicas); `list` reads newest first with XREVRANGE in batches from `after` (exclusive),
 * keeping what matches the filter and stopping once events are older than `since`.
 */
import type { Redis } from 'ioredis';
import { DEFAULT_MAX_AUDIT_EVENTS, matchesAuditFilter, type AuditEntry, type AuditEvent, type AuditFilter, type AuditLog, type AuditPage } from '../AuditLog.ts';
import { connectRedis, type RedisClientOptions } from './connect.ts';

const SCAN_BATCH = 200;
/** How far apart the clocks of two replicas may be, for the `since` early stop. */
const CLOCK_SKEW_MS = 60_000;

export class RedisAuditLog implements AuditLog {
  private readonly redis: Redis;
  private readonly key: string;
  private readonly maxEvents: number;

  constructor(redis: Redis, options: { readonly prefix?: string; readonly maxEvents?: number } = {}) {
    this.redis = redis;
    this.key = `${options.prefix ?? 'lattice:'}audit`;
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_AUDIT_EVENTS;
  }

  static async connect(url: string, options: { readonly prefix?: string; readonly maxEvents?: number; readonly client?: RedisClientOptions } = {}): Promise<RedisAuditLog> {
    return new RedisAuditLog(await connectRedis(url, options.client), options);
  }

  async append(entry: AuditEntry): Promise<AuditEvent> {
    const id = await this.redis.xadd(this.key, 'MAXLEN', String(this.maxEvents), '*', 'e', JSON.stringify(entry));
    return { ...entry, id: id as string };
  }

  async list(filter: AuditFilter, page: { readonly first: number; readonly after?: string | null }): Promise<AuditPage> {
    const out: AuditEvent[] = [];
    // Events arrive in time order (up to clock skew between replicas): past `since`, minus the skew allowed, nothing older can match.
    const stopBefore = filter.since ? filter.since.getTime() - CLOCK_SKEW_MS : -Infinity;
    let end = page.after ? `(${page.after}` : '+';
    for (;;) {
      const batch = (await this.redis.xrevrange(this.key, end, '-', 'COUNT', SCAN_BATCH)) as [string, string[]][];
      for (const [id, fields] of batch) {
        const event = { ...(JSON.parse(fields[1]) as AuditEntry), id };
        if (Date.parse(event.at) < stopBefore) return { events: out, hasNextPage: false };
        if (!matchesAuditFilter(event, filter)) continue;
        if (out.length === page.first) return { events: out, hasNextPage: true };
        out.push(event);
      }
      if (batch.length < SCAN_BATCH) return { events: out, hasNextPage: false };
      end = `(${batch[batch.length - 1][0]}`;
    }
  }

  /** Deletes the stream (tests). */
  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
