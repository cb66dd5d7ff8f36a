/**
 * Trusted documents (docs/security.md, Trusted documents) against real gateways: a manifest file
 * and a Redis hash; ids by `documentId` and by APQ's `extensions.persistedQuery.sha256Hash`; POST,
 * GET, graphql-ws, SSE and multipart; `enforce` refuses other documents (PERSISTED_QUERY_NOT_ALLOWED) unless the
 * caller has a bypass role; an unknown id is PERSISTED_QUERY_NOT_FOUND; `allow` runs both.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, gql, startTestLattice } from '../helpers/lattice.ts';
import { rawConnect } from '../helpers/rawWs.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test-trusted-${randomUUID()}:`;
const ORDERS = '{ domain(identifier: "Orders") { title } }';
const FROM_REDIS = '{ domain(identifier: "Orders") { identifier } }';
const sha = (q: string) => createHash('sha256').update(q).digest('hex');
const ORDERS_RESULT = { data: { domain: { title: 'Orders' } } };
let enforce: Lattice;
let allow: Lattice;
let manifest: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-trusted-'));
  manifest = path.join(dir, 'persisted-documents.json');
  writeFileSync(manifest, JSON.stringify({ [sha(ORDERS)]: ORDERS, 'relay-orders-1': ORDERS }));
  const raw = new Redis(REDIS_URL);
  await raw.hset(`${PREFIX}trusted-documents`, sha(FROM_REDIS), FROM_REDIS);
  await raw.quit();
  const base = { redisUrl: REDIS_URL, redisPrefix: PREFIX };
  [enforce, allow] = await Promise.all([
    startTestLattice({ ...base, trustedDocuments: { mode: 'enforce', manifests: [manifest], redis: true, bypassRoles: ['Admin'] } }),
    startTestLattice({ ...base, trustedDocuments: { mode: 'allow', manifests: [manifest], redis: false, bypassRoles: [] } }),
  ]);
});
afterAll(async () => {
  await Promise.all([enforce?.close(), allow?.close()]);
  const raw = new Redis(REDIS_URL);
  const keys = await raw.keys(`${PREFIX}*`);
  if (keys.length) await raw.del(...keys);
  await raw.quit();
});

const post = async (url: string, body: unknown) => {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] } };
};
const get = async (url: string, params: Record<string, string>) => {
  const res = await fetch(`${url}/graphql?${new URLSearchParams(params)}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] } };
};
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('trusted documents, enforce mode', () => {
  it('runs a listed document by documentId and by APQ hash, over POST and GET, from the manifest and from Redis', async () => {
    expect((await post(enforce.url, { documentId: 'relay-orders-1' })).body).toMatchObject(ORDERS_RESULT);
    expect((await post(enforce.url, { extensions: apq(sha(ORDERS)) })).body).toMatchObject(ORDERS_RESULT);
    expect((await post(enforce.url, { documentId: sha(FROM_REDIS) })).body).toMatchObject({ data: { domain: { identifier: 'Orders' } } });
    expect((await get(enforce.url, { documentId: 'relay-orders-1' })).body).toMatchObject(ORDERS_RESULT);
    expect((await get(enforce.url, { extensions: JSON.stringify(apq(sha(ORDERS))) })).body).toMatchObject(ORDERS_RESULT);
  });

  it('refuses any other document with PERSISTED_QUERY_NOT_ALLOWED (POST and GET); a listed query sent in full runs', async () => {
    const other = '{ domains { totalCount } }';
    const refusedPost = await post(enforce.url, { query: other });
    expect([refusedPost.status, refusedPost.body.errors?.[0].extensions.code]).toEqual([400, 'PERSISTED_QUERY_NOT_ALLOWED']);
    expect(refusedPost.body.data).toBeUndefined();
    expect((await get(enforce.url, { query: other })).body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect((await post(enforce.url, { query: ORDERS })).body).toMatchObject(ORDERS_RESULT);
  });

  it('answers an unknown id with PERSISTED_QUERY_NOT_FOUND', async () => {
    expect((await post(enforce.url, { documentId: 'nope' })).body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await get(enforce.url, { extensions: JSON.stringify(apq(sha('{ x }'))) })).body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('lets a bypass role (Admin) send any document', async () => {
    expect((await gql(enforce.url, '{ domains { totalCount } }', undefined, { token: ADMIN_TOKEN })).errors).toBeUndefined();
  });

  it('applies over graphql-ws: an id runs, another document is refused, the socket stays open', async () => {
    const c = await rawConnect(enforce.url);
    await c.init();
    c.send({ id: 'by-id', type: 'subscribe', payload: { documentId: 'relay-orders-1' } });
    expect((await c.take((m) => m.id === 'by-id')).payload).toMatchObject(ORDERS_RESULT);
    c.send({ id: 'by-hash', type: 'subscribe', payload: { extensions: apq(sha(FROM_REDIS)) } });
    expect((await c.take((m) => m.id === 'by-hash')).payload).toMatchObject({ data: { domain: { identifier: 'Orders' } } });
    expect((await c.run('other', '{ domains { totalCount } }')).error?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    c.send({ id: 'unknown', type: 'subscribe', payload: { documentId: 'nope' } });
    expect((await c.take((m) => m.id === 'unknown')).payload[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await c.run('listed', ORDERS)).toMatchObject({ next: ORDERS_RESULT });
    c.ws.close();
  });
});

describe('trusted documents over the HTTP streams (SSE, multipart)', () => {
  const stream = async (accept: string, init: { method: 'GET'; params: Record<string, string> } | { method: 'POST'; body: unknown }) => {
    const url = init.method === 'GET' ? `${enforce.url}/graphql?${new URLSearchParams(init.params)}` : `${enforce.url}/graphql`;
    const res = await fetch(url, { method: init.method, headers: { accept, 'content-type': 'application/json' }, ...(init.method === 'POST' ? { body: JSON.stringify(init.body) } : {}) });
    return { status: res.status, text: await res.text() };
  };
  const SSE = 'text/event-stream';
  const MULTIPART = 'multipart/mixed;subscriptionSpec=1.0';

  it('runs a listed document by id and refuses any other with PERSISTED_QUERY_NOT_ALLOWED (400, before the stream opens)', async () => {
    for (const [accept, init] of [
      [SSE, { method: 'GET', params: { documentId: 'relay-orders-1' } }],
      [SSE, { method: 'POST', body: { documentId: 'relay-orders-1' } }],
      [MULTIPART, { method: 'POST', body: { extensions: apq(sha(ORDERS)) } }],
    ] as const) {
      const ok = await stream(accept, init);
      expect(ok.status, `${accept} ${init.method}`).toBe(200);
      expect(ok.text).toContain('{"data":{"domain":{"title":"Orders"}}');
    }
    for (const [accept, init] of [
      [SSE, { method: 'GET', params: { query: '{ domains { totalCount } }' } }],
      [SSE, { method: 'POST', body: { query: '{ domains { totalCount } }' } }],
      [MULTIPART, { method: 'POST', body: { query: '{ domains { totalCount } }' } }],
    ] as const) {
      const refused = await stream(accept, init);
      expect(refused.status, `${accept} ${init.method}`).toBe(400);
      expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    }
  });
});

describe('trusted documents, allow mode', () => {
  it('runs ids and any full document alike', async () => {
    expect((await post(allow.url, { documentId: 'relay-orders-1' })).body).toMatchObject(ORDERS_RESULT);
    expect((await post(allow.url, { query: '{ domains { totalCount } }' })).body.errors).toBeUndefined();
    expect((await post(allow.url, { documentId: 'nope' })).body.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('trusted documents config', () => {
  it('resolves manifests relative to lattice.yaml and defaults to allow mode', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lattice-trusted-config-'));
    writeFileSync(path.join(dir, 'lattice.yaml'), 'trustedDocuments:\n  manifests: [docs.json]\n');
    const config = loadConfig({ LATTICE_CONFIG: path.join(dir, 'lattice.yaml') }, dir);
    expect(config.trustedDocuments).toEqual({ mode: 'allow', manifests: [path.join(dir, 'docs.json')], redis: false, bypassRoles: [] });
  });
});
