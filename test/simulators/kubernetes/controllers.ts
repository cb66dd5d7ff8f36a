/**
 * The controllers of the simulated cluster, reacting to its events as kube-controller-manager and
 * the kubelet would, synchronously (or after `readyDelayMs` for pods becoming ready):
 *
 * - Deployment: one ReplicaSet per pod template (`<deployment>-<pod-template-hash>`, owned by the
 *   Deployment); the current template's gets `spec.replicas`, older ones 0 (a rollout done at
 *   once, no surge). Status follows: replicas, updatedReplicas, readyReplicas, availableReplicas,
 *   unavailableReplicas (zeros omitted, as the API omits them), observedGeneration, and the
 *   Available and Progressing conditions; the `deployment.kubernetes.io/revision` annotation.
 * - ReplicaSet: creates or deletes Pods (`<replicaset>-<5 chars>`, template labels, owned by the
 *   ReplicaSet) to match `spec.replicas`, deleting not-ready then newest first; recreates deleted
 *   pods; keeps its status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas).
 * - Kubelet: schedules pending pods on `<cluster>-node-<n>` and runs them: phase Running, Ready
 *   conditions, pod and host IPs, containerStatuses (image, imageID, containerID, ready,
 *   restartCount, state.running). Pods are created running when `readyDelayMs` is 0, otherwise
 *   Pending (ContainerCreating) and running after the delay. A pod template annotation
 *   `lattice.dev/simulated-restarts: "<n>"` gives its containers that restartCount.
 * - Garbage collection: deleting a Deployment deletes its ReplicaSets and their Pods; deleting a
 *   Namespace deletes everything in it.
 */
import { createHash } from 'node:crypto';
import type { Cluster, ClusterEvent } from './cluster.ts';
import { controllerUid, podTemplateHash, safeSuffix, timestamp, type KubeObject, type OwnerReference } from './objects.ts';
import type { ResourceType } from './resources.ts';
import { matchesLabels, requirementsOf } from './selectors.ts';

export const RESTARTS_ANNOTATION = 'lattice.dev/simulated-restarts';
export const NODES_PER_CLUSTER = 3;

export interface ControllerOptions {
  /** Time a new pod takes to become Running and Ready, in milliseconds (default 0: at once). */
  readonly readyDelayMs?: number;
}

interface Types {
  readonly namespaces: ResourceType;
  readonly pods: ResourceType;
  readonly deployments: ResourceType;
  readonly replicasets: ResourceType;
}

export class Controllers {
  readonly #cluster: Cluster;
  readonly #types: Types;
  readonly #readyDelayMs: number;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #unsubscribe: (() => void) | undefined;
  #ipCounter = 0;

  constructor(cluster: Cluster, options: ControllerOptions = {}) {
    this.#cluster = cluster;
    this.#readyDelayMs = options.readyDelayMs ?? 0;
    const type = (group: string, name: string): ResourceType => cluster.resources.byPath(group, 'v1', name) as ResourceType;
    this.#types = { namespaces: type('', 'namespaces'), pods: type('', 'pods'), deployments: type('apps', 'deployments'), replicasets: type('apps', 'replicasets') };
  }

  start(): void {
    this.#unsubscribe ??= this.#cluster.subscribe((event) => this.#handle(event));
  }

  /** Stops reacting and cancels pending pod starts. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.cancelTimers();
  }

  cancelTimers(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #handle(event: ClusterEvent): void {
    const { type, resource, object } = event;
    const specChanged = type === 'ADDED' || (type === 'MODIFIED' && JSON.stringify(event.previous?.spec) !== JSON.stringify(object.spec));
    if (resource === this.#types.deployments) {
      if (type === 'DELETED') this.#collect(object);
      else if (specChanged) this.reconcileDeployment(object.metadata.namespace as string, object.metadata.name as string);
    } else if (resource === this.#types.replicasets) {
      if (type === 'DELETED') this.#collect(object);
      else if (specChanged) this.#reconcileReplicaSet(this.#latest(resource, object));
    } else if (resource === this.#types.pods) {
      if (type === 'DELETED') {
        this.#cancel(object);
      } else if (object.status?.phase === 'Pending' && !this.#timers.has(object.metadata.uid as string)) {
        this.#startPod(object);
      }
      if (type !== 'ADDED') this.#ownerChanged(object);
    } else if (resource === this.#types.namespaces && type === 'DELETED') {
      this.#deleteNamespaceContents(object.metadata.name as string);
    }
  }

  #latest(type: ResourceType, object: KubeObject): KubeObject | undefined {
    return this.#cluster.find(type, object.metadata.namespace, object.metadata.name as string);
  }

  reconcileDeployment(namespace: string, name: string): void {
    const { deployments, replicasets } = this.#types;
    const deployment = this.#cluster.find(deployments, namespace, name);
    if (!deployment) return;
    const replicas: number = deployment.spec?.replicas ?? 1;
    const template = deployment.spec.template ?? {};
    const hash = podTemplateHash(template);
    const owned = this.#owned(replicasets, deployment);
    let current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const revisions = owned.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0));
    const revision = current ? Number(current.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 1) : Math.max(0, ...revisions) + 1;
    const annotations = {
      'deployment.kubernetes.io/desired-replicas': String(replicas),
      'deployment.kubernetes.io/max-replicas': String(replicas + surge(deployment, replicas)),
      'deployment.kubernetes.io/revision': String(revision),
    };
    if (!current) {
      const labels = { ...template.metadata?.labels, 'pod-template-hash': hash };
      current = this.#cluster.create(
        replicasets,
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: `${name}-${hash}`, namespace, labels, annotations, ownerReferences: [ownerReference(deployment)] },
          spec: {
            replicas,
            minReadySeconds: deployment.spec.minReadySeconds ?? 0,
            selector: { ...deployment.spec.selector, matchLabels: { ...deployment.spec.selector?.matchLabels, 'pod-template-hash': hash } },
            template: { ...template, metadata: { ...template.metadata, labels } },
          },
          status: { replicas: 0 },
        },
        { trusted: true },
      );
    } else if (current.spec.replicas !== replicas || current.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'] !== String(replicas)) {
      current = this.#cluster.update(replicasets, { ...current, metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, ...annotations } }, spec: { ...current.spec, replicas } });
    }
    for (const rs of owned) {
      if (rs.metadata.uid !== current.metadata.uid && rs.spec.replicas !== 0) this.#cluster.update(replicasets, { ...rs, spec: { ...rs.spec, replicas: 0 } });
    }
    for (const rs of this.#owned(replicasets, deployment)) this.#reconcileReplicaSet(rs, false);
    this.#updateDeploymentStatus(deployment);
  }

  #reconcileReplicaSet(rs: KubeObject | undefined, updateOwner = true): void {
    if (!rs) return;
    const { pods } = this.#types;
    const desired: number = rs.spec?.replicas ?? 1;
    const owned = this.#owned(pods, rs);
    for (let i = owned.length; i < desired; i++) this.#createPod(rs);
    if (owned.length > desired) {
      const victims = [...owned].sort((a, b) => Number(isReady(a)) - Number(isReady(b)) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || Number(b.metadata.resourceVersion) - Number(a.metadata.resourceVersion));
      for (const pod of victims.slice(0, owned.length - desired)) this.#delete(pods, pod);
    }
    this.#updateReplicaSetStatus(rs);
    if (updateOwner) {
      const owner = this.#ownerOf(this.#types.deployments, rs);
      if (owner) this.#updateDeploymentStatus(owner);
    }
  }

  #createPod(rs: KubeObject): void {
    const template = rs.spec.template ?? {};
    const now = this.#cluster.now();
    const name = `${rs.metadata.name}-${this.#cluster.nextSuffix()}`;
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: { ...template.metadata?.labels },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [ownerReference(rs)],
      },
      spec: { ...structuredClone(template.spec ?? {}), nodeName: this.#nodeFor(name) },
    };
    pod.status = this.#readyDelayMs > 0 ? pendingStatus(pod, now, this.#hostIp(pod)) : runningStatus(pod, now, this.#hostIp(pod), this.#nextPodIp());
    this.#cluster.create(this.#types.pods, pod, { trusted: true });
  }

  /** The kubelet: a pending pod is scheduled and runs, now or after readyDelayMs. */
  #startPod(pod: KubeObject): void {
    const run = (): void => {
      this.#timers.delete(pod.metadata.uid as string);
      const latest = this.#latest(this.#types.pods, pod);
      if (!latest || latest.metadata.uid !== pod.metadata.uid || latest.status?.phase !== 'Pending') return;
      const scheduled = { ...latest, spec: { ...latest.spec, nodeName: latest.spec.nodeName ?? this.#nodeFor(latest.metadata.name as string) } };
      this.#cluster.update(this.#types.pods, { ...scheduled, status: runningStatus(scheduled, this.#cluster.now(), this.#hostIp(scheduled), this.#nextPodIp()) }, { keepStatus: false });
    };
    if (this.#readyDelayMs <= 0) {
      run();
      return;
    }
    const timer = setTimeout(run, this.#readyDelayMs);
    timer.unref();
    this.#timers.set(pod.metadata.uid as string, timer);
  }

  #cancel(pod: KubeObject): void {
    const timer = this.#timers.get(pod.metadata.uid as string);
    if (timer) clearTimeout(timer);
    this.#timers.delete(pod.metadata.uid as string);
  }

  /** A pod changed or went away: its ReplicaSet recreates it and both statuses follow. */
  #ownerChanged(pod: KubeObject): void {
    const rs = this.#ownerOf(this.#types.replicasets, pod);
    if (rs) this.#reconcileReplicaSet(rs);
  }

  #updateReplicaSetStatus(rs: KubeObject): void {
    const latest = this.#latest(this.#types.replicasets, rs);
    if (!latest) return;
    const pods = this.#owned(this.#types.pods, latest);
    const requirements = requirementsOf(latest.spec.selector);
    const ready = pods.filter(isReady).length;
    const status = omitZeros({
      replicas: pods.length,
      fullyLabeledReplicas: pods.filter((p) => matchesLabels(requirements, p.metadata.labels)).length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: latest.metadata.generation,
    }, ['replicas']);
    this.#cluster.update(this.#types.replicasets, { ...latest, status }, { keepStatus: false });
  }

  #updateDeploymentStatus(deployment: KubeObject): void {
    const latest = this.#latest(this.#types.deployments, deployment);
    if (!latest) return;
    const desired: number = latest.spec?.replicas ?? 1;
    const hash = podTemplateHash(latest.spec.template ?? {});
    const sets = this.#owned(this.#types.replicasets, latest);
    const current = sets.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const pods = sets.flatMap((rs) => this.#owned(this.#types.pods, rs));
    const updated = current ? this.#owned(this.#types.pods, current).length : 0;
    const available = pods.filter(isReady).length;
    const now = timestamp(this.#cluster.now());
    const previous: Record<string, any>[] = latest.status?.conditions ?? [];
    const condition = (type: string, status: string, reason: string, message: string): Record<string, unknown> => {
      const before = previous.find((c) => c.type === type);
      const same = before && before.status === status && before.reason === reason && before.message === message;
      return {
        type,
        status,
        lastUpdateTime: same ? before.lastUpdateTime : now,
        lastTransitionTime: before && before.status === status ? before.lastTransitionTime : now,
        reason,
        message,
      };
    };
    const minAvailable = desired - unavailableAllowed(latest, desired);
    const complete = updated === desired && pods.length === desired && available === desired;
    const rsName = current?.metadata.name ?? latest.metadata.name;
    const conditions = [
      available >= minAvailable
        ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
        : condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
      complete
        ? condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`)
        : condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`),
    ];
    const status = {
      ...omitZeros({
        observedGeneration: latest.metadata.generation,
        replicas: pods.length,
        updatedReplicas: updated,
        readyReplicas: available,
        availableReplicas: available,
        unavailableReplicas: Math.max(0, desired - available),
      }),
      conditions,
    };
    const revision = current?.metadata.annotations?.['deployment.kubernetes.io/revision'];
    const metadata = revision ? { ...latest.metadata, annotations: { ...latest.metadata.annotations, 'deployment.kubernetes.io/revision': revision } } : latest.metadata;
    this.#cluster.update(this.#types.deployments, { ...latest, metadata, status }, { keepStatus: false });
  }

  /** Objects of `type` in the owner's namespace whose controller is `owner`. */
  #owned(type: ResourceType, owner: KubeObject): KubeObject[] {
    return this.#cluster.items(type, owner.metadata.namespace).filter((o) => controllerUid(o) === owner.metadata.uid);
  }

  #ownerOf(type: ResourceType, object: KubeObject): KubeObject | undefined {
    const reference = object.metadata.ownerReferences?.find((o) => o.controller && o.kind === type.kind);
    if (!reference) return undefined;
    const owner = this.#cluster.find(type, object.metadata.namespace, reference.name);
    return owner?.metadata.uid === reference.uid ? owner : undefined;
  }

  /** Garbage collection of what a deleted Deployment or ReplicaSet owned (background propagation). */
  #collect(owner: KubeObject): void {
    const dependents = owner.kind === 'Deployment' ? this.#types.replicasets : this.#types.pods;
    for (const object of this.#owned(dependents, owner)) {
      this.#delete(dependents, object);
      if (dependents === this.#types.replicasets) this.#collect(object);
    }
  }

  #deleteNamespaceContents(namespace: string): void {
    for (const type of this.#cluster.resources.types) {
      if (!type.namespaced) continue;
      for (const object of this.#cluster.items(type, namespace)) this.#delete(type, object);
    }
  }

  #delete(type: ResourceType, object: KubeObject): void {
    if (this.#latest(type, object)) this.#cluster.remove(type, object.metadata.namespace, object.metadata.name as string);
  }

  #nodeFor(podName: string): string {
    const n = safeSuffix(podName, 1).charCodeAt(0) % NODES_PER_CLUSTER;
    return `${this.#cluster.name}-node-${n}`;
  }

  #hostIp(pod: KubeObject): string {
    const node = String(pod.spec?.nodeName ?? '');
    return `10.0.0.${Number(node.slice(node.lastIndexOf('-') + 1)) + 10 || 10}`;
  }

  #nextPodIp(): string {
    const n = ++this.#ipCounter;
    return `10.244.${(n >> 8) & 255}.${n & 255}`;
  }
}

function ownerReference(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name as string, uid: owner.metadata.uid as string, controller: true, blockOwnerDeletion: true };
}

export function isReady(pod: KubeObject): boolean {
  return pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

/** An IntOrString (`2`, `"25%"`) of `total`, rounded up (surge) or down (unavailable). */
function scaled(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(String(value ?? '25%'));
  if (!percent) return Number(value) || 0;
  const exact = (Number(percent[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function surge(deployment: KubeObject, replicas: number): number {
  return deployment.spec.strategy?.type === 'Recreate' ? 0 : scaled(deployment.spec.strategy?.rollingUpdate?.maxSurge, replicas, true);
}

function unavailableAllowed(deployment: KubeObject, replicas: number): number {
  return deployment.spec.strategy?.type === 'Recreate' ? 0 : scaled(deployment.spec.strategy?.rollingUpdate?.maxUnavailable, replicas, false);
}

function omitZeros(values: Record<string, number | undefined>, keep: readonly string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined && (value !== 0 || keep.includes(key))) out[key] = value;
  return out;
}

function imageId(image: string, seed: string): string {
  const repository = image.replace(/[:@].*$/, '');
  const qualified = repository.includes('/') ? (repository.split('/')[0].includes('.') ? repository : `docker.io/${repository}`) : `docker.io/library/${repository}`;
  return `${qualified}@sha256:${safeHex(`${image}/${seed}`)}`;
}

function safeHex(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

function restartsOf(pod: KubeObject): number {
  return Number(pod.metadata.annotations?.[RESTARTS_ANNOTATION] ?? 0) || 0;
}

/** The status the kubelet reports for a running pod whose containers are all ready. */
export function runningStatus(pod: KubeObject, now: Date, hostIp: string, podIp: string): Record<string, unknown> {
  const at = timestamp(now);
  const restarts = restartsOf(pod);
  const condition = (type: string): Record<string, unknown> => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: at });
  const containers: { name: string; image: string }[] = pod.spec?.containers ?? [];
  return {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
    hostIP: hostIp,
    hostIPs: [{ ip: hostIp }],
    podIP: podIp,
    podIPs: [{ ip: podIp }],
    startTime: at,
    containerStatuses: containers.map((c) => ({
      name: c.name,
      state: { running: { startedAt: at } },
      lastState: restarts > 0 ? { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: at, finishedAt: at, containerID: `containerd://${safeHex(`${pod.metadata.name}/${c.name}/previous`)}` } } : {},
      ready: true,
      restartCount: restarts,
      image: c.image,
      imageID: imageId(c.image, String(pod.metadata.namespace)),
      containerID: `containerd://${safeHex(`${pod.metadata.name}/${c.name}`)}`,
      started: true,
    })),
    qosClass: containers.some((c: Record<string, any>) => c.resources?.requests || c.resources?.limits) ? 'Burstable' : 'BestEffort',
  };
}

/** A scheduled pod whose containers are being created. */
function pendingStatus(pod: KubeObject, now: Date, hostIp: string): Record<string, unknown> {
  const at = timestamp(now);
  const containers: { name: string; image: string }[] = pod.spec?.containers ?? [];
  const notReady = { status: 'False', lastProbeTime: null, lastTransitionTime: at, reason: 'ContainersNotReady', message: `containers with unready status: [${containers.map((c) => c.name).join(' ')}]` };
  return {
    phase: 'Pending',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'False', lastProbeTime: null, lastTransitionTime: at },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: at },
      { type: 'Ready', ...notReady },
      { type: 'ContainersReady', ...notReady },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at },
    ],
    hostIP: hostIp,
    hostIPs: [{ ip: hostIp }],
    startTime: at,
    containerStatuses: containers.map((c) => ({
      name: c.name,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: c.image,
      imageID: '',
      started: false,
    })),
    qosClass: 'BestEffort',
  };
}
