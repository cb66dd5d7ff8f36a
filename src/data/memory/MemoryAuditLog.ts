/**
 * MemoryAuditLog: the AuditLog of one process, a ring buffer of the last `maxEvents` events.
 * Ids are the Redis stream's shape (`<ms>-<seq>`), so cursors look alike on both stores.
 */
import { DEFAULT_MAX_AUDIT_EVENTS, matchesAuditFilter, type AuditEntry, type AuditEvent, type AuditFilter, type AuditLog, type AuditPage } from '../AuditLog.ts';

export class MemoryAuditLog implements AuditLog {
  private readonly events: AuditEvent[] = [];
  private readonly maxEvents: number;
  private lastMs = 0;
  private seq = 0;

  constructor(maxEvents = DEFAULT_MAX_AUDIT_EVENTS) {
    if (!Number.isInteger(maxEvents) || maxEvents < 1) throw new TypeError(`MemoryAuditLog: maxEvents must be a positive whole number, got ${maxEvents}`);
    this.maxEvents = maxEvents;
  }

  async append(entry: AuditEntry): Promise<AuditEvent> {
    const ms = Math.max(Date.now(), this.lastMs);
    this.seq = ms === this.lastMs ? this.seq + 1 : 0;
    this.lastMs = ms;
    const event = Object.freeze({ ...entry, id: `${ms}-${this.seq}` });
    this.events.push(event);
    if (this.events.length > this.maxEvents) this.events.splice(0, this.events.length - this.maxEvents);
    return event;
  }

  async list(filter: AuditFilter, page: { readonly first: number; readonly after?: string | null }): Promise<AuditPage> {
    const out: AuditEvent[] = [];
    let hasNextPage = false;
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i];
      if (page.after && compareIds(e.id, page.after) >= 0) continue;
      if (!matchesAuditFilter(e, filter)) continue;
      if (out.length === page.first) {
        hasNextPage = true;
        break;
      }
      out.push(e);
    }
    return { events: out, hasNextPage };
  }

  async close(): Promise<void> {}
}

/** Orders `<ms>-<seq>` ids. */
export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}
