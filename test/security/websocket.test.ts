/**
 * WebSocket hardening (docs/security.md, WebSocket), with raw `ws` clients: a frame past the body
 * limit closes that socket with 1009 and the server stays healthy; a connection runs at most
 * `websocket.maxSubscriptions` operations; a malformed `subscribe` gets an `error` (BAD_REQUEST)
 * for its id and the socket stays open; one IP holds at most `websocket.maxConnectionsPerIp`
 * sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, gql, startTestLattice } from '../helpers/lattice.ts';
import { rawConnect, type RawConnection } from '../helpers/rawWs.ts';

const SUBSCRIPTION = 'subscription { entityChanged(blueprint: COMPONENT) { identifier } }';
const QUERY = '{ domain(identifier: "Orders") { title } }';
let lattice: Lattice;
const open: RawConnection[] = [];

async function connected(): Promise<RawConnection> {
  const c = await rawConnect(lattice.url);
  open.push(c);
  return c;
}

beforeAll(async () => {
  lattice = await startTestLattice({ websocket: { maxSubscriptions: 3, maxConnectionsPerIp: 4 } });
});
afterAll(async () => {
  for (const c of open) c.ws.terminate();
  await lattice?.close();
});

describe('WebSocket limits', () => {
  it('closes a socket that sends a 50 MiB frame with 1009, and the server stays healthy', async () => {
    const c = await connected();
    await c.init();
    c.send({ id: 'big', type: 'subscribe', payload: { query: QUERY, variables: { pad: 'x'.repeat(50 * 1024 * 1024) } } });
    expect((await c.closed).code).toBe(1009);
    expect((await fetch(`${lattice.url}/healthz`)).status).toBe(200);
    const after = await connected();
    await after.init();
    expect(await after.run('q', QUERY)).toMatchObject({ next: { data: { domain: { title: 'Orders' } } } });
    after.ws.close();
  });

  it('refuses the operation past websocket.maxSubscriptions with TOO_MANY_SUBSCRIPTIONS, keeps the socket, and takes one again when one completes', async () => {
    const c = await connected();
    await c.init();
    for (const id of ['s1', 's2', 's3']) c.send({ id, type: 'subscribe', payload: { query: SUBSCRIPTION } });
    const refused = await c.run('s4', SUBSCRIPTION);
    expect(refused.error?.[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect((await c.run('q1', QUERY)).error?.[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    c.send({ id: 's1', type: 'complete' });
    expect(await c.run('q2', QUERY)).toMatchObject({ next: { data: { domain: { title: 'Orders' } } } });
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    c.ws.close();
  });

  it('answers each malformed subscribe with an error for its id (BAD_REQUEST), and the socket keeps working', async () => {
    const c = await connected();
    await c.init();
    const malformed: [string, string][] = [
      ['no-payload', JSON.stringify({ id: 'no-payload', type: 'subscribe' })],
      ['number-query', JSON.stringify({ id: 'number-query', type: 'subscribe', payload: { query: 42 } })],
      ['bad-variables', JSON.stringify({ id: 'bad-variables', type: 'subscribe', payload: { query: QUERY, variables: 'x' } })],
      ['bad-json', '{"id":"bad-json","type":"subscribe","payload":{"query":'],
    ];
    for (const [id, text] of malformed) {
      c.send(text);
      const answer = await c.take((m) => m.id === id);
      expect(answer.type, id).toBe('error');
      expect(answer.payload[0].extensions.code, id).toBe('BAD_REQUEST');
    }
    expect(await c.run('q', QUERY)).toMatchObject({ next: { data: { domain: { title: 'Orders' } } } });
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    c.ws.close();
  });

  it('a broken subscribe (syntax, validation, malformed, failing subscribe resolver) answers an error for its id only: the socket\'s other subscription stays alive', async () => {
    const c = await connected();
    await c.init();
    c.send({ id: 'live', type: 'subscribe', payload: { query: 'subscription { entityChanged(blueprint: DOMAIN) { identifier entity { title } } }' } });
    const write = (title: string) => gql(lattice.url, `mutation { upsertEntity(blueprint: DOMAIN, identifier: "Probe", title: "${title}") { identifier } }`, undefined, { token: ADMIN_TOKEN });
    // Write until the subscription sees a write: then the server holds it (no sleep).
    let seen: any;
    for (let i = 0; !seen; i++) {
      await write(`before ${i}`);
      seen = await c.take((m) => m.id === 'live' && m.type === 'next').catch(() => undefined);
    }
    const broken: [string, unknown, string][] = [
      ['syntax', { id: 'syntax', type: 'subscribe', payload: { query: 'subscription { entityChanged(' } }, 'GRAPHQL_PARSE_FAILED'],
      ['validation', { id: 'validation', type: 'subscribe', payload: { query: 'subscription { noSuchField }' } }, 'GRAPHQL_VALIDATION_FAILED'],
      ['malformed', { id: 'malformed', type: 'subscribe', payload: { query: ['not', 'a', 'string'] } }, 'BAD_REQUEST'],
    ];
    for (const [id, message, code] of broken) {
      c.send(message);
      const answer = await c.take((m) => m.id === id);
      expect(answer.type, id).toBe('error');
      expect(answer.payload[0].extensions.code, id).toBe(code);
    }
    // A subscribe whose resolver refuses (no such run): its own errors, nothing else touched.
    c.send({ id: 'no-run', type: 'subscribe', payload: { query: 'subscription { runUpdated(id: "run_nope") { id } }' } });
    const refused = await c.take((m) => m.id === 'no-run' && (m.type === 'error' || m.type === 'next'));
    expect(JSON.stringify(refused.payload)).toMatch(/run_nope/);
    await write('after');
    const after = await c.take((m) => m.id === 'live' && m.type === 'next' && m.payload.data.entityChanged.entity?.title === 'after');
    expect(after.payload.data.entityChanged.identifier).toBe('Probe');
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    c.ws.close();
  });

  it('closes the connection past websocket.maxConnectionsPerIp with 1008, and takes one again after one closed', async () => {
    const held = await Promise.all([connected(), connected(), connected(), connected()]);
    const extra = await connected();
    const { code } = await extra.closed;
    expect(code).toBe(1008);
    held[0].ws.close();
    await held[0].closed;
    const again = await connected();
    await again.init();
    expect(await again.run('q', QUERY)).toMatchObject({ next: { data: { domain: { title: 'Orders' } } } });
    for (const c of [...held, again]) c.ws.close();
  });
});
