/**
 * The KUBERNETES invoker against the Kubernetes API simulator with the real client library:
 * scaling a deployment changes it (and its pods follow), a patch lands, a Job is created, and a
 * missing deployment ends the run FAILURE with the API server's message; every request it sends is
 * an upstream call of the cluster's Kubernetes source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterClient } from '../../datasources/kubernetes/client.ts';
import { kubernetesInvoker } from '../../datasources/kubernetes/invoker.ts';
import { onUpstreamCall } from '../../src/data/upstream.ts';
import type { InvocationContext } from '../../src/data/Invoker.ts';
import type { KubernetesMethod } from '../../src/model/actions/model.ts';
import { kubeconfigFor } from '../simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubernetesSimulator } from '../simulators/kubernetes/server.ts';

let sim: KubernetesSimulator;
let invoke: ReturnType<typeof kubernetesInvoker>;

beforeAll(async () => {
  sim = await startKubernetesSimulator({ name: 'staging' });
  // The cluster `staging` of a Kubernetes source named `k8s`, as the source creates it.
  const client = createClusterClient({ source: 'k8s', cluster: { name: 'staging', kubeconfig: kubeconfigFor(sim, { context: 'staging' }).yaml, inCluster: false }, timeoutMs: 5_000, baseDir: process.cwd(), pointer: '/sources/0/options/clusters/0' });
  invoke = kubernetesInvoker({ cluster: (name) => (name === undefined || name === 'staging' ? client : undefined) });
});
afterAll(() => sim?.close());

function ctx(method: KubernetesMethod): InvocationContext & { lines: string[] } {
  const lines: string[] = [];
  return { lines, action: {} as never, run: { id: 'r' } as never, method, templateContext: {} as never, executorToken: 't', log: async (l) => void lines.push(l), mask: (t) => t, keep: async () => undefined };
}

describe('KUBERNETES invoker', () => {
  it('scales a deployment through the scale subresource', async () => {
    const c = ctx({ type: 'KUBERNETES', operation: 'scale', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'orders', name: 'cart-service' }, replicas: 4 });
    expect(await invoke(c)).toEqual({ kind: 'completed', status: 'SUCCESS', summary: 'Deployment orders/cart-service scaled to 4' });
    expect((sim.get('deployments', 'orders', 'cart-service') as { spec: { replicas: number } }).spec.replicas).toBe(4);
    expect(c.lines).toEqual(['scaled Deployment orders/cart-service to 4 in cluster staging']);
  });

  it('patches a resource and creates a Job', async () => {
    const patched = await invoke(ctx({ type: 'KUBERNETES', operation: 'patch', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'orders', name: 'cart-service' }, patchType: 'merge', patch: { metadata: { labels: { frozen: 'true' } } } }));
    expect(patched).toMatchObject({ status: 'SUCCESS' });
    expect((sim.get('deployments', 'orders', 'cart-service') as { metadata: { labels: Record<string, string> } }).metadata.labels.frozen).toBe('true');
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate-1' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'migrate:1' }] } } } };
    expect(await invoke(ctx({ type: 'KUBERNETES', operation: 'createJob', namespace: 'orders', job }))).toMatchObject({ status: 'SUCCESS' });
    expect(sim.get('jobs', 'orders', 'migrate-1')).toBeDefined();
  });

  it('every API request (discovery included) is an upstream call of the cluster\'s source', async () => {
    const calls: string[] = [];
    const stop = onUpstreamCall((source) => calls.push(source));
    const before = sim.stats.requests;
    try {
      const scale = ctx({ type: 'KUBERNETES', operation: 'scale', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'orders', name: 'cart-service' }, replicas: 2 });
      expect(await invoke(scale)).toMatchObject({ status: 'SUCCESS' });
      const patch = ctx({ type: 'KUBERNETES', operation: 'patch', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'orders', name: 'cart-service' }, patchType: 'merge', patch: { metadata: { labels: { counted: 'yes' } } } });
      expect(await invoke(patch)).toMatchObject({ status: 'SUCCESS' });
    } finally {
      stop();
    }
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.length).toBe(sim.stats.requests - before);
    expect(new Set(calls)).toEqual(new Set(['k8s']));
  });

  it('a missing deployment ends the run FAILURE with the API server\'s message; an unknown cluster is refused', async () => {
    const outcome = await invoke(ctx({ type: 'KUBERNETES', operation: 'scale', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'orders', name: 'nope' }, replicas: 1 }));
    expect(outcome).toMatchObject({ kind: 'completed', status: 'FAILURE' });
    expect((outcome as { summary: string }).summary).toContain('not found');
    await expect(invoke(ctx({ type: 'KUBERNETES', cluster: 'mars', operation: 'scale', resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' }, replicas: 1 }))).rejects.toMatchObject({ code: 'NO_INVOKER' });
  });
});
