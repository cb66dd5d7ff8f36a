/**
 * Subscriptions over HTTP, with the clients that speak each protocol: GraphQL over SSE with
 * graphql-sse's own client (distinct connections mode, GET and POST), multipart HTTP
 * subscriptions with Apollo Client's HttpLink (as against Apollo Router), and a subscription sent
 * as a plain POST or GET: a clear BAD_REQUEST, no resolver run, nothing logged.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql as apolloGql } from '@apollo/client';
import { createClient } from 'graphql-sse';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { startTestLattice } from '../helpers/lattice.ts';
import { pull, writeDomain, writeUntilSeen } from '../helpers/streams.ts';

const SUBSCRIPTION = 'subscription { entityChanged(blueprint: DOMAIN) { identifier change entity { title } } }';
type Changed = { entityChanged: { identifier: string; change: string; entity: { title: string } | null } };

let lattice: Lattice;
/** What Lattice logged at warn level and above. */
const logged: string[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  lattice = await startTestLattice({}, { log: pino({ level: 'warn' }, stream) });
});
afterAll(() => lattice?.close());

describe('GraphQL over SSE (graphql-sse)', () => {
  it('streams entityChanged events to graphql-sse\'s client until it stops listening', async () => {
    const client = createClient({ url: `${lattice.url}/graphql` });
    const events = client.iterate<Changed['entityChanged'] extends never ? never : Changed>({ query: SUBSCRIPTION });
    const stream = pull(events);
    await writeUntilSeen((i) => writeDomain(lattice.url, 'Sse', `warm ${i}`), () => stream.take(() => true, 2_000));
    await writeDomain(lattice.url, 'Sse', 'over SSE');
    const event = await stream.take((e) => e.data?.entityChanged.entity?.title === 'over SSE');
    expect(event.data).toEqual({ entityChanged: { identifier: 'Sse', change: 'UPSERTED', entity: { title: 'over SSE' } } });
    await events.return?.();
    await stream.done;
    client.dispose();
  });

  it('answers a query over GET and POST as one event, and refuses a mutation over GET (405)', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const url = method === 'GET' ? `${lattice.url}/graphql?query=${encodeURIComponent('{ domain(identifier: "Orders") { title } }')}` : `${lattice.url}/graphql`;
      const res = await fetch(url, { method, headers: { accept: 'text/event-stream', 'content-type': 'application/json' }, ...(method === 'POST' ? { body: JSON.stringify({ query: '{ domain(identifier: "Orders") { title } }' }) } : {}) });
      expect(res.status, method).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const text = await res.text();
      expect(text, method).toContain('event: next\ndata: {"data":{"domain":{"title":"Orders"}}');
      expect(text, method).toContain('event: complete');
    }
    const mutation = await fetch(`${lattice.url}/graphql?query=${encodeURIComponent('mutation { deleteEntity(blueprint: DOMAIN, identifier: "Orders") }')}`, { headers: { accept: 'text/event-stream' } });
    expect(mutation.status).toBe(405);
  });
});

describe('multipart HTTP subscriptions (Apollo Client)', () => {
  it("streams entityChanged events to Apollo Client's HttpLink", async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: `${lattice.url}/graphql` }), cache: new InMemoryCache() });
    const results: { data?: Changed; error?: unknown }[] = [];
    let wake = () => undefined as void;
    const subscription = client.subscribe<Changed>({ query: apolloGql(SUBSCRIPTION) }).subscribe({
      next: (r) => {
        results.push(r as { data?: Changed });
        wake();
      },
      error: (error) => {
        results.push({ error });
        wake();
      },
    });
    const stream = pull(
      (async function* () {
        for (let i = 0; ; i++) {
          while (results.length <= i) await new Promise<void>((r) => (wake = r));
          yield results[i];
        }
      })(),
    );
    await writeUntilSeen((i) => writeDomain(lattice.url, 'Multipart', `warm ${i}`), () => stream.take(() => true, 2_000));
    await writeDomain(lattice.url, 'Multipart', 'over multipart');
    const event = await stream.take((r) => r.data?.entityChanged.entity?.title === 'over multipart');
    expect(event.data?.entityChanged).toMatchObject({ identifier: 'Multipart', change: 'UPSERTED', entity: { title: 'over multipart' } });
    expect(results.filter((r) => r.error)).toEqual([]);
    subscription.unsubscribe();
    client.stop();
  });

  it('answers the multipart framing Apollo Router uses: boundary "graphql", a payload per part, the closing boundary', async () => {
    const res = await fetch(`${lattice.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec="1.0", application/json' },
      body: JSON.stringify({ query: '{ domain(identifier: "Orders") { title } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
    const text = await res.text();
    const match = /^\r\n--graphql\r\ncontent-type: application\/json; charset=utf-8\r\n\r\n(.*)\r\n--graphql--\r\n$/s.exec(text);
    expect(match, text).not.toBeNull();
    expect(JSON.parse(match![1])).toMatchObject({ payload: { data: { domain: { title: 'Orders' } } } });
  });
});

describe('multipart heartbeats', () => {
  it('sends a {} part while a subscription has nothing to say', async () => {
    const abort = new AbortController();
    const res = await fetch(`${lattice.url}/graphql`, {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec=1.0' },
      body: JSON.stringify({ query: 'subscription { entityChanged(blueprint: DOMAIN, identifier: "Quiet") { identifier } }' }),
    });
    const reader = res.body!.getReader();
    let text = '';
    // The heartbeat is the first part of a quiet subscription (it comes after 5 s).
    while (!text.includes('\r\n\r\n{}\r\n--graphql\r\n')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended: ${text}`);
      text += new TextDecoder().decode(value);
    }
    expect(text).toBe('\r\n--graphql\r\ncontent-type: application/json; charset=utf-8\r\n\r\n{}\r\n--graphql\r\n');
    abort.abort();
  }, 20_000);
});

describe('a subscription sent as a plain request', () => {
  it('is refused with BAD_REQUEST naming the streaming transports, and no resolver runs (a GET: Apollo\'s 405)', async () => {
    logged.length = 0;
    const post = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SUBSCRIPTION }) });
    const get = await fetch(`${lattice.url}/graphql?query=${encodeURIComponent(SUBSCRIPTION)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(405);
    expect(await get.text()).toMatch(/GET requests only support query operations/);
    for (const res of [post]) {
      expect(res.status).toBe(400);
      const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(body.errors[0].message).toMatch(/graphql-ws.*text\/event-stream.*multipart\/mixed;subscriptionSpec=1\.0/);
    }
    expect(logged).toEqual([]);
  });
});
