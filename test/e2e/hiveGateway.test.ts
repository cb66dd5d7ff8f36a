/**
 * Hive Gateway (@graphql-hive/gateway-runtime, in process) over Lattice as a federation subgraph,
 * with the gateway's default transport (HTTP, @graphql-mesh/transport-http: subscriptions as
 * GraphQL over SSE) and no transport configured: queries and an `entityChanged` subscription
 * reach Lattice through it, the supergraph composed by Hive's own composer
 * (@theguild/federation-composition) beside a second Relay-shaped subgraph; Lattice's operation
 * limits still hold behind the gateway.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { gql, startTestLattice, testConfig } from '../helpers/lattice.ts';
import { pull, writeDomain, writeUntilSeen } from '../helpers/streams.ts';
import { TEAMS_SDL, teamsSubgraph } from '../helpers/teamsSubgraph.ts';

let lattice: Lattice;
let teams: ApolloServer;
let gateway: GatewayRuntime;
const GATEWAY = 'http://hive-gateway.test/graphql';
/** The accept header of every request the gateway sent Lattice. */
const toLattice: string[] = [];

beforeAll(async () => {
  const base = testConfig();
  lattice = await startTestLattice({ federation: { enabled: true, roles: ['Federation'] }, limits: { ...base.limits, defaults: { ...base.limits.defaults, maxDepth: 8 } } });
  teams = new ApolloServer({ schema: teamsSubgraph(), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url: teamsUrl } = await startStandaloneServer(teams, { listen: { port: 0, host: '127.0.0.1' } });
  const latticeSdl = (await gql(lattice.url, '{ _service { sdl } }')).data._service.sdl as string;
  const composed = composeServices([
    { name: 'lattice', typeDefs: parse(latticeSdl), url: `${lattice.url}/graphql` },
    { name: 'teams', typeDefs: parse(TEAMS_SDL), url: teamsUrl },
  ]);
  expect(composed.errors ?? []).toEqual([]);
  gateway = createGatewayRuntime({
    supergraph: composed.supergraphSdl!,
    logging: false,
    plugins: () => [
      {
        onFetch({ url, options }) {
          if (url.startsWith(lattice.url)) toLattice.push(String(new Headers(options.headers).get('accept')));
        },
      },
    ],
  });
});
afterAll(async () => {
  await gateway?.dispose();
  await teams?.stop();
  await lattice?.close();
});

async function viaGateway(query: string): Promise<{ data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const res = await gateway.fetch(GATEWAY, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: any };
}

/** graphql-sse's client talking to the gateway in process. */
const hiveFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => gateway.fetch(input as string, init);

describe('Hive Gateway over Lattice (default transport)', () => {
  it('answers a query across Lattice and the second subgraph', async () => {
    const res = await viaGateway('{ component(identifier: "CartService") { title ownerTeam { name } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ component: { title: 'Cart Service', ownerTeam: { name: 'Checkout' } } });
  });

  it('streams an entityChanged subscription from Lattice (over SSE) to a client of the gateway', async () => {
    toLattice.length = 0;
    const client = createClient({ url: GATEWAY, fetchFn: hiveFetch });
    const events = client.iterate<{ entityChanged: { identifier: string; change: string; entity: { title: string } | null } }>({ query: 'subscription { entityChanged(blueprint: DOMAIN) { identifier change entity { title } } }' });
    const stream = pull(events);
    await writeUntilSeen((i) => writeDomain(lattice.url, 'ViaHive', `warm ${i}`), () => stream.take(() => true, 2_000));
    await writeDomain(lattice.url, 'ViaHive', 'through Hive Gateway');
    const event = await stream.take((e) => e.data?.entityChanged.entity?.title === 'through Hive Gateway');
    expect(event.errors).toBeUndefined();
    expect(event.data?.entityChanged).toEqual({ identifier: 'ViaHive', change: 'UPSERTED', entity: { title: 'through Hive Gateway' } });
    // The gateway's default transport asked Lattice for an event stream (GraphQL over SSE).
    expect(toLattice).toContain('text/event-stream');
    await events.return?.();
    client.dispose();
  });

  it("keeps Lattice's operation limits behind the gateway (a subscription too deep is refused)", async () => {
    const client = createClient({ url: GATEWAY, fetchFn: hiveFetch });
    const deep = 'subscription { entityChanged(blueprint: COMPONENT) { entity { ... on Component { system { componentsBySystem { nodes { system { componentsBySystem { nodes { system { identifier } } } } } } } } } } }';
    const results: unknown[] = [];
    for await (const r of client.iterate({ query: deep })) results.push(r);
    expect(JSON.stringify(results)).toMatch(/its depth is \d+, the limit is 8/);
    client.dispose();
  });
});
