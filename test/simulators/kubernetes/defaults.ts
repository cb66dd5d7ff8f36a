/**
 * What the API server fills in and checks when an object is created, per kind (its defaulting
 * and the parts of validation clients notice): Namespaces are Active with the
 * `kubernetes.io/metadata.name` label; Services get a ClusterIP (10.96.0.0/12), type ClusterIP and
 * TCP ports; Deployments and ReplicaSets get replicas 1, the RollingUpdate strategy (25%/25%), and
 * must have a selector matching their template's labels; Pods need containers and start Pending
 * (the simulated kubelet in controllers.ts runs them); Jobs get completions/parallelism 1.
 */
import type { CreateDefaulter } from './cluster.ts';
import type { KubeObject } from './objects.ts';
import type { ResourceType } from './resources.ts';
import { matchesLabels, requirementsOf, SelectorError } from './selectors.ts';
import { errors } from './status.ts';

export function createDefaulter(): CreateDefaulter {
  let nextIp = 10;
  return (type: ResourceType, object: KubeObject, keepGivenStatus: boolean) => {
    const name = object.metadata.name as string;
    const keepStatus = keepGivenStatus && object.status !== undefined;
    switch (type.group === '' || type.group === 'apps' || type.group === 'batch' ? type.kind : '') {
      case 'Namespace':
        object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': name };
        object.spec = { finalizers: ['kubernetes'], ...object.spec };
        if (!keepStatus) object.status = { phase: 'Active' };
        break;
      case 'Service': {
        const spec = (object.spec ??= {});
        spec.type ??= 'ClusterIP';
        if (spec.clusterIP !== 'None' && !spec.clusterIP) {
          const n = nextIp++;
          spec.clusterIP = `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
        }
        spec.clusterIPs ??= [spec.clusterIP];
        spec.sessionAffinity ??= 'None';
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
        spec.ports = (spec.ports ?? []).map((p: Record<string, unknown>) => ({ protocol: 'TCP', targetPort: p.port, ...p }));
        if (!keepStatus) object.status = { loadBalancer: {} };
        break;
      }
      case 'Deployment':
      case 'ReplicaSet': {
        const spec = (object.spec ??= {});
        spec.replicas ??= 1;
        spec.revisionHistoryLimit ??= 10;
        if (type.kind === 'Deployment') {
          spec.progressDeadlineSeconds ??= 600;
          spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
        }
        checkSelector(type, name, spec);
        if (!keepStatus) object.status = type.kind === 'ReplicaSet' ? { replicas: 0 } : {};
        break;
      }
      case 'Pod': {
        const spec = (object.spec ??= {});
        if (!Array.isArray(spec.containers) || spec.containers.length === 0) throw errors.invalid(type, name, 'Required value', 'spec.containers');
        spec.restartPolicy ??= 'Always';
        spec.dnsPolicy ??= 'ClusterFirst';
        spec.schedulerName ??= 'default-scheduler';
        spec.terminationGracePeriodSeconds ??= 30;
        if (!keepStatus) object.status = { phase: 'Pending', qosClass: 'BestEffort' };
        break;
      }
      case 'Job': {
        const spec = (object.spec ??= {});
        spec.completions ??= 1;
        spec.parallelism ??= 1;
        spec.backoffLimit ??= 6;
        if (!keepStatus) object.status = {};
        break;
      }
      default:
        break;
    }
  };
}

function checkSelector(type: ResourceType, name: string, spec: Record<string, any>): void {
  if (!spec.selector || (!spec.selector.matchLabels && !spec.selector.matchExpressions)) throw errors.invalid(type, name, 'Required value', 'spec.selector');
  const labels = spec.template?.metadata?.labels as Record<string, string> | undefined;
  let matches: boolean;
  try {
    matches = matchesLabels(requirementsOf(spec.selector), labels);
  } catch (error) {
    if (error instanceof SelectorError) throw errors.invalid(type, name, error.message, 'spec.selector');
    throw error;
  }
  if (!matches) throw errors.invalid(type, name, 'Invalid value: `selector` does not match template `labels`', 'spec.template.metadata.labels');
}
