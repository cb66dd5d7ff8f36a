/**
 * Lattice composes as an Apollo Federation v2 subgraph: a second subgraph extends the `Component`
 * entity (keyed by `identifier`) with `onCall`; both compose with @apollo/composition, and a real
 * @apollo/gateway over HTTP answers queries with fields from both subgraphs, in both directions
 * (the reverse one, through Lattice's `_entities`, pins a known bug: see the last test).
 */
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { gql, startTestLattice } from '../helpers/lattice.ts';

/**
 * The second subgraph: who is on call for a component, from its identifier alone; and a root
 * field that returns Components by key only, so the gateway must ask Lattice's `_entities` for
 * the rest.
 */
const ON_CALL_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Component @key(fields: "identifier") {
    identifier: String!
    onCall: String
  }

  type Query {
    onCallRota: [Component!]!
  }
`;

const onCallFor = (identifier: string) => `oncall-${identifier.toLowerCase()}@example.com`;

describe('Lattice as a federation subgraph', () => {
  let lattice: Lattice;
  let onCall: ApolloServer;
  let onCallUrl: string;
  let gateway: ApolloServer;
  let gatewayUrl: string;
  let latticeSdl: string;
  /** The keys the gateway asked the second subgraph to resolve. */
  const references: string[] = [];
  /** Messages of the errors Lattice logged. */
  const latticeErrors: string[] = [];

  beforeAll(async () => {
    // Lattice's log at level error, to see why a resolver failed (the response masks it).
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) latticeErrors.push(String((JSON.parse(line) as { err?: { message?: string } }).err?.message));
        done();
      },
    });
    lattice = await startTestLattice({ federation: { enabled: true, roles: ['Federation'] } }, { log: pino({ level: 'error' }, logStream) });

    onCall = new ApolloServer({
      schema: buildSubgraphSchema([
        {
          typeDefs: parse(ON_CALL_SDL),
          resolvers: {
            Query: { onCallRota: () => [{ identifier: 'CartService' }, { identifier: 'NoSuchComponent' }] },
            Component: {
              onCall: (c: { identifier: string }) => onCallFor(c.identifier),
              __resolveReference: (ref: { identifier: string }) => {
                references.push(ref.identifier);
                return { identifier: ref.identifier };
              },
            },
          },
        },
      ]),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    ({ url: onCallUrl } = await startStandaloneServer(onCall, { listen: { port: 0, host: '127.0.0.1' } }));

    const res = await gql<{ _service: { sdl: string } }>(lattice.url, '{ _service { sdl } }');
    expect(res.errors).toBeUndefined();
    latticeSdl = res.data!._service.sdl;
  });

  afterAll(async () => {
    await gateway?.stop();
    await onCall?.stop();
    await lattice?.close();
  });

  it('serves its SDL with Component as an entity keyed by identifier', () => {
    expect(latticeSdl).toMatch(/type Component implements Node & Entity\s+@key\(fields: "identifier"\)/);
  });

  async function viaGateway(query: string): Promise<{ status: number; data?: any; errors?: { message: string }[] }> {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  }

  it('composes with a subgraph that extends Component, and the gateway starts on the supergraph', async () => {
    const composed = composeServices([
      { name: 'lattice', typeDefs: parse(latticeSdl), url: `${lattice.url}/graphql` },
      { name: 'oncall', typeDefs: parse(ON_CALL_SDL), url: onCallUrl },
    ]);
    expect(composed.errors?.map((e) => e.message) ?? []).toEqual([]);
    expect(composed.supergraphSdl).toMatch(/@join__type\(graph: LATTICE, key: "identifier"\)/);
    expect(composed.supergraphSdl).toMatch(/@join__type\(graph: ONCALL, key: "identifier"\)/);

    gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl! }) });
    ({ url: gatewayUrl } = await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } }));
  });

  it('answers a Lattice root field with a field from the other subgraph (its _entities)', async () => {
    references.length = 0;
    const res = await viaGateway('{ component(identifier: "CartService") { title type system { identifier } onCall } }');
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    // title, type and system come from Lattice (catalog/seed.json); onCall from the second subgraph.
    expect(res.data.component).toEqual({ title: 'Cart Service', type: 'SERVICE', system: { identifier: 'Cart' }, onCall: onCallFor('CartService') });
    expect(references).toEqual(['CartService']);
    expect(latticeErrors).toEqual([]);
    // The Lattice fields are what Lattice answers directly.
    const direct = await gql(lattice.url, '{ component(identifier: "CartService") { title type system { identifier } } }');
    expect(direct.errors).toBeUndefined();
    expect(res.data.component).toMatchObject(direct.data.component);
  });

  it("answers the other subgraph's root field with Lattice fields through Lattice's _entities", async () => {
    latticeErrors.length = 0;
    const res = await viaGateway('{ onCallRota { identifier title system { identifier } onCall } }');
    expect(res.errors).toBeUndefined();
    // An identifier Lattice does not know resolves to null fields, not an error (federation's contract).
    expect(res.data.onCallRota).toEqual([
      { identifier: 'CartService', title: 'Cart Service', system: { identifier: 'Cart' }, onCall: onCallFor('CartService') },
      { identifier: 'NoSuchComponent', title: null, system: null, onCall: onCallFor('NoSuchComponent') },
    ]);
    expect(latticeErrors).toEqual([]);
  });
});
