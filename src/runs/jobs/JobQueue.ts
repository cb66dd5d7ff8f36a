/**
 * JobQueue: named jobs, run once each, now or after a delay, by one handler: what automation
 * events and timers ride on. Two implementations pass one contract suite
 * (test/runs/jobQueue.contract.ts): in-process (memoryJobQueue.ts, `npm start` with no setup)
 * and BullMQ on Redis (bullJobQueue.ts, several replicas).
 *
 * The contract:
 * - `add(id, data, { delayMs })` schedules the job; adding an id that is scheduled, running or
 *   done within the retention window (`retainMs`) does nothing: the id is the idempotency key,
 *   so replicas that add the same job run it once.
 * - The handler runs each job once, after its delay (never before it); a handler that throws is
 *   retried (3 attempts in all), then the job is dropped and logged.
 * - `remove(id)` drops a job that has not started (a timer re-armed or cancelled).
 * - With Redis, jobs outlive the process that added them; a replica that dies mid-job leaves it
 *   to another (BullMQ's stalled-job recovery), so a handler must be idempotent.
 */
export interface JobOptions {
  /** Run no sooner than this many milliseconds from now (default 0). */
  readonly delayMs?: number;
}

export interface JobQueue<T> {
  add(id: string, data: T, options?: JobOptions): Promise<void>;
  remove(id: string): Promise<void>;
  /** Resolves when no job is due or running (in-process; BullMQ: when the local worker is idle). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export type JobHandler<T> = (data: T, id: string) => Promise<void>;

/** How long a finished job's id keeps refusing a repeated add (default: one hour). */
export const DEFAULT_RETAIN_MS = 3_600_000;
export const JOB_ATTEMPTS = 3;
