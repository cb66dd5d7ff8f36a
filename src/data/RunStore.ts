/**
 * RunStore: where runs and their logs live. One interface, two implementations that pass the
 * same contract tests (test/runs/runStore.contract.ts): in-process (MemoryRunStore, the
 * default) and Redis (RedisRunStore, shared by replicas and durable).
 *
 * The contract:
 * - `create` persists a run before anything is invoked. With an idempotency key, the first run
 *   created for (createdBy, key) wins, atomically across replicas: later calls get that run back
 *   with `created: false`.
 * - `update` is an atomic compare-and-set: the run is read, `applyUpdate` (run.ts) checks the
 *   expectations and the state machine and computes the next revision, and the write lands only
 *   if no other write landed in between; otherwise the store reads again and retries, so an
 *   update never loses another (two approvals appended at once are both kept). With
 *   `expectRevision` the caller pins what it read: a conflict throws RUN_CONFLICT instead.
 * - `list` pages newest first; the cursor is a run id (`after`: runs older than it).
 * - `appendLog` numbers lines 1, 2, 3… per run, atomically: concurrent appends from any replica
 *   get distinct, gap-free cursors; `logs(after)` returns lines with cursor > after, in order.
 */
import type { Run, RunLogLine, RunUpdate } from './run.ts';
import type { RunStatus } from './runStatus.ts';

export interface RunFilter {
  readonly action?: string;
  /** The entity's identifier (with `blueprint`, to tell apart equal identifiers of two blueprints). */
  readonly entity?: string;
  readonly blueprint?: string;
  readonly status?: RunStatus;
  /** Runs created by this user. */
  readonly user?: string;
}

export interface RunPageArgs {
  /** At most this many runs (default 20). */
  readonly first?: number;
  /** A run id: only runs older than it. */
  readonly after?: string | null;
}

export interface RunPage {
  readonly runs: readonly Run[];
  /** The id of the last run on the page, to pass as `after`; null for an empty page. */
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export interface RunStore {
  create(run: Run): Promise<{ run: Run; created: boolean }>;
  get(id: string): Promise<Run | undefined>;
  /** The run created by `user` with this idempotency key, if any. */
  findByIdempotencyKey(user: string, key: string): Promise<Run | undefined>;
  list(filter?: RunFilter, page?: RunPageArgs): Promise<RunPage>;
  /** Throws RUN_NOT_FOUND, RUN_CONFLICT or ILLEGAL_TRANSITION (LatticeError). */
  update(id: string, update: RunUpdate): Promise<Run>;
  /** Appends lines; throws RUN_NOT_FOUND for an unknown run. */
  appendLog(id: string, messages: readonly string[]): Promise<RunLogLine[]>;
  /** Lines with cursor > `after` (default 0), at most `limit` (default 1000); [] for an unknown run. */
  logs(id: string, options?: { readonly after?: number; readonly limit?: number }): Promise<RunLogLine[]>;
  close(): Promise<void>;
}

export const DEFAULT_PAGE_SIZE = 20;
export const DEFAULT_LOG_LIMIT = 1000;

/** True when `run` matches every criterion of `filter`. */
export function matchesFilter(run: Run, filter: RunFilter): boolean {
  return (
    (filter.action === undefined || run.action === filter.action) &&
    (filter.entity === undefined || run.entity === filter.entity) &&
    (filter.blueprint === undefined || run.blueprint === filter.blueprint) &&
    (filter.status === undefined || run.status === filter.status) &&
    (filter.user === undefined || run.createdBy === filter.user)
  );
}
