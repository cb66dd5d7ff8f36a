/**
 * AuditLog: where audit events are kept for the `auditLog` query. One interface, two
 * implementations that pass the same contract tests (test/data/auditLog.contract.ts):
 * in-process (MemoryAuditLog, a ring buffer: this process's events only, lost on restart) and
 * Redis (RedisAuditLog, one stream trimmed to a maximum length, shared by every replica).
 *
 * The contract:
 * - `append` stores an event and gives it an id; ids increase with time, across replicas too.
 * - `list` pages newest first: `after` is an event id (only older events), the filter keeps
 *   events of one actor (user), one event kind, and a time range (`since` ≤ at ≤ `until`).
 * - Past `maxEvents`, the oldest events are dropped.
 */

export const AUDIT_OUTCOMES = ['OK', 'REFUSED', 'FAILED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Who acted: the user, and how they authenticated ("token:<name>", "jwt", "anonymous", "executor"). */
export interface AuditActor {
  readonly user: string;
  readonly via: string;
}

/** What is recorded: the kind (`entity.upsert`, `run.approve`…), the actor, the target, the outcome. */
export interface AuditEntry {
  readonly event: string;
  readonly actor: AuditActor;
  /** What the event is about, e.g. `{ blueprint, identifier }` or `{ runId }`. */
  readonly target: Readonly<Record<string, string | null>>;
  readonly outcome: AuditOutcome;
  /** The error code of a refusal or a failure (FORBIDDEN, UNAUTHENTICATED, NOT_FOUND…). */
  readonly code?: string | null;
  /** ISO-8601. */
  readonly at: string;
}

export interface AuditEvent extends AuditEntry {
  readonly id: string;
}

export interface AuditFilter {
  readonly actor?: string | null;
  readonly event?: string | null;
  readonly since?: Date | null;
  readonly until?: Date | null;
}

export interface AuditPage {
  readonly events: readonly AuditEvent[];
  readonly hasNextPage: boolean;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<AuditEvent>;
  /** Newest first; `after`: an id from a previous page (older events only). */
  list(filter: AuditFilter, page: { readonly first: number; readonly after?: string | null }): Promise<AuditPage>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_AUDIT_EVENTS = 10_000;

/** True when the event passes the filter's actor and event kind (the time range is the store's). */
export function matchesAuditFilter(event: AuditEvent, filter: AuditFilter): boolean {
  const t = Date.parse(event.at);
  return (
    (!filter.actor || event.actor.user === filter.actor) &&
    (!filter.event || event.event === filter.event) &&
    (!filter.since || t >= filter.since.getTime()) &&
    (!filter.until || t <= filter.until.getTime())
  );
}

/**
 * What the request context records audit events with: each becomes one structured log line
 * (`{ audit: true, … }`) and one AuditLog entry. `record` never throws: a store that fails is
 * logged, and the request goes on.
 */
export interface Auditor {
  record(entry: Omit<AuditEntry, 'at'>): Promise<void>;
  readonly log: AuditLog;
}
