/**
 * Subscriptions over graphql-ws (a real WebSocket client): entity changes from mutations reach
 * subscribers, across replicas through Redis; credentials come in connection_init and a refused
 * connection closes with 4403. HTTP requests without required credentials get 401.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import type { Config } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, gql, startTestLattice } from '../helpers/lattice.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const started: Lattice[] = [];
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await Promise.all(started.splice(0).map((l) => l.close()));
});

async function gateway(overrides: Partial<Config> = {}) {
  const l = await startTestLattice(overrides);
  started.push(l);
  return l;
}

function client(url: string, connectionParams: Record<string, unknown> = {}, onClose?: (code: number) => void): Client {
  const c = createClient({
    url: url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined, // the close is asserted through on.closed
    on: { closed: (e) => onClose?.((e as { code: number }).code) },
  });
  clients.push(c);
  return c;
}

/** Subscribes and collects results; `ready` resolves once the server has the subscription. */
function collect(c: Client, query: string) {
  const events: any[] = [];
  const errors: unknown[] = [];
  c.subscribe({ query }, { next: (v) => events.push(v), error: (e) => errors.push(e), complete: () => undefined });
  return { events, errors };
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const SUB = 'subscription { entityChanged(blueprint: COMPONENT) { identifier change entity { title ... on Component { type system { identifier } } } } }';
const upsert = (title: string) => `mutation { upsertEntity(blueprint: COMPONENT, identifier: "Live", title: "${title}", properties: { type: "service" }, relations: { system: "Cart" }) { identifier } }`;

describe('entityChanged', () => {
  it('streams upserts and deletes to a subscriber, with the entity as it is now', async () => {
    const l = await gateway();
    const { events } = collect(client(l.url), SUB);
    await new Promise((r) => setTimeout(r, 200));
    await gql(l.url, upsert('Live v1'), undefined, { token: ADMIN_TOKEN });
    await gql(l.url, upsert('Live v2'), undefined, { token: ADMIN_TOKEN });
    await gql(l.url, 'mutation { deleteEntity(blueprint: COMPONENT, identifier: "Live") }', undefined, { token: ADMIN_TOKEN });
    await gql(l.url, 'mutation { upsertEntity(blueprint: DOMAIN, identifier: "Other", title: "not a component") { identifier } }', undefined, { token: ADMIN_TOKEN });
    await until(() => events.length >= 3, 'three events');
    await new Promise((r) => setTimeout(r, 100));
    expect(events.map((e) => e.data.entityChanged)).toEqual([
      { identifier: 'Live', change: 'UPSERTED', entity: { title: 'Live v1', type: 'SERVICE', system: { identifier: 'Cart' } } },
      { identifier: 'Live', change: 'UPSERTED', entity: { title: 'Live v2', type: 'SERVICE', system: { identifier: 'Cart' } } },
      { identifier: 'Live', change: 'DELETED', entity: null },
    ]);
  });

  it('reaches a subscriber on another replica through Redis', async () => {
    const shared = { redisUrl: testRedisUrl(), redisPrefix: `lattice-test:${randomUUID()}:` };
    const a = await gateway(shared);
    const b = await gateway(shared);
    const { events } = collect(client(a.url), SUB);
    await new Promise((r) => setTimeout(r, 300));
    await gql(b.url, upsert('from B'), undefined, { token: ADMIN_TOKEN });
    await until(() => events.length === 1, 'the event from replica B');
    expect(events[0].data.entityChanged).toMatchObject({ identifier: 'Live', change: 'UPSERTED', entity: { title: 'from B' } });
  });
});

describe('credentials', () => {
  const token = 'lat_test_token';
  const auth = { anonymous: false, tokens: [{ name: 'test', sha256: sha256Hex(token), user: 'ada', teams: ['platform'], roles: ['Admin'] }] };

  it('HTTP: 401 without or with wrong credentials, 200 with a token', async () => {
    const l = await gateway({ auth });
    const post = (authorization?: string) =>
      fetch(`${l.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ query: '{ domains { totalCount } }' }) });
    const none = await post();
    expect(none.status).toBe(401);
    expect(((await none.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post('Bearer nope')).status).toBe(401);
    const ok = await post(`Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ data: { domains: { totalCount: 1 } } });
  });

  it('WebSocket: a refused connection closes with 4403; a token in connection_init is accepted', async () => {
    const l = await gateway({ auth });
    let closedWith: number | undefined;
    const refused = collect(client(l.url, { authorization: 'Bearer nope' }, (code) => (closedWith = code)), SUB);
    await until(() => closedWith !== undefined, 'the close');
    expect(closedWith).toBe(4403);
    expect(refused.events).toEqual([]);
    const accepted = collect(client(l.url, { token }), SUB);
    await new Promise((r) => setTimeout(r, 200));
    await fetch(`${l.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: upsert('authorised') }) });
    await until(() => accepted.events.length === 1, 'the event');
    expect(accepted.events[0].data.entityChanged.entity.title).toBe('authorised');
  });
});
