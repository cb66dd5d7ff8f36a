/**
 * Port's Kubernetes exporter, replaced by Lattice end to end: its default `port-app-config`
 * (test/fixtures/ocean/k8s-exporter.port-app-config.yml) and the blueprints it feeds (cluster,
 * namespace, workload: test/fixtures/ocean/k8s), loaded through lattice.yaml's `portAppConfig:`
 * against the Kubernetes simulator, queried over HTTP. The cluster is listed and watched once;
 * queries cost no API call.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { Lattice } from '../../src/server/app.ts';
import { gql, ROOT, startTestLattice } from '../helpers/lattice.ts';
import { kubeconfigFor } from '../simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubernetesSimulator } from '../simulators/kubernetes/server.ts';

const FIXTURES = path.join(ROOT, 'test/fixtures/ocean');
let sim: KubernetesSimulator;
let lattice: Lattice;

beforeAll(async () => {
  sim = await startKubernetesSimulator({ name: 'staging', customResources: [{ group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets' }] });
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-ocean-e2e-'));
  writeFileSync(path.join(dir, 'kubeconfig.yaml'), kubeconfigFor(sim, { context: 'stg' }).yaml);
  writeFileSync(
    path.join(dir, 'lattice.yaml'),
    [
      `blueprints: ${path.join(FIXTURES, 'k8s/schema/blueprints')}`,
      `catalog: ${path.join(FIXTURES, 'k8s/catalog')}`,
      'sources:',
      '  - name: k8s-exporter',
      '    kind: kubernetes',
      '    options:',
      `      clusters: [{ name: staging, kubeconfig: ${path.join(dir, 'kubeconfig.yaml')} }]`,
      `    portAppConfig: ${path.join(FIXTURES, 'k8s-exporter.port-app-config.yml')}`,
      '',
    ].join('\n'),
  );
  const config = loadConfig({ LATTICE_CONFIG: path.join(dir, 'lattice.yaml') }, ROOT);
  lattice = await startTestLattice({ blueprintsDir: config.blueprintsDir, catalogDir: config.catalogDir, sources: config.sources });
}, 30_000);
afterAll(async () => {
  await lattice?.close();
  await sim?.close();
});

describe("Port's k8s exporter default mapping, served by Lattice", () => {
  it('serves the cluster, its namespaces and their workloads as Port would have them, with no API call per query', async () => {
    const requests = sim.stats.requests;
    const res = await gql(
      lattice.url,
      `{ clusters { nodes { identifier title
          namespacesByCluster { nodes { identifier title
            workloadsByNamespace { nodes { identifier title replicas availableReplicas hasLatest properties namespace { identifier } } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const [cluster] = res.data.clusters.nodes;
    expect(cluster).toMatchObject({ identifier: 'staging', title: 'staging' });
    const orders = cluster.namespacesByCluster.nodes.find((n: { identifier: string }) => n.identifier === 'orders-staging');
    expect(cluster.namespacesByCluster.nodes.map((n: { identifier: string }) => n.identifier).sort()).toEqual(['default-staging', 'orders-staging']);
    expect(orders.workloadsByNamespace.nodes.map((w: { identifier: string }) => w.identifier).sort()).toEqual(['cart-service-Deployment-orders-staging', 'products-service-Deployment-orders-staging']);
    const cart = orders.workloadsByNamespace.nodes.find((w: { title: string }) => w.title === 'cart-service');
    expect(cart).toMatchObject({ replicas: 1, availableReplicas: 1, hasLatest: false, namespace: { identifier: 'orders-staging' } });
    expect(cart.properties).toMatchObject({ isHealthy: 'Healthy', kind: 'Deployment', strategy: 'RollingUpdate' });
    expect(sim.stats.requests).toBe(requests); // served from the watched state
  });
});
