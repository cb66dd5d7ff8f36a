/**
 * The JobQueue on Redis (JobQueue.ts), with BullMQ, in the style of the run queue (queue.ts): a
 * Queue and a Worker per replica; the job id is the caller's id (hashed: BullMQ refuses `:` in
 * ids), so every replica adding the same job adds it once; delayed jobs are BullMQ's delayed
 * jobs (kept in Redis: they survive restarts and fire on whichever replica is up); completed
 * jobs are kept `retainMs` so a late duplicate add still does nothing; a replica that dies
 * mid-job leaves it to another (lock + stalled check, `stalledMs`).
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { DEFAULT_RETAIN_MS, JOB_ATTEMPTS, type JobHandler, type JobQueue } from './JobQueue.ts';

const CLOSE_GRACE_MS = 10_000;

export interface BullJobQueueOptions {
  /** The queue's name (its keys: `<prefix>bull:<name>:…`). */
  readonly name: string;
  readonly redisUrl: string;
  readonly prefix?: string;
  readonly log: Logger;
  readonly retainMs?: number;
  /** Lock duration and stalled-check interval, in ms (default BullMQ's 30 000). */
  readonly stalledMs?: number;
  readonly concurrency?: number;
}

interface Envelope<T> {
  readonly id: string;
  readonly data: T;
}

/** A BullMQ job id for a caller's id: no `:`, bounded length, the same on every replica. */
function jobId(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 40);
}

export async function bullJobQueue<T>(handler: JobHandler<T>, options: BullJobQueueOptions): Promise<JobQueue<T>> {
  const { log, name } = options;
  const connection = { url: options.redisUrl };
  const prefix = `${options.prefix ?? 'lattice:'}bull`;
  const retainSeconds = Math.ceil((options.retainMs ?? DEFAULT_RETAIN_MS) / 1000);
  const queue = new Queue<Envelope<T>>(name, { connection, prefix });
  let active = 0;
  const waiters: (() => void)[] = [];
  const worker = new Worker<Envelope<T>>(
    name,
    async (job) => {
      active++;
      try {
        await handler(job.data.data, job.data.id);
      } finally {
        active--;
        if (active === 0) for (const w of waiters.splice(0)) w();
      }
    },
    { connection, prefix, concurrency: options.concurrency ?? 16, ...(options.stalledMs !== undefined ? { lockDuration: options.stalledMs, stalledInterval: options.stalledMs } : {}) },
  );
  queue.on('error', (err) => log.error({ err, queue: name }, 'job queue: Redis error'));
  worker.on('error', (err) => log.error({ err, queue: name }, 'job queue worker: error'));
  worker.on('failed', (job, err) => {
    if (job && job.attemptsMade >= JOB_ATTEMPTS) log.error({ err, queue: name, job: job.data.id }, 'job queue: giving up on a job');
  });
  try {
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
  } catch (err) {
    await Promise.allSettled([worker.close(true), queue.close()]);
    throw err;
  }
  return {
    async add(id, data, opts = {}) {
      await queue.add(name, { id, data }, {
        jobId: jobId(id),
        delay: Math.max(0, Math.round(opts.delayMs ?? 0)),
        attempts: JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: 200 },
        removeOnComplete: { age: retainSeconds },
        removeOnFail: { age: retainSeconds },
      });
    },
    async remove(id) {
      try {
        await queue.remove(jobId(id));
      } catch (err) {
        // A job that is running (locked) cannot be removed: it checks what it fires for itself.
        log.debug({ err, queue: name, job: id }, 'job queue: a job could not be removed');
      }
    },
    idle() {
      return active === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
    },
    async close() {
      const closed = await Promise.race([worker.close().then(() => true), sleep(CLOSE_GRACE_MS, false, { ref: false })]);
      if (!closed) {
        log.warn({ queue: name }, 'job queue: the worker did not close in time; disconnecting it');
        await worker.disconnect();
      }
      await queue.close();
    },
  };
}
