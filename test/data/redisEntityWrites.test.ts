/**
 * RedisEntityStore's writes across replicas (src/data/redis/RedisEntityStore.ts): two stores on
 * separate connections, as two replicas sharing the suite's real Redis, under a key prefix of this
 * file's own. A write conflicts only with writes to the same entity: different entities of one
 * blueprint written concurrently never make a store retry (`retries`), while concurrent writes to
 * one entity still leave the entity, its reverse index and the change log consistent.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { RedisEntityStore } from '../../src/data/redis/RedisEntityStore.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis.ts';
import { expectRedisIndexConsistent } from '../helpers/redisIndex.ts';

const URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
let raw: Redis;
let a: RedisEntityStore;
let b: RedisEntityStore;

beforeAll(async () => {
  raw = new Redis(URL);
});
afterAll(async () => {
  await raw.quit();
  await deleteKeys(URL, PREFIX);
});

async function openBoth() {
  [a, b] = await Promise.all([RedisEntityStore.connect(URL, PREFIX), RedisEntityStore.connect(URL, PREFIX)]);
}
afterEach(async () => {
  await a.clear();
  await Promise.all([a.close(), b.close()]);
});

function component(identifier: string, over: Partial<EntityInput> = {}): EntityInput {
  return { blueprint: 'Component', identifier, title: identifier, icon: null, team: [], properties: {}, relations: {}, origin: 'api', ...over };
}

const TARGETS = ['S0', 'S1', 'S2'];

it('two replicas writing 2 × 500 different entities of one blueprint at once all succeed, with no retry', async () => {
  await openBoth();
  const { cursor } = await a.changes('Component');
  const writes = Array.from({ length: 500 }, (_, i) => [
    a.put([component(`a${i}`, { relations: { system: TARGETS[i % 3] } })]),
    b.put([component(`b${i}`, { relations: { system: TARGETS[(i + 1) % 3] } })]),
  ]).flat();
  const written = await Promise.all(writes);
  expect(written.flat()).toHaveLength(1000);
  expect(a.retries).toBe(0);
  expect(b.retries).toBe(0);
  expect(await raw.hlen(`${PREFIX}entities:Component`)).toBe(1000);
  expect((await b.changes('Component', cursor)).identifiers).toHaveLength(1000);
  const bySystem = await a.findByRelation('Component', 'system', TARGETS);
  const expected = TARGETS.map((t, n) => Array.from({ length: 500 }, (_, i) => [i % 3, (i + 1) % 3]).flat().filter((k) => k === n).length);
  expect(bySystem.map((found) => found.length)).toEqual(expected);
  await expectRedisIndexConsistent(raw, PREFIX);
});

it('concurrent writes to one entity from two replicas all succeed and leave it, its reverse index and the change log consistent', async () => {
  await openBoth();
  await a.put([component('x', { relations: { system: 'S0' } })]);
  const { cursor } = await a.changes('Component');
  const writes = Array.from({ length: 100 }, (_, i) => [
    a.put([component('x', { title: `a${i}`, relations: { system: TARGETS[i % 3], dependsOn: [TARGETS[(i + 1) % 3]] } })]),
    b.put([component('x', { title: `b${i}`, relations: { system: TARGETS[(i + 2) % 3] } })]),
  ]).flat();
  await Promise.all(writes);
  const [x] = await a.getMany('Component', ['x']);
  // Every write changed the title: the log names all 200, the last of them the stored one.
  expect((await b.changes('Component', cursor)).identifiers).toEqual(Array.from({ length: 200 }, () => 'x'));
  const found = await b.findByRelation('Component', 'system', TARGETS);
  expect(found.map((f) => f.map((e) => e.title))).toEqual(TARGETS.map((t) => (x?.relations.system === t ? [x.title] : [])));
  await expectRedisIndexConsistent(raw, PREFIX);
  expect(await raw.smembers(`${PREFIX}origin:api`)).toEqual(['Component\0x']);
});

it('a burst of writes to one entity from one replica waits in turn: no retry, none refused', async () => {
  await openBoth();
  const written = await Promise.all(Array.from({ length: 60 }, (_, i) => a.put([component('x', { title: `t${i}`, relations: { system: TARGETS[i % 3] } })])));
  expect(written.map(([e]) => e.title)).toEqual(Array.from({ length: 60 }, (_, i) => `t${i}`));
  expect(a.retries).toBe(0);
  expect((await a.getMany('Component', ['x']))[0]?.title).toBe('t59');
  await expectRedisIndexConsistent(raw, PREFIX);
});

it('of concurrent inserts of the same 200 keys from two replicas, exactly one per key writes', async () => {
  await openBoth();
  const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
  const results = await Promise.all(keys.flatMap((k) => [a.insert(component(k, { title: `a-${k}` })), b.insert(component(k, { title: `b-${k}` }))]));
  for (const [i, k] of keys.entries()) {
    const won = [results[2 * i], results[2 * i + 1]].filter((r) => r !== undefined);
    expect(won, k).toHaveLength(1);
    expect(await b.getMany('Component', [k])).toEqual(won);
  }
  expect(await raw.hget(`${PREFIX}changes:Component`, 'total')).toBe('200');
});

it('replaceOrigin racing a put of one of its entities: either the file set is applied whole and the put lands after it, or it is refused whole', async () => {
  await openBoth();
  const files = (round: number) => Array.from({ length: 50 }, (_, i) => component(`f${i}`, { origin: 'file:a.json', title: `file${round}`, relations: { system: TARGETS[(i + round) % 3] } }));
  const outcomes = { applied: 0, refused: 0 };
  let lastApplied: string | undefined;
  for (let round = 0; round < 10; round++) {
    const [replaced] = await Promise.allSettled([
      a.replaceOrigin('file:', [...files(round), component('shared', { origin: 'file:a.json', title: `file${round}` })]),
      b.put([component('shared', { origin: 'api', title: `api${round}`, relations: { system: 'S0' } })]),
    ]);
    const stored = await a.getMany('Component', ['f0', 'shared']);
    expect(stored[1]).toMatchObject({ origin: 'api', title: `api${round}` });
    if (replaced.status === 'fulfilled') {
      outcomes.applied++;
      expect(stored[0]?.title).toBe(`file${round}`);
      lastApplied = `file${round}`;
    } else {
      outcomes.refused++;
      expect(replaced.reason).toMatchObject({ code: 'CONFLICT' });
      // Nothing of the set was applied: its entities are as the last round left them.
      expect(stored[0]?.title).toBe(lastApplied);
    }
    await expectRedisIndexConsistent(raw, PREFIX);
    await a.delete([{ blueprint: 'Component', identifier: 'shared' }]);
  }
  expect(outcomes.applied + outcomes.refused).toBe(10);
});
