/**
 * The graphql-ws protocol, frame by frame with a raw WebSocket: Lattice's subscription endpoint
 * follows it, close codes included (4400, 4401, 4403, 4408, 4409, 4429), ping/pong, and an
 * `error` message that is not followed by `complete`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import type { Lattice } from '../../src/server/app.ts';
import { startTestLattice } from '../helpers/lattice.ts';

let lattice: Lattice;
const TOKEN = 'tok-protocol';

beforeAll(async () => {
  lattice = await startTestLattice({ auth: { anonymous: false, tokens: [{ name: 'p', sha256: sha256Hex(TOKEN), user: 'proto' }] } });
});
afterAll(() => lattice?.close());

interface Conn {
  ws: WebSocket;
  messages: any[];
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  next(type: string): Promise<any>;
}

async function connect(protocol = 'graphql-transport-ws'): Promise<Conn> {
  const ws = new WebSocket(`${lattice.url.replace('http', 'ws')}/graphql`, protocol);
  const messages: any[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    messages,
    closed,
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    async next(type) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const found = messages.find((m) => m.type === type);
        if (found) {
          messages.splice(messages.indexOf(found), 1);
          return found;
        }
        if (Date.now() > deadline) throw new Error(`no "${type}" message; got ${JSON.stringify(messages)}`);
        await new Promise<void>((r) => waiters.push(r));
      }
    },
  };
}

const init = { type: 'connection_init', payload: { token: TOKEN } };

describe('graphql-ws protocol', () => {
  it('acknowledges connection_init, answers ping with pong', async () => {
    const c = await connect();
    c.send(init);
    expect(await c.next('connection_ack')).toMatchObject({ type: 'connection_ack' });
    c.send({ type: 'ping', payload: { n: 1 } });
    expect(await c.next('pong')).toEqual({ type: 'pong', payload: { n: 1 } });
    c.ws.close(1000);
  });

  it('4400 for a message that is not valid', async () => {
    const c = await connect();
    c.send('{ not json');
    expect((await c.closed).code).toBe(4400);
  });

  it('4401 for a subscribe before the connection is acknowledged', async () => {
    const c = await connect();
    c.send({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } });
    expect((await c.closed).code).toBe(4401);
  });

  it('4403 when connection_init carries bad credentials', async () => {
    const c = await connect();
    c.send({ type: 'connection_init', payload: { token: 'wrong' } });
    expect((await c.closed).code).toBe(4403);
  });

  it('4429 for a second connection_init', async () => {
    const c = await connect();
    c.send(init);
    await c.next('connection_ack');
    c.send(init);
    expect((await c.closed).code).toBe(4429);
  });

  it('4409 for a second subscription with an id in use', async () => {
    const c = await connect();
    c.send(init);
    await c.next('connection_ack');
    const sub = { id: 'same', type: 'subscribe', payload: { query: 'subscription { entityChanged(blueprint: COMPONENT) { identifier } }' } };
    c.send(sub);
    c.send(sub);
    expect((await c.closed).code).toBe(4409);
  });

  it('4408 when connection_init never comes', async () => {
    const c = await connect();
    expect((await c.closed).code).toBe(4408);
  });

  it('an operation that fails validation gets `error`, then no `complete`; a query gets `next` then `complete`', async () => {
    const c = await connect();
    c.send(init);
    await c.next('connection_ack');
    c.send({ id: 'bad', type: 'subscribe', payload: { query: 'subscription { nope }' } });
    const error = await c.next('error');
    expect(error.id).toBe('bad');
    expect(error.payload[0].message).toContain('nope');
    c.send({ id: 'q', type: 'subscribe', payload: { query: '{ domain(identifier: "Orders") { title } }' } });
    expect(await c.next('next')).toEqual({ id: 'q', type: 'next', payload: { data: { domain: { title: 'Orders' } }, extensions: { cost: { estimated: 2, limit: 10_000_000 } } } });
    expect(await c.next('complete')).toEqual({ id: 'q', type: 'complete' });
    await new Promise((r) => setTimeout(r, 100));
    expect(c.messages.filter((m) => m.type === 'complete' && m.id === 'bad')).toEqual([]);
    c.ws.close(1000);
  });

  it('refuses a WebSocket without the graphql-transport-ws subprotocol', async () => {
    // The server picks no subprotocol, so a client asking only for another one gives up at the handshake
    // (and a client that carries on is closed with 1002 by graphql-ws).
    await expect(connect('some-other-protocol')).rejects.toThrow('Server sent no subprotocol');
  });
});
