/**
 * Production mode and the HTTP transport's guards (docs/security.md, Production mode), against real
 * gateways: introspection and GraphiQL off, `_service`/`_entities` for federation roles only, no
 * "Did you mean" hints (HTTP and graphql-ws), Apollo's CSRF prevention, the CORS allow-list, and
 * the operations endpoints still answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, ADMIN_TOKEN_CONFIG, gql, ROOT, startTestLattice } from '../helpers/lattice.ts';
import { rawConnect } from '../helpers/rawWs.ts';

const FEDERATION_TOKEN = 'federation-gateway-token';
const ORIGIN = 'https://portal.example.com';
let prod: Lattice;
let dev: Lattice;

beforeAll(async () => {
  const tokens = [ADMIN_TOKEN_CONFIG, { name: 'router', sha256: sha256Hex(FEDERATION_TOKEN), user: 'router', roles: ['Federation'] }];
  [prod, dev] = await Promise.all([
    startTestLattice({ mode: 'production', introspection: false, graphiql: false, cors: { origins: [ORIGIN] }, auth: { anonymous: true, tokens }, federation: { enabled: true, roles: ['Federation'] } }),
    startTestLattice(),
  ]);
});
afterAll(async () => {
  await Promise.all([prod?.close(), dev?.close()]);
});

const overWs = async (url: string, query: string, token?: string) => {
  const c = await rawConnect(url);
  await c.init(token);
  const result = await c.run('1', query);
  c.ws.close();
  return result;
};

describe('production mode defaults', () => {
  it('NODE_ENV=production selects production mode: introspection and GraphiQL off; otherwise development keeps them on', () => {
    const production = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }, ROOT);
    expect([production.mode, production.introspection, production.graphiql]).toEqual(['production', false, false]);
    const development = loadConfig({ LOG_LEVEL: 'silent' }, ROOT);
    expect([development.mode, development.introspection, development.graphiql]).toEqual(['development', true, true]);
    expect(development.cors.origins).toEqual([]);
  });
});

describe('production mode', () => {
  it('refuses introspection over HTTP and graphql-ws', async () => {
    const res = await gql(prod.url, '{ __schema { types { name } } }');
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.data).toBeUndefined();
    const ws = await overWs(prod.url, '{ __schema { types { name } } }');
    expect(ws.error?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await gql(dev.url, '{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('answers _service and _entities only to a federation role (FORBIDDEN otherwise, fragments included, over ws too)', async () => {
    for (const token of [undefined, ADMIN_TOKEN]) {
      const res = await gql(prod.url, '{ _service { sdl } }', undefined, { token });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(res)).not.toContain('type Component');
    }
    const hidden = await gql(prod.url, '{ ...F } fragment F on Query { _entities(representations: []) { __typename } }');
    expect(hidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await overWs(prod.url, '{ _service { sdl } }')).error?.[0].extensions.code).toBe('FORBIDDEN');
    const router = await gql(prod.url, '{ _service { sdl } }', undefined, { token: FEDERATION_TOKEN });
    expect(router.data._service.sdl).toContain('type Component');
    expect((await overWs(prod.url, '{ _service { sdl } }', FEDERATION_TOKEN)).next?.data._service.sdl).toContain('type Component');
    // Not a subgraph unless server.federation.enabled: the field is not in the schema at all.
    expect((await gql(dev.url, '{ _service { sdl } }')).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('drops "Did you mean" hints from validation errors over HTTP and graphql-ws (development keeps them)', async () => {
    const typo = '{ domian(identifier: "Orders") { title } }';
    const res = await gql(prod.url, typo);
    expect(res.errors?.[0].message).toBe('Cannot query field "domian" on type "Query".');
    expect((await overWs(prod.url, typo)).error?.[0].message).toBe('Cannot query field "domian" on type "Query".');
    expect((await gql(dev.url, typo)).errors?.[0].message).toContain('Did you mean');
  });

  it('serves no GraphiQL page or assets', async () => {
    const page = await fetch(`${prod.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('GraphiQL');
    // Development serves the page and the bundle it names (built on first use: web/graphiql/build.ts); production neither.
    const html = await (await fetch(`${dev.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    const script = /<script type="module" src="(\/graphiql\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${dev.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${prod.url}${script}`)).status).toBe(404);
    expect((await fetch(`${dev.url}/graphiql/assets/nothing-here.js`)).status).toBe(404);
  });

  it('keeps /healthz, /readyz and /metrics answering', async () => {
    expect((await fetch(`${prod.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${prod.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${prod.url}/metrics`)).status).toBe(200);
  });
});

describe('CSRF prevention (every mode)', () => {
  const q = encodeURIComponent('{ domain(identifier: "Orders") { title } }');
  it('refuses a GET without a preflight header, answers one with apollo-require-preflight', async () => {
    for (const lattice of [prod, dev]) {
      const bare = await fetch(`${lattice.url}/graphql?query=${q}`, { headers: { accept: 'application/json' } });
      expect(bare.status).toBe(400);
      expect(await bare.text()).toContain('CSRF');
      const ok = await fetch(`${lattice.url}/graphql?query=${q}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
      expect(await ok.json()).toMatchObject({ data: { domain: { title: 'Orders' } } });
    }
  });

  it('refuses a text/plain POST (a simple request a foreign page can send)', async () => {
    const res = await fetch(`${prod.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.status).toBe(400);
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });

  it('allows only the listed origins (server.cors.origins), and none by default', async () => {
    const allowed = await preflight(prod.url, ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await preflight(prod.url, 'https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(dev.url, ORIGIN)).headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(`${prod.url}/graphql`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(post.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});
