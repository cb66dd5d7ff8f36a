/**
 * The GraphiQL page as src/server/graphiql.ts serves it, over real HTTP: to a browser with no
 * credentials even where anonymous callers are refused (the page is how they give a token), with
 * its settings as JSON, and the bundle's content-hashed assets cached for good. (What the page does in a browser: test/e2e/graphiql.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN_CONFIG, startTestLattice, testConfig } from '../helpers/lattice.ts';

let lattice: Lattice;
beforeAll(async () => {
  lattice = await startTestLattice({ auth: { ...testConfig().auth, anonymous: false, tokens: [ADMIN_TOKEN_CONFIG] } });
});
afterAll(async () => {
  await lattice?.close();
});

describe('the GraphiQL page', () => {
  it('is served to a browser without credentials where anonymous callers are refused, and names its bundle', async () => {
    const api = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(api.status).toBe(401);

    const res = await fetch(`${lattice.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    // The page names the current bundle: never cached (the assets it names are, for good).
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const config = /<script id="lattice-graphiql-config" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(config!)).toMatchObject({ endpoint: '/graphql', defaultQuery: expect.stringContaining('Authorization') });
    const script = /<script type="module" src="(\/graphiql\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /<link rel="stylesheet" href="(\/graphiql\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    for (const asset of [script, style]) {
      const a = await fetch(`${lattice.url}${asset}`);
      expect(a.status, asset).toBe(200);
      expect(a.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
    }
  });
});
