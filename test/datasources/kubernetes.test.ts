/**
 * The Kubernetes source on its own: the shipped example configuration loads; options and
 * resources are validated with JSON pointers; against the Kubernetes simulator, any kind by
 * group/version/resource (custom resources, cluster-scoped kinds), namespaces and selectors,
 * `cluster` in the mappings' input, snapshots served without API calls, change reports.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/model/blueprints/load.ts';
import { MemoryCache } from '../../src/data/memory/MemoryCache.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { SourceConfig } from '../../src/config/types.ts';
import { LatticeError } from '../../src/errors/index.ts';
import type { EntityChange } from '../../src/data/topics.ts';
import type { ResourceConfig } from '../../src/config/types.ts';
import { createSources } from '../../src/server/sources.ts';
import { createKubernetesSource, type KubernetesSource } from '../../datasources/kubernetes/source.ts';
import { ROOT } from '../helpers/lattice.ts';
import { kubeconfigFor } from '../simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubernetesSimulator } from '../simulators/kubernetes/server.ts';

const log = pino({ level: 'silent' });
const EXAMPLE_DIR = path.join(ROOT, 'examples/kubernetes');
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

function kubeconfigFile(yaml: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lattice-kube-')), 'kubeconfig');
  writeFileSync(file, yaml);
  return file;
}

const workloads: ResourceConfig = {
  kind: 'apps/v1/deployments',
  entity: { mappings: { identifier: '.cluster + "/" + .metadata.namespace + "/" + .metadata.name', blueprint: '"Workload"', properties: { ready: '.status.readyReplicas', kind: '.kind' } } },
};

function config(options: Record<string, unknown>, resources: ResourceConfig[] = [workloads], extra: Partial<SourceConfig> = {}): SourceConfig {
  return { name: 'k8s', kind: 'kubernetes', options, resources, pointer: '/sources/0', ...extra };
}

function errorOf(fn: () => unknown): LatticeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeError);
    return err as LatticeError;
  }
  throw new Error('expected a LatticeError');
}

describe('the example configuration (examples/kubernetes)', () => {
  it('loads: the source, its resources and the blueprints (seed + Workload + Pod + DevEnvironment, which the shipped actions name)', () => {
    const file = kubeconfigFile(kubeconfigFor([{ sim: { url: 'http://127.0.0.1:1' }, context: 'staging' }, { sim: { url: 'http://127.0.0.1:2' }, context: 'production' }]).yaml);
    const loaded = loadConfig({ LATTICE_CONFIG: path.join(EXAMPLE_DIR, 'lattice.yaml'), KUBECONFIG_FILE: file }, ROOT);
    expect(loaded.blueprintsDir).toBe(path.join(EXAMPLE_DIR, 'blueprints'));
    expect(loaded.sources.map((s) => [s.name, s.kind, s.resources.map((r) => r.kind)])).toEqual([['kubernetes', 'kubernetes', ['apps/v1/deployments', 'v1/pods']]]);
    const sources = createSources(loaded.sources, { cache: new MemoryCache(), log, baseDir: EXAMPLE_DIR });
    const [source] = sources.all as KubernetesSource[];
    expect(sources.entries.map((e) => e.kind)).toEqual(['kubernetes']);
    expect(source.options.clusters.map((c) => [c.name, c.context])).toEqual([
      ['staging', 'staging'],
      ['production', 'production'],
    ]);
    expect(source.feeds('Workload') && source.feeds('Pod') && !source.feeds('Component')).toBe(true);
    expect([...source.fills('Workload')]).toEqual(['cluster', 'namespace', 'desiredReplicas', 'readyReplicas', 'availableReplicas', 'updatedReplicas', 'images', 'conditions', 'creationTimestamp']);
    // Nothing is called before ready() or snapshot(): creating the source only reads the kubeconfig.
    expect(source.status().synced).toBe(false);

    const files = readdirSync(path.join(EXAMPLE_DIR, 'blueprints')).map((f) => ({ file: f, text: readFileSync(path.join(EXAMPLE_DIR, 'blueprints', f), 'utf8') }));
    const { model, warnings } = loadBlueprints(files);
    expect(warnings).toEqual([]);
    expect(model.blueprints.map((b) => b.identifier).sort()).toEqual(['API', 'Component', 'DevEnvironment', 'Domain', 'Pod', 'Resource', 'System', 'Workload']);
    expect(model.get('Workload')?.relations.component.target).toBe('Component');
    expect(model.get('Workload')?.aggregationProperties.restarts.target).toBe('Pod');
    // The seed blueprints are copied unchanged.
    for (const name of ['API', 'Component', 'Domain', 'Resource', 'System']) {
      expect(JSON.parse(readFileSync(path.join(EXAMPLE_DIR, 'blueprints', `${name}.json`), 'utf8'))).toEqual(JSON.parse(readFileSync(path.join(ROOT, 'schema/blueprints', `${name}.json`), 'utf8')));
    }
  });
});

describe('options and resources: errors with JSON pointers', () => {
  const file = kubeconfigFile(kubeconfigFor({ url: 'http://127.0.0.1:1' }, { context: 'dev' }).yaml);
  const create = (c: SourceConfig) => createKubernetesSource(c, { log });
  const cases: [string, SourceConfig, string, RegExp][] = [
    ['no clusters', config({}), '/sources/0/options', /required property 'clusters'/],
    ['an unknown option', config({ clusters: [{ name: 'a', kubeconfig: file }], zones: 1 }), '/sources/0/options/zones', /unknown key "zones"/],
    ['an unknown cluster key', config({ clusters: [{ name: 'a', kubeconfig: file, token: 'x' }] }), '/sources/0/options/clusters/0/token', /unknown key "token"/],
    ['a bad cluster name', config({ clusters: [{ name: 'a b', kubeconfig: file }] }), '/sources/0/options/clusters/0/name', /must match pattern/],
    ['two clusters with one name', config({ clusters: [{ name: 'a', kubeconfig: file }, { name: 'a', kubeconfig: file }] }), '/sources/0/options/clusters/1/name', /two clusters are named "a"/],
    ['inCluster and kubeconfig', config({ clusters: [{ name: 'a', kubeconfig: file, inCluster: true }] }), '/sources/0/options/clusters/0/inCluster', /both inCluster and kubeconfig/],
    ['a missing kubeconfig file', config({ clusters: [{ name: 'a', kubeconfig: '/nonexistent/kubeconfig' }] }), '/sources/0/options/clusters/0/kubeconfig', /does not exist/],
    ['an unknown context', config({ clusters: [{ name: 'a', kubeconfig: file, context: 'prod' }] }), '/sources/0/options/clusters/0/context', /no context "prod" \(it has: dev\)/],
    ['a kind that is not group/version/resource', config({ clusters: [{ name: 'a', kubeconfig: file }] }, [{ ...workloads, kind: 'Deployment' }]), '/sources/0/resources/0/kind', /not group\/version\/resource/],
    ['an unknown resource option', config({ clusters: [{ name: 'a', kubeconfig: file }] }, [{ ...workloads, options: { selector: 'x' } }]), '/sources/0/resources/0/options/selector', /unknown key "selector"/],
    ['a bad namespace', config({ clusters: [{ name: 'a', kubeconfig: file }] }, [{ ...workloads, options: { namespaces: ['Orders'] } }]), '/sources/0/resources/0/options/namespaces/0', /must match pattern/],
    [
      'a mapping that does not compile',
      config({ clusters: [{ name: 'a', kubeconfig: file }] }, [{ ...workloads, entity: { mappings: { identifier: 'metadata.(', blueprint: '"Workload"' } } }]),
      '/sources/0/resources/0/entity/mappings/identifier',
      /invalid jq expression "metadata\.\("/,
    ],
  ];
  it.each(cases)('%s', (_what, c, pointer, message) => {
    const e = errorOf(() => create(c));
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.location?.pointer).toBe(pointer);
    expect(e.message).toMatch(message);
  });

  it('inline kubeconfig YAML, a relative path from lattice.yaml\'s folder, and the kinds it accepts', () => {
    const yaml = kubeconfigFor({ url: 'http://127.0.0.1:1' }, { context: 'dev' }).yaml;
    expect(() => create(config({ clusters: [{ name: 'inline', kubeconfig: yaml }] }))).not.toThrow();
    expect(() => createKubernetesSource(config({ clusters: [{ name: 'relative', kubeconfig: path.basename(file) }] }), { log, baseDir: path.dirname(file) })).not.toThrow();
    const kinds = ['v1/pods', 'v1/namespaces', 'apps/v1/deployments', 'batch/v1/jobs', 'slo.example.com/v1alpha1/servicelevels'];
    expect(() => create(config({ clusters: [{ name: 'a', kubeconfig: file }] }, kinds.map((kind) => ({ ...workloads, kind }))))).not.toThrow();
  });
});

describe('against the Kubernetes simulator', () => {
  const SLO = { group: 'slo.example.com', version: 'v1alpha1', kind: 'ServiceLevel', plural: 'servicelevels' };
  let sim: KubernetesSimulator;

  async function source(resources: ResourceConfig[], deps: { onChange?: (c: EntityChange) => void } = {}, options: Record<string, unknown> = {}, simOptions: { expiredWatch?: 'status' } = {}): Promise<KubernetesSource> {
    sim = await startKubernetesSimulator({ name: 'staging', customResources: [SLO], ...simOptions });
    open.push(sim);
    const s = createKubernetesSource(config({ clusters: [{ name: 'stg', kubeconfig: kubeconfigFor(sim, { context: 'stg' }).yaml }], maxBackoffMs: 100, ...options }, resources), { log, ...deps });
    open.push({ close: async () => s.close?.() });
    await s.ready();
    return s;
  }

  it('maps any kind, adds `cluster`, and serves snapshots without API calls', async () => {
    const s = await source([
      workloads,
      { kind: 'v1/namespaces', entity: { mappings: { identifier: '.cluster + "/" + .metadata.name', blueprint: '"Namespace"', properties: { kind: '.kind' } } } },
      { kind: 'slo.example.com/v1alpha1/servicelevels', entity: { mappings: { identifier: '.metadata.name', blueprint: '"SLO"', properties: { objective: '.spec.objective', cluster: '.cluster' } } } },
    ]);
    sim.apply({ apiVersion: 'slo.example.com/v1alpha1', kind: 'ServiceLevel', metadata: { name: 'cart-availability', namespace: 'orders' }, spec: { objective: 99.9 } });
    const requests = sim.stats.requests;
    const snapshot = await until(async () => {
      const snap = await s.snapshot();
      return snap.entities.some((e) => e.blueprint === 'SLO') ? snap : undefined;
    });
    expect(sim.stats.requests).toBe(requests); // the custom resource arrived by watch; snapshots cost nothing
    expect(await s.snapshot()).toBe(snapshot); // unchanged state, same snapshot
    const by = (bp: string) => snapshot.entities.filter((e) => e.blueprint === bp);
    expect(by('Workload').map((e) => [e.identifier, e.properties])).toEqual([
      ['stg/kube-system/coredns', { ready: 2, kind: 'Deployment' }],
      ['stg/orders/cart-service', { ready: 1, kind: 'Deployment' }],
      ['stg/orders/products-service', { ready: 1, kind: 'Deployment' }],
    ]);
    expect(by('Namespace').map((e) => e.identifier)).toEqual(['stg/default', 'stg/kube-system', 'stg/orders']);
    expect(by('Namespace')[0].properties).toEqual({ kind: 'Namespace' }); // list items get their kind, like watch events
    expect(by('SLO')).toEqual([expect.objectContaining({ identifier: 'cart-availability', origin: 'source:k8s', properties: { objective: 99.9, cluster: 'stg' } })]);
    expect(snapshot.stale).toBe(false);
    expect(s.status().parts).toEqual([{ name: 'stg', synced: true, served: true, entities: 7, error: undefined }]);
  });

  it('watches only the namespaces and labels asked for, and reports the entities that change', async () => {
    const changes: EntityChange[] = [];
    const s = await source([{ ...workloads, options: { namespaces: ['orders'], labelSelector: 'app in (cart)' } }], { onChange: (c) => changes.push(c) });
    expect((await s.snapshot()).entities.map((e) => e.identifier)).toEqual(['stg/orders/cart-service']);
    expect(sim.stats.byResource).toEqual({ 'apps/v1/deployments': 2 }); // one list, one watch: in namespace orders
    expect(changes).toEqual([]); // the initial sync is not a change

    sim.scale('orders', 'products-service', 3); // not selected
    sim.scale('orders', 'cart-service', 2);
    await until(() => changes.some((c) => c.identifier === 'stg/orders/cart-service'));
    await until(async () => (await s.snapshot()).entities[0].properties.ready === 2);
    expect(new Set(changes.map((c) => `${c.identifier} ${c.change}`))).toEqual(new Set(['stg/orders/cart-service UPSERTED']));

    sim.patch('deployments', 'orders', 'cart-service', { metadata: { labels: { app: 'basket' } } }); // leaves the selection
    await until(() => changes.some((c) => c.change === 'DELETED'));
    expect(changes.at(-1)).toEqual({ blueprint: 'Workload', identifier: 'stg/orders/cart-service', change: 'DELETED' });
    expect((await s.snapshot()).entities).toEqual([]);
  });

  it('a status write no mapping reads changes nothing', async () => {
    const changes: EntityChange[] = [];
    const s = await source([{ ...workloads, entity: { mappings: { identifier: '.metadata.name', blueprint: '"Workload"', properties: { image: '.spec.template.spec.containers[0].image' } } } }], { onChange: (c) => changes.push(c) });
    const before = await s.snapshot();
    sim.scale('orders', 'cart-service', 4); // replicas and status change; the image does not
    await until(() => sim.stats.openWatches === 1 && sim.get('deployments', 'orders', 'cart-service')?.status?.readyReplicas === 4);
    sim.patch('deployments', 'orders', 'products-service', { spec: { template: { spec: { containers: [{ name: 'products-service', image: 'ghcr.io/acme/products-service:9.9.9' }] } } } }, 'strategic');
    await until(() => changes.length > 0);
    expect(changes).toEqual([{ blueprint: 'Workload', identifier: 'products-service', change: 'UPSERTED' }]);
    const after = await s.snapshot();
    expect(after).not.toBe(before);
    expect(after.entities.find((e) => e.identifier === 'cart-service')).toBe(before.entities.find((e) => e.identifier === 'cart-service'));
  });

  it('a watch refused with HTTP 410 on reconnection re-lists, and reports what changed meanwhile', async () => {
    const changes: EntityChange[] = [];
    const s = await source([workloads], { onChange: (c) => changes.push(c) }, {}, { expiredWatch: 'status' });
    const lists = sim.stats.byVerb.list;
    // While no watch is open: a change, then every resourceVersion before now expires, then another change.
    sim.dropWatches();
    sim.patch('deployments', 'orders', 'cart-service', { metadata: { labels: { tier: 'web' } } });
    sim.expireResourceVersions({ openWatches: 'keep' });
    sim.delete('deployments', 'orders', 'products-service'); // seen by no watch: only the re-list tells
    await until(() => changes.length > 0);
    expect(sim.stats.byVerb.list).toBe(lists + 1);
    expect(changes).toEqual([{ blueprint: 'Workload', identifier: 'stg/orders/products-service', change: 'DELETED' }]);
    expect((await s.snapshot()).entities.map((e) => e.identifier)).toEqual(['stg/kube-system/coredns', 'stg/orders/cart-service']);
  });

  it('snapshot() rejects with UPSTREAM_UNAVAILABLE only when no cluster can be served at all', async () => {
    const s = await source([workloads]);
    await sim.setDown(true);
    const error = await until(() => s.snapshot().then(() => undefined, (e: unknown) => e as LatticeError));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.details).toEqual({ source: 'k8s', clusters: ['stg'] });
    expect(s.status().synced).toBe(false);
    await sim.setDown(false);
    await until(async () => s.status().synced && (await s.snapshot()).entities.length === 3);
  });
});

async function until<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
