/**
 * RedisPubSub (with a RedisRunStore) against the PubSub contract, on the suite's real Redis
 * (test/helpers/redis.ts), under a key and channel prefix of its own. Each `open` is a new pair of
 * connections: a second replica.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import { RedisPubSub } from '../../src/data/redis/RedisPubSub.ts';
import { RedisRunStore } from '../../src/data/redis/RedisRunStore.ts';
import { pubSubContract } from './pubsub.contract.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const opened: { events: RedisPubSub; store: RedisRunStore }[] = [];
let raw: Redis;

beforeAll(async () => {
  raw = new Redis(URL);
});

afterAll(async () => {
  const left = await raw.keys(`${PREFIX}*`);
  await raw.quit();
  expect(left).toEqual([]);
});

pubSubContract(
  'RedisPubSub',
  async () => {
    const handles = { events: await RedisPubSub.connect(URL, PREFIX), store: await RedisRunStore.connect(URL, PREFIX) };
    opened.push(handles);
    return handles;
  },
  async () => {
    await opened[0]?.store.clear();
    await Promise.all(opened.splice(0).flatMap((h) => [h.events.close(), h.store.close()]));
  },
);
