/**
 * Federation hygiene (docs/api-notes.md, "Federation"):
 *
 * - by default Lattice is not a subgraph: no `_service`, `_entities`, `_Any`, `_Entity`,
 *   `link__*`/`federation__*` type or federation directive in the schema clients see, over HTTP
 *   and graphql-ws;
 * - with `server.federation.enabled` it composes beside another Relay-shaped subgraph (its own
 *   `Node`, `Query.node`, `PageInfo`, and `Component` extended by key with its `id`), with both
 *   @apollo/composition and @theguild/federation-composition, and a real Apollo Gateway answers
 *   across both;
 * - ftv1 inline traces when the gateway asks (`apollo-federation-include-trace: ftv1`), none
 *   otherwise, and none when federation is off.
 */
import { composeServices as composeWithApollo } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Trace } from '@apollo/usage-reporting-protobuf';
import { composeServices as composeWithTheGuild } from '@theguild/federation-composition';
import { getIntrospectionQuery, parse, specifiedDirectives } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { gql, startTestLattice } from '../helpers/lattice.ts';
import { rawConnect } from '../helpers/rawWs.ts';
import { TEAM, TEAMS_SDL, teamsSubgraph } from '../helpers/teamsSubgraph.ts';

const FEDERATION = { enabled: true, roles: ['Federation'] };
const tracePost = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) }).then((r) => r.json() as Promise<{ data?: any; errors?: unknown[]; extensions?: { ftv1?: string } }>);

describe('without server.federation.enabled (the default)', () => {
  let lattice: Lattice;
  beforeAll(async () => {
    lattice = await startTestLattice();
  });
  afterAll(() => lattice?.close());

  it('serves no federation field, type or directive, over HTTP and graphql-ws', async () => {
    const { data } = await gql(lattice.url, getIntrospectionQuery());
    const types: string[] = data.__schema.types.map((t: { name: string }) => t.name);
    expect(types.filter((t) => /^_[A-Z]|^link__|^federation__/.test(t))).toEqual([]);
    expect(types).toContain('Component');
    expect(data.__schema.directives.map((d: { name: string }) => d.name).sort()).toEqual(specifiedDirectives.map((d) => d.name).sort());
    const query = data.__schema.types.find((t: { name: string }) => t.name === 'Query');
    expect(query.fields.map((f: { name: string }) => f.name).filter((f: string) => f.startsWith('_'))).toEqual([]);
    expect((await gql(lattice.url, '{ _service { sdl } }')).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const c = await rawConnect(lattice.url);
    await c.init();
    expect((await c.run('1', '{ _entities(representations: []) { __typename } }')).error?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    c.ws.close();
    // Resolvers are untouched: an entity and node(id:) still answer.
    const cart = await gql(lattice.url, '{ component(identifier: "CartService") { id title } }');
    expect((await gql(lattice.url, `{ node(id: "${cart.data.component.id}") { ... on Component { title } } }`)).data.node.title).toBe('Cart Service');
  });

  it('sends no ftv1 trace, even when asked', async () => {
    const res = await tracePost(lattice.url, '{ component(identifier: "CartService") { title } }', { 'apollo-federation-include-trace': 'ftv1' });
    expect(res.data.component.title).toBe('Cart Service');
    expect(res.extensions?.ftv1).toBeUndefined();
  });
});

describe('with server.federation.enabled, beside another Relay-shaped subgraph', () => {
  let lattice: Lattice;
  let teams: ApolloServer;
  let teamsUrl: string;
  let gateway: ApolloServer | undefined;
  let latticeSdl: string;

  beforeAll(async () => {
    lattice = await startTestLattice({ federation: FEDERATION });
    teams = new ApolloServer({ schema: teamsSubgraph(), plugins: [ApolloServerPluginInlineTraceDisabled()] });
    ({ url: teamsUrl } = await startStandaloneServer(teams, { listen: { port: 0, host: '127.0.0.1' } }));
    latticeSdl = (await gql(lattice.url, '{ _service { sdl } }')).data._service.sdl;
  });
  afterAll(async () => {
    await gateway?.stop();
    await teams?.stop();
    await lattice?.close();
  });

  const services = () => [
    { name: 'lattice', typeDefs: parse(latticeSdl), url: `${lattice.url}/graphql` },
    { name: 'teams', typeDefs: parse(TEAMS_SDL), url: teamsUrl },
  ];

  it('marks Query.node and the id of every Node type @shareable', () => {
    // Arguments and fields carry descriptions, which the printers put on their own lines.
    expect(latticeSdl).toMatch(/node\(\s*(?:"""[\s\S]*?"""\s*|"[^"]*"\s*)?id: ID!\s*\): Node @shareable/);
    expect(latticeSdl).toMatch(/type Component implements Node & Entity\s+@key\(fields: "identifier"\)\s*\{\s*(?:"""[\s\S]*?"""\s*|"[^"]*"\s*)?id: ID! @shareable/);
  });

  it('composes with @theguild/federation-composition', () => {
    const composed = composeWithTheGuild(services());
    expect(composed.errors?.map((e) => e.message) ?? []).toEqual([]);
    expect(composed.supergraphSdl).toMatch(/node\(\s*(?:"""[\s\S]*?"""\s*|"[^"]*"\s*)?id: ID!\s*\): Node/);
  });

  it('composes with @apollo/composition, and Apollo Gateway answers across both subgraphs', async () => {
    const composed = composeWithApollo(services());
    expect(composed.errors?.map((e) => e.message) ?? []).toEqual([]);
    gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl! }) });
    const { url } = await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } });
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ component(identifier: "CartService") { id title ownerTeam { name members { totalCount pageInfo { hasNextPage } } } } teams { id name } }' }) });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    const direct = await gql(lattice.url, '{ component(identifier: "CartService") { id } }');
    expect(body.data).toEqual({
      component: { id: direct.data.component.id, title: 'Cart Service', ownerTeam: { name: 'Checkout', members: { totalCount: 1, pageInfo: { hasNextPage: false } } } },
      teams: [{ id: TEAM.id, name: 'Checkout' }],
    });
  });

  it('answers an ftv1 inline trace when the gateway asks, with the resolved fields, and none otherwise', async () => {
    const plain = await tracePost(lattice.url, '{ component(identifier: "CartService") { title } }');
    expect(plain.extensions?.ftv1).toBeUndefined();
    const traced = await tracePost(lattice.url, '{ component(identifier: "CartService") { title system { identifier } } }', { 'apollo-federation-include-trace': 'ftv1' });
    expect(traced.data.component).toEqual({ title: 'Cart Service', system: { identifier: 'Cart' } });
    const trace = Trace.decode(Buffer.from(traced.extensions!.ftv1!, 'base64'));
    const names = (node: Trace.INode | null | undefined): string[] => (node?.child ?? []).flatMap((c) => [c.responseName ?? '', ...names(c)]);
    expect(names(trace.root)).toEqual(expect.arrayContaining(['component', 'title', 'system', 'identifier']));
  });
});
