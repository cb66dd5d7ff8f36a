/**
 * The AuditLog contract, run against both stores: ids increase; newest first; paging with
 * `after` loses and repeats nothing; filters by actor, event kind and time range; past
 * `maxEvents` the oldest go; a second handle (another replica) sees and continues the same log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLog } from '../../src/data/AuditLog.ts';

export interface AuditLogContractOptions {
  /** Opens a handle (a new replica, for a shared store) keeping at most `maxEvents`. */
  readonly make: (maxEvents: number) => Promise<AuditLog>;
  /** Closes every handle and removes what was written. */
  readonly cleanup: () => Promise<void>;
  /** Whether handles share one log (Redis): then the replica test runs too. */
  readonly shared: boolean;
}

export function auditLogContract(name: string, { make, cleanup, shared }: AuditLogContractOptions): void {
  const entry = (n: number, o: Partial<AuditEntry> = {}): AuditEntry => ({
    event: n % 2 ? 'entity.upsert' : 'run.create',
    actor: { user: n % 3 ? 'ann' : 'bob', via: 'token:t' },
    target: { n: String(n) },
    outcome: 'OK',
    code: null,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    ...o,
  });

  describe(`${name} (AuditLog contract)`, () => {
    afterEach(cleanup);

    it('appends with increasing ids and lists newest first, paging without loss or repeat', async () => {
      const log = await make(100);
      const ids: string[] = [];
      for (let n = 1; n <= 7; n++) ids.push((await log.append(entry(n))).id);
      expect(new Set(ids).size).toBe(7);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await log.list({}, { first: 3, after });
        seen.push(...page.events.map((e) => e.target.n as string));
        if (!page.hasNextPage) break;
        after = page.events[page.events.length - 1].id;
      }
      expect(seen).toEqual(['7', '6', '5', '4', '3', '2', '1']);
      expect((await log.list({}, { first: 1 })).events[0]).toMatchObject(entry(7));
    });

    it('filters by actor, event kind and time range', async () => {
      const log = await make(100);
      for (let n = 1; n <= 9; n++) await log.append(entry(n));
      const targets = async (filter: Parameters<AuditLog['list']>[0]) => (await log.list(filter, { first: 100 })).events.map((e) => Number(e.target.n));
      expect(await targets({ actor: 'bob' })).toEqual([9, 6, 3]);
      expect(await targets({ event: 'run.create' })).toEqual([8, 6, 4, 2]);
      expect(await targets({ actor: 'ann', event: 'entity.upsert' })).toEqual([7, 5, 1]);
      expect(await targets({ since: new Date(entry(4).at), until: new Date(entry(6).at) })).toEqual([6, 5, 4]);
      expect(await targets({ actor: 'nobody' })).toEqual([]);
    });

    it('keeps only the last maxEvents events', async () => {
      const log = await make(3);
      for (let n = 1; n <= 5; n++) await log.append(entry(n));
      expect((await log.list({}, { first: 10 })).events.map((e) => e.target.n)).toEqual(['5', '4', '3']);
    });

    if (shared) {
      it('is one log for every replica', async () => {
        const a = await make(100);
        const b = await make(100);
        await a.append(entry(1));
        await b.append(entry(2));
        await a.append(entry(3));
        expect((await b.list({}, { first: 10 })).events.map((e) => e.target.n)).toEqual(['3', '2', '1']);
      });
    }
  });
}
