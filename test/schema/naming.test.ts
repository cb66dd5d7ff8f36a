/**
 * Naming is part of the public API: the inflection rules, the names generated for the seed,
 * collisions as load errors, and the committed SDL kept up to date (run `npm run codegen`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/model/blueprints/load.ts';
import { LatticeErrors } from '../../src/errors/index.ts';
import { buildGeneration, readDocuments } from '../../src/server/runtime.ts';
import { baseInflection as inf, createInflection } from '../../src/schema/inflection.ts';
import { planSchema } from '../../src/schema/plan.ts';
import { ROOT } from '../helpers/lattice.ts';

describe('inflection', () => {
  it('names types, root fields and fields as DESIGN.md says', () => {
    expect(['Component', 'API', 'Domain', 'cloud-resource', 'on_call'].map(inf.typeName)).toEqual(['Component', 'API', 'Domain', 'CloudResource', 'OnCall']);
    expect(['Component', 'API', 'cloud-resource'].map(inf.singleField)).toEqual(['component', 'api', 'cloudResource']);
    expect(['Component', 'API', 'cloud-resource', 'Domain'].map(inf.allField)).toEqual(['components', 'apis', 'cloudResources', 'domains']);
    expect(['on_call', 'cost-center', 'consumesApi', 'providesApi'].map(inf.fieldName)).toEqual(['onCall', 'costCenter', 'consumesApi', 'providesApi']);
  });

  it('names reverse relations like PostGraphile', () => {
    expect(inf.reverseRelationField('Component', 'system')).toBe('componentsBySystem');
    expect(inf.reverseRelationField('System', 'domain')).toBe('systemsByDomain');
    expect(inf.reverseRelationField('Component', 'consumesApi')).toBe('componentsByConsumesApi');
    expect(inf.reverseRelationField('API', 'provider')).toBe('apisByProvider');
  });

  it('makes GraphQL-safe enum value names', () => {
    expect(['Open API', 'kafka-topic', 's3-bucket', 'postgress', 'grpc', '5xx', 'true'].map(inf.enumValueName)).toEqual([
      'OPEN_API',
      'KAFKA_TOPIC',
      'S3_BUCKET',
      'POSTGRESS',
      'GRPC',
      '_5XX',
      'TRUE',
    ]);
  });

  it('lets an inflector be replaced, delegating to the previous one', () => {
    const custom = createInflection({ allField: (previous) => (bp) => `all${previous(bp).replace(/^./, (c) => c.toUpperCase())}` });
    expect(custom.allField('Component')).toBe('allComponents');
    expect(custom.typeName('Component')).toBe('Component');
  });
});

const plan = (blueprints: unknown[]) => planSchema(loadBlueprints([{ file: 'b.json', text: JSON.stringify(blueprints, null, 2) }]).model, inf);
const bp = (o: Record<string, unknown>) => ({ schema: { properties: {} }, relations: {}, ...o });

function collisions(blueprints: unknown[]) {
  try {
    plan(blueprints);
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeErrors);
    return (err as LatticeErrors).errors.map((e) => ({ code: e.code, pointer: e.location?.pointer, message: e.message }));
  }
  throw new Error('expected a collision');
}

describe('name collisions', () => {
  it('two enum values landing on one name', () => {
    const [e] = collisions([bp({ identifier: 'A', schema: { properties: { kind: { type: 'string', enum: ['a-b', 'a b'] } } } })]);
    expect(e).toMatchObject({ code: 'NAME_COLLISION', pointer: '/0/schema/properties/kind' });
    expect(e.message).toContain('"A_B"');
  });

  it('two properties landing on one field, neither spelled as it', () => {
    const errors = collisions([bp({ identifier: 'A', schema: { properties: { on_call: { type: 'string' }, 'on-call': { type: 'string' }, Title: { type: 'string' } } } })]);
    expect(errors.map((e) => e.pointer)).toEqual(['/0/schema/properties/on-call']);
    expect(collisions([bp({ identifier: 'A', schema: { properties: { 'on-call': { type: 'string' }, onCall: { type: 'string' } } } })]).map((e) => e.pointer)).toEqual(['/0/schema/properties/onCall']);
  });

  it('of two properties on one field, the one spelled as it keeps it and the other is its identifier (Port\'s Statuspage blueprint)', () => {
    for (const order of [['postmortem_published_at', 'postmortemPublishedAt'], ['postmortemPublishedAt', 'postmortem_published_at']]) {
      const p = plan([bp({ identifier: 'incident', schema: { properties: Object.fromEntries(order.map((key) => [key, { type: 'string' }])) } })]);
      const fields = Object.fromEntries(p.type('incident').fields.map((f) => [f.name, 'key' in f ? f.key : f.kind]));
      expect(fields).toMatchObject({ postmortemPublishedAt: 'postmortemPublishedAt', postmortem_published_at: 'postmortem_published_at' });
      expect(p.warnings.map((w) => w.message)).toEqual([
        'property "postmortem_published_at" of blueprint "incident" is the GraphQL field "postmortem_published_at": "postmortemPublishedAt" is the identifier of another field',
      ]);
    }
  });

  it('a field on a meta field or on another section\'s field takes its section\'s name, with a warning (Port allows these)', () => {
    const p = plan([
      bp({ identifier: 'team' }),
      bp({
        identifier: 'service',
        schema: { properties: { createdAt: { type: 'string', format: 'date-time' }, team: { type: 'string' }, Title: { type: 'string' }, environment: { type: 'string' } } },
        relations: { team: { target: 'team', many: false }, environment: { target: 'team', many: false }, Namespace: { target: 'team', many: false } },
        mirrorProperties: { namespace: { path: 'Namespace.$title' } },
      }),
    ]);
    const fields = Object.fromEntries(p.type('service').fields.map((f) => [f.name, 'key' in f ? `${f.kind} ${f.key}` : f.kind]));
    expect(fields).toEqual({
      createdAtProperty: 'property createdAt',
      teamProperty: 'property team',
      titleProperty: 'property Title',
      environment: 'property environment',
      teamRelation: 'relation team',
      environmentRelation: 'relation environment',
      namespace: 'relation Namespace',
      namespaceMirror: 'mirror namespace',
    });
    expect(p.warnings.map((w) => [w.location?.pointer, w.message])).toEqual([
      ['/1/schema/properties/createdAt', 'property "createdAt" of blueprint "service" is the GraphQL field "createdAtProperty": "createdAt" is the meta field "createdAt"'],
      ['/1/schema/properties/team', 'property "team" of blueprint "service" is the GraphQL field "teamProperty": "team" is the meta field "team"'],
      ['/1/schema/properties/Title', 'property "Title" of blueprint "service" is the GraphQL field "titleProperty": "title" is the meta field "title"'],
      ['/1/relations/team', 'relation "team" of blueprint "service" is the GraphQL field "teamRelation": "team" is the meta field "team"'],
      ['/1/relations/environment', 'relation "environment" of blueprint "service" is the GraphQL field "environmentRelation": "environment" is the property field "environment"'],
      ['/1/mirrorProperties/namespace', 'mirror property "namespace" of blueprint "service" is the GraphQL field "namespaceMirror": "namespace" is the relation field "namespace"'],
    ]);
  });

  it('two blueprints landing on one type, or on a built-in type', () => {
    const errors = collisions([bp({ identifier: 'cloud-resource' }), bp({ identifier: 'cloud_resource' }), bp({ identifier: 'PageInfo' })]);
    expect(errors.map((e) => e.pointer)).toContain('/1/identifier');
    expect(errors.map((e) => e.pointer)).toContain('/2/identifier');
  });

  it('two blueprints landing on one BlueprintIdentifier value (types apart), or a blueprint on the enum itself', () => {
    const errors = collisions([bp({ identifier: 'api-gateway' }), bp({ identifier: 'APIGateway' }), bp({ identifier: 'BlueprintIdentifier' })]);
    expect(errors).toContainEqual({
      code: 'NAME_COLLISION',
      pointer: '/0/identifier',
      message: 'blueprint "api-gateway" and blueprint "APIGateway" both become the GraphQL value of enum BlueprintIdentifier "API_GATEWAY"; rename one of them',
    });
    expect(errors).toContainEqual({ code: 'NAME_COLLISION', pointer: '/2/identifier', message: 'blueprint "BlueprintIdentifier" and the built-in schema both become the GraphQL type "BlueprintIdentifier"; rename one of them' });
  });

  it('the BlueprintIdentifier values: the enum value rule over the identifiers, described by the blueprint', () => {
    const { blueprintEnum } = plan([bp({ identifier: 'cloud-resource', title: 'Cloud resource', description: 'A thing in a cloud' }), bp({ identifier: 'team', title: 'Team' }), bp({ identifier: '5xx', title: 'Errors' })]);
    expect(blueprintEnum.values).toEqual([
      { name: '_5XX', value: '5xx', description: 'Errors: blueprint "5xx".' },
      { name: 'CLOUD_RESOURCE', value: 'cloud-resource', description: 'A thing in a cloud' },
      { name: 'TEAM', value: 'team', description: 'Team: blueprint "team".' },
    ]);
  });

  it('a reverse relation landing on an existing field, unless renamed with "inverse"', () => {
    const clash = [bp({ identifier: 'S', schema: { properties: { componentsBySystem: { type: 'string' } } } }), bp({ identifier: 'Component', relations: { system: { target: 'S', many: false } } })];
    expect(collisions(clash)[0].pointer).toBe('/1/relations/system');
    const renamed = plan([clash[0], bp({ identifier: 'Component', relations: { system: { target: 'S', many: false, inverse: 'parts' } } })]);
    expect(renamed.type('S').fields.map((f) => f.name)).toContain('parts');
  });
});

describe('the committed SDL', () => {
  it('is what the shipped blueprints generate (run `npm run codegen` after changing them)', async () => {
    const { sdl } = buildGeneration(await readDocuments(path.join(ROOT, 'schema/blueprints'), ROOT));
    expect(readFileSync(path.join(ROOT, 'schema/generated/schema.graphql'), 'utf8')).toBe(sdl);
  });
});
