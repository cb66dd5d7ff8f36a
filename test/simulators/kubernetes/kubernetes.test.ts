/**
 * The Kubernetes simulator speaks the real API: the real kubectl (Debian's package, installed by
 * .ci/install-kubectl.sh) and @kubernetes/client-node (what Lattice's Kubernetes source uses)
 * run against it. Then the protocol details the source depends on, over plain HTTP: pagination,
 * watches from a resourceVersion, 410 Expired, selectors, the three patch types, the scale
 * subresource, controllers keeping pods in step, tokens, and a cluster that is down.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppsV1Api, CoreV1Api, KubeConfig, KubernetesObjectApi, makeInformer, Watch, type V1Deployment, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfigFor } from './kubeconfig.ts';
import { KUBERNETES_ID_LABEL, seedCluster, SEED_NAMESPACE } from './seed.ts';
import { matchesLabels, parseFieldSelector, parseLabelSelector, SelectorError } from './selectors.ts';
import { startKubernetesSimulator, type KubeObject, type KubernetesSimulator } from './server.ts';

const run = promisify(execFile);
const TOKEN = 'lattice-simulator-token';
const SLO = { group: 'lattice.dev', version: 'v1', kind: 'ServiceLevel', shortNames: ['slo'] };

/** Polls until `check` returns a value other than undefined/false (gives up after 10 s). */
async function until<T>(check: () => T | undefined | false, what = 'condition'): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface HttpAnswer {
  status: number;
  body: any;
  contentType: string | null;
}

async function call(sim: KubernetesSimulator, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(sim.token ? { authorization: `Bearer ${sim.token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // plain text (health endpoints)
  }
  return { status: response.status, body: parsed, contentType: response.headers.get('content-type') };
}

function clientFor(sim: KubernetesSimulator, context = 'staging'): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigFor(sim, { context }).yaml);
  return kc;
}

function names(objects: readonly { metadata?: { name?: string } }[]): string[] {
  return objects.map((o) => o.metadata?.name as string);
}

function deploymentBody(name: string, replicas: number, labels: Record<string, string> = { app: name }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: `ghcr.io/acme/${name}:1.0.0`, ports: [{ containerPort: 8080 }] }] } },
    },
  };
}

interface WatchRecorder {
  events: { type: string; object: any }[];
  /** 'open' while streaming; then null (clean end) or the error. */
  ended: unknown;
  abort(): void;
}

async function watchPath(kc: KubeConfig, path: string, params: Record<string, string | number | boolean | undefined>): Promise<WatchRecorder> {
  const recorder: WatchRecorder = { events: [], ended: 'open', abort: () => {} };
  const controller = await new Watch(kc).watch(
    path,
    params,
    (type, object) => recorder.events.push({ type, object }),
    (error) => {
      recorder.ended = error ?? null;
    },
  );
  recorder.abort = () => controller.abort();
  return recorder;
}

describe('kubectl against the simulator', () => {
  let sim: KubernetesSimulator;
  let dir: string;

  const kubectl = async (...args: string[]): Promise<string> => {
    const { stdout } = await run('kubectl', ['--server', sim.url, '--cache-dir', join(dir, 'cache'), ...args], {
      timeout: 30_000,
      env: { ...process.env, HOME: dir, KUBECONFIG: join(dir, 'empty-kubeconfig') },
    });
    return stdout;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lattice-kubectl-'));
    writeFileSync(join(dir, 'empty-kubeconfig'), 'apiVersion: v1\nkind: Config\n');
    // No token: kubectl (client-go) sends credentials only over TLS, never to an http:// server.
    sim = await startKubernetesSimulator({ name: 'staging', customResources: [SLO] });
  });

  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists deployments across namespaces with a set-based label selector: kubectl get deployments -A -o json -l 'app in (cart)'", async () => {
    const list = JSON.parse(await kubectl('get', 'deployments', '-A', '-o', 'json', '-l', 'app in (cart)'));
    expect(list.kind).toBe('List');
    expect(list.items).toHaveLength(1);
    const [cart] = list.items;
    expect(cart).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cart-service', namespace: SEED_NAMESPACE, labels: { app: 'cart', [KUBERNETES_ID_LABEL]: 'CartService' } } });
    expect(cart.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 });

    const others = JSON.parse(await kubectl('get', 'deployments', '-A', '-o', 'json', '-l', 'app notin (cart),!k8s-app'));
    expect(names(others.items)).toEqual(['products-service']);
  });

  it('prints pods as a server-side table: kubectl get pods -n orders', async () => {
    const out = await kubectl('get', 'pods', '-n', SEED_NAMESPACE);
    const lines = out.trim().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const rows = lines.slice(1).map((l) => l.split(/\s+/));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r[0]).every((n) => /^(cart|products)-service-[a-z0-9]{10}-[a-z0-9]{5}$/.test(n))).toBe(true);
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['1/1', 'Running'],
      ['1/1', 'Running'],
    ]);
    const wide = await kubectl('get', 'pods', '-n', SEED_NAMESPACE, '-o', 'wide');
    expect(wide).toMatch(/IP\s+NODE/);
    expect(wide).toContain('staging-node-');
  });

  it('scales a deployment: kubectl scale, then the deployment and its pods follow', async () => {
    expect(await kubectl('scale', 'deployment', 'cart-service', '--replicas=3', '-n', SEED_NAMESPACE)).toContain('deployment.apps/cart-service scaled');
    const deployment = JSON.parse(await kubectl('get', 'deployment', 'cart-service', '-n', SEED_NAMESPACE, '-o', 'json'));
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3, observedGeneration: deployment.metadata.generation });
    const pods = JSON.parse(await kubectl('get', 'pods', '-n', SEED_NAMESPACE, '-l', 'app=cart', '-o', 'json'));
    expect(pods.items).toHaveLength(3);
    for (const pod of pods.items) {
      expect(pod.status.phase).toBe('Running');
      expect(pod.metadata.labels).toMatchObject({ app: 'cart', [KUBERNETES_ID_LABEL]: 'CartService' });
      expect(pod.metadata.ownerReferences[0]).toMatchObject({ kind: 'ReplicaSet', controller: true });
      expect(pod.status.containerStatuses[0]).toMatchObject({ image: 'ghcr.io/acme/cart-service:1.5.0-rc.1', ready: true, restartCount: 0 });
    }
    expect(await kubectl('scale', 'deployment', 'cart-service', '--replicas=1', '-n', SEED_NAMESPACE)).toContain('scaled');
    expect(JSON.parse(await kubectl('get', 'pods', '-n', SEED_NAMESPACE, '-l', 'app=cart', '-o', 'json')).items).toHaveLength(1);
  });

  it('discovers the API: kubectl api-resources lists the built-in kinds and the custom resource', async () => {
    const out = await kubectl('api-resources');
    const rows = out
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(/\s+/));
    const byName = new Map(rows.map((r) => [r[0], r]));
    expect(byName.get('pods')).toEqual(['pods', 'po', 'v1', 'true', 'Pod']);
    expect(byName.get('deployments')).toEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
    expect(byName.get('jobs')).toEqual(['jobs', 'batch/v1', 'true', 'Job']);
    expect(byName.get('namespaces')).toEqual(['namespaces', 'ns', 'v1', 'false', 'Namespace']);
    expect(byName.get('servicelevels')).toEqual(['servicelevels', 'slo', 'lattice.dev/v1', 'true', 'ServiceLevel']);
    expect(await kubectl('version', '-o', 'json')).toContain('v1.32.0-lattice-simulator');
  });

  it('creates, patches and deletes through kubectl; a deleted pod is replaced by its ReplicaSet', async () => {
    const file = join(dir, 'slo.json');
    writeFileSync(file, JSON.stringify({ apiVersion: 'lattice.dev/v1', kind: 'ServiceLevel', metadata: { name: 'cart-availability', namespace: SEED_NAMESPACE }, spec: { objective: 99.9 } }));
    expect(await kubectl('create', '-f', file)).toContain('servicelevel.lattice.dev/cart-availability created');
    expect(JSON.parse(await kubectl('get', 'slo', '-n', SEED_NAMESPACE, '-o', 'json')).items[0].spec.objective).toBe(99.9);

    await kubectl('patch', 'deployment', 'products-service', '-n', SEED_NAMESPACE, '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":"backend"}}}');
    await kubectl('patch', 'deployment', 'products-service', '-n', SEED_NAMESPACE, '--type', 'json', '-p', '[{"op":"add","path":"/metadata/annotations/owner","value":"team-products"}]');
    await kubectl('label', 'deployment', 'products-service', '-n', SEED_NAMESPACE, 'stage=beta');
    const patched = JSON.parse(await kubectl('get', 'deploy', 'products-service', '-n', SEED_NAMESPACE, '-o', 'json'));
    expect(patched.metadata.labels).toMatchObject({ tier: 'backend', stage: 'beta', app: 'products' });
    expect(patched.metadata.annotations.owner).toBe('team-products');

    await kubectl('set', 'image', 'deployment/products-service', `products-service=ghcr.io/acme/products-service:2.2.0`, '-n', SEED_NAMESPACE);
    const rolled = JSON.parse(await kubectl('get', 'pods', '-n', SEED_NAMESPACE, '-l', 'app=products', '-o', 'json'));
    expect(rolled.items.map((p: any) => p.spec.containers[0].image)).toEqual(['ghcr.io/acme/products-service:2.2.0']);
    expect(rolled.items[0].spec.containers[0].ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);

    const [pod] = JSON.parse(await kubectl('get', 'pods', '-n', SEED_NAMESPACE, '-l', 'app=cart', '-o', 'json')).items;
    expect(await kubectl('delete', 'pod', pod.metadata.name, '-n', SEED_NAMESPACE, '--wait=false')).toContain('deleted');
    const after = JSON.parse(await kubectl('get', 'pods', '-n', SEED_NAMESPACE, '-l', 'app=cart', '-o', 'json')).items;
    expect(after).toHaveLength(1);
    expect(after[0].metadata.name).not.toBe(pod.metadata.name);
  });

  it('reads a kubeconfig from kubeconfigFor', async () => {
    const file = join(dir, 'kubeconfig.yaml');
    writeFileSync(file, kubeconfigFor(sim, { context: 'staging', namespace: SEED_NAMESPACE }).yaml);
    const { stdout } = await run('kubectl', ['--kubeconfig', file, '--cache-dir', join(dir, 'cache'), 'get', 'services', '-o', 'name'], { timeout: 30_000, env: { ...process.env, HOME: dir } });
    expect(stdout.trim().split('\n')).toEqual(['service/cart-service', 'service/products-service']);
  });

  it('is refused by a simulator that requires a token, since kubectl sends no credentials over http', async () => {
    const guarded = await startKubernetesSimulator({ token: TOKEN });
    try {
      const refused = await run('kubectl', ['--server', guarded.url, '--token', TOKEN, '--cache-dir', join(dir, 'cache-guarded'), 'get', 'pods', '-A'], {
        timeout: 30_000,
        env: { ...process.env, HOME: dir, KUBECONFIG: join(dir, 'empty-kubeconfig') },
      }).then(
        () => 'succeeded',
        (error: { stderr: string }) => error.stderr,
      );
      expect(refused).toMatch(/Unauthorized|provide credentials/);
      expect(guarded.stats.statuses[401]).toBeGreaterThan(0);
    } finally {
      await guarded.close();
    }
  });
});

describe('@kubernetes/client-node against the simulator', () => {
  let sim: KubernetesSimulator;
  let kc: KubeConfig;

  beforeAll(async () => {
    sim = await startKubernetesSimulator({ name: 'production', token: TOKEN, extraPods: 25, customResources: [SLO] });
    kc = clientFor(sim, 'production');
  });

  afterAll(async () => {
    await sim.close();
  });

  it('resolves kinds through discovery (KubernetesObjectApi): a custom resource and a Deployment', async () => {
    sim.apply({ apiVersion: 'lattice.dev/v1', kind: 'ServiceLevel', metadata: { name: 'cart-latency', namespace: SEED_NAMESPACE, labels: { app: 'cart' } }, spec: { objective: 99 } });
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const slos = await objects.list('lattice.dev/v1', 'ServiceLevel', SEED_NAMESPACE);
    expect(names(slos.items)).toEqual(['cart-latency']);
    const deployment = await objects.read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cart-service', namespace: SEED_NAMESPACE } });
    expect((deployment as V1Deployment).status?.readyReplicas).toBe(3);
    sim.delete('servicelevels', SEED_NAMESPACE, 'cart-latency');
  });

  it('lists with limit/continue from one snapshot, items without kind, one resourceVersion for all pages', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const seen: V1Pod[] = [];
    const versions = new Set<string>();
    const remaining: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await core.listPodForAllNamespaces({ limit: 10, _continue: token });
      if (pages === 0) sim.scale(SEED_NAMESPACE, 'cart-service', 4); // changes after the first page do not reach later pages
      pages++;
      seen.push(...page.items);
      versions.add(page.metadata?.resourceVersion as string);
      if (page.metadata?.remainingItemCount !== undefined) remaining.push(page.metadata.remainingItemCount);
      token = page.metadata?._continue || undefined;
    } while (token);
    const total = 25 + 3 + 2 + 2; // load pods, cart, products, coredns
    expect(seen).toHaveLength(total);
    expect(pages).toBe(Math.ceil(total / 10));
    expect(versions.size).toBe(1);
    expect(remaining).toEqual([total - 10, total - 20, total - 30]);
    expect(new Set(names(seen)).size).toBe(total);
    const keys = seen.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
    expect(keys).toEqual([...keys].sort());
    const raw = await call(sim, 'GET', '/api/v1/namespaces/orders/pods?limit=1');
    expect(raw.body.items[0].kind).toBeUndefined();
    expect(raw.body).toMatchObject({ kind: 'PodList', apiVersion: 'v1' });
    expect(sim.list('pods', { namespace: SEED_NAMESPACE, labelSelector: 'app=cart' })).toHaveLength(4);
    sim.scale(SEED_NAMESPACE, 'cart-service', 3);
  });

  it('watches from a resourceVersion: ADDED, MODIFIED, BOOKMARK and DELETED, each with a growing resourceVersion', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const list = await apps.listNamespacedDeployment({ namespace: SEED_NAMESPACE });
    const from = Number(list.metadata?.resourceVersion);
    expect(from).toBe(sim.cluster.resourceVersion);
    const watch = await watchPath(kc, `/apis/apps/v1/namespaces/${SEED_NAMESPACE}/deployments`, { resourceVersion: String(from), allowWatchBookmarks: true });
    expect(sim.stats.openWatches).toBe(1);

    await apps.createNamespacedDeployment({ namespace: SEED_NAMESPACE, body: deploymentBody('checkout', 1) as V1Deployment });
    await apps.patchNamespacedDeployment({ namespace: SEED_NAMESPACE, name: 'checkout', body: [{ op: 'replace', path: '/spec/replicas', value: 2 }] });
    await until(() => watch.events.some((e) => e.type === 'MODIFIED' && e.object.status?.readyReplicas === 2), 'the scaled status');
    sim.sendBookmarks();
    await until(() => watch.events.some((e) => e.type === 'BOOKMARK'), 'a bookmark');
    await apps.deleteNamespacedDeployment({ namespace: SEED_NAMESPACE, name: 'checkout' });
    await until(() => watch.events.some((e) => e.type === 'DELETED'), 'the deletion');

    const types = watch.events.map((e) => e.type);
    expect(types[0]).toBe('ADDED');
    expect(types).toContain('MODIFIED');
    expect(types.at(-1)).toBe('DELETED');
    expect(watch.events.every((e) => e.object.metadata.name === 'checkout' || e.type === 'BOOKMARK')).toBe(true);
    const bookmark = watch.events.find((e) => e.type === 'BOOKMARK')?.object;
    expect(bookmark).toEqual({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { resourceVersion: expect.any(String), creationTimestamp: null } });
    const versions = watch.events.map((e) => Number(e.object.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[0]).toBeGreaterThan(from);
    watch.abort();
    await until(() => sim.stats.openWatches === 0, 'the watch to close');
  });

  it('answers a watch from an expired resourceVersion with an ERROR event holding a 410 Expired Status', async () => {
    const from = sim.cluster.resourceVersion;
    sim.patch('deployments', SEED_NAMESPACE, 'products-service', { metadata: { labels: { touched: 'yes' } } });
    sim.expireResourceVersions();
    const watch = await watchPath(kc, '/apis/apps/v1/deployments', { resourceVersion: String(from) });
    await until(() => watch.ended !== 'open', 'the end of the watch');
    expect(watch.ended).toBeNull();
    expect(watch.events).toEqual([
      {
        type: 'ERROR',
        object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${from} (${sim.cluster.resourceVersion})`, reason: 'Expired', code: 410 },
      },
    ]);
    // From the current resourceVersion a watch works.
    const current = await watchPath(kc, '/apis/apps/v1/deployments', { resourceVersion: String(sim.cluster.resourceVersion) });
    sim.patch('deployments', SEED_NAMESPACE, 'products-service', { metadata: { labels: { touched: 'again' } } });
    await until(() => current.events.length === 1, 'the change');
    expect(current.events[0].type).toBe('MODIFIED');
    current.abort();
  });

  it("answers HTTP 410 with expiredWatch: 'status', and a continue token after expiry with 410 and a token to resume", async () => {
    const strict = await startKubernetesSimulator({ name: 'staging', expiredWatch: 'status' });
    try {
      const skc = clientFor(strict);
      const old = strict.cluster.resourceVersion;
      strict.scale(SEED_NAMESPACE, 'cart-service', 2);
      strict.expireResourceVersions();
      const watch = await watchPath(skc, '/api/v1/pods', { resourceVersion: String(old) });
      await until(() => watch.ended !== 'open', 'the refusal');
      expect((watch.ended as { statusCode: number }).statusCode).toBe(410);
      const direct = await call(strict, 'GET', `/api/v1/pods?watch=true&resourceVersion=${old}`);
      expect(direct.status).toBe(410);
      expect(direct.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });

      const core = skc.makeApiClient(CoreV1Api);
      const first = await core.listPodForAllNamespaces({ limit: 2 });
      strict.expireResourceVersions();
      const expired = await core.listPodForAllNamespaces({ limit: 2, _continue: first.metadata?._continue }).then(
        () => undefined,
        (error: { code: number; body: string }) => error,
      );
      expect(expired?.code).toBe(410);
      const status = JSON.parse(expired?.body as string);
      expect(status).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410, metadata: { continue: expect.any(String) } });
      const rest = await core.listPodForAllNamespaces({ limit: 100, _continue: status.metadata.continue });
      expect([...names(first.items), ...names(rest.items)]).toEqual(names(strict.list('pods')));

      const exact = await call(strict, 'GET', `/api/v1/pods?resourceVersion=${old}&resourceVersionMatch=Exact`);
      expect(exact.status).toBe(410);
      const notOlderThan = await call(strict, 'GET', `/api/v1/pods?resourceVersion=${old}`);
      expect(notOlderThan.status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('sends open watches an ERROR 410 when resourceVersions expire in the middle of a watch', async () => {
    const watch = await watchPath(kc, '/api/v1/pods', { resourceVersion: String(sim.cluster.resourceVersion) });
    sim.expireResourceVersions();
    await until(() => watch.ended !== 'open', 'the end of the watch');
    expect(watch.events.map((e) => [e.type, e.object.code, e.object.reason])).toEqual([['ERROR', 410, 'Expired']]);
  });

  it('ends watch streams on dropWatches: cleanly, or abruptly', async () => {
    const clean = await watchPath(kc, '/api/v1/namespaces', { allowWatchBookmarks: true });
    await until(() => clean.events.length === 4, 'the initial ADDED events');
    expect(clean.events.map((e) => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'default'],
      ['ADDED', 'kube-system'],
      ['ADDED', 'load'],
      ['ADDED', 'orders'],
    ]);
    sim.dropWatches();
    await until(() => clean.ended !== 'open', 'the clean end');
    expect(clean.ended).toBeNull();

    const abrupt = await watchPath(kc, '/api/v1/pods', { resourceVersion: String(sim.cluster.resourceVersion) });
    sim.dropWatches({ abrupt: true });
    await until(() => abrupt.ended !== 'open', 'the abrupt end');
    expect(abrupt.ended).toBeInstanceOf(Error);
    expect(sim.stats.openWatches).toBe(0);
  });

  it('feeds an informer: one list and one watch, then the cache follows scaling, a dropped watch and a 410 re-list', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const listFn = () => core.listNamespacedPod({ namespace: SEED_NAMESPACE, labelSelector: 'app=cart' });
    const informer = makeInformer(kc, `/api/v1/namespaces/${SEED_NAMESPACE}/pods`, listFn, 'app=cart');
    const before = { ...sim.stats.byVerb };
    await informer.start();
    const cached = (): string[] => names(informer.list(SEED_NAMESPACE)).sort();
    const served = (): string[] => names(sim.list('pods', { namespace: SEED_NAMESPACE, labelSelector: 'app=cart' })).sort();
    await until(() => sim.stats.openWatches === 1, 'the watch');
    expect(sim.stats.byVerb.list - before.list).toBe(1);
    expect(sim.stats.byVerb.watch - before.watch).toBe(1);
    expect(cached()).toEqual(served());

    sim.scale(SEED_NAMESPACE, 'cart-service', 5);
    await until(() => cached().length === 5, 'five pods in the cache');
    expect(cached()).toEqual(served());
    const calls = sim.stats.requests;
    sim.scale(SEED_NAMESPACE, 'cart-service', 2);
    await until(() => cached().length === 2, 'two pods in the cache');
    expect(sim.stats.requests).toBe(calls); // changes arrive over the open watch

    sim.dropWatches();
    await until(() => sim.stats.byVerb.watch - before.watch === 2 && sim.stats.openWatches === 1, 'the informer to watch again');
    sim.scale(SEED_NAMESPACE, 'cart-service', 3);
    await until(() => cached().length === 3, 'three pods in the cache');

    const lists = sim.stats.byVerb.list;
    sim.expireResourceVersions();
    await until(() => sim.stats.byVerb.list === lists + 1 && sim.stats.openWatches === 1, 'the re-list');
    sim.scale(SEED_NAMESPACE, 'cart-service', 1);
    await until(() => cached().length === 1, 'one pod in the cache');
    expect(cached()).toEqual(served());
    await informer.stop();
  });
});

describe('Kubernetes API protocol', () => {
  let sim: KubernetesSimulator;

  beforeAll(async () => {
    sim = await startKubernetesSimulator({ name: 'staging', customResources: [SLO] });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('parses label selectors as the API server does', () => {
    const labels = { app: 'cart', tier: 'backend', 'backstage.io/kubernetes-id': 'CartService', rank: '3' };
    const match = (selector: string): boolean => matchesLabels(parseLabelSelector(selector), labels);
    expect(parseLabelSelector('app in (cart, products),!canary, tier!=frontend')).toEqual([
      { key: 'app', operator: 'in', values: ['cart', 'products'] },
      { key: 'canary', operator: '!', values: [] },
      { key: 'tier', operator: '!=', values: ['frontend'] },
    ]);
    expect(match('')).toBe(true);
    expect(match('app in (cart)')).toBe(true);
    expect(match('app notin (cart)')).toBe(false);
    expect(match('app=cart,tier==backend')).toBe(true);
    expect(match('backstage.io/kubernetes-id=CartService')).toBe(true);
    expect(match('tier')).toBe(true);
    expect(match('!tier')).toBe(false);
    expect(match('missing!=x')).toBe(true);
    expect(match('missing notin (x)')).toBe(true);
    expect(match('missing in (x)')).toBe(false);
    expect(match('rank>2,rank<4')).toBe(true);
    expect(match('rank>3')).toBe(false);
    expect(match('app in (cart,)')).toBe(true);
    for (const bad of ['app in cart', 'app in ()', '=cart', 'app=(x)', 'app==a b', 'app>x', '-bad-=x']) expect(() => parseLabelSelector(bad), bad).toThrow(SelectorError);
    expect(parseFieldSelector('metadata.name=a\\,b,metadata.namespace!=x', 'Pod')).toEqual([
      { field: 'metadata.name', negated: false, value: 'a,b' },
      { field: 'metadata.namespace', negated: true, value: 'x' },
    ]);
    expect(() => parseFieldSelector('spec.replicas=1', 'Deployment')).toThrow('field label not supported: spec.replicas');
  });

  it('filters lists by label and field selectors, and answers 400 for a bad one', async () => {
    const byLabel = await call(sim, 'GET', `/apis/apps/v1/deployments?labelSelector=${encodeURIComponent('backstage.io/kubernetes-id in (CartService,ProductsService)')}`);
    expect(names(byLabel.body.items)).toEqual(['cart-service', 'products-service']);
    const byField = await call(sim, 'GET', `/api/v1/services?fieldSelector=${encodeURIComponent('metadata.name=cart-service,metadata.namespace=orders')}`);
    expect(names(byField.body.items)).toEqual(['cart-service']);
    const running = await call(sim, 'GET', `/api/v1/pods?fieldSelector=status.phase%3DRunning&labelSelector=app%3Dproducts`);
    expect(running.body.items).toHaveLength(1);
    const bad = await call(sim, 'GET', `/api/v1/pods?labelSelector=${encodeURIComponent('app in cart')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    expect((await call(sim, 'GET', '/api/v1/pods?fieldSelector=spec.foo%3Dx')).body.message).toBe('field label not supported: spec.foo');
  });

  it('serves discovery documents in the legacy formats', async () => {
    const api = await call(sim, 'GET', '/api');
    expect(api.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = await call(sim, 'GET', '/apis');
    expect(groups.body.kind).toBe('APIGroupList');
    expect(groups.body.groups.map((g: any) => g.name)).toEqual(['apps', 'batch', 'lattice.dev']);
    expect(groups.body.groups[0]).toEqual({ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } });
    const apps = await call(sim, 'GET', '/apis/apps/v1');
    expect(apps.body).toMatchObject({ kind: 'APIResourceList', groupVersion: 'apps/v1' });
    expect(apps.body.resources.find((r: any) => r.name === 'deployments/scale')).toEqual({ name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    expect((await call(sim, 'GET', '/apis/apps')).body).toMatchObject({ kind: 'APIGroup', name: 'apps' });
    expect((await call(sim, 'GET', '/api/v1')).body.resources.map((r: any) => r.name)).toEqual(['namespaces', 'pods', 'services', 'configmaps']);
    expect((await call(sim, 'GET', '/version')).body).toMatchObject({ major: '1', minor: '32' });
    const missing = await call(sim, 'GET', '/apis/example.com/v1/widgets');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
  });

  it('applies merge, strategic merge and JSON patches, with a resourceVersion precondition', async () => {
    const path = `/apis/apps/v1/namespaces/${SEED_NAMESPACE}/deployments/products-service`;
    const merge = await call(sim, 'PATCH', path, { metadata: { labels: { tier: 'backend', 'app.kubernetes.io/part-of': null } } }, { 'content-type': 'application/merge-patch+json' });
    expect(merge.status).toBe(200);
    expect(merge.body.metadata.labels.tier).toBe('backend');
    expect(merge.body.metadata.labels['app.kubernetes.io/part-of']).toBeUndefined();

    const strategic = await call(
      sim,
      'PATCH',
      path,
      { spec: { template: { spec: { containers: [{ name: 'products-service', env: [{ name: 'LOG_LEVEL', value: 'debug' }] }] } } } },
      { 'content-type': 'application/strategic-merge-patch+json' },
    );
    const container = strategic.body.spec.template.spec.containers[0];
    expect(container).toMatchObject({ name: 'products-service', image: 'ghcr.io/acme/products-service:2.1.0-rc.3', env: [{ name: 'LOG_LEVEL', value: 'debug' }] });
    expect(strategic.body.metadata.generation).toBe(2);

    const json = await call(
      sim,
      'PATCH',
      path,
      [
        { op: 'test', path: '/spec/replicas', value: 1 },
        { op: 'add', path: '/metadata/annotations/owner', value: 'team-products' },
        { op: 'replace', path: '/spec/replicas', value: 2 },
      ],
      { 'content-type': 'application/json-patch+json' },
    );
    expect(json.status).toBe(200);
    expect(json.body.spec.replicas).toBe(2);
    expect(json.body.metadata.annotations.owner).toBe('team-products');
    expect(sim.list('pods', { namespace: SEED_NAMESPACE, labelSelector: 'app=products' })).toHaveLength(2);

    const failedTest = await call(sim, 'PATCH', path, [{ op: 'test', path: '/spec/replicas', value: 7 }], { 'content-type': 'application/json-patch+json' });
    expect(failedTest.status).toBe(422);
    const stale = await call(sim, 'PATCH', path, { metadata: { resourceVersion: '1', labels: { x: 'y' } } }, { 'content-type': 'application/merge-patch+json' });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    const unsupported = await call(sim, 'PATCH', path, { spec: {} }, { 'content-type': 'application/apply-patch+yaml' });
    expect(unsupported.status).toBe(415);
    const status = await call(sim, 'PATCH', path, { status: { replicas: 99 } }, { 'content-type': 'application/merge-patch+json' });
    expect(status.body.status.replicas).toBe(2); // status is not written through the resource
  });

  it('serves the scale subresource: GET, PUT and PATCH of an autoscaling/v1 Scale', async () => {
    const path = `/apis/apps/v1/namespaces/${SEED_NAMESPACE}/deployments/cart-service/scale`;
    const scale = await call(sim, 'GET', path);
    expect(scale.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'cart-service', namespace: SEED_NAMESPACE }, spec: { replicas: 1 }, status: { replicas: 1, selector: 'app=cart' } });
    const put = await call(sim, 'PUT', path, { ...scale.body, spec: { replicas: 4 } });
    expect(put.body).toMatchObject({ spec: { replicas: 4 }, status: { replicas: 4 } });
    expect(sim.get('deployments', SEED_NAMESPACE, 'cart-service')?.status).toMatchObject({ replicas: 4, readyReplicas: 4 });
    const conflict = await call(sim, 'PUT', path, { ...scale.body, spec: { replicas: 5 } });
    expect(conflict.status).toBe(409);
    const patch = await call(sim, 'PATCH', path, { spec: { replicas: 0 } }, { 'content-type': 'application/merge-patch+json' });
    expect(patch.body.spec.replicas).toBe(0);
    expect(sim.list('pods', { namespace: SEED_NAMESPACE, labelSelector: 'app=cart' })).toHaveLength(0);
    const deployment = sim.get('deployments', SEED_NAMESPACE, 'cart-service');
    expect(deployment?.status.replicas).toBeUndefined(); // zeros are omitted, as by the API server
    expect(deployment?.status.conditions.map((c: any) => [c.type, c.status])).toEqual([
      ['Available', 'True'],
      ['Progressing', 'True'],
    ]);
    const negative = await call(sim, 'PATCH', path, { spec: { replicas: -1 } }, { 'content-type': 'application/merge-patch+json' });
    expect(negative.status).toBe(422);
    sim.scale(SEED_NAMESPACE, 'cart-service', 1);
  });

  it('keeps one growing resourceVersion across creates, updates and deletes, and creates objects as the API does', async () => {
    const rv0 = sim.cluster.resourceVersion;
    const created = await call(sim, 'POST', `/api/v1/namespaces/${SEED_NAMESPACE}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'settings-' }, data: { a: '1' } });
    expect(created.status).toBe(201);
    expect(created.body.metadata.name).toMatch(/^settings-[a-z0-9]{5}$/);
    expect(created.body.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const rv1 = Number(created.body.metadata.resourceVersion);
    expect(rv1).toBeGreaterThan(rv0);
    const name = created.body.metadata.name;
    const again = await call(sim, 'POST', `/api/v1/namespaces/${SEED_NAMESPACE}/configmaps`, { metadata: { name }, data: {} });
    expect(again.body).toMatchObject({ reason: 'AlreadyExists', code: 409, message: `configmaps "${name}" already exists` });
    const put = await call(sim, 'PUT', `/api/v1/namespaces/${SEED_NAMESPACE}/configmaps/${name}`, { ...created.body, data: { a: '2' } });
    expect(Number(put.body.metadata.resourceVersion)).toBeGreaterThan(rv1);
    const list = await call(sim, 'GET', '/api/v1/configmaps');
    expect(Number(list.body.metadata.resourceVersion)).toBe(sim.cluster.resourceVersion);
    const deleted = await call(sim, 'DELETE', `/api/v1/namespaces/${SEED_NAMESPACE}/configmaps/${name}`);
    expect(deleted.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name, kind: 'configmaps' } });
    expect((await call(sim, 'GET', `/api/v1/namespaces/${SEED_NAMESPACE}/configmaps/${name}`)).body).toMatchObject({ reason: 'NotFound', message: `configmaps "${name}" not found` });
    expect((await call(sim, 'POST', '/api/v1/namespaces/nowhere/configmaps', { metadata: { name: 'x' } })).body.message).toBe('namespaces "nowhere" not found');
    const badDeployment = await call(sim, 'POST', `/apis/apps/v1/namespaces/${SEED_NAMESPACE}/deployments`, { ...deploymentBody('bad', 1), spec: { ...deploymentBody('bad', 1).spec, selector: { matchLabels: { app: 'other' } } } });
    expect(badDeployment.status).toBe(422);

    const yaml = await call(sim, 'POST', `/api/v1/namespaces/${SEED_NAMESPACE}/configmaps`, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  a: "1"\n', { 'content-type': 'application/yaml' });
    expect(yaml.body).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'from-yaml', namespace: SEED_NAMESPACE }, data: { a: '1' } });
    const protobuf = await call(sim, 'POST', `/api/v1/namespaces/${SEED_NAMESPACE}/configmaps`, 'k8s\u0000', { 'content-type': 'application/vnd.kubernetes.protobuf' });
    expect(protobuf.body).toMatchObject({ reason: 'UnsupportedMediaType', code: 415 });

    const slo = await call(sim, 'POST', `/apis/lattice.dev/v1/namespaces/${SEED_NAMESPACE}/servicelevels`, { apiVersion: 'lattice.dev/v1', kind: 'ServiceLevel', metadata: { name: 'cart' }, spec: { objective: 99.5 }, status: { met: true } });
    expect(slo.body).toMatchObject({ kind: 'ServiceLevel', spec: { objective: 99.5 }, status: { met: true }, metadata: { generation: 1 } });
  });

  it('streams watches with selectors: an object leaving the selection arrives as DELETED', async () => {
    const from = sim.cluster.resourceVersion;
    const response = await fetch(`${sim.url}/apis/apps/v1/deployments?watch=true&labelSelector=tier%3Dfrontend&resourceVersion=${from}`);
    expect(response.headers.get('content-type')).toBe('application/json');
    sim.patch('deployments', SEED_NAMESPACE, 'cart-service', { metadata: { labels: { tier: 'frontend' } } });
    sim.patch('deployments', SEED_NAMESPACE, 'cart-service', { metadata: { annotations: { note: 'x' } } });
    sim.patch('deployments', SEED_NAMESPACE, 'cart-service', { metadata: { labels: { tier: null } } });
    sim.dropWatches();
    const lines = (await response.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(lines[0].object).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'cart-service' } });
  });

  it('sends initial events then a bookmark marking their end (sendInitialEvents)', async () => {
    const response = await fetch(`${sim.url}/api/v1/namespaces/${SEED_NAMESPACE}/services?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`);
    sim.dropWatches();
    const events = (await response.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => [e.type, e.object.metadata.name ?? null])).toEqual([
      ['ADDED', 'cart-service'],
      ['ADDED', 'products-service'],
      ['BOOKMARK', null],
    ]);
    expect(events[2].object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });

  it('counts requests by verb, a watch once', async () => {
    const counted = await startKubernetesSimulator({ name: 'staging' });
    try {
      await call(counted, 'GET', '/apis/apps/v1');
      await call(counted, 'GET', '/api/v1/pods');
      await call(counted, 'GET', `/api/v1/namespaces/${SEED_NAMESPACE}/services/cart-service`);
      const watch = await fetch(`${counted.url}/api/v1/pods?watch=true`);
      counted.scale(SEED_NAMESPACE, 'cart-service', 3);
      await call(counted, 'PATCH', `/api/v1/namespaces/${SEED_NAMESPACE}/services/cart-service`, { metadata: { labels: { a: 'b' } } }, { 'content-type': 'application/merge-patch+json' });
      counted.dropWatches();
      await watch.text();
      expect(counted.stats.byVerb).toEqual({ list: 1, watch: 1, get: 1, create: 0, update: 0, patch: 1, delete: 0 });
      expect(counted.stats.discovery).toBe(1);
      expect(counted.stats.requests).toBe(5);
      expect(counted.stats.byResource).toEqual({ 'v1/pods': 2, 'v1/services': 2 });
      await counted.reset();
      expect(counted.stats.requests).toBe(0);
      expect(counted.list('pods', { labelSelector: 'app=cart' })).toHaveLength(1);
    } finally {
      await counted.close();
    }
  });

  it('requires the bearer token when one is set (but not for /version)', async () => {
    const guarded = await startKubernetesSimulator({ token: TOKEN });
    try {
      const anonymous = await fetch(`${guarded.url}/api/v1/pods`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
      expect((await fetch(`${guarded.url}/api/v1/pods`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
      expect((await call(guarded, 'GET', '/api/v1/pods')).status).toBe(200);
      expect((await fetch(`${guarded.url}/version`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('goes down and up: connections refused, or 503 for every request', async () => {
    const flaky = await startKubernetesSimulator({ name: 'production' });
    try {
      const watch = await fetch(`${flaky.url}/api/v1/pods?watch=true`);
      const body = watch.text().then(
        () => 'ended',
        () => 'broken',
      );
      await flaky.setDown(true);
      expect(await body).toBe('broken');
      const refused = await fetch(`${flaky.url}/api/v1/pods`).then(
        () => undefined,
        (error: { cause?: { code?: string } }) => error.cause?.code,
      );
      expect(refused).toBe('ECONNREFUSED');
      await flaky.setDown(false);
      expect((await call(flaky, 'GET', '/api/v1/pods')).status).toBe(200);

      await flaky.setDown(true, 'unavailable');
      const unavailable = await call(flaky, 'GET', '/api/v1/pods');
      expect(unavailable.status).toBe(503);
      expect(unavailable.body).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
      await flaky.setDown(false);
      expect((await call(flaky, 'GET', '/apis/apps/v1/deployments')).body.items).toHaveLength(3);
    } finally {
      await flaky.close();
    }
  });

  it('follows replicas after readyDelayMs: pods start Pending, then become Ready', async () => {
    const slow = await startKubernetesSimulator({ name: 'staging', readyDelayMs: 30 });
    try {
      const initial = slow.get('deployments', SEED_NAMESPACE, 'cart-service');
      expect(initial?.status).toMatchObject({ replicas: 1 });
      await until(() => slow.get('deployments', SEED_NAMESPACE, 'cart-service')?.status.readyReplicas === 1, 'the seeded pod to be ready');
      slow.scale(SEED_NAMESPACE, 'cart-service', 3);
      const scaling = slow.get('deployments', SEED_NAMESPACE, 'cart-service');
      expect(scaling?.status).toMatchObject({ replicas: 3, readyReplicas: 1, unavailableReplicas: 2 });
      expect(slow.list('pods', { labelSelector: 'app=cart' }).map((p) => p.status.phase).sort()).toEqual(['Pending', 'Pending', 'Running']);
      await until(() => slow.get('deployments', SEED_NAMESPACE, 'cart-service')?.status.readyReplicas === 3, 'three ready pods');
      expect(slow.list('pods', { labelSelector: 'app=cart' }).every((p) => p.status.containerStatuses[0].ready)).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it('collects garbage: a deleted deployment takes its ReplicaSets and pods, a deleted namespace everything in it', async () => {
    const gc = await startKubernetesSimulator({ name: 'production' });
    try {
      gc.delete('deployments', SEED_NAMESPACE, 'cart-service');
      expect(gc.list('replicasets', { labelSelector: 'app=cart' })).toEqual([]);
      expect(gc.list('pods', { labelSelector: 'app=cart' })).toEqual([]);
      expect(gc.list('pods', { labelSelector: 'app=products' })).toHaveLength(2);
      const deleted = await call(gc, 'DELETE', `/api/v1/namespaces/${SEED_NAMESPACE}`);
      expect(deleted.body).toMatchObject({ kind: 'Namespace', metadata: { name: SEED_NAMESPACE } });
      expect(gc.list('pods', { namespace: SEED_NAMESPACE })).toEqual([]);
      expect(gc.list('services', { namespace: SEED_NAMESPACE })).toEqual([]);
      expect(gc.list('pods', { namespace: 'kube-system' })).toHaveLength(2);
    } finally {
      await gc.close();
    }
  });

  it('answers Tables for kubectl-style Accept headers', async () => {
    const table = await call(sim, 'GET', `/apis/apps/v1/namespaces/${SEED_NAMESPACE}/deployments`, undefined, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
    });
    expect(table.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(table.body.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    expect(table.body.rows[0].cells.slice(0, 4)).toEqual(['cart-service', '1/1', 1, 1]);
    expect(table.body.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'cart-service' } });
  });
});

describe('seed and kubeconfig', () => {
  it('seeds staging and production with the catalog services, different replicas, and extra pods on demand', () => {
    const deployments = (cluster: string) => seedCluster(cluster).filter((o) => o.kind === 'Deployment' && o.metadata.namespace === SEED_NAMESPACE);
    const replicas = (cluster: string) => Object.fromEntries(deployments(cluster).map((d) => [d.metadata.name, d.spec.replicas]));
    expect(replicas('staging')).toEqual({ 'cart-service': 1, 'products-service': 1 });
    expect(replicas('production')).toEqual({ 'cart-service': 3, 'products-service': 2 });
    expect(deployments('production').map((d) => d.spec.template.metadata.labels)).toEqual([
      { app: 'cart', [KUBERNETES_ID_LABEL]: 'CartService' },
      { app: 'products', [KUBERNETES_ID_LABEL]: 'ProductsService' },
    ]);
    const big = seedCluster('staging', { extraPods: 1000 });
    expect(big.filter((o) => o.kind === 'Pod')).toHaveLength(1000);
    expect(big.find((o) => o.kind === 'Pod')).toMatchObject({ metadata: { name: 'load-000', namespace: 'load' }, status: { phase: 'Running' } });
  });

  it('writes one kubeconfig for several simulators, one context each', async () => {
    const staging = await startKubernetesSimulator({ name: 'staging' });
    const production = await startKubernetesSimulator({ name: 'production', token: TOKEN });
    try {
      const { yaml, document } = kubeconfigFor(
        [
          { sim: staging, context: 'staging' },
          { sim: production, context: 'production', namespace: SEED_NAMESPACE },
        ],
        { currentContext: 'production' },
      );
      expect(document.users[1].user).toEqual({ token: TOKEN });
      const kc = new KubeConfig();
      kc.loadFromString(yaml);
      expect(kc.getContexts().map((c) => c.name)).toEqual(['staging', 'production']);
      expect(kc.getCurrentCluster()?.server).toBe(production.url);
      const productionPods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: SEED_NAMESPACE, labelSelector: 'app=cart' });
      expect(productionPods.items).toHaveLength(3);
      kc.setCurrentContext('staging');
      const stagingPods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: SEED_NAMESPACE, labelSelector: 'app=cart' });
      expect(stagingPods.items).toHaveLength(1);
    } finally {
      await Promise.all([staging.close(), production.close()]);
    }
  });
});
