/**
 * Errors look the same over HTTP and over graphql-ws: one formatError (src/server/formatError.ts)
 * serves both. A LatticeError keeps its code and details, GraphQL's own errors get the codes
 * Apollo gives them (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED), and an unexpected error
 * is masked as INTERNAL_SERVER_ERROR on both, its message (here holding a password) never sent.
 * A bad `subscribe` answers an `error` for its id and the socket stays open.
 */
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EntityStore } from '../../src/data/EntityStore.ts';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import type { Lattice } from '../../src/server/app.ts';
import { gql, startTestLattice } from '../helpers/lattice.ts';

const SECRET = 'redis://:hunter2@cache.internal:6379';

/** A store that fails, as a broken backend would, for one identifier. */
function brokenFor(identifier: string): EntityStore {
  const store = new MemoryEntityStore();
  const getMany = store.getMany.bind(store);
  store.getMany = async (blueprint, ids) => {
    if (ids.includes(identifier)) throw new Error(`connection lost to ${SECRET}`);
    return getMany(blueprint, ids);
  };
  return store;
}

let lattice: Lattice;
let ws: Client;

beforeAll(async () => {
  lattice = await startTestLattice({}, { store: brokenFor('Boom') });
  ws = createClient({ url: `${lattice.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
});
afterAll(async () => {
  await ws?.dispose();
  await lattice?.close();
});

/** One operation over graphql-ws: its errors, from `next` (execution) or `error` (refused). */
function overWs(query: string): Promise<{ data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }> {
  return new Promise((resolve) => {
    let result: { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] } = {};
    ws.subscribe(
      { query },
      {
        next: (r) => (result = r as typeof result),
        error: (e) => resolve({ errors: e as typeof result.errors }),
        complete: () => resolve(result),
      },
    );
  });
}

const CASES: readonly [string, string, Record<string, unknown>][] = [
  ['a LatticeError keeps its code and details', '{ search(query: { combinator: "and", rules: [{ operator: "relatedTo", blueprint: "Nope", value: "x" }] }) { totalCount } }', { code: 'BAD_USER_INPUT', pointer: '/rules/0/blueprint' }],
  ['a validation error', '{ nope }', { code: 'GRAPHQL_VALIDATION_FAILED' }],
  ['a syntax error', '{ component(identifier: "CartService") { title ', { code: 'GRAPHQL_PARSE_FAILED' }],
  ['an unexpected error is masked', '{ component(identifier: "Boom") { title } }', { code: 'INTERNAL_SERVER_ERROR' }],
];

describe('errors over HTTP and graphql-ws', () => {
  for (const [what, query, extensions] of CASES) {
    it(`${what}: the same extensions.code on both`, async () => {
      const http = await gql(lattice.url, query);
      const overSocket = await overWs(query);
      expect(http.errors?.[0].extensions).toMatchObject(extensions);
      expect(overSocket.errors?.[0].extensions).toMatchObject(extensions);
      expect(overSocket.errors?.[0].extensions?.code).toBe(http.errors?.[0].extensions?.code);
      expect(overSocket.errors?.[0].message).toBe(http.errors?.[0].message);
      expect(JSON.stringify(http)).not.toContain('hunter2');
      expect(JSON.stringify(overSocket)).not.toContain('hunter2');
    });
  }

  it('a subscribe that does not parse gets an error for its id; the socket carries on', async () => {
    await overWs('subscription {');
    const ok = await overWs('{ domain(identifier: "Orders") { title } }');
    expect(ok).toEqual({ data: { domain: { title: 'Orders' } }, extensions: { cost: { estimated: 2, limit: 10_000_000 } } });
  });
});
