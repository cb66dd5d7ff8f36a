/**
 * The Kubernetes plugin (kind `kubernetes`): any resource kind of several clusters, kept live by
 * list + watch (source.ts, reflector.ts, through the counted client.ts), and KUBERNETES actions
 * (invoker.ts) in the clusters of every Kubernetes source: the action's `cluster` by name, or
 * the first cluster of the first source.
 */
import type { SourcePlugin } from '../../src/data/SourcePlugin.ts';
import { kubernetesInvoker } from './invoker.ts';
import { createKubernetesSource, type KubernetesSource } from './source.ts';

export const kubernetes: SourcePlugin<KubernetesSource> = {
  kind: 'kubernetes',
  create: createKubernetesSource,
  invoker(sources) {
    if (sources.length === 0) return undefined;
    return { type: 'KUBERNETES', invoker: kubernetesInvoker({ cluster: (name) => sources.map((s) => s.cluster(name)).find((c) => c !== undefined) }) };
  },
};
