/**
 * Server-side printing: the `Table` (meta.k8s.io/v1) answered when a client asks for
 * `application/json;as=Table;v=v1;g=meta.k8s.io`, as `kubectl get` does for its human-readable
 * output. Columns follow kube-apiserver's printers for the kinds served (pods: Name, Ready, Status,
 * Restarts, Age and, at priority 1 for `-o wide`, IP, Node, …; deployments: Name, Ready,
 * Up-to-date, Available, Age, Containers, Images, Selector; …). Custom resources get Name and
 * Age (a date, as for a CRD without additionalPrinterColumns). Rows carry the object as
 * `includeObject` asks: None, Metadata (PartialObjectMetadata, the default) or Object.
 */
import type { KubeObject } from './objects.ts';
import type { ResourceType } from './resources.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

interface Column {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly description: string;
  readonly priority: number;
}

type Cell = string | number;

const NAME: Column = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 };
const AGE: Column = { name: 'Age', type: 'string', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 };

const col = (name: string, type: string, description: string, priority = 0): Column => ({ name, type, format: '', description, priority });

const CONTAINERS = col('Containers', 'string', 'Names of each container in the template.', 1);
const IMAGES = col('Images', 'string', 'Images referenced by each container in the template.', 1);
const SELECTOR = col('Selector', 'string', 'The label selector of the workload.', 1);

/** Go's duration.HumanDuration, as kubectl prints ages (`45s`, `5m12s`, `3h`, `12d`). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${hours / 24}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}

function age(object: KubeObject, now: Date): string {
  const created = object.metadata.creationTimestamp;
  return created ? humanDuration(now.getTime() - Date.parse(created)) : '<unknown>';
}

function selectorText(selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): string {
  if (!selector) return '<none>';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

function templateCells(object: KubeObject): Cell[] {
  const containers: { name: string; image: string }[] = object.spec?.template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(','), selectorText(object.spec?.selector)];
}

interface Printer {
  readonly columns: readonly Column[];
  cells(object: KubeObject, now: Date): Cell[];
}

const PRINTERS: Readonly<Record<string, Printer>> = {
  Pod: {
    columns: [
      NAME,
      col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 'string', 'The aggregate status of the containers in this pod.'),
      col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
      AGE,
      col('IP', 'string', 'IP address allocated to the pod.', 1),
      col('Node', 'string', 'Name of the node where the pod is running.', 1),
      col('Nominated Node', 'string', 'Name of the node where the pod is nominated to run.', 1),
      col('Readiness Gates', 'string', 'The readiness gates of the pod.', 1),
    ],
    cells(pod, now) {
      const statuses: Record<string, any>[] = pod.status?.containerStatuses ?? [];
      const total = (pod.spec?.containers ?? []).length;
      const waiting = statuses.map((s) => s.state?.waiting?.reason).find(Boolean);
      const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
      const lastRestart = statuses.map((s) => s.lastState?.terminated?.finishedAt).filter(Boolean).sort().pop();
      return [
        pod.metadata.name as string,
        `${statuses.filter((s) => s.ready).length}/${total}`,
        pod.metadata.deletionTimestamp ? 'Terminating' : (waiting ?? pod.status?.reason ?? pod.status?.phase ?? 'Unknown'),
        lastRestart && restarts > 0 ? `${restarts} (${humanDuration(now.getTime() - Date.parse(lastRestart))} ago)` : String(restarts),
        age(pod, now),
        pod.status?.podIP ?? '<none>',
        pod.spec?.nodeName ?? '<none>',
        pod.status?.nominatedNodeName ?? '<none>',
        '<none>',
      ];
    },
  },
  Deployment: {
    columns: [
      NAME,
      col('Ready', 'string', 'Number of the pod with ready state'),
      col('Up-to-date', 'integer', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
      col('Available', 'integer', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
      AGE,
      CONTAINERS,
      IMAGES,
      SELECTOR,
    ],
    cells: (d, now) => [d.metadata.name as string, `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`, d.status?.updatedReplicas ?? 0, d.status?.availableReplicas ?? 0, age(d, now), ...templateCells(d)],
  },
  ReplicaSet: {
    columns: [
      NAME,
      col('Desired', 'integer', 'Number of desired pods.'),
      col('Current', 'integer', 'Number of actual replicas.'),
      col('Ready', 'integer', 'The number of ready replicas for this replica set.'),
      AGE,
      CONTAINERS,
      IMAGES,
      SELECTOR,
    ],
    cells: (rs, now) => [rs.metadata.name as string, rs.spec?.replicas ?? 1, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0, age(rs, now), ...templateCells(rs)],
  },
  Service: {
    columns: [
      NAME,
      col('Type', 'string', 'The type of the service.'),
      col('Cluster-IP', 'string', 'The IP address of the service.'),
      col('External-IP', 'string', 'The external IP addresses of the service.'),
      col('Port(s)', 'string', 'The ports exposed by the service.'),
      AGE,
      col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
    ],
    cells(s, now) {
      const ports: Record<string, any>[] = s.spec?.ports ?? [];
      const selector = Object.entries((s.spec?.selector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
      return [
        s.metadata.name as string,
        s.spec?.type ?? 'ClusterIP',
        s.spec?.clusterIP ?? '<none>',
        (s.spec?.externalIPs ?? []).join(',') || '<none>',
        ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>',
        age(s, now),
        selector.join(',') || '<none>',
      ];
    },
  },
  Namespace: {
    columns: [NAME, col('Status', 'string', 'The status of the namespace'), AGE],
    cells: (n, now) => [n.metadata.name as string, n.status?.phase ?? 'Active', age(n, now)],
  },
  ConfigMap: {
    columns: [NAME, col('Data', 'integer', 'Number of keys in the config map.'), AGE],
    cells: (c, now) => [c.metadata.name as string, Object.keys((c.data ?? {}) as object).length + Object.keys((c.binaryData ?? {}) as object).length, age(c, now)],
  },
  Job: {
    columns: [
      NAME,
      col('Status', 'string', 'Status of the job.'),
      col('Completions', 'string', 'The completion status of the job.'),
      col('Duration', 'string', 'Time required to complete the job.'),
      AGE,
      CONTAINERS,
      IMAGES,
      SELECTOR,
    ],
    cells(j, now) {
      const conditions: Record<string, any>[] = j.status?.conditions ?? [];
      const done = (type: string): boolean => conditions.some((c) => c.type === type && c.status === 'True');
      const status = done('Complete') ? 'Complete' : done('Failed') ? 'Failed' : j.spec?.suspend ? 'Suspended' : 'Running';
      const start = j.status?.startTime ? Date.parse(j.status.startTime) : undefined;
      const end = j.status?.completionTime ? Date.parse(j.status.completionTime) : now.getTime();
      return [j.metadata.name as string, status, `${j.status?.succeeded ?? 0}/${j.spec?.completions ?? 1}`, start === undefined ? '' : humanDuration(end - start), age(j, now), ...templateCells(j)];
    },
  },
};

const DEFAULT: Printer = {
  columns: [NAME, { ...AGE, type: 'date' }],
  cells: (o) => [o.metadata.name as string, o.metadata.creationTimestamp ?? ''],
};

function printerFor(type: ResourceType): Printer {
  return (type.group === '' || type.group === 'apps' || type.group === 'batch' ? PRINTERS[type.kind] : undefined) ?? DEFAULT;
}

export function toTable(
  type: ResourceType,
  objects: readonly KubeObject[],
  options: { includeObject: IncludeObject; now: Date; apiVersion: string; metadata: Record<string, unknown> },
): Record<string, unknown> {
  const printer = printerFor(type);
  return {
    kind: 'Table',
    apiVersion: options.apiVersion,
    metadata: options.metadata,
    columnDefinitions: printer.columns,
    rows: objects.map((object) => ({
      cells: printer.cells(object, options.now),
      ...(options.includeObject === 'None'
        ? {}
        : { object: options.includeObject === 'Object' ? object : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata } }),
    })),
  };
}

/**
 * The Table version the Accept header asks for (`meta.k8s.io/v1` or `/v1beta1`), or undefined
 * when it does not ask for a Table.
 */
export function tableVersionAccepted(accept: string | undefined): string | undefined {
  for (const range of (accept ?? '').split(',')) {
    const params = new Map(
      range
        .split(';')
        .slice(1)
        .map((p) => p.trim().split('=') as [string, string]),
    );
    if (params.get('as') === 'Table' && params.get('g') === 'meta.k8s.io') {
      const version = params.get('v');
      if (version === 'v1' || version === 'v1beta1') return `meta.k8s.io/${version}`;
    }
  }
  return undefined;
}
