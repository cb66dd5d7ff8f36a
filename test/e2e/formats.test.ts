/**
 * Every Port property type and format, end to end over HTTP: blueprints written from Port's
 * documented examples (docs.port.io, "Properties": labeled URL, timer, user, team, yaml,
 * markdown, proto, URL with embedded-url spec, OpenAPI / AsyncAPI objects, e-mail, IP addresses,
 * arrays with and without items, enums with colours; an `entity` reference), read back through
 * their GraphQL types; values validated on write with a pointer; defaults applied on write and on
 * read; meta properties $createdBy / $updatedBy recorded on API writes and readable through a
 * mirror path and in a calculation (jq, over the entity as Port gives it).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import { ADMIN_TOKEN, ADMIN_TOKEN_CONFIG, gql, startTestLattice, tempProject } from '../helpers/lattice.ts';

const OTHER_TOKEN = 'test-other-admin-token';
const OTHER = { name: 'other-admin', sha256: sha256Hex(OTHER_TOKEN), user: 'other@example.com', roles: ['Admin'] };

// Port's documented property definitions, as data (title/icon/description kept as Port writes them).
const PORT_EXAMPLES = {
  myLabeledUrlProp: { title: 'My labeled URL', icon: 'Link', description: 'My labeled URL property', type: 'object', format: 'labeled-url' },
  myLabeledUrlArray: { title: 'My labeled URL array', icon: 'Link', description: 'My labeled URL array', type: 'array', items: { type: 'object', format: 'labeled-url' } },
  myTimerProp: { title: 'My timer', icon: 'My icon', description: 'My timer property', type: 'string', format: 'timer', default: '2022-04-18T11:44:15.345Z' },
  myUserProp: { title: 'My user', icon: 'My icon', description: 'My user property', type: 'string', format: 'user' },
  myTeamProp: { title: 'My team', icon: 'My icon', description: 'My team property', type: 'string', format: 'team' },
  myYamlProp: { title: 'My yaml', icon: 'My icon', description: 'My yaml property', type: 'string', format: 'yaml' },
  myMarkdownProp: { title: 'My markdown', icon: 'My icon', description: 'My markdown property', type: 'string', format: 'markdown' },
  myProtoProp: { title: 'My proto', icon: 'My icon', description: 'My proto property', type: 'string', format: 'proto' },
  myEmailProp: { title: 'My email', icon: 'My icon', description: 'My email property', type: 'string', format: 'email' },
  myUrlProp: { title: 'My url', icon: 'My icon', description: 'My url property', type: 'string', format: 'url' },
  myEmbeddedUrlProp: { title: 'My embedded URL', type: 'string', format: 'url', spec: 'embedded-url' },
  myOpenApiProp: { title: 'My OpenAPI', type: 'object', spec: 'open-api' },
  myAsyncApiProp: { title: 'My AsyncAPI', type: 'object', spec: 'async-api' },
  myDatetimeProp: { title: 'My datetime', type: 'string', format: 'date-time' },
  myIpv4Prop: { title: 'My IPv4', type: 'string', format: 'ipv4' },
  myIpv6Prop: { title: 'My IPv6', type: 'string', format: 'ipv6' },
  myStringArray: { title: 'My string array', type: 'array', items: { type: 'string' } },
  myArrayWithoutItems: { title: 'My array', type: 'array' },
  myEnumProp: { title: 'My enum', type: 'string', enum: ['my-option-1', 'my-option-2'], enumColors: { 'my-option-1': 'red', 'my-option-2': 'green' } },
};

const blueprints = {
  'team.json': { identifier: 'team', title: 'Team', schema: { properties: {} } },
  'service.json': {
    identifier: 'service',
    title: 'Service',
    schema: {
      properties: {
        ...PORT_EXAMPLES,
        locked: { title: 'Locked', type: 'boolean', default: false },
        owner: { title: 'Owner', type: 'string', format: 'entity', blueprint: 'team' },
        helpers: { title: 'Helpers', type: 'array', items: { type: 'string', format: 'entity', blueprint: 'team' } },
      },
    },
    relations: { squad: { target: 'team', required: false, many: false } },
    mirrorProperties: { teamCreatedBy: { path: 'squad.$createdBy' }, teamUpdatedBy: { path: 'squad.$updatedBy' } },
    // Port's calculation input has the entity's meta fields: .createdBy, .updatedBy.
    calculationProperties: { authors: { calculation: '"\\(.createdBy) then \\(.updatedBy)"', type: 'string' } },
  },
};

const FUTURE = '2999-01-01T00:00:00.000Z';
const catalog = {
  team: [{ identifier: 'platform', title: 'Platform' }, { identifier: 'payments', title: 'Payments' }],
  service: [
    {
      identifier: 'checkout',
      title: 'Checkout',
      properties: {
        myLabeledUrlProp: { url: 'https://app.datadoghq.com/dashboard/abc123', displayText: 'Production Metrics Dashboard' },
        myLabeledUrlArray: [{ url: 'https://grafana.example.com/d/1' }, { url: '/service?identifier=checkout', displayText: 'In the portal' }],
        myUserProp: 'me@example.com',
        myTeamProp: 'platform',
        myYamlProp: 'replicas: 3\nimage: checkout:1.2\n',
        myMarkdownProp: '# Checkout\nTakes the money.',
        myProtoProp: 'syntax = "proto3";',
        myEmailProp: 'oncall@example.com',
        myUrlProp: 'https://checkout.example.com',
        myEmbeddedUrlProp: 'https://diagrams.example.com/checkout.png',
        myOpenApiProp: { openapi: '3.0.0', info: { title: 'Checkout', version: '1' }, paths: {} },
        myAsyncApiProp: { asyncapi: '2.6.0', info: { title: 'Checkout events', version: '1' }, channels: {} },
        myDatetimeProp: '2026-11-24T09:00:00Z',
        myIpv4Prop: '10.0.0.1',
        myIpv6Prop: '2001:db8::1',
        myStringArray: ['a', 'b'],
        myArrayWithoutItems: [1, 'two', { three: 3 }],
        myEnumProp: 'my-option-2',
        owner: 'platform',
        helpers: ['payments', 'platform'],
      },
    },
    { identifier: 'cart', title: 'Cart', properties: { myTimerProp: FUTURE } },
  ],
};

let lattice: Lattice;

beforeAll(async () => {
  const project = tempProject({ blueprints: false, catalog: false });
  for (const [file, bp] of Object.entries(blueprints)) writeFileSync(path.join(project.blueprintsDir, file), JSON.stringify(bp, null, 2));
  writeFileSync(path.join(project.catalogDir, 'catalog.json'), JSON.stringify(catalog, null, 2));
  lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir, auth: { anonymous: true, tokens: [ADMIN_TOKEN_CONFIG, OTHER] } });
});
afterAll(() => lattice?.close());

const upsert = (identifier: string, properties: Record<string, unknown>, token = ADMIN_TOKEN, relations: Record<string, unknown> = {}) =>
  gql(
    lattice.url,
    'mutation($b: BlueprintIdentifier!, $i: String!, $p: JSON, $r: JSON) { upsertEntity(blueprint: $b, identifier: $i, properties: $p, relations: $r) { identifier createdBy updatedBy properties } }',
    { b: identifier.startsWith('team:') ? 'TEAM' : 'SERVICE', i: identifier.replace(/^team:/, ''), p: properties, r: relations },
    { token },
  );

describe('Port property formats', () => {
  it('serves each format as its GraphQL type, with the values Port documents', async () => {
    const res = await gql(
      lattice.url,
      `{ service(identifier: "checkout") {
          myLabeledUrlProp { url displayText }
          myLabeledUrlArray { url displayText }
          myUserProp myTeamProp myYamlProp myMarkdownProp myProtoProp myEmailProp myUrlProp myEmbeddedUrlProp
          myOpenApiProp myAsyncApiProp myDatetimeProp myIpv4Prop myIpv6Prop myStringArray myArrayWithoutItems myEnumProp
          owner { identifier title }
          helpers { identifier }
      } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.service).toEqual({
      ...catalog.service[0].properties,
      myLabeledUrlArray: [{ url: 'https://grafana.example.com/d/1', displayText: null }, { url: '/service?identifier=checkout', displayText: 'In the portal' }],
      myEnumProp: 'MY_OPTION_2',
      // The DateTime and URL scalars serialize in their canonical form.
      myDatetimeProp: '2026-11-24T09:00:00.000Z',
      myUrlProp: 'https://checkout.example.com/',
      owner: { identifier: 'platform', title: 'Platform' },
      helpers: [{ identifier: 'payments' }, { identifier: 'platform' }],
    });
  });

  it('types the fields in the schema as docs/naming.md says', async () => {
    const res = await gql(lattice.url, '{ __type(name: "Service") { fields { name type { kind name ofType { kind name ofType { name } } } } } }');
    // A list's items are non-null (docs/naming.md, "Nullability"): [String!].
    type Ref = { kind: string; name: string | null; ofType: Ref | null };
    const show = (t: Ref): string => (t.kind === 'LIST' ? `[${show(t.ofType as Ref)}]` : t.kind === 'NON_NULL' ? `${t.ofType?.name ?? show(t.ofType as Ref)}!` : (t.name as string));
    const types = Object.fromEntries(res.data.__type.fields.map((f: { name: string; type: Ref }) => [f.name, show(f.type)]));
    expect(types).toMatchObject({
      myLabeledUrlProp: 'LabeledURL',
      myLabeledUrlArray: '[LabeledURL!]',
      myTimerProp: 'Timer',
      myUserProp: 'String',
      myTeamProp: 'String',
      myYamlProp: 'String',
      myMarkdownProp: 'String',
      myProtoProp: 'String',
      myEmailProp: 'EmailAddress',
      myUrlProp: 'URL',
      myEmbeddedUrlProp: 'URL',
      myOpenApiProp: 'JSON',
      myDatetimeProp: 'DateTime',
      myIpv4Prop: 'IPv4',
      myIpv6Prop: 'IPv6',
      myStringArray: '[String!]',
      myArrayWithoutItems: '[JSON]',
      myEnumProp: 'ServiceMyEnumProp',
      owner: 'Team',
      helpers: '[Team]',
      createdBy: 'String',
      updatedBy: 'String',
    });
  });

  it('timers filter by isExpired (the default counts, as the field answers it) and by time', async () => {
    const ids = async (filter: string) => (await gql(lattice.url, `{ services(filter: ${filter}, orderBy: [IDENTIFIER_ASC]) { nodes { identifier } } }`)).data.services.nodes.map((n: { identifier: string }) => n.identifier);
    const all = await ids('{}');
    const expired = await ids('{ myTimerProp: { isExpired: true } }');
    const running = await ids('{ myTimerProp: { isExpired: false } }');
    expect(running).toEqual(['cart']);
    expect(expired).toContain('checkout');
    expect([...expired, ...running].sort()).toEqual(all);
    expect(await ids(`{ myTimerProp: { greaterThan: "${new Date().toISOString()}" } }`)).toEqual(['cart']);
  });

  it('a timer exposes when it expires, whether it has, and the time left', async () => {
    const res = await gql(lattice.url, '{ services(orderBy: [IDENTIFIER_ASC]) { nodes { identifier myTimerProp { expiresAt isExpired remainingSeconds } } } }');
    expect(res.errors).toBeUndefined();
    const [cart, checkout] = res.data.services.nodes;
    expect(cart.myTimerProp).toMatchObject({ expiresAt: FUTURE, isExpired: false });
    expect(cart.myTimerProp.remainingSeconds).toBeGreaterThan(0);
    // checkout has no timer of its own: the blueprint's default (Port's example, in the past) applies.
    expect(checkout.myTimerProp).toEqual({ expiresAt: '2022-04-18T11:44:15.345Z', isExpired: true, remainingSeconds: 0 });
  });

  it('applies a default on write (stored) and on read (for what was stored without it)', async () => {
    const stored = await lattice.store.getMany('service', ['cart']);
    expect(stored[0]?.properties.locked).toBe(false);
    // Written straight to the store, as a live source's entity would come: no default stored.
    await lattice.store.put([{ blueprint: 'service', identifier: 'raw', title: null, icon: null, team: [], properties: {}, relations: {}, origin: 'test' }]);
    const res = await gql(lattice.url, '{ service(identifier: "raw") { locked properties } }');
    expect(res.data.service).toEqual({ locked: false, properties: {} });
  });

  it('a reference to an entity that does not exist is null with an error naming it', async () => {
    await lattice.store.put([{ blueprint: 'service', identifier: 'dangling', title: null, icon: null, team: [], properties: { owner: 'ghost', helpers: ['platform', 'ghost'] }, relations: {}, origin: 'test' }]);
    const res = await gql(lattice.url, '{ service(identifier: "dangling") { identifier owner { identifier } helpers { identifier } } }');
    expect(res.data.service).toEqual({ identifier: 'dangling', owner: null, helpers: [{ identifier: 'platform' }, null] });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code, e.message])).toEqual([
      [['service', 'owner'], 'DANGLING_RELATION', 'property "owner" of service "dangling" points at team "ghost", which does not exist'],
      [['service', 'helpers', 1], 'DANGLING_RELATION', 'property "helpers" of service "dangling" points at team "ghost", which does not exist'],
    ]);
  });

  it('validates every format on write, with the pointer of each bad value, and writes nothing', async () => {
    const res = await upsert('bad', {
      myLabeledUrlProp: { displayText: 'no url' },
      myLabeledUrlArray: ['https://not-an-object.example.com'],
      myTimerProp: 'next week',
      myYamlProp: 'a: [unclosed',
      myEmailProp: 'not-an-email',
      myUrlProp: 'not a url',
      myIpv4Prop: '999.1.1.1',
      myIpv6Prop: 'fe80:::1',
      myDatetimeProp: '24/11/2026',
      myOpenApiProp: 'openapi: 3.0.0',
      owner: 'ghost',
      helpers: ['platform', 'nobody'],
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const problems = res.errors?.[0].extensions?.problems as { pointer: string; message: string }[];
    expect(problems.map((p) => p.pointer).sort()).toEqual(
      [
        '/properties/myLabeledUrlProp/url',
        '/properties/myLabeledUrlArray/0',
        '/properties/myTimerProp',
        '/properties/myYamlProp',
        '/properties/myEmailProp',
        '/properties/myUrlProp',
        '/properties/myIpv4Prop',
        '/properties/myIpv6Prop',
        '/properties/myDatetimeProp',
        '/properties/myOpenApiProp',
        '/properties/owner',
        '/properties/helpers/1',
      ].sort(),
    );
    const by = Object.fromEntries(problems.map((p) => [p.pointer, p.message]));
    expect(by['/properties/myLabeledUrlProp/url']).toBe('required property "url" is missing');
    expect(by['/properties/myTimerProp']).toContain('ISO-8601 date-time');
    expect(by['/properties/myYamlProp']).toBe('must be valid YAML text');
    expect(by['/properties/owner']).toBe('"ghost" is not a team entity (property "owner" has format "entity")');
    expect(by['/properties/helpers/1']).toBe('"nobody" is not a team entity (property "helpers" has format "entity")');
    expect(await lattice.store.getMany('service', ['bad'])).toEqual([undefined]);
  });

  it('records $createdBy and $updatedBy on API writes; a mirror path reads them', async () => {
    const created = await upsert('team:sre', {});
    expect(created.errors).toBeUndefined();
    expect(created.data.upsertEntity).toMatchObject({ createdBy: 'admin@example.com', updatedBy: 'admin@example.com' });
    const first = await upsert('api-written', { myEnumProp: 'my-option-1' }, ADMIN_TOKEN, { squad: 'sre' });
    expect(first.data.upsertEntity).toMatchObject({ createdBy: 'admin@example.com', updatedBy: 'admin@example.com', properties: { myEnumProp: 'my-option-1', locked: false, myTimerProp: '2022-04-18T11:44:15.345Z' } });
    const second = await upsert('api-written', { myEnumProp: 'my-option-2' }, OTHER_TOKEN, { squad: 'sre' });
    expect(second.data.upsertEntity).toMatchObject({ createdBy: 'admin@example.com', updatedBy: 'other@example.com' });
    const retitled = await gql(lattice.url, 'mutation { upsertEntity(blueprint: TEAM, identifier: "sre", title: "SRE") { createdBy updatedBy } }', undefined, { token: OTHER_TOKEN });
    expect(retitled.data.upsertEntity).toEqual({ createdBy: 'admin@example.com', updatedBy: 'other@example.com' });
    const read = await gql(lattice.url, '{ service(identifier: "api-written") { teamCreatedBy teamUpdatedBy authors } team(identifier: "platform") { createdBy updatedBy } }');
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      service: { teamCreatedBy: 'admin@example.com', teamUpdatedBy: 'other@example.com', authors: 'admin@example.com then other@example.com' },
      team: { createdBy: null, updatedBy: null },
    });
  });
});
