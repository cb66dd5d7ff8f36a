/**
 * The KUBERNETES invoker (Lattice's own method): `scale` a Deployment or StatefulSet through its
 * scale subresource, `patch` any resource (merge or strategic merge), `createJob` from a
 * rendered template, `apply` a list of objects (created in order; one that exists is
 * merge-patched) or `delete` one object, in the action's `cluster` (default: the first one configured), with
 * @kubernetes/client-node. The outcome is known when the API server answers: the run ends
 * SUCCESS (with what changed) or FAILURE (with the API server's message). Requests go through the
 * cluster's client (client.ts), counted under its Kubernetes source's name.
 */
import { AppsV1Api, BatchV1Api, PatchStrategy, setHeaderOptions, type KubernetesObject, type V1Job } from '@kubernetes/client-node';
import type { KubernetesMethod } from '../../src/model/actions/model.ts';
import type { InvocationContext, InvocationOutcome, Invoker } from '../../src/data/Invoker.ts';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import type { ClusterClient } from './client.ts';

export interface KubernetesInvokerOptions {
  /** The client of a cluster by its configured name; `undefined` asks for the default cluster. */
  cluster(name: string | undefined): ClusterClient | undefined;
}

function message(err: unknown): string {
  const e = err as { body?: unknown; message?: string; code?: number };
  const body = typeof e.body === 'string' ? safeJson(e.body) : e.body;
  return (body as { message?: string } | undefined)?.message ?? e.message ?? String(err);
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return { message: s };
  }
}

export function kubernetesInvoker(options: KubernetesInvokerOptions): Invoker {
  return async (ctx: InvocationContext): Promise<InvocationOutcome> => {
    const m = ctx.method as KubernetesMethod;
    const client = options.cluster(m.cluster);
    if (!client) throw new LatticeError(ErrorCodes.NO_INVOKER, `no Kubernetes cluster ${m.cluster ? `named "${m.cluster}"` : 'is configured'} for KUBERNETES actions`);
    const where = m.cluster ?? client.name;
    try {
      if (m.operation === 'scale') {
        const replicas = Number(m.replicas);
        if (!Number.isInteger(replicas) || replicas < 0) throw new LatticeError(ErrorCodes.TEMPLATE_FAILED, `replicas must render to a non-negative integer, got ${JSON.stringify(m.replicas)}`);
        const { kind, name, namespace = 'default' } = m.resource;
        const apps = client.api(AppsV1Api);
        const request = { name, namespace, body: { spec: { replicas } } };
        const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
        if (kind === 'Deployment') await apps.patchNamespacedDeploymentScale(request, merge);
        else if (kind === 'StatefulSet') await apps.patchNamespacedStatefulSetScale(request, merge);
        else throw new LatticeError(ErrorCodes.TEMPLATE_FAILED, `scale works on Deployment and StatefulSet, not ${kind}`);
        await ctx.log(`scaled ${kind} ${namespace}/${name} to ${replicas} in cluster ${where}`);
        return { kind: 'completed', status: 'SUCCESS', summary: `${kind} ${namespace}/${name} scaled to ${replicas}` };
      }
      if (m.operation === 'patch') {
        const { apiVersion, kind, name, namespace } = m.resource;
        const patch = (m.patch ?? {}) as { metadata?: object };
        // The patch's own metadata (labels, annotations) keeps the resource's name and namespace.
        const spec = { ...patch, apiVersion, kind, metadata: { ...patch.metadata, name, ...(namespace ? { namespace } : {}) } } as KubernetesObject;
        const strategy = m.patchType === 'strategic' ? PatchStrategy.StrategicMergePatch : PatchStrategy.MergePatch;
        await client.objects().patch(spec, undefined, undefined, 'lattice', undefined, strategy);
        await ctx.log(`patched ${kind} ${namespace ?? ''}/${name} in cluster ${where}`);
        return { kind: 'completed', status: 'SUCCESS', summary: `${kind} ${name} patched` };
      }
      if (m.operation === 'apply') {
        const applied: string[] = [];
        for (const object of m.objects as KubernetesObject[]) {
          const what = `${object.kind} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name}`;
          try {
            await client.objects().create(object);
          } catch (err) {
            if ((err as { code?: number }).code !== 409) throw err;
            await client.objects().patch(object, undefined, undefined, 'lattice', undefined, PatchStrategy.MergePatch);
          }
          applied.push(what);
          await ctx.log(`applied ${what} in cluster ${where}`);
        }
        return { kind: 'completed', status: 'SUCCESS', summary: `applied ${applied.join(', ')}` };
      }
      if (m.operation === 'delete') {
        const { apiVersion, kind, name, namespace } = m.resource;
        await client.objects().delete({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } });
        await ctx.log(`deleted ${kind} ${namespace ? `${namespace}/` : ''}${name} in cluster ${where}`);
        return { kind: 'completed', status: 'SUCCESS', summary: `${kind} ${name} deleted` };
      }
      const job = await client.api(BatchV1Api).createNamespacedJob({ namespace: m.namespace, body: m.job as V1Job });
      await ctx.log(`created Job ${m.namespace}/${job.metadata?.name} in cluster ${where}`);
      return { kind: 'completed', status: 'SUCCESS', summary: `Job ${m.namespace}/${job.metadata?.name} created` };
    } catch (err) {
      if (err instanceof LatticeError) throw err;
      return { kind: 'completed', status: 'FAILURE', summary: ctx.mask(`Kubernetes (cluster ${where}) refused: ${message(err)}`) };
    }
  };
}
