/**
 * Port's entity semantics end to end, over real HTTP, on both stores (in-process, and the real
 * the suite's Redis): `upsertEntity(merge:)`, identifiers refused with a pointer,
 * `deleteEntity` refused while required relations point at the entity and `deleteDependents`,
 * a catalog reload that would dangle a required relation or take over an API-written entity
 * rejected like any bad change (the last good generation serves; the error, with its file, is in
 * /readyz and `lattice { status errors }`), and nothing lost.
 */
import { randomUUID } from 'node:crypto';
import { testRedisUrl } from '../helpers/redis.ts';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityStore } from '../../src/data/EntityStore.ts';
import { RedisEntityStore } from '../../src/data/redis/RedisEntityStore.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, gql, startTestLattice, tempProject } from '../helpers/lattice.ts';

const stores: [string, () => Promise<EntityStore | undefined>][] = [
  ['memory', async () => undefined],
  ['redis', async () => RedisEntityStore.connect(testRedisUrl(), `lattice-test:${randomUUID()}:`)],
];

describe.each(stores)('entity semantics on the %s store', (_name, openStore) => {
  let lattice: Lattice;
  let project: ReturnType<typeof tempProject>;
  let redis: RedisEntityStore | undefined;
  const admin = (query: string) => gql(lattice.url, query, undefined, { token: ADMIN_TOKEN });
  const status = async () => (await gql(lattice.url, '{ lattice { status errors { code file pointer message } } }')).data.lattice;

  beforeAll(async () => {
    project = tempProject();
    const store = await openStore();
    redis = store instanceof RedisEntityStore ? store : undefined;
    lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir }, store ? { store } : {});
  });
  afterAll(async () => {
    await redis?.clear();
    await lattice?.close();
    rmSync(project.dir, { recursive: true, force: true });
  });

  it('upsertEntity replaces by default and merges with merge: true', async () => {
    const created = await admin(`mutation { upsertEntity(blueprint: COMPONENT, identifier: "search", title: "Search", team: ["shop"], properties: { type: "service", kubernetesNamespace: "shop" }, relations: { system: "Cart" }) { title team properties } }`);
    expect(created.data.upsertEntity).toEqual({ title: 'Search', team: ['shop'], properties: { type: 'service', kubernetesNamespace: 'shop' } });
    const merged = await admin(`mutation { upsertEntity(blueprint: COMPONENT, identifier: "search", properties: { type: "library" }, merge: true) { title team properties ... on Component { system { identifier } } } }`);
    expect(merged.data.upsertEntity).toEqual({ title: 'Search', team: ['shop'], properties: { type: 'library', kubernetesNamespace: 'shop' }, system: { identifier: 'Cart' } });
    const replaced = await admin(`mutation { upsertEntity(blueprint: COMPONENT, identifier: "search", properties: { type: "service" }) { title team properties ... on Component { system { identifier } } } }`);
    expect(replaced.data.upsertEntity).toEqual({ title: null, team: [], properties: { type: 'service' }, system: null });
  });

  it("refuses identifiers outside Port's rule with BAD_USER_INPUT and a pointer", async () => {
    for (const id of ['a b/c', 'nul\\u0000', 'x'.repeat(10_000)]) {
      const res = await admin(`mutation { upsertEntity(blueprint: DOMAIN, identifier: "${id}") { identifier } }`);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', pointer: '/identifier', argument: 'identifier' });
      expect(res.errors?.[0].message.length).toBeLessThan(400);
    }
    expect((await gql(lattice.url, '{ domains { totalCount } }')).data.domains.totalCount).toBe(1);
  });

  it('refuses to delete an entity that required relations point at, and deletes them too with deleteDependents', async () => {
    expect((await admin(`mutation { upsertEntity(blueprint: COMPONENT, identifier: "billing", properties: { type: "service" }) { identifier } }`)).errors).toBeUndefined();
    expect((await admin(`mutation { upsertEntity(blueprint: API, identifier: "BillingAPI", properties: { type: "grpc" }, relations: { provider: "billing" }) { identifier } }`)).errors).toBeUndefined();
    const refused = await admin(`mutation { deleteEntity(blueprint: COMPONENT, identifier: "billing") }`);
    expect(refused.errors?.[0].message).toBe(
      'Component "billing" cannot be deleted: 1 entity requires it: API "BillingAPI" (required relation "provider" → Component "billing"). Delete them first, or pass deleteDependents: true to delete them with it',
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', dependents: [{ blueprint: 'API', identifier: 'BillingAPI', relation: 'provider' }] });
    expect((await gql(lattice.url, '{ component(identifier: "billing") { identifier } api(identifier: "BillingAPI") { identifier } }')).data).toEqual({ component: { identifier: 'billing' }, api: { identifier: 'BillingAPI' } });

    const deleted = await admin(`mutation { deleteEntity(blueprint: COMPONENT, identifier: "billing", deleteDependents: true) }`);
    expect(deleted.data.deleteEntity).toBe(true);
    expect((await gql(lattice.url, '{ component(identifier: "billing") { identifier } api(identifier: "BillingAPI") { identifier } }')).data).toEqual({ component: null, api: null });
  });

  it('rejects a catalog reload that would dangle a required relation; the last good generation serves', async () => {
    const file = path.join(project.catalogDir, 'finance.json');
    writeFileSync(file, JSON.stringify({ Domain: [{ identifier: 'Finance', title: 'Finance' }] }));
    expect(await lattice.runtime.reload()).toBe(true);
    const ledger = await admin(`mutation { upsertEntity(blueprint: SYSTEM, identifier: "Ledger", relations: { domain: "Finance" }) { identifier } }`);
    expect(ledger.errors).toBeUndefined();

    rmSync(file);
    expect(await lattice.runtime.reload()).toBe(false);
    const message =
      'Domain "Finance" was removed from catalog/finance.json, but System "Ledger" (owner: api) requires it through its required relation "domain"; change or delete System "Ledger" first, or keep Domain "Finance"';
    expect(await status()).toEqual({ status: 'ERROR', errors: [{ code: 'DANGLING_RELATION', file: 'catalog/finance.json', pointer: null, message }] });
    const ready = await fetch(`${lattice.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'degraded', errors: [{ code: 'DANGLING_RELATION', file: 'catalog/finance.json', message }] });
    expect((await gql(lattice.url, '{ system(identifier: "Ledger") { domain { title } } }')).data.system).toEqual({ domain: { title: 'Finance' } });

    // Once the dependent goes, the same change is accepted.
    expect((await admin(`mutation { deleteEntity(blueprint: SYSTEM, identifier: "Ledger") }`)).data.deleteEntity).toBe(true);
    expect(await lattice.runtime.reload()).toBe(true);
    expect((await gql(lattice.url, '{ domain(identifier: "Finance") { title } }')).data.domain).toBeNull();
  });

  it('never lets a catalog file and the API overwrite each other: the collision is an error naming both owners, and nothing is lost', async () => {
    await admin(`mutation { upsertEntity(blueprint: DOMAIN, identifier: "Payments", title: "Payments (API)") { identifier } }`);
    const file = path.join(project.catalogDir, 'payments.json');
    writeFileSync(file, JSON.stringify({ Domain: [{ identifier: 'Payments', title: 'Payments (file)' }] }, null, 2));
    expect(await lattice.runtime.reload()).toBe(false);
    expect(await status()).toEqual({
      status: 'ERROR',
      errors: [
        {
          code: 'CONFLICT',
          file: 'catalog/payments.json',
          pointer: '/Domain/0/identifier',
          message: 'Domain "Payments" is defined in catalog/payments.json but already exists, written through the API (owner: api); an entity has one owner: remove it from the file, or delete the API entity first',
        },
      ],
    });
    expect((await gql(lattice.url, '{ domain(identifier: "Payments") { title } }')).data.domain).toEqual({ title: 'Payments (API)' });

    // Removing it from the file does not delete the API's entity.
    rmSync(file);
    expect(await lattice.runtime.reload()).toBe(true);
    expect((await gql(lattice.url, '{ domain(identifier: "Payments") { title } }')).data.domain).toEqual({ title: 'Payments (API)' });

    // The other way round: the API cannot change what a file owns.
    const fileOwned = await admin(`mutation { upsertEntity(blueprint: DOMAIN, identifier: "Orders", title: "mine", merge: true) { identifier } }`);
    expect(fileOwned.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', file: 'catalog/seed.json' });
    expect((await gql(lattice.url, '{ domain(identifier: "Orders") { title } }')).data.domain).toEqual({ title: 'Orders' });
  });
});
