/**
 * Batching: the dashboard query costs one store call per relation field, whatever the number of
 * entities: over the seed, and over a generated catalog of 2,000 components in 200 systems and
 * 20 domains. Counted by the store (countCalls), over real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import { generateCatalog } from '../fixtures/generateCatalog.ts';
import { DASHBOARD_QUERY, gql, startTestLattice, tempProject } from '../helpers/lattice.ts';

let lattice: Lattice | undefined;
afterEach(async () => {
  await lattice?.close();
  lattice = undefined;
});

/**
 * domain → systemsByDomain → componentsBySystem → (resources | components | consumesApi) → provider:
 * at most one getMany for the root and one per forward relation field, one findByRelation per
 * reverse field. (Fewer when loaders already hold the entities: reverse lookups prime them.)
 */
function expectAtMostOneCallPerRelationField(delta: Record<string, number>) {
  expect(delta.findByRelation).toBe(2);
  expect(delta.getMany).toBeGreaterThanOrEqual(1);
  expect(delta.getMany).toBeLessThanOrEqual(1 + 3 + 1);
  expect({ ...delta, getMany: 0, findByRelation: 0 }).toEqual({ getMany: 0, findByRelation: 0, list: 0, put: 0, insert: 0, delete: 0, replaceOrigin: 0, changes: 0 });
}

async function countedDashboard(l: Lattice, query: string) {
  const before = l.store.counts().byMethod;
  const res = await gql(l.url, query);
  const after = l.store.counts().byMethod;
  expect(res.errors).toBeUndefined();
  const delta = Object.fromEntries(Object.entries(after).map(([m, n]) => [m, n - before[m as keyof typeof before]]));
  return { res, delta };
}

describe('store calls per dashboard query', () => {
  it('over the seed: one call per relation field', async () => {
    lattice = await startTestLattice();
    const { delta } = await countedDashboard(lattice, DASHBOARD_QUERY);
    expectAtMostOneCallPerRelationField(delta);
  });

  it('over 2,000 components in 200 systems and 20 domains: the same number of calls', async () => {
    const store = new MemoryEntityStore();
    await store.put(generateCatalog({ components: 2000, systems: 200, domains: 20 }));
    const { blueprintsDir, catalogDir } = tempProject({ catalog: false });
    lattice = await startTestLattice({ blueprintsDir, catalogDir }, { store });
    const { res, delta } = await countedDashboard(lattice, DASHBOARD_QUERY.replace('"Orders"', '"domain-0"'));
    const systems = res.data.domain.systemsByDomain.nodes;
    expect(systems).toHaveLength(10);
    expect(systems.flatMap((s: any) => s.componentsBySystem.nodes)).toHaveLength(100);
    expectAtMostOneCallPerRelationField(delta);
  });

  it('a page of 1,000 components (the largest page) with their relations costs one call per relation field too', async () => {
    const store = new MemoryEntityStore();
    await store.put(generateCatalog({ components: 2000, systems: 200, domains: 20 }));
    const { blueprintsDir, catalogDir } = tempProject({ catalog: false });
    lattice = await startTestLattice({ blueprintsDir, catalogDir }, { store });
    const { res, delta } = await countedDashboard(
      lattice,
      `{ components(first: 1000) { totalCount nodes { identifier system { identifier domain { identifier } } resources { nodes { identifier } } apisByProvider { totalCount } } } }`,
    );
    expect(res.data.components.totalCount).toBe(2000);
    expect(res.data.components.nodes).toHaveLength(1000);
    // list(Component); getMany System, Domain, Resource (at most 1,000 keys: one batch each); findByRelation API.provider (one batch)
    expect(delta).toEqual({ getMany: 1 + 1 + 1, findByRelation: 1, list: 1, put: 0, insert: 0, delete: 0, replaceOrigin: 0, changes: 0 });
  });
});
