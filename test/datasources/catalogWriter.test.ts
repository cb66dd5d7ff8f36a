/**
 * The catalog writer's entity semantics (datasources/catalog/writer.ts), against both stores
 * (in-process and the suite's real Redis): upsert replace / merge, Port's identifier
 * rule, delete refused while required relations point at the entity, `deleteDependents`
 * (transitive, one store call), and entities owned by a catalog file left alone.
 */
import { randomUUID } from 'node:crypto';
import { testRedisUrl } from '../helpers/redis.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/model/blueprints/load.ts';
import type { EntityStore } from '../../src/data/EntityStore.ts';
import type { EntityChange } from '../../src/data/topics.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import { RedisEntityStore } from '../../src/data/redis/RedisEntityStore.ts';
import { createCatalogWriter } from '../../datasources/catalog/writer.ts';

const bp = (identifier: string, relations: Record<string, { target: string; required: boolean; many?: boolean }> = {}) => ({
  identifier,
  title: identifier,
  schema: { properties: { type: { type: 'string' }, tier: { type: 'number' } }, required: [] },
  relations: Object.fromEntries(Object.entries(relations).map(([k, r]) => [k, { title: k, many: false, ...r }])),
});
const model = loadBlueprints([
  {
    file: 'blueprints.json',
    text: JSON.stringify([
      bp('Domain'),
      bp('System', { domain: { target: 'Domain', required: true } }),
      bp('Service', { system: { target: 'System', required: true }, uses: { target: 'Service', required: false, many: true } }),
      bp('Doc', { about: { target: 'System', required: false } }),
    ]),
  },
]).model;

const entity = (blueprint: string, identifier: string, relations: EntityInput['relations'] = {}, origin = 'api'): EntityInput => ({
  blueprint,
  identifier,
  title: identifier,
  icon: null,
  team: [],
  properties: {},
  relations,
  origin,
});

const opened: RedisEntityStore[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) {
    await s.clear();
    await s.close();
  }
});

const stores: [string, () => Promise<EntityStore>][] = [
  ['memory', async () => new MemoryEntityStore()],
  [
    'redis',
    async () => {
      const s = await RedisEntityStore.connect(testRedisUrl(), `lattice-test:${randomUUID()}:`);
      opened.push(s);
      return s;
    },
  ],
];

describe.each(stores)('catalog writer on the %s store', (_name, open) => {
  async function setup() {
    const store = await open();
    const deletes: number[] = [];
    // Counts delete calls: a delete with dependents must be one store call (one step).
    const counted: EntityStore = Object.assign(Object.create(store) as EntityStore, {
      delete: (keys: Parameters<EntityStore['delete']>[0]) => (deletes.push(keys.length), store.delete(keys)),
    });
    const changes: EntityChange[] = [];
    const writer = createCatalogWriter(counted, () => model, async (c) => void changes.push(c));
    await store.put([
      entity('Domain', 'D'),
      entity('System', 'S', { domain: 'D' }),
      entity('Service', 'svc', { system: 'S' }),
      entity('Service', 'svc2', { system: 'S', uses: ['svc'] }),
      entity('Doc', 'guide', { about: 'S' }),
      entity('Domain', 'Other'),
    ]);
    return { store, writer, changes, deletes };
  }

  it('replaces by default and merges with merge: true', async () => {
    const { store, writer } = await setup();
    await writer.upsert({ blueprint: 'Service', identifier: 'svc', title: 'Service', icon: 'Box', team: ['a'], properties: { type: 'web', tier: 1 }, relations: { system: 'S' } });
    const merged = await writer.upsert({ blueprint: 'Service', identifier: 'svc', properties: { tier: 2 } }, { merge: true });
    expect(merged).toMatchObject({ title: 'Service', icon: 'Box', team: ['a'], properties: { type: 'web', tier: 2 }, relations: { system: 'S' } });
    const replaced = await writer.upsert({ blueprint: 'Service', identifier: 'svc', properties: { tier: 3 }, relations: { system: 'S' } });
    expect(replaced).toMatchObject({ title: null, icon: null, team: [], properties: { tier: 3 }, relations: { system: 'S' } });
    expect((await store.getMany('Service', ['svc']))[0]).toEqual(replaced);
  });

  it('a merge that leaves the result invalid is refused like any write', async () => {
    const { writer } = await setup();
    await expect(writer.upsert({ blueprint: 'Service', identifier: 'svc', relations: { system: null } }, { merge: true })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      location: { pointer: '/relations/system' },
      message: expect.stringContaining('required relation "system" is missing'),
    });
  });

  it("refuses identifiers and relation targets outside Port's rule, with a pointer, and writes nothing", async () => {
    const { store, writer } = await setup();
    for (const identifier of ['a b/c', 'nul\u0000here', 'x'.repeat(10_000)]) {
      await expect(writer.upsert({ blueprint: 'Domain', identifier })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', location: { pointer: '/identifier' }, details: { argument: 'identifier' } });
    }
    await expect(writer.upsert({ blueprint: 'Service', identifier: 'new', relations: { system: 'S', uses: ['svc', 'bad id'] } })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      location: { pointer: '/relations/uses/1' },
      message: expect.stringContaining('relation "uses" points at an invalid identifier "bad id" has " " at character 4'),
    });
    expect(await store.getMany('Domain', ['a b/c'])).toEqual([undefined]);
    expect(await store.getMany('Service', ['new'])).toEqual([undefined]);
  });

  it('refuses to delete an entity that required relations point at, naming the dependents', async () => {
    const { store, writer, changes } = await setup();
    const attempt = writer.delete({ blueprint: 'Domain', identifier: 'D' });
    await expect(attempt).rejects.toMatchObject({
      code: 'CONFLICT',
      details: {
        dependents: expect.arrayContaining([
          { blueprint: 'System', identifier: 'S', relation: 'domain' },
          { blueprint: 'Service', identifier: 'svc', relation: 'system' },
          { blueprint: 'Service', identifier: 'svc2', relation: 'system' },
        ]),
      },
    });
    const message = (await attempt.catch((e: Error) => e.message)) as string;
    expect(message).toMatch(/^Domain "D" cannot be deleted: 3 entities require it: /);
    expect(message).toContain('System "S" (required relation "domain" → Domain "D")');
    expect(message).toContain('Service "svc" (required relation "system" → System "S")');
    expect(message).toContain('pass deleteDependents: true');
    // An optional relation (Doc.about) does not make a dependent; nothing was deleted.
    expect((await writer.delete({ blueprint: 'Domain', identifier: 'D' }).catch((e) => e)).details.dependents).toHaveLength(3);
    expect((await store.getMany('Domain', ['D']))[0]).toBeDefined();
    expect(changes).toEqual([]);
    // An entity nothing requires is deleted as before.
    expect(await writer.delete({ blueprint: 'Domain', identifier: 'Other' })).toBe(true);
    expect(await writer.delete({ blueprint: 'Domain', identifier: 'Other' })).toBe(false);
  });

  it('deleteDependents deletes the dependents too, transitively, in one store call', async () => {
    const { store, writer, changes, deletes } = await setup();
    expect(await writer.delete({ blueprint: 'Domain', identifier: 'D' }, { deleteDependents: true })).toBe(true);
    expect(deletes).toEqual([4]);
    expect(await store.getMany('Domain', ['D'])).toEqual([undefined]);
    expect(await store.getMany('System', ['S'])).toEqual([undefined]);
    expect(await store.getMany('Service', ['svc', 'svc2'])).toEqual([undefined, undefined]);
    // The optional relation is left dangling (it reads as null with DANGLING_RELATION).
    expect((await store.getMany('Doc', ['guide']))[0]?.relations).toEqual({ about: 'S' });
    expect(changes.map((c) => `${c.change} ${c.blueprint}:${c.identifier}`).sort()).toEqual(['DELETED Domain:D', 'DELETED Service:svc', 'DELETED Service:svc2', 'DELETED System:S']);
  });

  it('refuses deleteDependents when a dependent belongs to a catalog file, and deletes nothing', async () => {
    const { store, writer, deletes } = await setup();
    await store.put([entity('Service', 'svc2', { system: 'S' }, 'file:catalog/services.json')]);
    await expect(writer.delete({ blueprint: 'Domain', identifier: 'D' }, { deleteDependents: true })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Service "svc2" is defined in the catalog file catalog/services.json; it requires Domain "D" (relation "system"): remove it from its file first',
    });
    expect(deletes).toEqual([]);
    expect((await store.getMany('Domain', ['D']))[0]).toBeDefined();
  });

  it('never changes or deletes an entity that a catalog file owns', async () => {
    const { store, writer } = await setup();
    await store.put([entity('Domain', 'FromFile', {}, 'file:catalog/domains.yaml')]);
    const conflict = { code: 'CONFLICT', details: { file: 'catalog/domains.yaml' } };
    await expect(writer.upsert({ blueprint: 'Domain', identifier: 'FromFile', title: 'mine' }, { merge: true })).rejects.toMatchObject(conflict);
    await expect(writer.delete({ blueprint: 'Domain', identifier: 'FromFile' })).rejects.toMatchObject(conflict);
    expect((await store.getMany('Domain', ['FromFile']))[0]).toMatchObject({ title: 'FromFile', origin: 'file:catalog/domains.yaml' });
  });
});
