/**
 * The in-process JobQueue (JobQueue.ts): timers in this process. Long delays are waited in steps
 * (Node's timers hold at most ~24.8 days). Nothing survives a restart: timers are armed again
 * from the catalog when the gateway starts (automations/service.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_RETAIN_MS, JOB_ATTEMPTS, type JobHandler, type JobOptions, type JobQueue } from './JobQueue.ts';

const MAX_TIMER_MS = 2_000_000_000;

export function memoryJobQueue<T>(handler: JobHandler<T>, options: { readonly retainMs?: number; readonly onError?: (err: unknown, id: string) => void } = {}): JobQueue<T> {
  const retainMs = options.retainMs ?? DEFAULT_RETAIN_MS;
  const scheduled = new Map<string, NodeJS.Timeout>();
  /** Ids done or running → when they stop refusing adds. */
  const seen = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let closed = false;

  const run = async (id: string, data: T) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(data, id);
        return;
      } catch (err) {
        if (attempt >= JOB_ATTEMPTS || closed) {
          options.onError?.(err, id);
          return;
        }
        await sleep(100 * 2 ** attempt);
      }
    }
  };
  const start = (id: string, data: T) => {
    scheduled.delete(id);
    seen.set(id, Date.now() + retainMs);
    const p: Promise<void> = run(id, data).finally(() => running.delete(p));
    running.add(p);
  };
  const schedule = (id: string, data: T, dueAt: number) => {
    const wait = Math.max(0, dueAt - Date.now());
    // Node may wake a timer a millisecond early by the wall clock: never run before `dueAt`.
    scheduled.set(id, setTimeout(() => (Date.now() < dueAt ? schedule(id, data, dueAt) : start(id, data)), Math.min(wait, MAX_TIMER_MS)));
  };
  return {
    async add(id, data, opts: JobOptions = {}) {
      if (closed || scheduled.has(id) || (seen.get(id) ?? 0) > Date.now()) return;
      if (seen.size > 10_000) for (const [k, until] of seen) if (until <= Date.now()) seen.delete(k);
      schedule(id, data, Date.now() + (opts.delayMs ?? 0));
    },
    async remove(id) {
      clearTimeout(scheduled.get(id));
      scheduled.delete(id);
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
    async close() {
      closed = true;
      for (const t of scheduled.values()) clearTimeout(t);
      scheduled.clear();
      await Promise.all([...running]);
    },
  };
}
