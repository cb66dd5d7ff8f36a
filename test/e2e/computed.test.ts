/**
 * Computed fields over a richer model: mirror properties across several hops (with $title and
 * $identifier), calculation properties (jq over the entity as Port gives it; one failing entity is
 * one field error),
 * aggregation properties (count / sum / average / min / max, with a rule filter), and dangling
 * relations (null plus an error naming the missing entity).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, gql, startTestLattice, tempProject } from '../helpers/lattice.ts';

let lattice: Lattice;

const blueprints = {
  'Domain.json': {
    identifier: 'Domain',
    title: 'Domain',
    schema: { properties: {} },
    aggregationProperties: {
      services: { title: 'Services', target: 'Component', calculationSpec: { calculationBy: 'entities', func: 'count' }, query: { combinator: 'and', rules: [{ property: 'type', operator: '=', value: 'service' }] } },
      components: { target: 'Component', calculationSpec: { calculationBy: 'entities', func: 'count' } },
      totalCost: { target: 'Component', calculationSpec: { calculationBy: 'property', func: 'sum', property: 'cost' } },
      averageCost: { target: 'Component', calculationSpec: { calculationBy: 'property', func: 'average', property: 'cost' } },
      maxCost: { target: 'Component', calculationSpec: { calculationBy: 'property', func: 'max', property: 'cost' } },
    },
  },
  'System.json': { identifier: 'System', title: 'System', schema: { properties: {} }, relations: { domain: { target: 'Domain', required: true, many: false } } },
  'Component.json': {
    identifier: 'Component',
    title: 'Component',
    schema: {
      properties: { type: { type: 'string', enum: ['service', 'library'] }, cost: { type: 'number' }, costText: { type: 'string' }, language: { type: 'string' } },
    },
    relations: { system: { target: 'System', many: false }, uses: { target: 'Component', many: true } },
    mirrorProperties: { domainTitle: { path: 'system.domain.$title' }, domainId: { path: 'system.domain.$identifier' }, systemTitle: { path: 'system.$title' } },
    calculationProperties: {
      label: { title: 'Label', calculation: '.identifier + " (" + .properties.type + ")"', type: 'string' },
      parsedCost: { calculation: '.properties.costText | values | tonumber', type: 'number' },
      wrongType: { calculation: '.properties.language', type: 'number' },
      fields: { calculation: 'keys | join(",")', type: 'string' },
      systemRef: { calculation: "'system:' + .relations.system", type: 'string' },
    },
  },
};

const catalog = {
  Domain: [{ identifier: 'Shop', title: 'Shop' }, { identifier: 'Empty', title: 'Empty' }],
  System: [{ identifier: 'Cart', title: 'Cart', relations: { domain: 'Shop' } }, { identifier: 'Search', title: 'Search', relations: { domain: 'Shop' } }],
  Component: [
    { identifier: 'cart-api', properties: { type: 'service', cost: 10, costText: '12', language: 'go' }, relations: { system: 'Cart' } },
    { identifier: 'cart-lib', properties: { type: 'library', cost: 2, costText: 'n/a' }, relations: { system: 'Cart' } },
    { identifier: 'search-api', properties: { type: 'service', cost: 30 }, relations: { system: 'Search', uses: ['cart-lib'] } },
    { identifier: 'orphan', properties: { type: 'service' } },
  ],
};

beforeAll(async () => {
  const project = tempProject({ blueprints: false, catalog: false });
  for (const [file, bp] of Object.entries(blueprints)) writeFileSync(path.join(project.blueprintsDir, file), JSON.stringify(bp, null, 2));
  writeFileSync(path.join(project.catalogDir, 'catalog.json'), JSON.stringify(catalog, null, 2));
  lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir });
});
afterAll(() => lattice?.close());

describe('computed fields', () => {
  it('mirror properties follow single relations over several hops', async () => {
    const res = await gql(lattice.url, '{ components { nodes { identifier domainTitle domainId systemTitle } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.components.nodes).toEqual([
      { identifier: 'cart-api', domainTitle: 'Shop', domainId: 'Shop', systemTitle: 'Cart' },
      { identifier: 'cart-lib', domainTitle: 'Shop', domainId: 'Shop', systemTitle: 'Cart' },
      { identifier: 'orphan', domainTitle: null, domainId: null, systemTitle: null },
      { identifier: 'search-api', domainTitle: 'Shop', domainId: 'Shop', systemTitle: 'Search' },
    ]);
  });

  it('calculation properties see the entity as Port gives it (meta fields, properties, relations)', async () => {
    const res = await gql(lattice.url, '{ component(identifier: "cart-api") { fields systemRef } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.component).toEqual({ fields: 'blueprint,createdAt,icon,identifier,properties,relations,team,title,updatedAt', systemRef: 'system:Cart' });
  });

  it('calculation properties evaluate per entity; a failure is that entity\'s field error only', async () => {
    const res = await gql(lattice.url, '{ components { nodes { identifier label parsedCost } } }');
    expect(res.data.components.nodes).toEqual([
      { identifier: 'cart-api', label: 'cart-api (service)', parsedCost: 12 },
      { identifier: 'cart-lib', label: 'cart-lib (library)', parsedCost: null },
      { identifier: 'orphan', label: 'orphan (service)', parsedCost: null },
      { identifier: 'search-api', label: 'search-api (service)', parsedCost: null },
    ]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]).toMatchObject({ path: ['components', 'nodes', 1, 'parsedCost'], extensions: { code: 'CALCULATION_FAILED', identifier: 'cart-lib', property: 'parsedCost' } });
    const wrong = await gql(lattice.url, '{ component(identifier: "cart-api") { wrongType } }');
    expect(wrong.errors?.[0].message).toContain('returned "go", expected a number');
  });

  it('aggregation properties count, sum, average and max over related entities, with a rule filter', async () => {
    const res = await gql(lattice.url, '{ domains { nodes { identifier services components totalCost averageCost maxCost } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.domains.nodes).toEqual([
      { identifier: 'Empty', services: 0, components: 0, totalCost: 0, averageCost: null, maxCost: null },
      { identifier: 'Shop', services: 2, components: 3, totalCost: 42, averageCost: 14, maxCost: 30 },
    ]);
  });

  it('aggregations over every domain cost one store call per hop, not per domain', async () => {
    const before = lattice.store.counts().byMethod.findByRelation;
    await gql(lattice.url, '{ domains { nodes { components totalCost } } }');
    // systems by domain, then components by system: two batched reverse lookups.
    expect(lattice.store.counts().byMethod.findByRelation - before).toBe(2);
  });
});

describe('dangling relations', () => {
  it('resolve to null plus an error naming the missing entity; the rest is served', async () => {
    const put = await gql(lattice.url, 'mutation { a: upsertEntity(blueprint: COMPONENT, identifier: "tmp", properties: { type: "library" }) { identifier } b: upsertEntity(blueprint: COMPONENT, identifier: "user", relations: { uses: ["tmp", "cart-lib"] }) { identifier } }', undefined, { token: ADMIN_TOKEN });
    expect(put.errors).toBeUndefined();
    await gql(lattice.url, 'mutation { deleteEntity(blueprint: COMPONENT, identifier: "tmp") }', undefined, { token: ADMIN_TOKEN });
    const res = await gql(lattice.url, '{ component(identifier: "user") { identifier uses { totalCount nodes { identifier } } } }');
    expect(res.data.component).toEqual({ identifier: 'user', uses: { totalCount: 2, nodes: [{ identifier: 'cart-lib' }, null] } });
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'relation "uses" of Component "user" points at Component "tmp", which does not exist',
        path: ['component', 'uses', 'nodes', 1],
        extensions: expect.objectContaining({ code: 'DANGLING_RELATION', blueprint: 'Component', identifier: 'tmp' }),
      }),
    ]);
  });
});
