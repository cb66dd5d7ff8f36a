/**
 * MemoryRunStore: the in-process RunStore, used by `npm start` with no setup.
 *
 * Runs are kept as frozen JSON copies in a Map plus a list of ids, newest first; each method does
 * its work without awaiting in between, so a call is one step that no other call sees half done
 * (that is its compare-and-set). Logs are one array per run: a line's cursor is its position + 1.
 */
import { applyUpdate, type Run, type RunLogLine, type RunUpdate } from '../run.ts';
import { DEFAULT_LOG_LIMIT, DEFAULT_PAGE_SIZE, matchesFilter, type RunFilter, type RunPage, type RunPageArgs, type RunStore } from '../RunStore.ts';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';

export class MemoryRunStore implements RunStore {
  private readonly runs = new Map<string, Run>();
  /** Run ids, greatest (newest) first. */
  private readonly order: string[] = [];
  private readonly idempotency = new Map<string, string>();
  private readonly logLines = new Map<string, RunLogLine[]>();

  async create(run: Run) {
    const idemKey = run.idempotencyKey === null ? undefined : `${run.createdBy}\0${run.idempotencyKey}`;
    const existing = idemKey === undefined ? undefined : this.idempotency.get(idemKey);
    if (existing !== undefined) return { run: this.runs.get(existing) as Run, created: false };
    if (this.runs.has(run.id)) throw new LatticeError(ErrorCodes.RUN_CONFLICT, `run ${run.id} already exists`, { details: { runId: run.id } });
    const stored = freeze(run);
    this.runs.set(run.id, stored);
    this.order.splice(insertionIndex(this.order, run.id), 0, run.id);
    if (idemKey !== undefined) this.idempotency.set(idemKey, run.id);
    return { run: stored, created: true };
  }

  async get(id: string) {
    return this.runs.get(id);
  }

  async findByIdempotencyKey(user: string, key: string) {
    const id = this.idempotency.get(`${user}\0${key}`);
    return id === undefined ? undefined : this.runs.get(id);
  }

  async list(filter: RunFilter = {}, page: RunPageArgs = {}): Promise<RunPage> {
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    const start = page.after ? insertionIndex(this.order, page.after, true) : 0;
    const runs: Run[] = [];
    let hasNextPage = false;
    for (let i = start; i < this.order.length; i++) {
      const run = this.runs.get(this.order[i]) as Run;
      if (!matchesFilter(run, filter)) continue;
      if (runs.length === first) {
        hasNextPage = true;
        break;
      }
      runs.push(run);
    }
    return { runs, endCursor: runs.at(-1)?.id ?? null, hasNextPage };
  }

  async update(id: string, update: RunUpdate) {
    const run = this.runs.get(id);
    if (!run) throw notFound(id);
    const next = freeze(applyUpdate(run, update, new Date()));
    this.runs.set(id, next);
    return next;
  }

  async appendLog(id: string, messages: readonly string[]) {
    if (!this.runs.has(id)) throw notFound(id);
    const lines = this.logLines.get(id) ?? [];
    this.logLines.set(id, lines);
    const at = new Date().toISOString();
    const first = lines.length + 1;
    const added = messages.map((message, i) => Object.freeze({ cursor: first + i, message, at }));
    lines.push(...added);
    return added;
  }

  async logs(id: string, options: { after?: number; limit?: number } = {}) {
    const after = Math.max(0, options.after ?? 0);
    return (this.logLines.get(id) ?? []).slice(after, after + (options.limit ?? DEFAULT_LOG_LIMIT));
  }

  async close() {}
}

function notFound(id: string) {
  return new LatticeError(ErrorCodes.RUN_NOT_FOUND, `no run ${id}`, { details: { runId: id } });
}

/** Where `id` goes in a list sorted greatest first; with `after`, the first index holding a smaller id. */
function insertionIndex(order: readonly string[], id: string, after = false): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid] > id || (after && order[mid] === id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function freeze(run: Run): Run {
  return deepFreeze(JSON.parse(JSON.stringify(run)) as Run);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
