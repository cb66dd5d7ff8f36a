/**
 * ChangeLog: the keys of the entities a watched source changed, numbered by version, so a reader
 * that merged at version v re-merges exactly what changed after it (`SnapshotChanges.since`).
 * It keeps the last LOG_LENGTH keys; a reader further behind (or behind a reset: the first list of
 * a cluster, which is not reported key by key) is told it cannot know, and merges everything.
 */
import type { EntityKey } from '../../src/model/entities/entity.ts';

const LOG_LENGTH = 10_000;

export class ChangeLog {
  /** Grows by one per recorded batch and per reset. */
  version = 0;
  /** Versions below this one cannot be answered. */
  private floor = 0;
  private entries: { readonly version: number; readonly key: EntityKey }[] = [];

  record(keys: readonly EntityKey[]): void {
    this.version++;
    for (const key of keys) this.entries.push({ version: this.version, key });
    // Trimmed in halves, so a change costs O(1) amortized.
    if (this.entries.length >= 2 * LOG_LENGTH) {
      const dropped = this.entries.length - LOG_LENGTH;
      this.floor = this.entries[dropped - 1].version;
      this.entries = this.entries.slice(dropped);
    }
  }

  /** Everything changed, unsaid: every earlier version is forgotten. */
  reset(): void {
    this.version++;
    this.floor = this.version;
    this.entries = [];
  }

  since(version: number): readonly EntityKey[] | undefined {
    if (version < this.floor || version > this.version) return undefined;
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1].version > version) i--;
    return this.entries.slice(i).map((e) => e.key);
  }
}
