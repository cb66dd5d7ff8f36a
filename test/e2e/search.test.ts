/**
 * Search and typed filters over HTTP: Port rules on mirror, calculation and aggregation
 * properties; the same properties in the typed `*Filter` and `*OrderBy` inputs (cursors
 * included); bad queries refused with BAD_USER_INPUT and a JSON pointer; and the store calls
 * such queries cost over a generated catalog of 1,000 components (counted by the store).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { gql, startTestLattice, tempProject } from '../helpers/lattice.ts';

const blueprints = {
  'Domain.json': {
    identifier: 'Domain',
    title: 'Domain',
    schema: { properties: {} },
    aggregationProperties: {
      componentCount: { target: 'Component', calculationSpec: { calculationBy: 'entities', func: 'count' } },
      totalCost: { target: 'Component', calculationSpec: { calculationBy: 'property', func: 'sum', property: 'cost' } },
    },
  },
  'System.json': {
    identifier: 'System',
    title: 'System',
    schema: { properties: {} },
    relations: { domain: { target: 'Domain', required: true, many: false } },
    aggregationProperties: { componentCount: { target: 'Component', calculationSpec: { calculationBy: 'entities', func: 'count' } } },
  },
  'Component.json': {
    identifier: 'Component',
    title: 'Component',
    schema: {
      properties: {
        cost: { type: 'number' },
        lifecycle: { type: 'string', enum: ['production', 'experimental'] },
        tags: { type: 'array', items: { type: 'string' } },
      },
    },
    relations: { system: { target: 'System', many: false } },
    mirrorProperties: { domainTitle: { path: 'system.domain.$title' }, systemTitle: { path: 'system.$title' } },
    calculationProperties: { doubleCost: { calculation: '.properties.cost * 2', type: 'number' } },
  },
};

const catalog = {
  Domain: [
    { identifier: 'shop', title: 'Shop' },
    { identifier: 'ops', title: 'Ops' },
  ],
  System: [
    { identifier: 'cart', title: 'Cart', relations: { domain: 'shop' } },
    { identifier: 'search', title: 'Search', relations: { domain: 'shop' } },
    { identifier: 'infra', title: 'Infra', relations: { domain: 'ops' } },
  ],
  Component: [
    { identifier: 'cart-api', properties: { cost: 10, lifecycle: 'production', tags: ['pci', 'edge'] }, relations: { system: 'cart' } },
    { identifier: 'cart-lib', properties: { cost: 2, lifecycle: 'experimental', tags: [] }, relations: { system: 'cart' } },
    { identifier: 'search-api', properties: { cost: 30, lifecycle: 'production', tags: ['edge'] }, relations: { system: 'search' } },
    { identifier: 'infra-tool', properties: { cost: 5 }, relations: { system: 'infra' } },
    { identifier: 'orphan', properties: { cost: 1 } },
  ],
};

function project() {
  const p = tempProject({ blueprints: false, catalog: false });
  for (const [file, bp] of Object.entries(blueprints)) writeFileSync(path.join(p.blueprintsDir, file), JSON.stringify(bp, null, 2));
  return p;
}

let lattice: Lattice;
beforeAll(async () => {
  const p = project();
  writeFileSync(path.join(p.catalogDir, 'catalog.json'), JSON.stringify(catalog, null, 2));
  lattice = await startTestLattice({ blueprintsDir: p.blueprintsDir, catalogDir: p.catalogDir });
});
afterAll(() => lattice?.close());

async function search(query: unknown): Promise<string[]> {
  const res = await gql(lattice.url, `query($q: JSON!) { search(query: $q) { nodes { blueprint identifier } } }`, { q: query });
  expect(res.errors).toBeUndefined();
  return res.data.search.nodes.map((n: { blueprint: string; identifier: string }) => `${n.blueprint}:${n.identifier}`);
}

const and = (...rules: unknown[]) => ({ combinator: 'and', rules });
const ofBlueprint = (blueprint: string) => ({ property: '$blueprint', operator: '=', value: blueprint });

describe('search over computed properties', () => {
  it('mirror, calculation and aggregation properties take rules like stored ones', async () => {
    expect(await search(and(ofBlueprint('Component'), { property: 'domainTitle', operator: '=', value: 'Shop' }))).toEqual(['COMPONENT:cart-api', 'COMPONENT:cart-lib', 'COMPONENT:search-api']);
    expect(await search(and(ofBlueprint('Component'), { property: 'systemTitle', operator: 'isEmpty' }))).toEqual(['COMPONENT:orphan']);
    expect(await search(and(ofBlueprint('Component'), { property: 'doubleCost', operator: '>', value: 10 }))).toEqual(['COMPONENT:cart-api', 'COMPONENT:search-api']);
    expect(await search(and(ofBlueprint('System'), { property: 'componentCount', operator: '>=', value: 2 }))).toEqual(['SYSTEM:cart']);
    expect(await search(and(ofBlueprint('Domain'), { property: 'totalCost', operator: 'between', value: { from: 40, to: 50 } }))).toEqual(['DOMAIN:shop']);
    expect(await search(and({ property: 'componentCount', operator: '=', value: 1 }))).toEqual(['DOMAIN:ops', 'SYSTEM:infra', 'SYSTEM:search']);
  });

  it('Port operators the gateway used to refuse or ignore', async () => {
    expect(await search(and(ofBlueprint('Component'), { property: 'tags', operator: 'containsAny', value: ['pci', 'gdpr'] }))).toEqual(['COMPONENT:cart-api']);
    expect(await search(and(ofBlueprint('Component'), { property: '$identifier', operator: 'doesNotBeginsWith', value: 'cart' }, { property: '$identifier', operator: 'doesNotEndsWith', value: 'tool' }))).toEqual([
      'COMPONENT:orphan',
      'COMPONENT:search-api',
    ]);
    expect(await search(and(ofBlueprint('Component'), { property: '$createdAt', operator: 'between', value: { preset: 'today' } }))).toHaveLength(5);
    expect(await search(and(ofBlueprint('Component'), { property: '$createdAt', operator: 'notBetween', value: { preset: 'today' } }))).toEqual([]);
    expect(await search(and({ property: { path: ['system', 'domain'] }, operator: 'matchAny', value: 'ops' }))).toEqual(['COMPONENT:infra-tool']);
    expect(await search(and({ operator: 'relatedTo', blueprint: 'System', value: 'cart' }))).toEqual(['COMPONENT:cart-api', 'COMPONENT:cart-lib', 'DOMAIN:shop']);
  });
});

describe('bad queries are BAD_USER_INPUT with a JSON pointer, not 0 results', () => {
  it.each([
    ['an unknown property', and(ofBlueprint('Component'), { property: 'colour', operator: '=', value: 'red' }), '/rules/1/property', 'blueprint "Component" has no property "colour"'],
    ['an unknown relatedTo blueprint', and({ operator: 'relatedTo', blueprint: 'Service', value: 'x' }), '/rules/0/blueprint', 'unknown blueprint "Service"; expected one of Component, Domain, System'],
    ['a wrong-case blueprint', and(ofBlueprint('component')), '/rules/0/value', 'did you mean "Component"?'],
    ['a wrong-case relatedTo blueprint', and({ operator: 'relatedTo', blueprint: 'system', value: 'cart' }), '/rules/0/blueprint', 'did you mean "System"?'],
    ['an unknown operator', and({ property: '$title', operator: 'like', value: 'x' }), '/rules/0/operator', 'unknown operator "like"'],
    ['a value the operator does not take', and({ property: '$team', operator: 'containsAny', value: 'platform' }), '/rules/0/value', '"containsAny" takes an array'],
    ['a value outside an enum', and(ofBlueprint('Component'), { property: 'lifecycle', operator: '=', value: 'Production' }), '/rules/1/value', 'takes one of "production", "experimental"'],
    ['a string for a number', and(ofBlueprint('Component'), { property: 'cost', operator: '>', value: 'ten' }), '/rules/1/value', 'expected a number'],
    ['a date preset on a number', and(ofBlueprint('Domain'), { property: 'totalCost', operator: 'between', value: { preset: 'lastWeek' } }), '/rules/1/value/preset', 'a date preset needs a date property'],
    ['a relation path that does not exist', and(ofBlueprint('Component'), { property: { path: ['domain'] }, operator: 'matchAny', value: 'ops' }), '/rules/1/property/path/0', 'no relation "domain" on "Component"'],
  ])('%s', async (_what, query, pointer, message) => {
    const res = await gql(lattice.url, `query($q: JSON!) { search(query: $q) { totalCount } }`, { q: query });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'query', pointer });
    expect(res.errors?.[0].message).toContain(message);
    expect(res.errors?.[0].path).toEqual(['search']);
  });
});

describe('typed filters and orderBy over computed properties', () => {
  it('filters and orders by mirror, calculation and aggregation properties', async () => {
    const res = await gql(
      lattice.url,
      `{
        shop: components(filter: { domainTitle: { equalTo: "Shop" } }, orderBy: [DOUBLE_COST_DESC]) { nodes { identifier doubleCost } }
        cheap: components(filter: { doubleCost: { lessThan: 10 } }) { nodes { identifier } }
        noSystem: components(filter: { systemTitle: { isNull: true } }) { nodes { identifier } }
        byDomain: components(orderBy: [DOMAIN_TITLE_ASC]) { nodes { identifier domainTitle } }
        busy: systems(orderBy: [COMPONENT_COUNT_DESC]) { nodes { identifier componentCount } }
        big: domains(filter: { totalCost: { greaterThan: 40 } }) { nodes { identifier totalCost } }
        nested: domains(filter: { componentCount: { greaterThanOrEqualTo: 1 } }, orderBy: [TOTAL_COST_ASC]) { nodes { identifier } }
        relation: systems(filter: { domain: { componentCount: { greaterThan: 1 } } }) { nodes { identifier } }
      }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      shop: { nodes: [{ identifier: 'search-api', doubleCost: 60 }, { identifier: 'cart-api', doubleCost: 20 }, { identifier: 'cart-lib', doubleCost: 4 }] },
      cheap: { nodes: [{ identifier: 'cart-lib' }, { identifier: 'orphan' }] },
      noSystem: { nodes: [{ identifier: 'orphan' }] },
      // Nulls last, identifier breaking ties.
      byDomain: {
        nodes: [
          { identifier: 'infra-tool', domainTitle: 'Ops' },
          { identifier: 'cart-api', domainTitle: 'Shop' },
          { identifier: 'cart-lib', domainTitle: 'Shop' },
          { identifier: 'search-api', domainTitle: 'Shop' },
          { identifier: 'orphan', domainTitle: null },
        ],
      },
      busy: { nodes: [{ identifier: 'cart', componentCount: 2 }, { identifier: 'infra', componentCount: 1 }, { identifier: 'search', componentCount: 1 }] },
      big: { nodes: [{ identifier: 'shop', totalCost: 42 }] },
      nested: { nodes: [{ identifier: 'ops' }, { identifier: 'shop' }] },
      relation: { nodes: [{ identifier: 'cart' }, { identifier: 'search' }] },
    });
  });

  it('pages with cursors over a computed ordering', async () => {
    const page = (after?: string) =>
      gql(lattice.url, `query($after: String) { components(orderBy: [DOUBLE_COST_ASC], first: 2, after: $after) { nodes { identifier } pageInfo { hasNextPage endCursor } } }`, { after });
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 3; i++) {
      const res = await page(after);
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.components.nodes.map((n: { identifier: string }) => n.identifier));
      after = res.data.components.pageInfo.endCursor;
      if (!res.data.components.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(['orphan', 'cart-lib', 'infra-tool', 'cart-api', 'search-api']);
  });

  it('the generated inputs list computed properties with their value types', async () => {
    const res = await gql(lattice.url, `{ filter: __type(name: "ComponentFilter") { inputFields { name type { name } } } order: __type(name: "SystemOrderBy") { enumValues { name } } }`);
    const fields = Object.fromEntries(res.data.filter.inputFields.map((f: { name: string; type: { name: string } }) => [f.name, f.type.name]));
    expect(fields).toMatchObject({ domainTitle: 'StringFilter', systemTitle: 'StringFilter', doubleCost: 'FloatFilter', cost: 'FloatFilter' });
    expect(res.data.order.enumValues.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(['COMPONENT_COUNT_ASC', 'COMPONENT_COUNT_DESC']));
  });
});

describe('store calls stay bounded over 1,000 components', () => {
  let big: Lattice;
  beforeAll(async () => {
    const store = new MemoryEntityStore();
    const entity = (blueprint: string, identifier: string, properties: Record<string, unknown>, relations: EntityInput['relations']): EntityInput => ({ blueprint, identifier, title: identifier, icon: null, team: [], properties, relations, origin: 'api' });
    const entities: EntityInput[] = [];
    for (let d = 0; d < 10; d++) entities.push(entity('Domain', `domain-${d}`, {}, {}));
    for (let s = 0; s < 100; s++) entities.push(entity('System', `system-${s}`, {}, { domain: `domain-${s % 10}` }));
    for (let c = 0; c < 1000; c++) entities.push(entity('Component', `component-${c}`, { cost: c % 7 }, { system: `system-${c % 100}` }));
    await store.put(entities);
    const p = project();
    big = await startTestLattice({ blueprintsDir: p.blueprintsDir, catalogDir: p.catalogDir }, { store });
  });
  afterAll(() => big?.close());

  async function counted(query: string, variables?: Record<string, unknown>) {
    const before = big.store.counts().byMethod;
    const res = await gql(big.url, query, variables);
    const after = big.store.counts().byMethod;
    expect(res.errors).toBeUndefined();
    const delta = Object.fromEntries(Object.entries(after).map(([m, n]) => [m, n - before[m as keyof typeof before]]).filter(([, n]) => n !== 0));
    return { data: res.data, delta };
  }

  it('a search on a mirror property: one list, then one getMany per hop', async () => {
    const { data, delta } = await counted(`query($q: JSON!) { search(query: $q) { totalCount } }`, {
      q: and(ofBlueprint('Component'), { property: 'domainTitle', operator: '=', value: 'domain-3' }),
    });
    expect(data.search.totalCount).toBe(100);
    expect(delta).toEqual({ list: 1, getMany: 2 });
  });

  it('ordering systems by an aggregation: one list, one findByRelation for all of them', async () => {
    const { data, delta } = await counted(`{ systems(orderBy: [COMPONENT_COUNT_DESC, IDENTIFIER_ASC], first: 3) { nodes { identifier componentCount } } }`);
    expect(data.systems.nodes).toEqual([
      { identifier: 'system-0', componentCount: 10 },
      { identifier: 'system-1', componentCount: 10 },
      { identifier: 'system-10', componentCount: 10 },
    ]);
    expect(delta).toEqual({ list: 1, findByRelation: 1 });
  });

  it('filtering domains by a two-hop aggregation: one findByRelation per hop', async () => {
    const { data, delta } = await counted(`{ domains(filter: { componentCount: { equalTo: 100 } }) { totalCount } }`);
    expect(data.domains.totalCount).toBe(10);
    expect(delta).toEqual({ list: 1, findByRelation: 2 });
  });
});
