/**
 * LATTICE_TEST_HOLD_JOBS=<queue>: a test hook that makes this process's worker on one job queue
 * take each job and never finish it (a warning names the job), as a replica that dies mid-job
 * would, so that a test can kill the process while it holds the job, deterministically, and see
 * another replica take the job over (test/e2e/durableDependents.test.ts). Never set it in
 * production: the jobs this replica takes wait for the stalled-job recovery of another.
 */
import type { Logger } from 'pino';
import type { JobHandler } from '../runs/jobs/JobQueue.ts';

export function heldJobs<T>(queue: string, held: string | undefined, handler: JobHandler<T>, log: Logger): JobHandler<T> {
  if (queue !== held) return handler;
  return async (_data, id) => {
    log.warn({ queue, job: id }, 'job queue: holding a job (LATTICE_TEST_HOLD_JOBS)');
    await new Promise<never>(() => undefined);
  };
}
