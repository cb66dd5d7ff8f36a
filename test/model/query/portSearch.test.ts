/**
 * Port's search language as Port's documentation writes it (docs.port.io, "Search & query":
 * comparison operators, relation operators, relation paths, self-relations), evaluated over an
 * in-memory catalog shaped like the documentation's examples; and the model check that turns
 * typos into errors with a JSON pointer and what was expected.
 */
import { describe, expect, it } from 'vitest';
import { createModel, type Blueprint, type BlueprintModel } from '../../../src/model/blueprints/model.ts';
import type { Entity } from '../../../src/model/entities/entity.ts';
import { checkRuleQuery, evaluateRules, parseRuleQuery, type Rule, type RuleContext } from '../../../src/model/query/portRules.ts';
import { candidateBlueprints } from '../../../src/model/query/portRules.ts';
import { LatticeError } from '../../../src/errors/index.ts';

const NOW = Date.parse('2026-06-15T12:00:00.000Z');
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

function blueprint(identifier: string, parts: Partial<Blueprint> = {}): Blueprint {
  return {
    identifier,
    title: identifier,
    properties: {},
    required: [],
    relations: {},
    mirrorProperties: {},
    calculationProperties: {},
    aggregationProperties: {},
    permissions: {} as Blueprint['permissions'],
    raw: {},
    origin: { file: `${identifier}.json`, pointer: '', locate: (pointer) => ({ file: `${identifier}.json`, pointer }) },
    ...parts,
  };
}

const rel = (target: string, extra: { many?: boolean; required?: boolean } = {}) => ({ target, many: extra.many ?? false, required: extra.required ?? false });

const model: BlueprintModel = createModel([
  blueprint('microservice', {
    properties: {
      language: { type: 'string' },
      'on-call': { type: 'string', format: 'email' },
      replicas: { type: 'number' },
      healthy: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      tier: { type: 'string', enum: ['gold', 'silver'] },
      homepage: { type: 'string', format: 'url' },
      deployedAt: { type: 'string', format: 'date-time' },
      ttl: { type: 'string', format: 'timer' },
    },
  }),
  blueprint('environment', { properties: { awsRegion: { type: 'string' } } }),
  blueprint('deploymentConfig', {
    properties: { url: { type: 'string', format: 'url' } },
    relations: { microservice: rel('microservice'), environment: rel('environment', { required: true }) },
  }),
  blueprint('Team', { relations: { parent: rel('Team') } }),
  blueprint('cluster', { relations: { deployments: rel('deployment', { many: true }) } }),
  blueprint('deployment'),
  blueprint('service', { relations: { deployedOn: rel('cluster', { many: true }) } }),
]);

function entity(blueprint: string, identifier: string, properties: Record<string, unknown> = {}, relations: Record<string, string | string[]> = {}, extra: Partial<Entity> = {}): Entity {
  return { blueprint, identifier, title: identifier, icon: null, team: [], properties, relations, createdAt: iso(NOW - 30 * DAY), updatedAt: iso(NOW - DAY), origin: 'api', ...extra };
}

const catalog: Entity[] = [
  entity('microservice', 'Order-Service', { language: 'Python', 'on-call': 'mor@getport.io', replicas: 3, healthy: true, tags: ['pci', 'edge'], tier: 'gold', homepage: 'https://example.com', deployedAt: iso(NOW - 2 * DAY), ttl: iso(NOW - DAY) }, {}, { team: ['payments'] }),
  entity('microservice', 'Cart-Service', { language: 'Go', replicas: 8, healthy: false, tags: [], tier: 'silver', deployedAt: iso(NOW - 40 * DAY), ttl: iso(NOW + DAY) }, {}, { createdAt: iso(NOW - 3 * DAY) }),
  entity('microservice', 'Search-Service', { language: '', replicas: 1 }),
  entity('environment', 'Production', { awsRegion: 'eu-west-1' }),
  entity('deploymentConfig', 'Order-Service-Production', { url: 'https://github.com/port-labs/order-service' }, { microservice: 'Order-Service', environment: 'Production' }),
  entity('deploymentConfig', 'Cart-Service-Production', { url: 'https://github.com/port-labs/cart-service' }, { microservice: 'Cart-Service', environment: 'Production' }),
  entity('Team', 'Group'),
  entity('Team', 'Domain', {}, { parent: 'Group' }),
  entity('Team', 'Tribe', {}, { parent: 'Domain' }),
  entity('Team', 'Squad', {}, { parent: 'Tribe' }),
  entity('deployment', 'prod-deploy'),
  entity('deployment', 'staging-deploy'),
  entity('cluster', 'production-cluster', {}, { deployments: ['prod-deploy'] }),
  entity('cluster', 'staging-cluster', {}, { deployments: ['staging-deploy'] }),
  entity('service', 'production-service', {}, { deployedOn: ['production-cluster'] }),
  entity('service', 'other-service', {}, { deployedOn: ['staging-cluster'] }),
];

/** An in-memory RuleContext over `catalog` that counts its loads. */
function memoryContext() {
  const calls = { load: 0, findByRelation: 0 };
  const ctx: RuleContext = {
    model,
    now: NOW,
    load: async (bp, ids) => {
      calls.load++;
      return ids.map((id) => catalog.find((e) => e.blueprint === bp && e.identifier === id));
    },
    findByRelation: async (bp, relation, targets) => {
      calls.findByRelation++;
      return targets.map((t) => catalog.filter((e) => e.blueprint === bp && [e.relations[relation]].flat().includes(t)));
    },
  };
  return { ctx, calls };
}

/** Runs a query as `search` does: parse, check, candidates, evaluate; answers "blueprint:identifier". */
async function search(query: unknown): Promise<string[]> {
  const q = parseRuleQuery(query);
  const blueprints = candidateBlueprints(q, model);
  const problems = checkRuleQuery(q, model, blueprints);
  if (problems.length) throw new Error(problems.map((p) => `${p.pointer}: ${p.message}`).join('\n'));
  const entities = catalog.filter((e) => blueprints.includes(e.blueprint));
  const mask = await evaluateRules(q, entities, memoryContext().ctx);
  return entities.filter((_, i) => mask[i]).map((e) => `${e.blueprint}:${e.identifier}`);
}

const services = (rule: object) => search({ combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'microservice' }, rule] }).then((r) => r.map((x) => x.split(':')[1]));

/** Port's documented comparison rules (the property names adapted to the catalog above) and what they match. */
const COMPARISONS: [Rule, string[]][] = [
  [{ operator: '=', property: 'language', value: 'Python' }, ['Order-Service']],
  [{ operator: '=', property: 'healthy', value: true }, ['Order-Service']],
  [{ operator: '!=', property: 'language', value: 'Python' }, ['Cart-Service', 'Search-Service']],
  [{ operator: '!=', property: 'healthy', value: false }, ['Order-Service', 'Search-Service']],
  [{ operator: '>', property: 'replicas', value: 7 }, ['Cart-Service']],
  [{ operator: '>=', property: 'replicas', value: 3 }, ['Order-Service', 'Cart-Service']],
  [{ operator: '<', property: 'replicas', value: 3 }, ['Search-Service']],
  [{ operator: '<=', property: 'replicas', value: 3 }, ['Order-Service', 'Search-Service']],
  [{ operator: 'isEmpty', property: 'language' }, ['Search-Service']],
  [{ operator: 'isNotEmpty', property: 'tags' }, ['Order-Service']],
  [{ operator: 'contains', property: 'language', value: 'yth' }, ['Order-Service']],
  [{ operator: 'doesNotContains', property: 'language', value: 'yth' }, ['Cart-Service', 'Search-Service']],
  [{ operator: 'containsAny', property: 'tags', value: ['edge', 'other'] }, ['Order-Service']],
  [{ operator: 'containsAny', property: '$team', value: ['payments', 'search'] }, ['Order-Service']],
  [{ operator: 'beginsWith', property: '$identifier', value: 'Cart' }, ['Cart-Service']],
  [{ operator: 'doesNotBeginsWith', property: '$identifier', value: 'Cart' }, ['Order-Service', 'Search-Service']],
  [{ operator: 'endsWith', property: 'on-call', value: '@getport.io' }, ['Order-Service']],
  [{ operator: 'doesNotEndsWith', property: 'on-call', value: '@getport.io' }, ['Cart-Service', 'Search-Service']],
  [{ property: 'language', operator: 'in', value: ['Go', 'Python'] }, ['Order-Service', 'Cart-Service']],
  [{ property: 'language', operator: 'notIn', value: ['Go', 'Python'] }, ['Search-Service']],
  [{ property: 'tier', operator: 'in', value: ['gold'] }, ['Order-Service']],
  [{ operator: '=', property: '$createdAt', value: iso(NOW - 3 * DAY) }, ['Cart-Service']],
  [{ operator: 'between', property: '$createdAt', value: { preset: 'lastWeek' } }, ['Cart-Service']],
  [{ operator: 'notBetween', property: '$createdAt', value: { preset: 'lastWeek' } }, ['Order-Service', 'Search-Service']],
  [{ operator: 'between', property: 'deployedAt', value: { preset: 'lastMonth' } }, ['Order-Service']],
  [{ operator: 'between', property: 'deployedAt', value: { from: iso(NOW - 50 * DAY), to: iso(NOW - 10 * DAY) } }, ['Cart-Service']],
  [{ operator: 'between', property: 'replicas', value: { from: 2, to: 8 } }, ['Order-Service', 'Cart-Service']],
  [{ operator: 'between', property: '$updatedAt', value: { preset: 'yesterday' } }, ['Order-Service', 'Cart-Service', 'Search-Service']],
  [{ operator: 'between', property: '$updatedAt', value: { preset: 'today' } }, []],
  [{ operator: 'isExpired', property: 'ttl' }, ['Order-Service']],
  [{ operator: 'isNotExpired', property: 'ttl' }, ['Cart-Service', 'Search-Service']],
];

describe('comparison operators, as in Port\'s documentation', () => {
  it.each(COMPARISONS)('%j', async (rule, expected) => {
    expect(await services(rule)).toEqual(expected);
  });

  it('propertySchema matches any property of that type and format', async () => {
    expect(await search({ combinator: 'and', rules: [{ propertySchema: { type: 'string' }, operator: '=', value: 'Go' }] })).toEqual(['microservice:Cart-Service']);
    expect(await search({ combinator: 'and', rules: [{ propertySchema: { type: 'string', format: 'url' }, operator: '=', value: 'https://example.com' }] })).toEqual(['microservice:Order-Service']);
    expect(await search({ combinator: 'and', rules: [{ propertySchema: { type: 'string', format: 'url' }, operator: 'contains', value: 'port-labs' }] })).toEqual([
      'deploymentConfig:Order-Service-Production',
      'deploymentConfig:Cart-Service-Production',
    ]);
  });

  it('nested combinator groups', async () => {
    expect(
      await services({ combinator: 'or', rules: [{ property: 'language', operator: '=', value: 'Go' }, { combinator: 'and', rules: [{ property: 'replicas', operator: '<', value: 2 }, { property: 'language', operator: 'isEmpty' }] }] }),
    ).toEqual(['Cart-Service', 'Search-Service']);
  });
});

describe('relation operators, as in Port\'s documentation', () => {
  it('relatedTo upstream: what Order-Service-Production depends on', async () => {
    expect(await search({ combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'deploymentConfig', value: 'Order-Service-Production', direction: 'upstream' }] })).toEqual([
      'microservice:Order-Service',
      'environment:Production',
    ]);
  });

  it('relatedTo downstream: the deploymentConfigs deployed in Production', async () => {
    expect(await search({ combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'environment', value: 'Production', direction: 'downstream' }] })).toEqual([
      'deploymentConfig:Order-Service-Production',
      'deploymentConfig:Cart-Service-Production',
    ]);
  });

  it('relatedTo without a direction follows both; several values; required true/false', async () => {
    // Both directions, each followed on its own: Production is upstream of a downstream entity, so not reached.
    expect(await search({ combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'microservice', value: 'Order-Service' }] })).toEqual(['deploymentConfig:Order-Service-Production']);
    expect(await search({ combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'microservice', value: ['Order-Service', 'Cart-Service'], direction: 'downstream' }] })).toEqual([
      'deploymentConfig:Order-Service-Production',
      'deploymentConfig:Cart-Service-Production',
    ]);
    // Only the entities that require Production (environment is a required relation)…
    expect(await search({ combinator: 'and', rules: [{ operator: 'relatedTo', required: true, value: 'Production', blueprint: 'environment' }] })).toEqual([
      'deploymentConfig:Order-Service-Production',
      'deploymentConfig:Cart-Service-Production',
    ]);
    // …and through non-required relations only ("true"/"false" strings as Port's own clients send them).
    expect(await search({ combinator: 'and', rules: [{ operator: 'relatedTo', required: 'false', value: 'Production', blueprint: 'environment' }] })).toEqual([]);
    expect(await search({ combinator: 'and', rules: [{ operator: 'relatedTo', required: false, value: 'Order-Service-Production', blueprint: 'deploymentConfig' }] })).toEqual(['microservice:Order-Service']);
  });

  it('a relation path (matchAny): upstream from the candidates, downstream with fromBlueprint', async () => {
    expect(
      await search({ combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'service' }, { property: { path: ['deployedOn'] }, operator: 'matchAny', value: 'production-cluster' }] }),
    ).toEqual(['service:production-service']);
    expect(
      await search({
        combinator: 'and',
        rules: [{ property: '$blueprint', operator: '=', value: 'deployment' }, { property: { path: ['deployedOn', 'deployments'], fromBlueprint: 'service' }, operator: 'matchAny', value: 'production-service' }],
      }),
    ).toEqual(['deployment:prod-deploy']);
  });

  it('self-relations: fixed hops, maxHops', async () => {
    const teams = (path: unknown[]) => search({ combinator: 'and', rules: [{ property: { path, fromBlueprint: 'Team' }, operator: 'matchAny', value: 'Squad' }] });
    expect(await teams(['parent', 'parent'])).toEqual(['Team:Domain']);
    expect(await teams([{ relation: 'parent', maxHops: 3 }])).toEqual(['Team:Group', 'Team:Domain', 'Team:Tribe']);
    expect(await teams(['parent', 'parent', { relation: 'parent', maxHops: 3 }])).toEqual(['Team:Group']);
  });

  it('relation rules ("filter by relations"): the identifiers a relation points at', async () => {
    const configs = (rule: object) => search({ combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'deploymentConfig' }, rule] });
    expect(await configs({ relation: 'environment', operator: '=', value: 'Production' })).toEqual(['deploymentConfig:Order-Service-Production', 'deploymentConfig:Cart-Service-Production']);
    expect(await configs({ relation: 'microservice', operator: 'in', value: ['Order-Service', 'Nope'] })).toEqual(['deploymentConfig:Order-Service-Production']);
    expect(await configs({ relation: 'microservice', operator: '!=', value: 'Order-Service' })).toEqual(['deploymentConfig:Cart-Service-Production']);
    expect(await search({ combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'Team' }, { relation: 'parent', operator: 'isEmpty' }] })).toEqual(['Team:Group']);
    expect(await search({ combinator: 'and', rules: [{ relation: 'deployedOn', operator: 'containsAny', value: ['staging-cluster'] }] })).toEqual(['service:other-service']);
  });

  it('loads once per blueprint per hop, not once per entity', async () => {
    const { ctx, calls } = memoryContext();
    const q = parseRuleQuery({ combinator: 'and', rules: [{ property: { path: ['microservice'] }, operator: 'matchAny', value: ['Order-Service', 'Cart-Service'] }] });
    const configs = catalog.filter((e) => e.blueprint === 'deploymentConfig');
    expect(await evaluateRules(q, configs, ctx)).toEqual([true, true]);
    expect(calls).toEqual({ load: 1, findByRelation: 0 });
  });
});

describe('queries checked against the model', () => {
  const problems = (query: unknown, blueprints?: string[]) => {
    const q = parseRuleQuery(query);
    return checkRuleQuery(q, model, blueprints ?? candidateBlueprints(q, model));
  };
  const one = (rules: unknown[]) => problems({ combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'microservice' }, ...rules] });

  it('unknown properties, meta properties and blueprints, with a hint for the case', () => {
    expect(one([{ property: 'colour', operator: '=', value: 'red' }])).toEqual([{ pointer: '/rules/1/property', message: expect.stringContaining('blueprint "microservice" has no property "colour"; expected one of language, on-call') }]);
    expect(one([{ property: 'Language', operator: '=', value: 'Go' }])[0].message).toContain('did you mean "language"?');
    expect(one([{ property: '$owner', operator: '=', value: 'x' }])[0]).toMatchObject({ pointer: '/rules/1/property', message: expect.stringContaining('unknown meta property "$owner"') });
    expect(problems({ combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'Microservice' }] })).toEqual([
      { pointer: '/rules/0/value', message: 'unknown blueprint "Microservice"; did you mean "microservice"? (identifiers are case-sensitive)' },
    ]);
    expect(problems({ combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'team', value: 'Squad' }] })[0]).toMatchObject({ pointer: '/rules/0/blueprint', message: expect.stringContaining('did you mean "Team"?') });
    expect(problems({ combinator: 'or', rules: [{ property: 'nope', operator: 'isEmpty' }] })[0].message).toContain('no blueprint has a property "nope"');
  });

  it('values that cannot match the property', () => {
    expect(one([{ property: 'replicas', operator: '=', value: '3' }])).toEqual([{ pointer: '/rules/1/value', message: 'property "replicas" holds numbers: expected a number, got "3"' }]);
    expect(one([{ property: 'tier', operator: 'in', value: ['gold', 'bronze'] }])).toEqual([{ pointer: '/rules/1/value/1', message: 'property "tier" takes one of "gold", "silver"; got "bronze"' }]);
    expect(one([{ property: 'healthy', operator: '>', value: 1 }])[0]).toMatchObject({ pointer: '/rules/1/operator' });
    expect(one([{ property: 'language', operator: 'between', value: { preset: 'lastWeek' } }])[0]).toMatchObject({ pointer: '/rules/1/operator' });
    expect(one([{ property: 'deployedAt', operator: '>', value: 'yesterday' }])[0]).toMatchObject({ pointer: '/rules/1/value', message: expect.stringContaining('expected an ISO 8601 date') });
    expect(one([{ property: 'replicas', operator: 'isExpired' }])[0]).toMatchObject({ pointer: '/rules/1/operator' });
    expect(problems({ combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'Team' }, { relation: 'parents', operator: 'isEmpty' }] })).toEqual([
      { pointer: '/rules/1/relation', message: 'blueprint "Team" has no relation "parents"; expected one of parent' },
    ]);
    expect(problems({ combinator: 'and', rules: [{ property: { path: ['parents'], fromBlueprint: 'Team' }, operator: 'matchAny', value: 'Squad' }] })).toEqual([
      { pointer: '/rules/0/property/path/0', message: 'no relation "parents" on "Team"; expected one of parent' },
    ]);
  });

  it('malformed rules: each operator says what value it takes, at the pointer of the value', () => {
    const pointerAndMessage = (query: unknown) => {
      try {
        parseRuleQuery(query);
      } catch (err) {
        expect(err).toBeInstanceOf(LatticeError);
        return { pointer: (err as LatticeError).details.pointer, message: (err as LatticeError).message };
      }
      throw new Error('expected a BAD_USER_INPUT error');
    };
    expect(pointerAndMessage({ combinator: 'and', rules: [{ property: 'tags', operator: 'containsAny', value: 'edge' }] })).toEqual({
      pointer: '/rules/0/value',
      message: 'invalid search query at /rules/0/value: "containsAny" takes an array of strings, numbers or booleans, got "edge"',
    });
    expect(pointerAndMessage({ combinator: 'and', rules: [{ property: 'x', operator: 'between', value: { preset: 'lastDecade' } }] }).message).toContain('unknown preset "lastDecade"');
    expect(pointerAndMessage({ combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'a', value: 'b', direction: 'sideways' }] }).pointer).toBe('/rules/0/direction');
    expect(pointerAndMessage({ combinator: 'and', rules: [{ property: 'x', operator: '=', value: { context: 'user', property: '$identifier' } }] }).message).toContain('contextual values');
    expect(pointerAndMessage({ combinator: 'and', rules: [{ combinator: 'or', rules: [{ property: 'x', operator: '=', value: null }] }] })).toMatchObject({ pointer: '/rules/0/rules/0/value' });
    expect(pointerAndMessage({ combinator: 'and', rules: [{ property: { path: [{ relation: 'parent', maxHops: 20 }] }, operator: 'matchAny', value: 'a' }] }).pointer).toBe('/rules/0/property/path/0');
    expect(pointerAndMessage({ combinator: 'and', rules: [{ property: 'x', operator: 'isEmpty', valu: 1 }] }).pointer).toBe('/rules/0/valu');
    expect(pointerAndMessage({ combinator: 'and', rules: [{ relation: 'parent', operator: '>', value: 1 }] })).toEqual({
      pointer: '/rules/0/operator',
      message: 'invalid search query at /rules/0/operator: a relation rule takes one of =, !=, in, notIn, containsAny, isEmpty, isNotEmpty, got ">"',
    });
  });
});
