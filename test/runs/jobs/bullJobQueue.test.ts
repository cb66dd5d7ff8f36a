/** The BullMQ JobQueue on real Redis against the JobQueue contract; each test on its own key prefix and queue name. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach } from 'vitest';
import { pino } from 'pino';
import { bullJobQueue } from '../../../src/runs/jobs/bullJobQueue.ts';
import { deleteKeys, testRedisUrl } from '../../helpers/redis.ts';
import { jobQueueContract } from './jobQueue.contract.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
let name = '';

// Each test gets its own queue; two opens in one test are two replicas of it.
beforeEach(() => {
  name = `jobs-${randomUUID()}`;
});

jobQueueContract({
  open: (handler) => bullJobQueue(handler, { name, redisUrl: REDIS_URL, prefix: PREFIX, log: pino({ level: 'silent' }) }),
  shared: true,
});

afterAll(async () => {
  await deleteKeys(REDIS_URL, PREFIX);
});
