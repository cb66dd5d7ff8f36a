/**
 * RedisRunStore against the RunStore contract, on the suite's real Redis (test/helpers/redis.ts). Every run of
 * this file uses its own key prefix, and each test wipes it afterwards (the last check proves
 * nothing is left). Each `makeStore` opens a new connection: the contract's second handle is a
 * second replica.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import { RedisRunStore } from '../../src/data/redis/RedisRunStore.ts';
import { runStoreContract } from './runStore.contract.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const opened: RedisRunStore[] = [];
let raw: Redis;

beforeAll(async () => {
  raw = new Redis(URL);
});

afterAll(async () => {
  const left = await raw.keys(`${PREFIX}*`);
  await raw.quit();
  expect(left).toEqual([]);
});

runStoreContract(
  'RedisRunStore',
  async () => {
    const store = await RedisRunStore.connect(URL, PREFIX);
    opened.push(store);
    return store;
  },
  async () => {
    await opened[0]?.clear();
    await Promise.all(opened.splice(0).map((s) => s.close()));
  },
);
