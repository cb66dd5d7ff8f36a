/**
 * RedisAuditLog against the AuditLog contract, on the suite's real Redis (test/helpers/redis.ts) under its own
 * key prefix; each `make` opens a new connection (a second replica). Nothing is left behind.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import { RedisAuditLog } from '../../src/data/redis/RedisAuditLog.ts';
import { auditLogContract } from './auditLog.contract.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const opened: RedisAuditLog[] = [];
let raw: Redis;

beforeAll(() => {
  raw = new Redis(URL);
});

afterAll(async () => {
  const left = await raw.keys(`${PREFIX}*`);
  await raw.quit();
  expect(left).toEqual([]);
});

auditLogContract('RedisAuditLog', {
  make: async (maxEvents) => {
    const log = await RedisAuditLog.connect(URL, { prefix: PREFIX, maxEvents });
    opened.push(log);
    return log;
  },
  cleanup: async () => {
    await opened[0]?.clear();
    await Promise.all(opened.splice(0).map((l) => l.close()));
  },
  shared: true,
});
