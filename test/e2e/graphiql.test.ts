/**
 * End-to-end: GraphiQL 5 in real headless Chromium, with no internet. One real Lattice server over
 * the Kubernetes example (two Kubernetes API simulators behind one kubeconfig, the shipped
 * actions), its page opened as a browser does; every request to a host other than
 * 127.0.0.1/localhost is blocked and recorded, and each test asserts none was even attempted and
 * that the page threw nothing. What is shown:
 * - a query run from the editor; the Authorization header typed in the Headers tab survives a
 *   reload and is sent (an Admin-only field answers);
 * - a subscription run from the editor over graphql-ws, authenticated with that header in
 *   `connection_init`, showing an entity change the test makes over HTTP;
 * - the Catalog graph of CartService (both directions), a click on a node expanding it, another
 *   entity picked starting a new picture;
 * - the Actions form of update_pod_count: a bad value refused in the form (no request), a good one
 *   run to SUCCESS with its logs, the deployment scaled in the simulated cluster;
 * - where anonymous callers are refused: the page opens, and the schema loads once a token is given.
 * The first test to open the page waits for the bundle (web/graphiql/build.ts) when none is cached.
 * Needs Debian's chromium at /usr/bin/chromium (test/setup installs it); the test fails, rather
 * than skips, when it is missing. Screenshots: test-output/graphiql-*.png.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, ADMIN_TOKEN_CONFIG, gql, ROOT, startTestLattice, testConfig } from '../helpers/lattice.ts';
import { kubeconfigFor } from '../simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubernetesSimulator } from '../simulators/kubernetes/server.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(ROOT, 'test-output');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);
const HEADERS_EDITOR = 'section.graphiql-editor-tool[aria-label="Headers"]';
const AUTH_HEADERS = `{"Authorization": "Bearer ${ADMIN_TOKEN}"}`;

let lattice: Lattice;
let browser: Browser;
let staging: KubernetesSimulator;
let production: KubernetesSimulator;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run .ci/install-chromium.sh`);
  staging = await startKubernetesSimulator({ name: 'staging', token: 'staging-token' });
  production = await startKubernetesSimulator({ name: 'production', token: 'production-token' });
  const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'lattice-graphiql-')), 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor([{ sim: staging, context: 'staging' }, { sim: production, context: 'production' }]).yaml);
  const example = loadConfig({ LATTICE_CONFIG: path.join(ROOT, 'examples/kubernetes/lattice.yaml'), KUBECONFIG_FILE: kubeconfig }, ROOT);
  lattice = await startTestLattice({
    blueprintsDir: example.blueprintsDir,
    catalogDir: example.catalogDir,
    sources: example.sources,
    actionsDir: path.join(ROOT, 'schema/actions'),
    auth: { ...example.auth, anonymous: true, tokens: [ADMIN_TOKEN_CONFIG] },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // playwright adds its own headless flag; these are the ones we want on top.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await lattice?.close();
  await Promise.all([staging?.close(), production?.close()]);
});

interface Watched {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Saves test-output/graphiql-<name>.png now (else it is taken when the test ends). */
  screenshot(): Promise<void>;
  /** Off-host requests (blocked), failed requests, uncaught page errors: all must stay empty. */
  readonly problems: () => { blocked: string[]; failed: string[]; pageErrors: string[] };
}

/** A browser context that may only reach this machine, and a page in it whose failures are recorded. */
async function offlinePage(screenshot: () => Promise<void>): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
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
  return { context, page, screenshot, problems: () => ({ blocked, failed, pageErrors }) };
}

/** Opens GraphiQL and waits for its Monaco query editor. */
async function openGraphiql(w: Watched, server: Lattice = lattice): Promise<void> {
  const response = await w.page.goto(`${server.url}/graphql`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toMatch(/text\/html/);
  // The first page load of a fresh checkout waits for the bundle to be built (a few seconds).
  await w.page.locator('.graphiql-query-editor .monaco-editor').waitFor({ state: 'visible', timeout: 120_000 }).catch((err: Error) => {
    throw new Error(`GraphiQL did not render: ${err.message}\n${JSON.stringify(w.problems(), null, 2)}`);
  });
}

/** Replaces an editor's text as a user would: click, select all, type (Monaco's auto-closed brackets trimmed off). */
async function typeInto(page: Page, editor: string, text: string): Promise<void> {
  await page.locator(`${editor} .monaco-editor:visible`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  await expect.poll(() => editorText(page, editor)).toContain(text);
}

/** An editor's text as Monaco renders the lines it shows (its spaces are non-breaking). */
const editorText = async (page: Page, editor: string) => (await page.locator(`${editor} .monaco-editor:visible .view-lines`).innerText()).replace(/\u00a0/g, ' ');
const responseText = (page: Page) => editorText(page, '.graphiql-response');

/** Widens the plugin pane (GraphiQL's drag bar), so a screenshot shows the plugin at a readable size. */
async function widenPluginPane(page: Page, width: number): Promise<void> {
  const bar = (await page.locator('.graphiql-horizontal-drag-bar').first().boundingBox())!;
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
  await page.mouse.down();
  await page.mouse.move(width, bar.y + bar.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Runs `body`, then checks that nothing left the machine or broke; always leaves a screenshot (the test's own, or the last state). */
async function withPage(name: string, body: (w: Watched) => Promise<void>): Promise<void> {
  let taken = false;
  const w = await offlinePage(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await w.page.screenshot({ path: path.join(SCREENSHOTS, `graphiql-${name}.png`) });
    taken = true;
  });
  try {
    await body(w);
    expect(w.problems()).toEqual({ blocked: [], failed: [], pageErrors: [] });
  } finally {
    if (!taken) await w.screenshot().catch(() => undefined);
    await w.context.close();
  }
}

/** Opens a side plugin by its title (the sidebar buttons are labelled "Show <title>"). */
async function openPlugin(page: Page, title: string): Promise<void> {
  await page.locator(`.graphiql-sidebar button[aria-label="Show ${title}"]`).click();
}

describe('GraphiQL 5 in headless Chromium, offline', { timeout: 120_000 }, () => {
  it('loads from local assets only, runs a query, and keeps the Authorization header across a reload', async () => {
    await withPage('query', async (w) => {
      const { page } = w;
      await openGraphiql(w);
      // Anonymous first: the Admin-only audit log is refused.
      const query = '{ auditLog(first: 1) { nodes { event } } }';
      await typeInto(page, '.graphiql-query-editor', query);
      await page.locator('button.graphiql-execute-button').click();
      await expect.poll(() => responseText(page), { timeout: 15_000 }).toContain('UNAUTHENTICATED');

      await page.locator('button[data-name="headers"]').click();
      await typeInto(page, HEADERS_EDITOR, AUTH_HEADERS);
      // GraphiQL stores the editors' contents a moment after the last keystroke: wait for it, as a user would.
      // (The headers and the tabs, each holding them, are stored apart: both must be written.)
      await expect.poll(() => page.evaluate(() => ['graphiql:headers', 'graphiql:tabState'].every((k) => localStorage.getItem(k)?.includes('Bearer ')))).toBe(true);
      await page.reload({ waitUntil: 'load' });
      await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ state: 'visible', timeout: 30_000 });

      // After the reload: the header is still there and is what the request carries.
      await page.locator('button[data-name="headers"]').click();
      await expect.poll(() => editorText(page, HEADERS_EDITOR)).toContain(`Bearer ${ADMIN_TOKEN}`);
      const request = page.waitForRequest((req) => req.method() === 'POST' && new URL(req.url()).pathname === '/graphql' && (req.postData() ?? '').includes('auditLog'));
      await page.locator('button.graphiql-execute-button').click();
      expect((await request).headers()).toMatchObject({ authorization: `Bearer ${ADMIN_TOKEN}` });
      await expect.poll(() => responseText(page), { timeout: 15_000 }).toContain('"auditLog"');
      expect(await responseText(page)).not.toContain('UNAUTHENTICATED');
    });
  });

  it('runs a subscription over graphql-ws, authenticated with the editor\'s Authorization header', async () => {
    await withPage('subscription', async (w) => {
      const { page } = w;
      await page.addInitScript((headers) => localStorage.setItem('graphiql:headers', headers), AUTH_HEADERS);
      await openGraphiql(w);
      const frames: string[] = [];
      page.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(String(f.payload))));
      await typeInto(page, '.graphiql-query-editor', 'subscription { entityChanged(blueprint: COMPONENT, identifier: "GraphiqlProbe") { change identifier entity { title } } }');
      await page.locator('button.graphiql-execute-button').click();
      await expect.poll(() => frames.some((f) => f.includes('"type":"subscribe"')), { timeout: 15_000 }).toBe(true);
      const init = JSON.parse(frames.find((f) => f.includes('"type":"connection_init"'))!);
      expect(init.payload).toEqual({ authorization: `Bearer ${ADMIN_TOKEN}` });

      const write = await gql(lattice.url, 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "GraphiqlProbe", title: "Written while GraphiQL listens", properties: { type: "service" }) { identifier } }', undefined, { token: ADMIN_TOKEN });
      expect(write.errors).toBeUndefined();
      await expect.poll(() => responseText(page), { timeout: 15_000 }).toContain('Written while GraphiQL listens');
      const text = await responseText(page);
      expect(text).toContain('UPSERTED');
      expect(text).not.toContain('"errors"');
      await w.screenshot();
      await gql(lattice.url, 'mutation { deleteEntity(blueprint: COMPONENT, identifier: "GraphiqlProbe") }', undefined, { token: ADMIN_TOKEN });
    });
  });

  it('draws the catalog graph of CartService in both directions, and a click on a node expands it', async () => {
    await withPage('catalog-graph', async (w) => {
      const { page } = w;
      await openGraphiql(w);
      await openPlugin(page, 'Catalog graph');
      await widenPluginPane(page, 1000);
      await page.getByLabel('Blueprint').selectOption('Component');
      await page.getByLabel('Identifier').fill('CartService');
      await page.getByRole('button', { name: 'Show', exact: true }).click();

      const relations = page.getByRole('region', { name: 'Relations of the selected entity' });
      await expect.poll(() => relations.innerText(), { timeout: 15_000 }).toContain('CartAPI');
      const text = await relations.innerText();
      // Its dependencies (relations it holds) and its dependents (relations pointing at it).
      expect(text).toMatch(/→ system → Cart/);
      expect(text).toMatch(/→ resources → cart-sql-sb/);
      expect(text).toMatch(/→ components → CoreKafkaLibrary/);
      expect(text).toMatch(/← provider ← CartAPI/);
      expect(text).toMatch(/← component ← production\/orders\/cart-service/);
      const drawn = () => page.evaluate(() => window.latticeCatalogGraph!.nodes().map((n) => n.id()).sort());
      const before = await drawn();
      expect(before).toEqual(expect.arrayContaining(['COMPONENT:CartService', 'SYSTEM:Cart', 'API:CartAPI', 'RESOURCE:cart-sql-sb', 'WORKLOAD:production/orders/cart-service']));
      expect(before).not.toContain('DOMAIN:Orders');

      // Click the System node on the canvas: its own neighbourhood (its domain, its other components) joins the picture.
      const box = (await page.getByTestId('catalog-graph').boundingBox())!;
      // The node is clicked where it is drawn now; a click that lands while the layout still moves
      // it misses, so the poll clicks again (every 2 s) until the neighbourhood has joined.
      const clickSystem = async () => {
        const ids = await drawn();
        if (!ids.includes('DOMAIN:Orders')) {
          const at = await page.evaluate(() => window.latticeCatalogGraph!.getElementById('SYSTEM:Cart').renderedPosition());
          await page.mouse.click(box.x + at.x, box.y + at.y);
        }
        return ids;
      };
      await expect.poll(clickSystem, { timeout: 20_000, interval: 2_000 }).toContain('DOMAIN:Orders');
      expect((await drawn()).length).toBeGreaterThan(before.length);
      await expect.poll(() => relations.innerText()).toMatch(/→ domain → Orders/);
      // (A block body: returning Cytoscape's instance would make Playwright serialize all of it.)
      await page.evaluate(() => {
        window.latticeCatalogGraph!.fit(undefined, 20);
      });
      await w.screenshot();

      // Another entity picked: a new picture, without the previous one's nodes.
      await page.getByLabel('Blueprint').selectOption('Component');
      await page.getByLabel('Identifier').fill('ProductsService');
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await expect.poll(drawn, { timeout: 15_000 }).toContain('COMPONENT:ProductsService');
      await expect.poll(drawn).not.toContain('WORKLOAD:production/orders/cart-service');
    });
  });

  it('runs update_pod_count from its generated form to SUCCESS, with live status and logs', async () => {
    await withPage('actions', async (w) => {
      const { page } = w;
      await page.addInitScript((headers) => {
        localStorage.setItem('graphiql:headers', headers);
        localStorage.setItem('lattice:selectedEntity', JSON.stringify({ blueprint: 'COMPONENT', identifier: 'CartService' }));
      }, AUTH_HEADERS);
      await openGraphiql(w);
      await openPlugin(page, 'Actions');
      await widenPluginPane(page, 800);
      const action = page.locator('article[data-action="update_pod_count"]');
      await action.waitFor({ timeout: 15_000 });
      // The DAY-2 and DELETE actions of Component, as the API defines them; none of another blueprint, no CREATE action.
      const defined = (await gql(lattice.url, '{ actions { identifier operation blueprint } }')).data.actions as { identifier: string; operation: string; blueprint: string | null }[];
      const expected = defined.filter((a) => a.blueprint === 'COMPONENT' && a.operation !== 'CREATE').map((a) => a.identifier).sort();
      expect(expected).toContain('update_pod_count');
      expect(expected.length).toBeLessThan(defined.length);
      expect(await page.locator('article[data-action]').evaluateAll((a) => a.map((x) => x.getAttribute('data-action')).sort())).toEqual(expected);

      // Out of the input's JSON Schema range: refused in the form, nothing sent.
      const mutations: string[] = [];
      page.on('request', (req) => (req.postData() ?? '').includes('LatticeExecuteAction') && mutations.push(req.postData()!));
      const replicas = action.getByLabel('Replicas');
      await replicas.fill('51');
      await action.getByRole('button', { name: 'Run', exact: true }).click();
      await expect.poll(() => action.innerText()).toMatch(/must be <= 50/);
      expect(mutations).toEqual([]);

      await replicas.fill('3');
      await action.getByRole('button', { name: 'Run', exact: true }).click();
      const run = action.locator('.lattice-run');
      await expect.poll(() => run.getAttribute('data-status'), { timeout: 20_000 }).toBe('SUCCESS');
      expect(mutations).toHaveLength(1);
      expect(JSON.parse(mutations[0]!).variables).toEqual({ action: 'update_pod_count', entity: 'CartService', inputs: { replicas: 3 } });
      await expect.poll(() => run.getByRole('list', { name: 'Run logs' }).innerText()).toContain('invoking KUBERNETES');
      expect(await run.innerText()).toContain('Deployment orders/cart-service scaled to 3');
      expect((production.get('deployments', 'orders', 'cart-service') as { spec: { replicas: number } }).spec.replicas).toBe(3);
      expect((staging.get('deployments', 'orders', 'cart-service') as { spec: { replicas: number } }).spec.replicas).not.toBe(3);
      await run.scrollIntoViewIfNeeded();
      await w.screenshot();
    });
  });
});

describe('GraphiQL where anonymous callers are refused', { timeout: 120_000 }, () => {
  let closed: Lattice;
  beforeAll(async () => {
    closed = await startTestLattice({ auth: { ...testConfig().auth, anonymous: false, tokens: [ADMIN_TOKEN_CONFIG] } });
  });
  afterAll(async () => {
    await closed?.close();
  });

  it('opens, and loads the schema once the Authorization header is given and the schema re-fetched', async () => {
    await withPage('closed', async (w) => {
      const { page } = w;
      const introspections: number[] = [];
      page.on('response', (r) => (r.request().postData() ?? '').includes('IntrospectionQuery') && introspections.push(r.status()));
      await openGraphiql(w, closed);
      await expect.poll(() => introspections).toContain(401);
      await page.locator('button[data-name="headers"]').click();
      await typeInto(page, HEADERS_EDITOR, AUTH_HEADERS);
      await page.locator('.graphiql-sidebar button[aria-label^="Re-fetch GraphQL schema"]').click();
      await expect.poll(() => introspections, { timeout: 15_000 }).toContain(200);
      await typeInto(page, '.graphiql-query-editor', '{ component(identifier: "CartService") { title } }');
      await page.locator('button.graphiql-execute-button').click();
      await expect.poll(() => responseText(page), { timeout: 15_000 }).toContain('Cart Service');
    });
  });
});
