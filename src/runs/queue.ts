/**
 * The run queue on Redis (BullMQ): with `REDIS_URL` set, the ActionEngine's `dispatch` adds a job
 * (id = the run id) instead of invoking in the process that accepted the run, and every replica
 * runs a Worker that calls `engine.invoke(runId)`. So any replica executes any run, and a replica
 * that dies mid-run leaves it to another:
 *
 * - A Worker holds a lock on each job it runs (renewed while it runs). When the process dies the
 *   lock expires, and the stalled-job check of a surviving Worker moves the job back to the wait
 *   list; a Worker picks it up and invokes the run again. `invoke` does nothing unless the run is
 *   still IN_PROGRESS, and every invoker sends the run id as its idempotency key, so the backend
 *   sees the same key on the repeated call and a run that already ended is not invoked again.
 * - `stalledMs` (LATTICE_QUEUE_STALLED_MS) sets both the lock duration and the stalled-check
 *   interval: a dead replica's run moves on after about two to three of these. Default: BullMQ's
 *   30 s. BullMQ gives a job back at most once after a stall (`maxStalledCount` 1); a second stall
 *   fails the job and the run stays IN_PROGRESS (logged), rather than invoking it in a crash loop.
 * - A job whose `invoke` throws (the store unreachable, say; an invoker's own failure is a FAILURE
 *   outcome, not a throw) is retried: 3 attempts, exponential backoff from 500 ms. Completed jobs
 *   are removed; failed ones are kept for inspection and logged.
 *
 * - The engine's `dispatch` returns nothing, so the mutation answers without waiting for the job
 *   to be added: a replica that dies between storing a run and adding its job leaves the run
 *   IN_PROGRESS with no job (a failed add is logged). Nothing re-enqueues such runs today.
 *
 * - Closing waits at most CLOSE_GRACE_MS for the Worker: after Redis went away and came back (a
 *   restart, a pause), BullMQ's `Worker.close()` can wait forever for its blocking connection
 *   (taskforcesh/bullmq#4656, open); past the grace it is disconnected, with a warning.
 *
 * The queue's keys live under the configured Redis prefix (`<prefix>bull:runs:…`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';

export const RUN_QUEUE_NAME = 'runs';
export const RUN_JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: true } as const;
/** Runs one Worker executes at once: a webhook that takes its time must not hold up the others. */
const CONCURRENCY = 64;
/** How long closing waits for the Worker's running jobs and connections before cutting them. */
const CLOSE_GRACE_MS = 10_000;

export interface RunQueueOptions {
  readonly redisUrl: string;
  /** The Redis key prefix of this deployment (default `lattice:`). */
  readonly prefix?: string;
  /** What a Worker runs for each job: `engine.invoke`. */
  readonly invoke: (runId: string) => Promise<void>;
  readonly log: Logger;
  /** Lock duration and stalled-check interval, in ms (default: BullMQ's 30 000). */
  readonly stalledMs?: number;
}

export interface RunQueue {
  /** Adds the run's job; what the engine's `dispatch` calls (errors are logged, not thrown). */
  dispatch(runId: string): void;
  /** Stops taking jobs, waits for the running ones, closes the connections. */
  close(): Promise<void>;
}

interface RunJob {
  readonly runId: string;
}

export async function startRunQueue(options: RunQueueOptions): Promise<RunQueue> {
  const { log } = options;
  const connection = { url: options.redisUrl };
  const prefix = `${options.prefix ?? 'lattice:'}bull`;
  const queue = new Queue<RunJob>(RUN_QUEUE_NAME, { connection, prefix });
  const worker = new Worker<RunJob>(RUN_QUEUE_NAME, (job) => options.invoke(job.data.runId), {
    connection,
    prefix,
    concurrency: CONCURRENCY,
    ...(options.stalledMs !== undefined ? { lockDuration: options.stalledMs, stalledInterval: options.stalledMs } : {}),
  });
  queue.on('error', (err) => log.error({ err }, 'run queue: Redis error'));
  worker.on('error', (err) => log.error({ err }, 'run queue worker: error'));
  worker.on('stalled', (jobId) => log.warn({ runId: jobId }, 'run queue: a run held by a replica that stopped answering goes back to the queue'));
  worker.on('failed', (job, err) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(err.message);
    if (final) log.error({ err, runId: job.data.runId, attempts: job.attemptsMade }, 'run queue: giving up on a run; it stays IN_PROGRESS');
    else log.warn({ err, runId: job.data.runId, attempt: job.attemptsMade }, 'run queue: invoking a run failed; retrying');
  });
  try {
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
  } catch (err) {
    await Promise.allSettled([worker.close(true), queue.close()]);
    throw err;
  }
  const adding = new Set<Promise<unknown>>();
  return {
    dispatch(runId) {
      const added: Promise<unknown> = queue
        .add('invoke', { runId }, { ...RUN_JOB_OPTIONS, jobId: runId })
        .catch((err: unknown) => log.error({ err, runId }, 'run queue: could not enqueue a run; it stays IN_PROGRESS'))
        .finally(() => adding.delete(added));
      adding.add(added);
    },
    async close() {
      await Promise.all([...adding]);
      const closed = await Promise.race([worker.close().then(() => true), sleep(CLOSE_GRACE_MS, false, { ref: false })]);
      if (!closed) {
        log.warn({ graceMs: CLOSE_GRACE_MS }, 'run queue: the worker did not close in time; disconnecting it');
        await worker.disconnect();
      }
      await queue.close();
    },
  };
}
