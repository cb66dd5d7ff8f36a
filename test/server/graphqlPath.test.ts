/**
 * The GraphQL path without Express's router (issue 11, src/server/handlerChain.ts): it matches what
 * `app.use('/graphql')` matched (letter case ignored, below the path, any query string), other
 * paths still reach Express; the answer is written once (no ETag, its exact length, no-store); and
 * the chain's own rules (order, an error or rejected promise answered once, fall-through).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { handlerChain, type ChainHandler } from '../../src/server/handlerChain.ts';
import { startTestLattice } from '../helpers/lattice.ts';

let lattice: Lattice;
beforeAll(async () => {
  lattice = await startTestLattice();
});
afterAll(async () => {
  await lattice?.close();
});

const post = (path: string, query: string) => fetch(`${lattice.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

describe('the GraphQL path on node:http', () => {
  it('answers on /graphql, in any letter case, below it and with a query string; other paths reach Express', async () => {
    for (const path of ['/graphql', '/GraphQL', '/graphql/', '/graphql?x=1']) {
      const res = await post(path, '{ domain(identifier: "Orders") { title } }');
      expect([path, res.status]).toEqual([path, 200]);
      expect(await res.json()).toMatchObject({ data: { domain: { title: expect.any(String) } } });
    }
    const other = await post('/graphqlx', '{ __typename }');
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('Cannot POST /graphqlx');
    expect((await fetch(`${lattice.url}/healthz`).then((r) => r.json()))).toEqual({ status: 'ok' });
  });

  it('writes the answer once: its exact length, no ETag, no-store', async () => {
    const res = await post('/graphql', '{ domain(identifier: "Orders") { title } }');
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('etag')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST, as JSON', async () => {
    const res = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ not json' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('handlerChain', () => {
  /** Serves one request with the chain; resolves with what was called, in order. */
  async function serve(handlers: ChainHandler[]): Promise<string[]> {
    const calls: string[] = [];
    const chain = handlerChain(
      handlers.map((h, i) => (req, res, next) => (calls.push(`h${i}`), h(req, res, next))),
      (err, _req, res) => (calls.push(`error:${(err as Error).message}`), res.end()),
      (_req, res) => (calls.push('fallback'), res.end()),
    );
    const server = http.createServer(chain);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`).then((r) => r.text());
    } finally {
      server.close();
    }
    return calls;
  }

  it('runs the handlers in order and falls through to the fallback', async () => {
    expect(await serve([(_q, _s, next) => next(), async (_q, _s, next) => next()])).toEqual(['h0', 'h1', 'fallback']);
  });

  it('stops at the handler that answers', async () => {
    expect(await serve([(_q, res) => res.end(), (_q, _s, next) => next()])).toEqual(['h0']);
  });

  it('sends next(err), a throw and a rejected promise to the error handler, once', async () => {
    expect(await serve([(_q, _s, next) => next(new Error('a')), (_q, _s, next) => next()])).toEqual(['h0', 'error:a']);
    expect(await serve([() => { throw new Error('b'); }])).toEqual(['h0', 'error:b']);
    expect(
      await serve([
        async (_q, _s, next) => {
          next(new Error('c'));
          throw new Error('d');
        },
      ]),
    ).toEqual(['h0', 'error:c']);
  });
});
