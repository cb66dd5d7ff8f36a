/**
 * Honest types and described schemas: every type, field, argument and enum value of the public
 * schema has a description (the shipped blueprints and actions, the examples, and a fixture that
 * uses every kind of field), and nullability follows the blueprint, one test per rule; an entity
 * that lacks a required value is a field error naming it, served over HTTP.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isScalarType,
  buildSchema,
  printType,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGeneration } from '../../src/server/runtime.ts';
import { withoutFederation } from '../../src/schema/federation.ts';
import { ADMIN_TOKEN, gql, ROOT, startTestLattice, tempProject } from '../helpers/lattice.ts';
import type { Lattice } from '../../src/server/app.ts';

const read = (dir: string) => readdirSync(path.join(ROOT, dir)).filter((f) => /\.(json|ya?ml)$/.test(f)).map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(ROOT, dir, f), 'utf8') }));
const json = (file: string, value: unknown) => ({ file, text: JSON.stringify(value, null, 2) });

/**
 * Every element of the public schema (what clients get: `withoutFederation`, as served when
 * `server.federation.enabled` is off) without a description, as `Type`, `Type.field`,
 * `Type.field(arg)`, `Enum.VALUE`.
 */
function undescribed(subgraph: GraphQLSchema): { total: number; missing: string[] } {
  const schema = withoutFederation(subgraph);
  const missing: string[] = [];
  let total = 0;
  const count = (described: string | null | undefined, name: string) => {
    total++;
    if (!described) missing.push(name);
  };
  for (const t of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(t) || isSpecifiedScalarType(t)) continue;
    count(t.description, t.name);
    if (isObjectType(t) || isInterfaceType(t)) {
      for (const f of Object.values(t.getFields()) as GraphQLField<unknown, unknown>[]) {
        count(f.description, `${t.name}.${f.name}`);
        for (const a of f.args) count(a.description, `${t.name}.${f.name}(${a.name})`);
      }
    }
    if (isInputObjectType(t)) for (const f of Object.values(t.getFields())) count(f.description, `${t.name}.${f.name}`);
    if (isEnumType(t)) for (const v of t.getValues()) count(v.description, `${t.name}.${v.name}`);
  }
  return { total, missing };
}

/** A model that uses every kind of generated field: required and optional properties and relations, lists, references, computed properties. */
const FIXTURE = [
  { identifier: 'team', title: 'Team', schema: { properties: {} }, relations: {} },
  {
    identifier: 'service',
    title: 'Service',
    schema: {
      properties: {
        tier: { type: 'string', enum: ['gold', 'silver'] },
        owner: { type: 'string', format: 'user' },
        tags: { type: 'array', items: { type: 'string' } },
        levels: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
        anything: { type: 'array' },
        teams: { type: 'array', items: { type: 'string', format: 'entity', blueprint: 'team' } },
        lead: { type: 'string', format: 'entity', blueprint: 'team' },
        replicas: { type: 'number', title: 'Replicas', default: 1 },
        link: { type: 'object', format: 'labeled-url' },
        since: { type: 'string', format: 'date-time', default: '2022-04-18T11:44:15.345Z' },
      },
      required: ['tier', 'tags', 'lead', 'link'],
    },
    relations: {
      owningTeam: { target: 'team', required: true, many: false },
      backupTeam: { target: 'team', required: false, many: false },
      reviewers: { target: 'team', required: false, many: true },
      group: { target: 'group', required: false, many: false },
    },
    mirrorProperties: { teamTitle: { path: 'owningTeam.$title' } },
    calculationProperties: { label: { calculation: '.title', type: 'string' } },
    aggregationProperties: {},
  },
  {
    identifier: 'group',
    title: 'Group',
    schema: { properties: {} },
    relations: {},
    aggregationProperties: {
      serviceCount: { target: 'service', calculationSpec: { calculationBy: 'entities', func: 'count' } },
      meanReplicas: { target: 'service', calculationSpec: { calculationBy: 'property', property: 'replicas', func: 'average' } },
    },
  },
];
const ACTION = {
  identifier: 'resize',
  title: 'Resize',
  trigger: {
    type: 'self-service',
    operation: 'DAY-2',
    blueprintIdentifier: 'service',
    userInputs: {
      properties: {
        size: { type: 'string', enum: ['small', 'large'], default: 'small' },
        count: { type: 'integer', default: 2 },
        labels: { type: 'object', default: { 'not-a-name': 1 } },
        reason: { type: 'string' },
      },
      required: ['reason', 'size'],
    },
  },
  invocationMethod: { type: 'WEBHOOK', url: 'https://example.com/hook' },
};

const fixture = () => buildGeneration([json('blueprints.json', FIXTURE)], () => [], [json('resize.json', ACTION)]);
const fieldType = (schema: GraphQLSchema, type: string, field: string) => {
  const t = schema.getType(type);
  if (!isObjectType(t) && !isInputObjectType(t)) throw new Error(`${type} is not an object type`);
  return String(t.getFields()[field].type);
};

describe('descriptions', () => {
  it('cover 100% of the schema of the shipped blueprints and actions', () => {
    const { schema } = buildGeneration(read('schema/blueprints'), () => [], read('schema/actions'));
    const { total, missing } = undescribed(schema);
    expect(total).toBeGreaterThan(700);
    expect(missing).toEqual([]);
  });

  it('cover 100% of a schema with every kind of field, and of every example (the demo with its scorecards)', () => {
    expect(undescribed(fixture().schema).missing).toEqual([]);
    for (const example of ['actions', 'demo', 'github', 'kubernetes', 'terraform']) {
      const dir = `examples/${example}/blueprints`;
      const actionFiles = example === 'actions' ? read(`examples/${example}/actions`) : example === 'demo' ? read('schema/actions') : [];
      const scorecardFiles = example === 'demo' ? read(`examples/${example}/scorecards`) : [];
      expect(undescribed(buildGeneration(read(dir), { actionFiles, scorecardFiles }).schema).missing, example).toEqual([]);
    }
  });

  it('are the blueprint\'s own when it wrote one, else say what and where from', () => {
    const { schema } = buildGeneration(read('schema/blueprints'), () => [], read('schema/actions'));
    const component = schema.getType('Component');
    if (!isObjectType(component)) throw new Error('no Component');
    expect(component.getFields().kubernetesCluster.description).toBe("The Kubernetes source's cluster that runs the service's deployment (update_pod_count scales there)");
    expect(component.getFields().kubernetesNamespace.description).toBe('Kubernetes namespace: property "kubernetesNamespace" of blueprint "Component".');
    expect(component.getFields().system.description).toBe('Relation "system" of blueprint "Component": the System entity it points to.');
  });
});

describe('nullability follows the blueprint', () => {
  const { schema } = fixture();

  it('a property in `schema.required` is non-null; the others are nullable', () => {
    expect(fieldType(schema, 'Service', 'tier')).toBe('ServiceTier!');
    expect(fieldType(schema, 'Service', 'link')).toBe('LabeledURL!');
    expect(fieldType(schema, 'Service', 'owner')).toBe('String');
    expect(fieldType(schema, 'Service', 'replicas')).toBe('Float');
  });

  it('a required single relation is non-null; an optional one nullable; a many relation is a non-null connection either way', () => {
    expect(fieldType(schema, 'Service', 'owningTeam')).toBe('Team!');
    expect(fieldType(schema, 'Service', 'backupTeam')).toBe('Team');
    expect(fieldType(schema, 'Service', 'reviewers')).toBe('TeamConnection!');
  });

  it('list items are non-null, except JSON values and entity references (a dangling one is a null item with an error)', () => {
    expect(fieldType(schema, 'Service', 'tags')).toBe('[String!]!');
    expect(fieldType(schema, 'Service', 'levels')).toBe('[ServiceLevels!]');
    expect(fieldType(schema, 'Service', 'anything')).toBe('[JSON]');
    expect(fieldType(schema, 'Service', 'teams')).toBe('[Team]');
    expect(fieldType(schema, 'Service', 'lead')).toBe('Team!');
  });

  it('computed properties are nullable (a path may end nowhere); a count is Int!, other aggregations Float', () => {
    expect(fieldType(schema, 'Service', 'teamTitle')).toBe('String');
    expect(fieldType(schema, 'Service', 'label')).toBe('String');
    expect(fieldType(schema, 'Group', 'serviceCount')).toBe('Int!');
    expect(fieldType(schema, 'Group', 'meanReplicas')).toBe('Float');
  });

  it('action inputs: required ones non-null, defaults in the SDL (enum defaults by name), defaults no literal can write described', () => {
    const sdl = printType(schema.getType('ResizeInput') as never);
    expect(sdl).toContain('size: ResizeSize! = SMALL');
    expect(sdl).toContain('count: Int = 2');
    expect(sdl).toContain('reason: String!');
    expect(sdl).toMatch(/Default: \{\\?"not-a-name\\?":1\}/);
    expect(sdl).toContain('labels: JSON\n');
  });

  it('create inputs: required properties without a default non-null, defaults in the SDL where GraphQL can print them, else described', () => {
    const sdl = printType(schema.getType('CreateServiceInput') as never);
    expect(sdl).toContain('tier: ServiceTier!');
    expect(sdl).toContain('owningTeam: String!');
    expect(sdl).toContain('lead: String!');
    expect(sdl).toContain('replicas: Float = 1');
    expect(sdl).toContain('Default: "2022-04-18T11:44:15.345Z"');
    expect(sdl).toContain('since: DateTime\n');
    expect(printType(schema.getType('ServicePatch') as never)).toContain('tier: ServiceTier\n');
  });

  it('closed sets are enums and integral values Int in the hand-written part', () => {
    const { schema: seed } = buildGeneration(read('schema/blueprints'));
    expect(fieldType(seed, 'RunApproval', 'decision')).toBe('RunDecision!');
    expect(fieldType(seed, 'ActionDefinition', 'operation')).toBe('ActionOperation!');
    expect(fieldType(seed, 'ActionRunConnection', 'totalCount')).toBe('Int!');
    expect(String(getNamedType((seed.getType('Query') as never as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields().runs.args.find((a) => a.name === 'orderBy')?.type as never))).toBe('RunOrderBy');
  });
});

/**
 * Every field, argument and input field whose name says it is integral by definition (a count, a
 * number, a size, replicas, a depth, a capacity, epochs, a line or column, a page size): as
 * "<Type>.<field>" or "<Type>.<field>(<argument>)", with its named type when that is not Int (or
 * IntFilter, for a filter on a count). Blueprint values (properties, mirror and calculation
 * properties, aggregations other than count) are Port's: a Port `number` is a Float, whatever its
 * name, and they are left out through the plan.
 */
const INTEGRAL = /^(count|number|replicas|size|capacity|depth|epochs|line|column|first|last)$|[a-z0-9](Count|Number|Replicas|Size|Capacity|Depth|Epochs)$/;
function integralNotInt(generation: ReturnType<typeof buildGeneration>): string[] {
  const { schema, plan } = generation;
  const portValues = new Set<string>();
  for (const t of plan.types) {
    for (const f of t.fields) {
      const isPortValue = f.kind === 'property' || f.kind === 'mirror' || f.kind === 'calculation' || (f.kind === 'aggregation' && f.def.calculationSpec.func !== 'count');
      if (!isPortValue) continue;
      for (const owner of [t.typeName, t.filterType, t.writes.createInput, t.writes.patch]) portValues.add(`${owner}.${f.name}`);
    }
  }
  const wrong: string[] = [];
  // A value, or a filter on one; a field returning an object or an enum (a closed set of sizes) is not a number.
  const check = (where: string, name: string, type: GraphQLType) => {
    const named = getNamedType(type);
    const numberTyped = isScalarType(named) ? named.name !== 'Int' : /^(Float|String|JSON)(List)?Filter$/.test(named.name);
    if (INTEGRAL.test(name) && !portValues.has(where) && numberTyped) wrong.push(`${where}: ${named.name}`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      check(`${type.name}.${field.name}`, field.name, field.type);
      for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name})`, arg.name, arg.type);
    }
  }
  return wrong;
}

describe('integral by definition is Int', () => {
  it('in the schema of the shipped blueprints and actions: counts, page sizes, depths, replicas, sizes, pull request numbers', () => {
    const generation = buildGeneration(read('schema/blueprints'), () => [], read('schema/actions'));
    expect(integralNotInt(generation)).toEqual([]);
    // The check sees what it should: action inputs integral by definition, and Port numbers left Float.
    expect(fieldType(generation.schema, 'UpdatePodCountInput', 'replicas')).toBe('Int!');
    expect(fieldType(generation.schema, 'ForceMergePullRequestInput', 'number')).toBe('Int!');
    expect(fieldType(generation.schema, 'DevEnvironment', 'extensions')).toBe('Float');
  });

  it('in a schema with every kind of field, and in every example: an aggregation count is Int! and filtered with IntFilter', () => {
    const generation = fixture();
    expect(integralNotInt(generation)).toEqual([]);
    expect(fieldType(generation.schema, 'Group', 'serviceCount')).toBe('Int!');
    expect(fieldType(generation.schema, 'GroupFilter', 'serviceCount')).toBe('IntFilter');
    // A Port number named like a count stays a Float (Port's number is not integral), and is left out.
    expect(fieldType(generation.schema, 'Service', 'replicas')).toBe('Float');
    for (const example of ['actions', 'demo', 'github', 'kubernetes', 'terraform']) {
      const actionFiles = example === 'actions' ? read(`examples/${example}/actions`) : example === 'demo' ? read('schema/actions') : [];
      expect(integralNotInt(buildGeneration(read(`examples/${example}/blueprints`), { actionFiles })), example).toEqual([]);
    }
  });

  it('fails a count typed Float (the check is not blind)', () => {
    const generation = fixture();
    const planted = { ...generation, schema: buildSchema('input FloatFilter { equalTo: Float } type Query { componentCount: Float, first(n: Int, last: Float, nodeCount: FloatFilter): Int }') };
    expect(integralNotInt(planted)).toEqual(['Query.componentCount: Float', 'Query.first(last): Float', 'Query.first(nodeCount): FloatFilter']);
  });
});

describe('an entity that lacks a required value', () => {
  let lattice: Lattice | undefined;
  afterAll(() => lattice?.close());

  it('is served, with a field error naming the missing property or relation; the rest of the response stands', async () => {
    const project = tempProject();
    lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir });
    const written = await gql(lattice.url, 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "Orphan", title: "Orphan") { identifier } }', undefined, { token: ADMIN_TOKEN });
    expect(written.errors).toBeUndefined();
    // The blueprint now requires what the entity, written before, lacks (every catalog file has both).
    const file = path.join(project.blueprintsDir, 'Component.json');
    const component = JSON.parse(readFileSync(file, 'utf8'));
    component.schema.required = ['type'];
    component.relations.system.required = true;
    writeFileSync(file, JSON.stringify(component, null, 2));
    expect(await lattice.runtime.reload()).toBe(true);

    const res = await gql(lattice.url, '{ orphan: component(identifier: "Orphan") { identifier type } cart: component(identifier: "CartService") { identifier type system { identifier } } sys: component(identifier: "Orphan") { system { identifier } } }', undefined, { token: ADMIN_TOKEN });
    expect(res.data).toEqual({ orphan: null, cart: { identifier: 'CartService', type: 'SERVICE', system: { identifier: 'Cart' } }, sys: null });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code, e.message])).toEqual([
      [['orphan', 'type'], 'INVALID_ENTITY', 'Component "Orphan" has no value for its required property "type"'],
      [['sys', 'system'], 'INVALID_ENTITY', 'Component "Orphan" has no value for its required relation "system"'],
    ]);
  });
});
