/**
 * The seed catalog served over real HTTP: the dashboard query returns exactly the graph of
 * ../shared/seed/README.md; enums round-trip; filters, ordering, pagination, search, global ids;
 * dangling relations; errors for bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, DASHBOARD_QUERY, gql, startTestLattice } from '../helpers/lattice.ts';

let lattice: Lattice;
beforeAll(async () => {
  lattice = await startTestLattice();
});
afterAll(() => lattice?.close());

const ids = (conn: { nodes: { identifier: string }[] }) => conn.nodes.map((n) => n.identifier);

describe('the seed dashboard', () => {
  it('returns exactly the graph of the seed README', async () => {
    const res = await gql(lattice.url, DASHBOARD_QUERY);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      domain: {
        title: 'Orders',
        systemsByDomain: {
          nodes: [
            {
              identifier: 'Cart',
              componentsBySystem: {
                nodes: [
                  {
                    identifier: 'CartService',
                    type: 'SERVICE',
                    resources: { nodes: [{ identifier: 'cart-sql-sb', type: 'POSTGRESS' }] },
                    components: { nodes: [{ identifier: 'CoreKafkaLibrary' }, { identifier: 'CorePaymentLibrary' }] },
                    consumesApi: { nodes: [] },
                  },
                  { identifier: 'CoreKafkaLibrary', type: 'LIBRARY', resources: { nodes: [] }, components: { nodes: [] }, consumesApi: { nodes: [] } },
                  { identifier: 'CorePaymentLibrary', type: 'LIBRARY', resources: { nodes: [] }, components: { nodes: [] }, consumesApi: { nodes: [] } },
                ],
              },
            },
            {
              identifier: 'Products',
              componentsBySystem: {
                nodes: [
                  {
                    identifier: 'ProductsService',
                    type: 'SERVICE',
                    resources: { nodes: [] },
                    components: { nodes: [] },
                    consumesApi: { nodes: [{ identifier: 'CartAPI', provider: { identifier: 'CartService' } }] },
                  },
                ],
              },
            },
          ],
        },
      },
    });
  });

  it('serves every seed entity with its meta fields', async () => {
    const res = await gql(lattice.url, `{ resource(identifier: "cart-sql-sb") { id identifier title icon blueprint team properties relations createdAt } components { totalCount } apis { nodes { identifier title icon } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.resource).toMatchObject({ identifier: 'cart-sql-sb', title: 'Cart SQL database', icon: 'GPU', blueprint: 'RESOURCE', team: [], properties: { type: 'postgress' }, relations: {} });
    expect(typeof res.data.resource.id).toBe('string');
    expect(Date.parse(res.data.resource.createdAt)).not.toBeNaN();
    expect(res.data.components.totalCount).toBe(4);
    expect(res.data.apis.nodes).toEqual([{ identifier: 'CartAPI', title: 'Cart API', icon: 'Link' }]);
  });

  it('resolves reverse relations both ways', async () => {
    const res = await gql(lattice.url, `{ component(identifier: "CartService") { apisByProvider { nodes { identifier } } componentsByComponents { nodes { identifier } } } api(identifier: "CartAPI") { componentsByConsumesApi { nodes { identifier } } } }`);
    expect(res.errors).toBeUndefined();
    expect(ids(res.data.component.apisByProvider)).toEqual(['CartAPI']);
    expect(ids(res.data.component.componentsByComponents)).toEqual([]);
    expect(ids(res.data.api.componentsByConsumesApi)).toEqual(['ProductsService']);
  });
});

describe('enums keep the value as written', () => {
  it('"Open API" is OPEN_API in output and filters, "Open API" in the properties bag', async () => {
    const res = await gql(lattice.url, `{ apis(filter: { type: { equalTo: OPEN_API } }) { nodes { identifier type properties } } none: apis(filter: { type: { equalTo: GRPC } }) { totalCount } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.apis.nodes).toEqual([{ identifier: 'CartAPI', type: 'OPEN_API', properties: { type: 'Open API' } }]);
    expect(res.data.none.totalCount).toBe(0);
  });

  it('upsertEntity keeps "Open API" and rejects values outside the enum', async () => {
    const ok = await gql(lattice.url, `mutation { upsertEntity(blueprint: API, identifier: "OrdersAPI", title: "Orders API", properties: { type: "Open API" }, relations: { provider: "ProductsService" }) { identifier properties ... on API { type provider { identifier } } } }`, undefined, { token: ADMIN_TOKEN });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.upsertEntity).toEqual({ identifier: 'OrdersAPI', properties: { type: 'Open API' }, type: 'OPEN_API', provider: { identifier: 'ProductsService' } });
    const read = await gql(lattice.url, `{ apis(filter: { type: { in: [OPEN_API] } }, orderBy: [IDENTIFIER_DESC]) { nodes { identifier properties } } }`);
    expect(read.data.apis.nodes).toEqual([
      { identifier: 'OrdersAPI', properties: { type: 'Open API' } },
      { identifier: 'CartAPI', properties: { type: 'Open API' } },
    ]);
    const bad = await gql(lattice.url, `mutation { upsertEntity(blueprint: API, identifier: "X", properties: { type: "OPEN_API" }, relations: { provider: "CartService" }) { identifier } }`, undefined, { token: ADMIN_TOKEN });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', pointer: '/properties/type' });
    expect(bad.errors?.[0].message).toContain('"Open API"');
    const deleted = await gql(lattice.url, `mutation { deleteEntity(blueprint: API, identifier: "OrdersAPI") }`, undefined, { token: ADMIN_TOKEN });
    expect(deleted.data.deleteEntity).toBe(true);
  });
});

describe('filters, ordering and pagination', () => {
  it('filters by meta fields, properties, relations, with and/or/not', async () => {
    const res = await gql(
      lattice.url,
      `{
        a: components(filter: { system: { identifier: { equalTo: "Cart" } }, type: { equalTo: LIBRARY } }) { nodes { identifier } }
        b: components(filter: { or: [{ identifier: { startsWith: "Products" } }, { title: { endsWith: "Kafka Library" } }] }) { nodes { identifier } }
        c: components(filter: { not: { type: { equalTo: LIBRARY } } }) { nodes { identifier } }
        d: components(filter: { system: { domain: { title: { equalTo: "Orders" } } }, resources: { type: { equalTo: POSTGRESS } } }) { nodes { identifier } }
        e: components(filter: { consumesApi: { provider: { identifier: { in: ["CartService"] } } } }) { nodes { identifier } }
        f: apis(filter: { provider: { title: { contains: "Cart" } } }) { totalCount }
        g: components(filter: { title: { isNull: true } }) { totalCount }
      }`,
    );
    expect(res.errors).toBeUndefined();
    expect(ids(res.data.a)).toEqual(['CoreKafkaLibrary', 'CorePaymentLibrary']);
    expect(ids(res.data.b)).toEqual(['CoreKafkaLibrary', 'ProductsService']);
    expect(ids(res.data.c)).toEqual(['CartService', 'ProductsService']);
    expect(ids(res.data.d)).toEqual(['CartService']);
    expect(ids(res.data.e)).toEqual(['ProductsService']);
    expect(res.data.f.totalCount).toBe(1);
    expect(res.data.g.totalCount).toBe(0);
  });

  it('orders by any scalar property or meta field, identifier breaking ties', async () => {
    const res = await gql(lattice.url, `{ components(orderBy: [TYPE_DESC, TITLE_DESC]) { nodes { identifier } } }`);
    expect(ids(res.data.components)).toEqual(['ProductsService', 'CartService', 'CorePaymentLibrary', 'CoreKafkaLibrary']);
  });

  it('pages forward and backward with opaque cursors', async () => {
    const all = ['CartService', 'CoreKafkaLibrary', 'CorePaymentLibrary', 'ProductsService'];
    const page1 = await gql(lattice.url, `{ components(first: 2) { totalCount nodes { identifier } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { identifier } } } }`);
    const c = page1.data.components;
    expect(ids(c)).toEqual(all.slice(0, 2));
    expect(c.totalCount).toBe(4);
    expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: c.edges[0].cursor, endCursor: c.edges[1].cursor });
    const page2 = await gql(lattice.url, `query($after: String) { components(first: 2, after: $after) { nodes { identifier } pageInfo { hasNextPage hasPreviousPage } } }`, { after: c.pageInfo.endCursor });
    expect(ids(page2.data.components)).toEqual(all.slice(2));
    expect(page2.data.components.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const back = await gql(lattice.url, `query($before: String) { components(last: 1, before: $before) { nodes { identifier } pageInfo { hasPreviousPage hasNextPage } } }`, { before: c.pageInfo.endCursor });
    expect(ids(back.data.components)).toEqual(['CartService']);
    expect(back.data.components.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: true });
    const last2 = await gql(lattice.url, `{ components(last: 2) { nodes { identifier } } }`);
    expect(ids(last2.data.components)).toEqual(all.slice(2));
  });

  it('rejects cursors it did not issue, cursors of another ordering, and negative counts', async () => {
    const cursor = (await gql(lattice.url, `{ components(first: 1) { pageInfo { endCursor } } }`)).data.components.pageInfo.endCursor;
    const cases: [string, string][] = [
      [`{ a: components(after: "nope") { totalCount } }`, 'after'],
      [`query($c: String) { a: components(after: $c, orderBy: [TITLE_ASC]) { totalCount } }`, 'after'],
      [`{ a: components(first: -1) { totalCount } }`, 'first'],
    ];
    for (const [query, argument] of cases) {
      const res = await gql(lattice.url, query, { c: cursor });
      expect(res.errors?.map((e) => [e.path?.[0], e.extensions?.code, e.extensions?.argument])).toEqual([['a', 'BAD_USER_INPUT', argument]]);
    }
  });
});

describe('root fields', () => {
  it('node(id:) is null for an id that is not one of ours, as Relay servers answer it', async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const ids = {
      malformed: 'not-a-global-id',
      foreign: Buffer.from('User:1').toString('base64'), // graphql-relay's toGlobalId('User', '1')
      unknownBlueprint: b64(JSON.stringify(['Nope', 'Cart'])),
      wrongShape: b64(JSON.stringify(['System', 'Cart', 'extra'])),
      noSuchEntity: b64(JSON.stringify(['System', 'Nowhere'])),
    };
    const res = await gql(lattice.url, `query(${Object.keys(ids).map((k) => `$${k}: ID!`).join(', ')}) { ${Object.keys(ids).map((k) => `${k}: node(id: $${k}) { id }`).join(' ')} }`, ids);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual(Object.fromEntries(Object.keys(ids).map((k) => [k, null])));
    // The same shape naming an entity that exists is found: the nulls above are not a broken decoder.
    expect((await gql(lattice.url, '{ node(id: "' + b64(JSON.stringify(['System', 'Cart'])) + '") { ... on System { identifier } } }')).data.node).toEqual({ identifier: 'Cart' });
  });

  it('entity, node and blueprints', async () => {
    const res = await gql(lattice.url, `{ entity(blueprint: SYSTEM, identifier: "Cart") { __typename id identifier ... on System { domain { identifier } } } blueprints { identifier typeName relations { identifier target fieldName reverseFieldName } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.entity).toMatchObject({ __typename: 'System', identifier: 'Cart', domain: { identifier: 'Orders' } });
    const node = await gql(lattice.url, `query($id: ID!) { node(id: $id) { id ... on System { identifier } } }`, { id: res.data.entity.id });
    expect(node.data.node).toEqual({ id: res.data.entity.id, identifier: 'Cart' });
    // The seed's five, and the DevEnvironment the shipped TTL actions create (docs/orchestration.md).
    expect(res.data.blueprints.map((b: { typeName: string }) => b.typeName)).toEqual(['API', 'Component', 'DevEnvironment', 'Domain', 'Resource', 'System']);
    // Blueprints are BlueprintIdentifier values, as every typed position names them.
    const component = res.data.blueprints.find((b: { identifier: string }) => b.identifier === 'COMPONENT');
    expect(component.relations).toContainEqual({ identifier: 'consumesApi', target: 'API', fieldName: 'consumesApi', reverseFieldName: 'componentsByConsumesApi' });
  });

  it('search takes Port rules, relatedTo included', async () => {
    const q = async (query: unknown) => {
      const res = await gql(lattice.url, `query($q: JSON!) { search(query: $q) { totalCount nodes { blueprint identifier } } }`, { q: query });
      expect(res.errors).toBeUndefined();
      return res.data.search.nodes.map((n: { blueprint: string; identifier: string }) => `${n.blueprint}:${n.identifier}`);
    };
    expect(await q({ combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'Component' }, { property: 'type', operator: '=', value: 'library' }] })).toEqual([
      'COMPONENT:CoreKafkaLibrary',
      'COMPONENT:CorePaymentLibrary',
    ]);
    expect(await q({ combinator: 'or', rules: [{ property: '$title', operator: 'beginsWith', value: 'Cart' }, { property: 'type', operator: 'in', value: ['grpc', 'postgress'] }] })).toEqual([
      'API:CartAPI',
      'COMPONENT:CartService',
      'RESOURCE:cart-sql-sb',
      'SYSTEM:Cart',
    ]);
    expect(await q({ combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'System', value: 'Cart', direction: 'downstream' }, { property: '$blueprint', operator: '=', value: 'Component' }] })).toEqual([
      'COMPONENT:CartService',
      'COMPONENT:CoreKafkaLibrary',
      'COMPONENT:CorePaymentLibrary',
      // transitively: ProductsService consumes CartAPI, which CartService provides
      'COMPONENT:ProductsService',
    ]);
    expect(await q({ combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'Component', value: 'ProductsService', direction: 'upstream' }] })).toEqual([
      'API:CartAPI',
      'COMPONENT:CartService',
      'COMPONENT:CoreKafkaLibrary',
      'COMPONENT:CorePaymentLibrary',
      'DOMAIN:Orders',
      'RESOURCE:cart-sql-sb',
      'SYSTEM:Cart',
      'SYSTEM:Products',
    ]);
    expect(await q({ combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'Component', value: 'ProductsService', required: true }] })).toEqual([]);
    const bad = await gql(lattice.url, `{ search(query: { combinator: "xor", rules: [] }) { totalCount } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', pointer: '/combinator' });
  });

  it('reports its own status', async () => {
    const res = await gql(lattice.url, `{ lattice { status errors { message } warnings { message } loadedAt } }`);
    expect(res.data.lattice).toMatchObject({ status: 'OK', errors: [], warnings: [] });
  });
});

describe('bad input', () => {
  it('mutations validate properties, relations and blueprints with JSON pointers', async () => {
    const cases: [string, Record<string, unknown>][] = [
      [`upsertEntity(blueprint: COMPONENT, identifier: "X", properties: { type: 42 })`, { pointer: '/properties/type' }],
      [`upsertEntity(blueprint: COMPONENT, identifier: "X", properties: { color: "red" })`, { pointer: '/properties/color' }],
      [`upsertEntity(blueprint: COMPONENT, identifier: "X", relations: { system: "Nowhere" })`, { pointer: '/relations/system' }],
      [`upsertEntity(blueprint: COMPONENT, identifier: "X", relations: { resources: "cart-sql-sb" })`, { pointer: '/relations/resources' }],
      [`upsertEntity(blueprint: API, identifier: "X", properties: { type: "grpc" })`, { pointer: '/relations/provider' }],
      [`upsertEntity(blueprint: COMPONENT, identifier: "X", properties: [1])`, { pointer: '/properties' }],
      [`upsertEntity(blueprint: COMPONENT, identifier: "CartService", title: "Mine now")`, { code: 'CONFLICT', file: 'catalog/seed.json' }],
      [`deleteEntity(blueprint: COMPONENT, identifier: "CartService")`, { code: 'CONFLICT' }],
    ];
    for (const [mutation, expected] of cases) {
      const res = await gql(lattice.url, `mutation { m: ${mutation} ${mutation.startsWith('delete') ? '' : '{ identifier }'} }`, undefined, { token: ADMIN_TOKEN });
      expect(res.errors, mutation).toHaveLength(1);
      expect(res.errors?.[0].extensions, mutation).toMatchObject({ code: 'BAD_USER_INPUT', ...expected });
      expect(res.errors?.[0].path).toEqual(['m']);
    }
    // A blueprint the model has not is no BlueprintIdentifier value: a validation error naming the enum.
    const unknown = await gql(lattice.url, 'mutation { upsertEntity(blueprint: NOPE, identifier: "X") { identifier } }', undefined, { token: ADMIN_TOKEN });
    expect(unknown.errors).toMatchObject([{ message: 'Value "NOPE" does not exist in "BlueprintIdentifier" enum.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, locations: [{ line: 1, column: 36 }] }]);
    const still = await gql(lattice.url, `{ component(identifier: "X") { identifier } components { totalCount } }`);
    expect(still.data).toEqual({ component: null, components: { totalCount: 4 } });
  });

  it('GraphQL syntax and validation errors name the location', async () => {
    const syntax = await gql(lattice.url, `{ component(identifier: "CartService") { title `);
    expect(syntax.status).toBe(400);
    expect(syntax.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    const invalid = await gql(lattice.url, `{ component(identifier: "CartService") { nope } }`);
    expect(invalid.status).toBe(400);
    expect(invalid.errors?.[0].message).toContain('Cannot query field "nope" on type "Component"');
    expect(invalid.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badEnum = await gql(lattice.url, `{ apis(filter: { type: { equalTo: "Open API" } }) { totalCount } }`);
    expect(badEnum.status).toBe(400);
  });

  it('refuses oversized bodies with 413', async () => {
    const res = await fetch(`${lattice.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('GET queries work, GET mutations do not', async () => {
    const get = await fetch(`${lattice.url}/graphql?query=${encodeURIComponent('{ domain(identifier: "Orders") { title } }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toEqual({ data: { domain: { title: 'Orders' } }, extensions: { cost: { estimated: 2, limit: 10_000_000 } } });
    const mutation = await fetch(`${lattice.url}/graphql?query=${encodeURIComponent('mutation { deleteEntity(blueprint: DOMAIN, identifier: "Orders") }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(mutation.status).toBe(405);
  });
});

describe('operations endpoints', () => {
  it('healthz, readyz and metrics', async () => {
    expect(await (await fetch(`${lattice.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${lattice.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', errors: [] });
    const metrics = await (await fetch(`${lattice.url}/metrics`)).text();
    expect(metrics).toMatch(/lattice_store_calls_total\{method="getMany"\} \d+/);
    expect(metrics).toContain('lattice_graphql_request_duration_seconds_bucket');
  });
});
