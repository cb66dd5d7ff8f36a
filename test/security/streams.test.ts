/**
 * The HTTP streaming transports (GraphQL over SSE, multipart subscriptions) pass the same guards
 * as POST and graphql-ws (docs/security.md): each test tries to break one over both transports:
 * credentials (401), the operation limits (depth, cost: QUERY_TOO_COMPLEX before anything runs),
 * the body size (413), introspection and the federation fields in production mode, the request
 * budget (429), and the open connections per address (shared with graphql-ws: 429 / close 1008).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import type { RateLimitsConfig } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, ADMIN_TOKEN_CONFIG, startTestLattice, testConfig } from '../helpers/lattice.ts';
import { rawConnect } from '../helpers/rawWs.ts';
import { fanOutQuery } from './limitsHelpers.ts';

const READER = 'reader-token';
const SPENDER = 'spender-token';
const tokens = [ADMIN_TOKEN_CONFIG, { name: 'reader', sha256: sha256Hex(READER), user: 'reader@example.com' }, { name: 'spender', sha256: sha256Hex(SPENDER), user: 'spender@example.com' }];
const QUERY = '{ domain(identifier: "Orders") { title } }';
const SUBSCRIPTION = 'subscription { entityChanged(blueprint: DOMAIN) { identifier } }';
const BODY_LIMIT = 16 * 1024;
const rateLimits: RateLimitsConfig = { enabled: true, points: 1_000, anonymousPoints: 1_000, windowSeconds: 3600, roles: {} };

let lattice: Lattice;
beforeAll(async () => {
  const base = testConfig();
  lattice = await startTestLattice({
    mode: 'production',
    introspection: false,
    auth: { ...base.auth, anonymous: false, tokens },
    limits: { ...base.limits, defaults: { ...base.limits.defaults, maxDepth: 6, maxCost: 50 } },
    bodyLimitBytes: BODY_LIMIT,
    rateLimits,
    websocket: { maxSubscriptions: 10, maxConnectionsPerIp: 3 },
    federation: { enabled: true, roles: ['Federation'] },
  });
});
afterAll(() => lattice?.close());

type Transport = 'sse' | 'multipart';
const ACCEPT: Record<Transport, string> = { sse: 'text/event-stream', multipart: 'multipart/mixed;subscriptionSpec="1.0", application/json' };

interface Answer {
  readonly status: number;
  /** The results streamed (SSE `next` data, multipart `payload`s), or the JSON body's errors when not streamed. */
  readonly results: { data?: unknown; errors?: { message: string; extensions: Record<string, any> }[] }[];
}

async function send(transport: Transport, query: string, token: string | undefined, extra: Record<string, unknown> = {}): Promise<Answer> {
  const res = await fetch(`${lattice.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: ACCEPT[transport], ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, ...extra }),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('text/event-stream')) {
    return { status: res.status, results: [...text.matchAll(/event: next\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1])) };
  }
  if (type.startsWith('multipart/mixed')) {
    const parts = text.split(/\r\n--graphql(?:--)?\r\n/).filter((p) => p.includes('\r\n\r\n'));
    return { status: res.status, results: parts.map((p) => JSON.parse(p.split('\r\n\r\n')[1])).filter((b) => b.payload).map((b) => b.payload) };
  }
  return { status: res.status, results: [JSON.parse(text)] };
}

const codeOf = (a: Answer) => a.results[0]?.errors?.[0]?.extensions.code;

describe.each(['sse', 'multipart'] as const)('over %s', (transport) => {
  it('answers with a token, and 401 UNAUTHENTICATED without one or with a wrong one', async () => {
    expect(await send(transport, QUERY, READER)).toMatchObject({ status: 200, results: [{ data: { domain: { title: 'Orders' } } }] });
    for (const token of [undefined, 'wrong-token']) {
      const refused = await send(transport, QUERY, token);
      expect(refused.status, String(token)).toBe(401);
      expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a query past the depth and the cost limits with QUERY_TOO_COMPLEX before anything runs', async () => {
    const reads = lattice.store.counts().total;
    const deep = await send(transport, fanOutQuery(3), READER);
    expect(deep.status).toBe(200);
    expect(deep.results[0].data).toBeUndefined();
    const limits = deep.results[0].errors!.map((e) => [e.extensions.code, e.extensions.limitName]);
    expect(limits).toEqual(expect.arrayContaining([['QUERY_TOO_COMPLEX', 'depth'], ['QUERY_TOO_COMPLEX', 'cost']]));
    expect(lattice.store.counts().total).toBe(reads);
  });

  it('refuses a body past server.bodyLimitBytes with 413', async () => {
    const big = await send(transport, QUERY, READER, { variables: { pad: 'x'.repeat(BODY_LIMIT) } });
    expect(big.status).toBe(413);
    expect(codeOf(big)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses introspection and, to a caller without a federation role, the federation fields (production mode)', async () => {
    expect(codeOf(await send(transport, '{ __schema { types { name } } }', READER))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(codeOf(await send(transport, '{ _service { sdl } }', READER))).toBe('FORBIDDEN');
    // Audited as an HTTP refusal.
    const audit = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify({ query: '{ auditLog(first: 3) { nodes { event actor { user } outcome code } } }' }) });
    const body = (await audit.json()) as { data: { auditLog: { nodes: unknown[] } } };
    expect(body, JSON.stringify(body)).toHaveProperty('data.auditLog');
    const nodes = body.data.auditLog.nodes;
    expect(nodes).toContainEqual({ event: 'http.graphql', actor: { user: 'reader@example.com' }, outcome: 'REFUSED', code: 'FORBIDDEN' });
  });

  it('spends the request budget (429 RATE_LIMITED once spent)', async () => {
    const spender = await startTestLattice({ auth: { ...testConfig().auth, anonymous: false, tokens }, rateLimits: { ...rateLimits, points: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${spender.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: ACCEPT[transport], authorization: `Bearer ${SPENDER}` }, body: JSON.stringify({ query: QUERY }) });
        statuses.push(res.status);
        if (res.status === 429) expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('RATE_LIMITED');
        else await res.text();
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await spender.close();
    }
  });
});

describe('open connections per address (websocket.maxConnectionsPerIp: 3), shared by graphql-ws, SSE and multipart', () => {
  it('refuses the fourth with 429 TOO_MANY_SUBSCRIPTIONS (a socket: 1008), and takes one again once one closed', async () => {
    const held: AbortController[] = [];
    const open = async (transport: Transport) => {
      const abort = new AbortController();
      const res = await fetch(`${lattice.url}/graphql`, { method: 'POST', signal: abort.signal, headers: { 'content-type': 'application/json', accept: ACCEPT[transport], authorization: `Bearer ${READER}` }, body: JSON.stringify({ query: SUBSCRIPTION }) });
      if (res.status === 200) held.push(abort);
      else await res.text().catch(() => undefined);
      return res.status;
    };
    const socket = await rawConnect(lattice.url);
    await socket.init(READER);
    expect([await open('sse'), await open('multipart')]).toEqual([200, 200]);
    expect(await open('sse')).toBe(429);
    expect(await open('multipart')).toBe(429);
    const refusedSocket = await rawConnect(lattice.url);
    expect((await refusedSocket.closed).code).toBe(1008);
    // A stream closes (SSE, then multipart): its place is given back when the server sees the close.
    for (const transport of ['sse', 'multipart'] as const) {
      held.shift()!.abort();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = await open(transport);
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status, transport).toBe(200);
    }
    for (const a of held) a.abort();
    socket.ws.close();
  });
});
