/**
 * Live Kubernetes data, end to end: two Kubernetes API simulators (`staging`, `production`, with
 * bearer tokens) behind one kubeconfig, the shipped example configuration
 * (examples/kubernetes/lattice.yaml) pointed at them, real HTTP and graphql-ws. API calls are
 * counted by the simulators.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config/index.ts';
import type { Config, SourceConfig } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { gql, ROOT, startTestLattice } from '../helpers/lattice.ts';
import { kubeconfigFor } from '../simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubeObject, type KubernetesSimulator } from '../simulators/kubernetes/server.ts';
import { freePort } from '../helpers/ports.ts';

const EXAMPLE = path.join(ROOT, 'examples/kubernetes/lattice.yaml');
const LABEL = 'backstage.io/kubernetes-id';
const PAGE_SIZE = 2;
let staging: KubernetesSimulator;
let production: KubernetesSimulator;
let kubeconfigFile: string;
const started: Lattice[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  staging = await startKubernetesSimulator({ name: 'staging', token: 'staging-token' });
  production = await startKubernetesSimulator({ name: 'production', token: 'production-token' });
  kubeconfigFile = path.join(mkdtempSync(path.join(tmpdir(), 'lattice-kube-')), 'kubeconfig');
  writeFileSync(kubeconfigFile, kubeconfigFor([{ sim: staging, context: 'staging' }, { sim: production, context: 'production' }]).yaml);
});
afterAll(async () => {
  await Promise.all([staging?.close(), production?.close()]);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await Promise.all(started.splice(0).map((l) => l.close()));
  await Promise.all([staging.reset(), production.reset()]);
});

/** The shipped example configuration, pointed at the simulators (small pages, short backoff). */
function exampleConfig(options: Record<string, unknown> = {}): Partial<Config> {
  const config = loadConfig({ LATTICE_CONFIG: EXAMPLE, KUBECONFIG_FILE: kubeconfigFile }, ROOT);
  const [kubernetes] = config.sources;
  const source: SourceConfig = { ...kubernetes, options: { ...kubernetes.options, pageSize: PAGE_SIZE, maxBackoffMs: 200, ...options } };
  return { blueprintsDir: config.blueprintsDir, catalogDir: config.catalogDir, sources: [source] };
}

async function gateway(overrides: Partial<Config> = {}): Promise<Lattice> {
  const lattice = await startTestLattice({ ...exampleConfig(), ...overrides });
  started.push(lattice);
  return lattice;
}

async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sims = () => [staging, production];
const verbs = () => sims().map((s) => ({ ...s.stats.byVerb, requests: s.stats.requests }));

const DASHBOARD = `{
  components { nodes { identifier workloadsByComponent { nodes { identifier cluster readyReplicas desiredReplicas images restarts } } } }
}`;

const STATE = '{ workloads { nodes { identifier desiredReplicas readyReplicas availableReplicas images component { identifier } } } pods { nodes { identifier workload { identifier } } } }';

/** What the simulators hold, as the example's mappings should serve it. */
function simulatorState() {
  const deployments = sims().flatMap((s) => s.list('deployments', { labelSelector: LABEL }).map((d) => ({ sim: s, d })));
  const pods = sims().flatMap((s) => s.list('pods', { labelSelector: LABEL }).map((p) => ({ sim: s, p })));
  const id = (sim: KubernetesSimulator, o: KubeObject) => `${sim.name}/${o.metadata.namespace}/${o.metadata.name}`;
  return {
    workloads: {
      nodes: deployments
        .map(({ sim, d }) => ({
          identifier: id(sim, d),
          desiredReplicas: d.spec.replicas,
          readyReplicas: d.status?.readyReplicas ?? 0,
          availableReplicas: d.status?.availableReplicas ?? 0,
          images: d.spec.template.spec.containers.map((c: { image: string }) => c.image),
          component: { identifier: d.metadata.labels?.[LABEL] },
        }))
        .sort((a, b) => a.identifier.localeCompare(b.identifier)),
    },
    pods: {
      nodes: pods
        .map(({ sim, p }) => ({ identifier: id(sim, p), workload: { identifier: `${sim.name}/${p.metadata.namespace}/${p.metadata.ownerReferences?.[0].name.replace(`-${p.metadata.labels?.['pod-template-hash']}`, '')}` } }))
        .sort((a, b) => a.identifier.localeCompare(b.identifier)),
    },
  };
}

/** What the gateway serves, sorted as simulatorState() is; `errors` as the response had them. */
async function served(l: Lattice) {
  const res = await gql(l.url, STATE);
  const sort = <T extends { identifier: string }>(nodes: T[]) => [...nodes].sort((a, b) => a.identifier.localeCompare(b.identifier));
  return { errors: res.errors, state: { workloads: { nodes: sort(res.data.workloads.nodes) }, pods: { nodes: sort(res.data.pods.nodes) } } };
}

async function servedState(l: Lattice) {
  const { errors, state } = await served(l);
  expect(errors).toBeUndefined();
  return state;
}

// While a re-list is under way, a pod may point for a moment at a workload the other kind's list
// already dropped (a dangling relation error): not yet the same state; look again.
const sameAsSimulators = async (l: Lattice) => {
  const { errors, state } = await served(l);
  return errors === undefined && JSON.stringify(state) === JSON.stringify(simulatorState());
};

describe('Kubernetes source: initial sync, then served from the watched state', () => {
  it('a dashboard over components with their workloads in two clusters costs 0 Kubernetes API calls', async () => {
    const l = await gateway();
    // The initial sync: one paginated list per kind and cluster, then one watch each.
    const pages = (s: KubernetesSimulator) => ['deployments', 'pods'].reduce((n, r) => n + Math.max(1, Math.ceil(s.list(r, { labelSelector: LABEL }).length / PAGE_SIZE)), 0);
    for (const s of sims()) {
      expect(s.stats.byVerb.list).toBe(pages(s));
      expect(s.stats.byVerb.watch).toBe(2);
      expect(s.stats.byVerb.get).toBe(0);
      expect(s.stats.openWatches).toBe(2);
    }
    expect(production.stats.byVerb.list).toBeGreaterThan(2); // 5 pods in pages of 2: continue tokens were followed

    const before = verbs();
    const res = await gql(l.url, DASHBOARD);
    const again = await gql(l.url, DASHBOARD);
    expect(verbs()).toEqual(before); // no list, get or watch: not one request

    expect(res.errors).toBeUndefined();
    expect(again.data).toEqual(res.data);
    const cart = res.data.components.nodes.find((c: { identifier: string }) => c.identifier === 'CartService');
    expect(cart.workloadsByComponent.nodes).toEqual([
      { identifier: 'production/orders/cart-service', cluster: 'production', readyReplicas: 3, desiredReplicas: 3, images: ['ghcr.io/acme/cart-service:1.4.2'], restarts: 0 },
      { identifier: 'staging/orders/cart-service', cluster: 'staging', readyReplicas: 1, desiredReplicas: 1, images: ['ghcr.io/acme/cart-service:1.5.0-rc.1'], restarts: 0 },
    ]);
    const products = res.data.components.nodes.find((c: { identifier: string }) => c.identifier === 'ProductsService');
    expect(products.workloadsByComponent.nodes.map((w: { identifier: string; restarts: number }) => [w.identifier, w.restarts])).toEqual([
      ['production/orders/products-service', 4], // two pods restarted twice each
      ['staging/orders/products-service', 0],
    ]);
    expect(await servedState(l)).toEqual(simulatorState());
  });

  it('/readyz answers 503 until the initial sync is done', async () => {
    const slow = await startKubernetesSimulator({ name: 'staging', latencyMs: 400 });
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'lattice-kube-'));
      writeFileSync(path.join(dir, 'kubeconfig'), kubeconfigFor(slow, { context: 'slow' }).yaml);
      const port = await freePort();
      const config = exampleConfig({ clusters: [{ name: 'staging', kubeconfig: path.join(dir, 'kubeconfig') }] });
      const starting = startTestLattice({ ...config, port });
      const first = await until(() => fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined), 'the server to listen');
      expect(first.status).toBe(503);
      expect(((await first.json()) as { status: string }).status).toBe('syncing');
      const l = await starting;
      started.push(l);
      const ready = await fetch(`${l.url}/readyz`);
      expect(ready.status).toBe(200);
      const res = await gql(l.url, '{ workloads { totalCount } lattice { sources { synced } } }');
      expect(res.data).toEqual({ workloads: { totalCount: 2 }, lattice: { sources: [{ synced: true }] } });
    } finally {
      await Promise.all(started.splice(0).map((l) => l.close()));
      await slow.close();
    }
  });
});

describe('Kubernetes source: watch events', () => {
  it('scaling a deployment reaches a client subscribed with entityChanged', async () => {
    const l = await gateway();
    const events: any[] = [];
    const c = createClient({ url: `${l.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
    clients.push(c);
    c.subscribe(
      { query: 'subscription { entityChanged(blueprint: WORKLOAD) { identifier change entity { ... on Workload { desiredReplicas readyReplicas cluster } } } }' },
      { next: (v) => events.push(v), error: () => undefined, complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 200)); // the subscription reaches the server
    production.scale('orders', 'cart-service', 5);
    const ready = await until(() => events.find((e) => e.data?.entityChanged.identifier === 'production/orders/cart-service' && e.data.entityChanged.entity?.readyReplicas === 5), 'readyReplicas 5 on the subscription');
    expect(ready.data.entityChanged).toEqual({ identifier: 'production/orders/cart-service', change: 'UPSERTED', entity: { desiredReplicas: 5, readyReplicas: 5, cluster: 'production' } });
    // Only the workload that changed is reported; pods are another blueprint.
    expect(new Set(events.map((e) => e.data.entityChanged.identifier))).toEqual(new Set(['production/orders/cart-service']));

    production.delete('deployments', 'orders', 'cart-service');
    await until(() => events.some((e) => e.data.entityChanged.change === 'DELETED'), 'the deletion');
    expect(events.at(-1).data.entityChanged).toEqual({ identifier: 'production/orders/cart-service', change: 'DELETED', entity: null });
  });

  it('a 410 in the middle of a watch leads to a re-list, and the served state equals the simulator\'s', async () => {
    const l = await gateway();
    expect(await servedState(l)).toEqual(simulatorState());
    const lists = production.stats.byVerb.list;
    const stagingLists = staging.stats.byVerb.list;
    // Open watches get an ERROR 410 event and end; what changes next reaches no watch, only the re-list.
    production.expireResourceVersions();
    production.scale('orders', 'cart-service', 4);
    production.delete('deployments', 'orders', 'products-service');
    const checkout = structuredClone(production.get('deployments', 'orders', 'cart-service') as KubeObject);
    production.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'checkout-service', namespace: 'orders', labels: { app: 'checkout', [LABEL]: 'CartService' } },
      spec: { ...checkout.spec, replicas: 2, selector: { matchLabels: { app: 'checkout' } }, template: { ...checkout.spec.template, metadata: { labels: { app: 'checkout', [LABEL]: 'CartService' } } } },
    });
    await until(() => sameAsSimulators(l), 'the served state to equal the simulators\'');
    expect(production.stats.byVerb.list).toBeGreaterThan(lists); // re-listed
    expect(staging.stats.byVerb.list).toBe(stagingLists); // the other cluster was not touched
    const served = await servedState(l);
    expect(served.workloads.nodes.filter((w) => w.identifier.startsWith('production/'))).toEqual([
      expect.objectContaining({ identifier: 'production/orders/cart-service', desiredReplicas: 4, readyReplicas: 4 }),
      expect.objectContaining({ identifier: 'production/orders/checkout-service', desiredReplicas: 2, component: { identifier: 'CartService' } }),
    ]);
    // And it watches again: a later change arrives as an event.
    production.scale('orders', 'cart-service', 1);
    await until(() => sameAsSimulators(l), 'the later change');
  });

  it('dropped watches reconnect from their resourceVersion, and a later change is still seen', async () => {
    const l = await gateway();
    const before = verbs();
    staging.dropWatches(); // ended cleanly
    production.dropWatches({ abrupt: true }); // connections destroyed
    await until(() => sims().every((s, i) => s.stats.openWatches === 2 && s.stats.byVerb.watch >= before[i].watch + 2), 'the watches to reconnect');
    staging.scale('orders', 'products-service', 3);
    production.scale('orders', 'products-service', 4);
    await until(() => sameAsSimulators(l), 'the changes');
    const res = await gql(l.url, '{ workloads(filter: { identifier: { endsWith: "products-service" } }) { nodes { identifier readyReplicas } } }');
    expect(res.data.workloads.nodes).toEqual([
      { identifier: 'production/orders/products-service', readyReplicas: 4 },
      { identifier: 'staging/orders/products-service', readyReplicas: 3 },
    ]);
    // Resumed from the last resourceVersion: no re-list.
    expect(verbs().map((v) => v.list)).toEqual(before.map((v) => v.list));
  });
});

describe('Kubernetes source: partial failure per cluster', () => {
  const STATUS = 'lattice { sources { name synced clusters { name synced entities error } } }';

  it('a cluster that is down: the other cluster\'s workloads are still served, with a typed error naming the missing one', async () => {
    const l = await gateway();
    await production.setDown(true);
    // Each kind's reflector finds out on its own: wait for both.
    await until(async () => (await gql(l.url, `{ ${STATUS} }`)).data?.lattice.sources[0].clusters[1].error?.match(/deployments.*pods/), 'production to be reported down');

    const res = await gql(l.url, `{ components { nodes { identifier workloadsByComponent { nodes { identifier readyReplicas } } } } ${STATUS} }`);
    const cart = res.data.components.nodes.find((c: { identifier: string }) => c.identifier === 'CartService');
    expect(cart.workloadsByComponent.nodes).toEqual([{ identifier: 'staging/orders/cart-service', readyReplicas: 1 }]);
    expect(res.errors).toEqual([
      {
        message: expect.stringMatching(/^Kubernetes cluster "production" \(source "kubernetes"\) is unavailable: .*ECONNREFUSED/),
        locations: expect.any(Array),
        path: ['lattice', 'sources', 0, 'clusters', 1, 'entities'],
        extensions: { code: 'UPSTREAM_UNAVAILABLE', source: 'kubernetes', cluster: 'production' },
      },
    ]);
    expect(res.data.lattice.sources).toEqual([
      {
        name: 'kubernetes',
        synced: false,
        clusters: [
          { name: 'staging', synced: true, entities: 4, error: null },
          { name: 'production', synced: false, entities: null, error: expect.stringContaining('ECONNREFUSED') },
        ],
      },
    ]);

    // Back up: production is served again, and current.
    production.scale('orders', 'cart-service', 2);
    await production.setDown(false);
    await until(async () => (await gql(l.url, `{ ${STATUS} }`)).data?.lattice.sources[0].synced, 'production to be synced again');
    await until(() => sameAsSimulators(l), 'production\'s workloads to be served again');
    const back = await gql(l.url, `{ ${STATUS} }`);
    expect(back.errors).toBeUndefined();
    expect(back.data.lattice.sources[0].clusters[1]).toEqual({ name: 'production', synced: true, entities: 6, error: null }); // 2 workloads, 2 + 2 pods
  });

  it('starts with one cluster down: ready, serving the other, the down one named', async () => {
    await production.setDown(true, 'unavailable'); // every request answers 503
    const l = await gateway();
    expect((await fetch(`${l.url}/readyz`)).status).toBe(200);
    const res = await gql(l.url, `{ workloads { nodes { identifier } } ${STATUS} }`);
    expect(res.data.workloads.nodes.map((w: { identifier: string }) => w.identifier)).toEqual(['staging/orders/cart-service', 'staging/orders/products-service']);
    expect(res.errors?.map((e) => e.extensions)).toEqual([{ code: 'UPSTREAM_UNAVAILABLE', source: 'kubernetes', cluster: 'production' }]);
    expect(res.data.lattice.sources[0].clusters[1].error).toMatch(/HTTP 503 ServiceUnavailable/);
  });
});


describe('the update_pod_count action (KUBERNETES) in the watched clusters', () => {
  it('scales the deployment in the chosen cluster; the watch serves the new replica count', async () => {
    const { sha256Hex } = await import('../../src/auth/authenticate.ts');
    const lattice = await gateway({ actionsDir: path.join(ROOT, 'schema/actions'), auth: { anonymous: true, tokens: [{ name: 'ops', sha256: sha256Hex('tok-ops'), user: 'ops@example.com', roles: ['SRE'] }] } });
    const res = await fetch(`${lattice.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer tok-ops' },
      body: JSON.stringify({ query: 'mutation { updatePodCount(entity: "CartService", input: { replicas: 5 }) { id status } }' }),
    });
    const body = (await res.json()) as { data: { updatePodCount: { id: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const runId = body.data.updatePodCount.id;
    await until(() => (production.get('deployments', 'orders', 'cart-service') as { spec: { replicas: number } }).spec.replicas === 5, 'the scale in production');
    expect((staging.get('deployments', 'orders', 'cart-service') as { spec: { replicas: number } }).spec.replicas).not.toBe(5);
    const run = await until(async () => {
      const r = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer tok-ops' }, body: JSON.stringify({ query: `{ run(id: "${runId}") { status summary } }` }) });
      const d = ((await r.json()) as { data: { run: { status: string; summary: string } } }).data.run;
      return d.status === 'SUCCESS' ? d : undefined;
    }, 'the run to succeed');
    expect(run.summary).toBe('Deployment orders/cart-service scaled to 5');
    const served = await until(async () => {
      const r = await gql(lattice.url, '{ workloads { nodes { identifier desiredReplicas } } }');
      return r.data.workloads.nodes.find((w: { identifier: string; desiredReplicas: number }) => w.identifier === 'production/orders/cart-service' && w.desiredReplicas === 5);
    }, 'the watch to serve 5 replicas');
    expect(served).toBeTruthy();
  });
});
