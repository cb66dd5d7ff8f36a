/**
 * End-to-end: GraphiQL in real headless Chromium, with no internet. Starts a real Lattice server,
 * opens /graphql as a browser would (Accept: text/html), blocks and records every request to a host
 * other than 127.0.0.1/localhost, sets a query in the editor, presses the run button and checks the
 * result pane. Asserts that no off-host request was even attempted and that the page threw nothing.
 * Needs Debian's chromium at /usr/bin/chromium (.ci/install-chromium.sh installs it); the test
 * fails, rather than skips, when it is missing. Screenshot: test-output/graphiql.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { ROOT, startTestLattice } from '../helpers/lattice.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.join(ROOT, 'test-output/graphiql.png');
const QUERY = '{ component(identifier: "CartService") { title type } }';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

describe('GraphiQL in headless Chromium, offline', () => {
  let lattice: Lattice;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run .ci/install-chromium.sh`);
    lattice = await startTestLattice();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // playwright adds its own headless flag; these are the ones we want on top.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await lattice?.close();
  });

  it('loads from local assets only and runs a query', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const blocked: string[] = [];
    const failed: string[] = [];
    const pageErrors: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if ((url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname)) return route.continue();
      if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      blocked.push(url.href);
      return route.abort('internetdisconnected');
    });
    await context.routeWebSocket(/.*/, (ws) => {
      const url = new URL(ws.url());
      if (LOCAL_HOSTS.has(url.hostname)) return ws.connectToServer();
      blocked.push(url.href);
      return ws.close();
    });

    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('requestfailed', (req) => failed.push(`${req.url()}: ${req.failure()?.errorText}`));

    try {
      const response = await page.goto(`${lattice.url}/graphql`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/text\/html/);
      expect(await response?.request().allHeaders()).toMatchObject({ accept: expect.stringContaining('text/html') });

      // GraphiQL rendered: the query editor is a live CodeMirror instance.
      const editor = page.locator('.graphiql-query-editor .CodeMirror');
      await editor.waitFor({ state: 'visible', timeout: 15_000 }).catch((err: Error) => {
        throw new Error(`GraphiQL did not render: ${err.message}\n${JSON.stringify({ blocked, failed, pageErrors }, null, 2)}`);
      });
      await editor.click();
      await page.evaluate((query) => {
        const el = document.querySelector('.graphiql-query-editor .CodeMirror') as (Element & { CodeMirror?: { setValue(v: string): void } }) | null;
        if (!el?.CodeMirror) throw new Error('no CodeMirror instance on the query editor');
        el.CodeMirror.setValue(query);
      }, QUERY);
      await expect.poll(() => page.locator('.graphiql-query-editor .CodeMirror-code').innerText()).toContain('CartService');

      const graphqlRequest = page.waitForRequest((req) => req.method() === 'POST' && new URL(req.url()).pathname === '/graphql');
      await page.locator('button.graphiql-execute-button').click();
      expect((await graphqlRequest).postDataJSON()).toMatchObject({ query: QUERY });

      const result = page.locator('.graphiql-response .result-window');
      await expect.poll(() => result.innerText(), { timeout: 10_000 }).toContain('Cart Service');
      const text = await result.innerText();
      expect(text).toContain('SERVICE');
      expect(text).not.toContain('"errors"');

      expect(blocked).toEqual([]);
      expect(failed).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      // Always, so a failure leaves a picture of what the browser showed.
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT }).catch(() => undefined);
      await context.close();
    }
  });
});
