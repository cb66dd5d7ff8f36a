/**
 * Compiled execution (src/server/compiledExecution.ts) answers exactly what graphql-js answers:
 * two real gateways over the seed, one executing compiled (the default) and one with graphql-js,
 * get the same requests over HTTP; status, data, errors (messages, paths, locations, codes) and
 * extensions must be equal, and so must the store calls each made. A document compiles once per
 * schema generation (counted by `lattice_operations_compiled_total`), and again after a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, DASHBOARD_QUERY, gql, startTestLattice } from '../helpers/lattice.ts';

interface Case {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly admin?: boolean;
}

const CASES: readonly Case[] = [
  { name: 'the dashboard', query: DASHBOARD_QUERY },
  // (not createdAt: each gateway stamps the seed when it loads it)
  { name: 'meta fields and the JSON scalar', query: `{ resource(identifier: "cart-sql-sb") { id identifier title icon blueprint team properties relations } components { totalCount } }` },
  { name: 'reverse relations', query: `{ component(identifier: "CartService") { apisByProvider { nodes { identifier } } componentsByComponents { nodes { identifier } } } api(identifier: "CartAPI") { componentsByConsumesApi { nodes { identifier } } } }` },
  { name: 'enum filters and aliases', query: `{ apis(filter: { type: { equalTo: OPEN_API } }) { nodes { identifier type properties } } none: apis(filter: { type: { equalTo: GRPC } }) { totalCount } }` },
  { name: 'ordering', query: `{ components(orderBy: [TYPE_DESC, TITLE_DESC]) { nodes { identifier } } }` },
  { name: 'pages, edges and cursors', query: `{ components(first: 2) { totalCount nodes { identifier } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { identifier } } } }` },
  { name: 'interfaces, inline fragments, __typename', query: `{ entity(blueprint: SYSTEM, identifier: "Cart") { __typename id identifier ... on System { domain { identifier } } } blueprints { identifier typeName } }` },
  {
    name: 'named fragments, variables, @skip and @include',
    query: `query Q($id: String!, $yes: Boolean!, $no: Boolean!) { component(identifier: $id) { ...C rel: components @include(if: $yes) { nodes { identifier } } hidden: title @skip(if: $yes) other: title @include(if: $no) } } fragment C on Component { identifier type system { identifier } }`,
    variables: { id: 'CartService', yes: true, no: false },
  },
  { name: 'an operation picked by name', query: `query A { components { totalCount } } query B { apis { totalCount } }` },
  { name: 'Port rules through JSON variables', query: `query($q: JSON!) { search(query: $q) { totalCount nodes { blueprint identifier } } }`, variables: { q: { combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'Component' }] } } },
  // graphql-jit does not give variables to the JSON scalar's parseLiteral: this runs on graphql-js.
  { name: 'a variable inside a JSON literal', query: `query($b: String!) { search(query: { combinator: "and", rules: [{ property: "$blueprint", operator: "=", value: $b }] }) { totalCount } }`, variables: { b: 'Component' } },
  { name: 'a resolver error: BAD_USER_INPUT with its pointer', query: `{ search(query: { combinator: "xor", rules: [] }) { totalCount } }` },
  { name: 'a cursor it did not issue (error path under a connection)', query: `query($c: String) { components(first: 1, after: $c) { totalCount } }`, variables: { c: 'not-a-cursor' } },
  { name: 'a negative count', query: `{ components(first: -1) { totalCount } }` },
  { name: 'a variable of the wrong type', query: `query($n: Int) { components(first: $n) { totalCount } }`, variables: { n: 'two' } },
  { name: 'a missing required variable', query: `query($id: String!) { component(identifier: $id) { identifier } }` },
  { name: 'an enum value outside the enum', query: `query($t: ComponentOrderBy!) { components(orderBy: [$t]) { totalCount } }`, variables: { t: 'NOPE' } },
  { name: 'a mutation that fails validation', query: `mutation { m: upsertEntity(blueprint: COMPONENT, identifier: "X", properties: { type: 42 }) { identifier } }`, admin: true },
  { name: 'a mutation that is refused to an anonymous caller', query: `mutation { deleteEntity(blueprint: API, identifier: "CartAPI") }` },
  { name: 'a missing entity', query: `{ component(identifier: "nope") { identifier } }` },
];

describe('compiled execution answers what graphql-js answers', () => {
  let compiled: Lattice;
  let interpreted: Lattice;
  beforeAll(async () => {
    [compiled, interpreted] = await Promise.all([startTestLattice(), startTestLattice({}, { execution: 'graphql-js' })]);
  });
  afterAll(async () => {
    await Promise.all([compiled?.close(), interpreted?.close()]);
  });

  const ask = (lattice: Lattice, c: Case) => gql(lattice.url, c.query, c.variables, c.admin ? { token: ADMIN_TOKEN } : {});

  for (const c of CASES) {
    it(c.name, async () => {
      const operationName = c.query.startsWith('query A') ? 'B' : undefined;
      const send = (lattice: Lattice) =>
        operationName
          ? fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: c.query, operationName }) }).then(async (r) => ({ status: r.status, ...(await r.json()) }))
          : ask(lattice, c);
      const beforeA = compiled.store.counts().total;
      const beforeB = interpreted.store.counts().total;
      const [a, b] = [await send(compiled), await send(interpreted)];
      expect(a).toEqual(b);
      expect(compiled.store.counts().total - beforeA).toBe(interpreted.store.counts().total - beforeB);
      if (c.name === 'the dashboard') expect(a.data.domain.systemsByDomain.nodes.length).toBeGreaterThan(0);
      if (c.name === 'a variable inside a JSON literal') expect(a.data.search.totalCount).toBeGreaterThan(0);
      if (c.name.startsWith('a resolver error')) expect(a.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  }

  it('compiles a document once per schema generation, and again after a reload', async () => {
    const compilations = async () => {
      const metric = await compiled.metrics.compilations.get();
      return metric.values.find((v) => v.labels.outcome === 'compiled')?.value ?? 0;
    };
    const query = '{ domains { nodes { identifier systemsByDomain { totalCount } } } }';
    const before = await compilations();
    for (let i = 0; i < 3; i++) expect((await gql(compiled.url, query)).errors).toBeUndefined();
    expect(await compilations()).toBe(before + 1);
    expect(await compiled.runtime.reload()).toBe(true);
    for (let i = 0; i < 2; i++) expect((await gql(compiled.url, query)).errors).toBeUndefined();
    expect(await compilations()).toBe(before + 2);
  });
});
