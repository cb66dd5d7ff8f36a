/**
 * The JobQueue contract (src/runs/jobs/JobQueue.ts), run by memoryJobQueue.test.ts and
 * bullJobQueue.test.ts. `open(handler)` opens a queue on this test's data; called twice it gives
 * two replicas for BullMQ (two Queues and Workers on one Redis) and two queues of one process
 * in memory (where "replicas" share nothing, so the cross-replica case runs on Redis only).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobHandler, JobQueue } from '../../../src/runs/jobs/JobQueue.ts';
import { until } from '../../helpers/until.ts';

export interface ContractOptions {
  readonly open: <T>(handler: JobHandler<T>) => Promise<JobQueue<T>>;
  readonly shared: boolean;
}

export function jobQueueContract({ open, shared }: ContractOptions) {
  const opened: JobQueue<unknown>[] = [];
  const start = async <T>(handler: JobHandler<T>) => {
    const q = await open(handler);
    opened.push(q as JobQueue<unknown>);
    return q;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((q) => q.close()));
  });

  describe('JobQueue contract', () => {
    it('runs a job once with its data; an id added again (scheduled or done) does nothing', async () => {
      const seen: string[] = [];
      const q = await start<{ n: number }>(async (data, id) => void seen.push(`${id}:${data.n}`));
      await q.add('a', { n: 1 });
      await q.add('a', { n: 2 });
      await until(() => seen.length === 1, 'job a');
      await q.add('a', { n: 3 });
      await q.add('b', { n: 4 });
      await until(() => seen.length === 2, 'job b');
      expect(seen).toEqual(['a:1', 'b:4']);
    });

    it('runs a delayed job after its delay, never before, and in due order', async () => {
      const fired: { id: string; at: number }[] = [];
      const q = await start<{ due: number }>(async (data, id) => void fired.push({ id, at: Date.now() - data.due }));
      const now = Date.now();
      await q.add('late', { due: now + 400 }, { delayMs: 400 });
      await q.add('early', { due: now + 150 }, { delayMs: 150 });
      await until(() => fired.length === 2, 'both timers');
      expect(fired.map((f) => f.id)).toEqual(['early', 'late']);
      for (const f of fired) expect(f.at).toBeGreaterThanOrEqual(0);
    });

    it('remove drops a job that has not started; a later job still runs', async () => {
      const fired: string[] = [];
      const q = await start(async (_d, id) => void fired.push(id));
      await q.add('cancelled', {}, { delayMs: 200 });
      await q.remove('cancelled');
      await q.add('kept', {}, { delayMs: 300 });
      await until(() => fired.includes('kept'), 'the kept job');
      expect(fired).toEqual(['kept']);
    });

    it('retries a handler that throws, up to 3 attempts', async () => {
      let attempts = 0;
      const q = await start(async () => {
        attempts++;
        if (attempts < 3) throw new Error('not yet');
      });
      await q.add('flaky', {});
      await until(() => attempts === 3, 'three attempts');
    });

    // In memory there is no second replica to share a queue with: this case exists on Redis only.
    if (shared)
      it('two replicas adding the same job run it once, on one of them', async () => {
      const ran: string[] = [];
      const [one, two] = await Promise.all([start(async () => void ran.push('one')), start(async () => void ran.push('two'))]);
      await Promise.all([one.add('same', {}, { delayMs: 100 }), two.add('same', {}, { delayMs: 100 }), one.add('marker', {}, { delayMs: 300 })]);
      await until(() => ran.length >= 2, 'both jobs');
      expect(ran).toHaveLength(2);
    });
  });
}
