/**
 * RedisEntityStore against the EntityStore contract, on the suite's real Redis (test/helpers/redis.ts).
 * Every run of this file uses its own key prefix, and each test wipes it afterwards, so test
 * files running in parallel never see each other's keys. Each `makeStore` opens new connections:
 * the contract's second handle is a second replica.
 *
 * checkIndex reads the raw reverse-index sets (test/helpers/redisIndex.ts): findByRelation alone
 * could hide stale entries.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import { RedisEntityStore } from '../../src/data/redis/RedisEntityStore.ts';
import { entityStoreContract } from './entityStore.contract.ts';
import { testRedisUrl } from '../helpers/redis.ts';
import { expectRedisIndexConsistent } from '../helpers/redisIndex.ts';

const URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const opened: RedisEntityStore[] = [];
let raw: Redis;

beforeAll(async () => {
  raw = new Redis(URL);
});

afterAll(async () => {
  const left = await raw.keys(`${PREFIX}*`);
  await raw.quit();
  expect(left).toEqual([]);
});

entityStoreContract(
  'RedisEntityStore',
  async () => {
    const store = await RedisEntityStore.connect(URL, PREFIX);
    opened.push(store);
    return store;
  },
  async () => {
    await opened[0]?.clear();
    await Promise.all(opened.splice(0).map((s) => s.close()));
  },
  {
    checkIndex: () => expectRedisIndexConsistent(raw, PREFIX),
  },
);
