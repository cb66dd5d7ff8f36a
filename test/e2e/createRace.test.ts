/**
 * Typed create is atomic: two replicas on one real Redis both run `createComponent` of one
 * identifier, and both have read "no such entity" before either writes (each replica's store
 * holds its read of that identifier until both have made it). Exactly one create succeeds; the
 * other is CONFLICT, and the stored entity is the winner's. Without the store's `insert` (a
 * check, then a put), both would succeed and the second would overwrite the first.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EntityStore } from '../../src/data/EntityStore.ts';
import { RedisEntityStore } from '../../src/data/redis/RedisEntityStore.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, gql, startTestLattice, tempProject } from '../helpers/lattice.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis.ts';

const URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const RACED = 'Raced';
const replicas: Lattice[] = [];

/** Both replicas' first reads of RACED wait here until both have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === parties) release();
    return all;
  };
}

/** The store, whose first read of RACED waits at the barrier. */
function gated(store: RedisEntityStore, arrive: () => Promise<void>): EntityStore {
  let waited = false;
  const getMany = store.getMany.bind(store);
  store.getMany = async (blueprint, ids) => {
    const found = await getMany(blueprint, ids);
    if (!waited && blueprint === 'Component' && ids.includes(RACED)) {
      waited = true;
      await arrive();
    }
    return found;
  };
  return store;
}

beforeAll(async () => {
  const project = tempProject();
  const arrive = barrier(2);
  for (let i = 0; i < 2; i++) {
    const store = gated(await RedisEntityStore.connect(URL, PREFIX), arrive);
    replicas.push(await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir, redisUrl: URL, redisPrefix: PREFIX }, { store }));
  }
});
afterAll(async () => {
  await Promise.all(replicas.map((l) => l.close()));
  await deleteKeys(URL, PREFIX);
});

it('of two concurrent creates of one identifier on two replicas, exactly one succeeds and the other is CONFLICT', async () => {
  const create = (l: Lattice, title: string) =>
    gql(l.url, `mutation { createComponent(input: { identifier: "${RACED}", title: "${title}", type: SERVICE }) { component { identifier title } } }`, undefined, { token: ADMIN_TOKEN });
  const results = await Promise.all([create(replicas[0], 'from A'), create(replicas[1], 'from B')]);
  const won = results.filter((r) => r.errors === undefined);
  const lost = results.filter((r) => r.errors !== undefined);
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(lost[0].errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', pointer: '/identifier' });
  expect(lost[0].errors?.[0].message).toBe(`Component "${RACED}" already exists: update it, or upsert it`);
  // Both replicas serve the winner's entity.
  const winner = won[0].data.createComponent.component;
  for (const l of replicas) expect((await gql(l.url, `{ component(identifier: "${RACED}") { identifier title } }`)).data.component).toEqual(winner);
});
