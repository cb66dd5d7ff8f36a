/**
 * Durability with Redis: an entity written through the GraphQL API by one gateway is served,
 * with its relation and through the reverse relation, by a new gateway on the same Redis.
 * The gateways run under their own key prefix, wiped afterwards, so other test files (and a
 * developer's `lattice:` data) are never touched.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { RedisEntityStore } from '../../src/data/redis/RedisEntityStore.ts';
import { ADMIN_TOKEN, gql, startTestLattice } from '../helpers/lattice.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const running: Lattice[] = [];

async function start() {
  const lattice = await startTestLattice({ redisUrl: REDIS_URL, redisPrefix: PREFIX });
  running.push(lattice);
  return lattice;
}

async function stop(lattice: Lattice) {
  running.splice(running.indexOf(lattice), 1);
  await lattice.close();
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((l) => l.close()));
});

afterAll(async () => {
  const store = await RedisEntityStore.connect(REDIS_URL, PREFIX);
  await store.clear();
  await store.close();
});

const UPSERT = `mutation {
  upsertEntity(blueprint: COMPONENT, identifier: "NewService", title: "New", properties: {type: "service"}, relations: {system: "Cart"}) {
    identifier title createdAt
  }
}`;
const READ = `{
  component(identifier: "NewService") { title system { identifier } }
  system(identifier: "Cart") { componentsBySystem { nodes { identifier } } }
}`;

describe('Redis persistence', () => {
  it('serves an entity written through the API from a new gateway on the same Redis', async () => {
    const first = await start();
    const before = await gql(first.url, READ);
    expect(before.errors).toBeUndefined();
    expect(before.data.component).toBeNull();
    expect(before.data.system.componentsBySystem.nodes.map((n: { identifier: string }) => n.identifier)).not.toContain('NewService');

    const written = await gql(first.url, UPSERT, undefined, { token: ADMIN_TOKEN });
    expect(written.errors).toBeUndefined();
    expect(written.data.upsertEntity).toMatchObject({ identifier: 'NewService', title: 'New' });
    await stop(first);

    // The data is in Redis under the test's prefix, not under the default one.
    const raw = new Redis(REDIS_URL);
    try {
      expect(await raw.hexists(`${PREFIX}entities:Component`, 'NewService')).toBe(1);
    } finally {
      await raw.quit();
    }

    const second = await start();
    const after = await gql(second.url, READ);
    expect(after.errors).toBeUndefined();
    expect(after.data.component).toEqual({ title: 'New', system: { identifier: 'Cart' } });
    expect(after.data.system.componentsBySystem.nodes.map((n: { identifier: string }) => n.identifier)).toContain('NewService');

    // Reloading the catalog files on start left the API's entity as it was written.
    const again = await gql(second.url, `{ component(identifier: "NewService") { createdAt } }`);
    expect(again.data.component.createdAt).toBe(written.data.upsertEntity.createdAt);
  });
});
