/**
 * ChangeLog: the in-process store's record of which entities changed, per blueprint, for
 * `EntityStore.changes`. A blueprint has a count of changes ever recorded and the identifiers of
 * the last CHANGE_LOG_LENGTH of them; a cursor is "<epoch>:<count>", the epoch naming this log, so
 * a cursor from another store (or an older one) is never read as this one's.
 */
import { randomUUID } from 'node:crypto';
import { CHANGE_LOG_LENGTH, type EntityChanges } from '../EntityStore.ts';

interface BlueprintLog {
  total: number;
  ids: string[];
}

export class ChangeLog {
  private readonly epoch = randomUUID();
  private readonly logs = new Map<string, BlueprintLog>();

  record(blueprint: string, identifier: string): void {
    let log = this.logs.get(blueprint);
    if (!log) this.logs.set(blueprint, (log = { total: 0, ids: [] }));
    log.total++;
    log.ids.push(identifier);
    // Trimmed in halves, so a change costs O(1) amortized.
    if (log.ids.length >= 2 * CHANGE_LOG_LENGTH) log.ids = log.ids.slice(-CHANGE_LOG_LENGTH);
  }

  since(blueprint: string, cursor: string | undefined): EntityChanges {
    const log = this.logs.get(blueprint) ?? { total: 0, ids: [] };
    const now = `${this.epoch}:${log.total}`;
    if (cursor === undefined) return { cursor: now, identifiers: undefined };
    const [epoch, count] = cursor.split(':');
    const from = Number(count);
    const behind = log.total - from;
    if (epoch !== this.epoch || !Number.isInteger(from) || behind < 0 || behind > Math.min(log.ids.length, CHANGE_LOG_LENGTH)) return { cursor: now, identifiers: undefined };
    return { cursor: now, identifiers: log.ids.slice(log.ids.length - behind) };
  }
}
