/**
 * The Kubernetes source's options (`sources[].options` in lattice.yaml) and the options of its
 * resources (`sources[].resources[].options`), validated with ajv; errors carry the JSON pointer.
 *
 *   options:
 *     clusters:
 *       - name: production                  # used in identifiers (`cluster` in mappings) and errors
 *         kubeconfig: ~/.kube/config        # a path (relative to lattice.yaml) or inline YAML
 *         context: prod-eu                  # default: the kubeconfig's current context
 *       - name: local
 *         inCluster: true                   # the pod's service account
 *     pageSize: 500                         # list pages (limit/continue)
 *     timeoutMs: 10000                      # per list request
 *     maxBackoffMs: 30000                   # reconnect backoff ceiling
 *   resources:
 *     - kind: apps/v1/deployments           # group/version/resource; core: v1/pods
 *       options: { namespaces: [orders], labelSelector: backstage.io/kubernetes-id }
 */
import { Ajv, type ErrorObject } from 'ajv';
import { ErrorCodes, LatticeError, type ErrorLocation } from '../../src/errors/index.ts';

export interface ClusterOptions {
  readonly name: string;
  /** A kubeconfig file path, or the kubeconfig itself (YAML); undefined: the default loading rules. */
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly inCluster: boolean;
}

export interface KubernetesOptions {
  readonly clusters: readonly ClusterOptions[];
  readonly pageSize: number;
  readonly timeoutMs: number;
  readonly maxBackoffMs: number;
}

export interface ResourceOptions {
  readonly namespaces?: readonly string[];
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** `apps/v1/deployments` → group `apps`; `v1/pods` → the core group (''). */
export interface ResourceKind {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

const sourceSchema = {
  type: 'object',
  required: ['clusters'],
  additionalProperties: false,
  properties: {
    clusters: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
          kubeconfig: { type: 'string', minLength: 1 },
          context: { type: 'string', minLength: 1 },
          inCluster: { type: 'boolean' },
        },
      },
    },
    pageSize: { type: 'integer', minimum: 1, maximum: 10_000 },
    timeoutMs: { type: 'integer', minimum: 100 },
    maxBackoffMs: { type: 'integer', minimum: 10 },
  },
};

const resourceSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    namespaces: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' } },
    labelSelector: { type: 'string' },
    fieldSelector: { type: 'string' },
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
const validateSource = ajv.compile(sourceSchema);
const validateResource = ajv.compile(resourceSchema);

function invalid(what: string, errors: ErrorObject[] | null | undefined, pointer: string): LatticeError {
  const e = errors?.[0];
  const extra = (e?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  const at = `${e?.instancePath ?? ''}${extra ? `/${extra}` : ''}`;
  return new LatticeError(ErrorCodes.INVALID_CONFIG, `kubernetes source ${what}${e?.instancePath ?? ''} ${extra ? `has unknown key "${extra}"` : (e?.message ?? 'are invalid')}`, {
    location: { pointer: `${pointer}${at}` },
  });
}

/** `pointer` is the source entry's (`/sources/0`). */
export function parseKubernetesOptions(value: unknown, pointer: string): KubernetesOptions {
  if (!validateSource(value)) throw invalid('options', validateSource.errors, `${pointer}/options`);
  const o = value as { clusters: ClusterOptions[]; pageSize?: number; timeoutMs?: number; maxBackoffMs?: number };
  const names = new Set<string>();
  o.clusters.forEach((c, i) => {
    const at = `${pointer}/options/clusters/${i}`;
    if (names.has(c.name)) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `kubernetes source: two clusters are named "${c.name}"`, { location: { pointer: `${at}/name` } });
    names.add(c.name);
    if (c.inCluster && c.kubeconfig) throw new LatticeError(ErrorCodes.INVALID_CONFIG, `kubernetes source: cluster "${c.name}" has both inCluster and kubeconfig`, { location: { pointer: `${at}/inCluster` } });
  });
  return {
    clusters: o.clusters.map((c) => ({ name: c.name, kubeconfig: c.kubeconfig, context: c.context, inCluster: c.inCluster ?? false })),
    pageSize: o.pageSize ?? 500,
    timeoutMs: o.timeoutMs ?? 10_000,
    maxBackoffMs: o.maxBackoffMs ?? 30_000,
  };
}

/** Where a part of a resource entry was written (the compiled mapping's `locate`), for errors. */
type Locate = (relative: string) => ErrorLocation;

/**
 * A resource entry's options (Lattice's `options`, or Port's `selector` keys besides `query`);
 * `at` is where they are in the entry (`/options`, `/selector`).
 */
export function parseResourceOptions(value: Readonly<Record<string, unknown>>, at: string, locate: Locate): ResourceOptions {
  if (!validateResource(value)) {
    const e = validateResource.errors?.[0];
    const extra = (e?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
    const rel = `${at}${e?.instancePath ?? ''}${extra ? `/${extra}` : ''}`;
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `kubernetes source resource ${at.slice(1)}${e?.instancePath ?? ''} ${extra ? `has unknown key "${extra}"` : (e?.message ?? 'are invalid')}`, { location: locate(rel) });
  }
  const o = value as ResourceOptions;
  return { namespaces: o.namespaces ? [...new Set(o.namespaces)] : undefined, labelSelector: o.labelSelector || undefined, fieldSelector: o.fieldSelector || undefined };
}

const KIND = /^(?:([a-z0-9]([-a-z0-9.]*[a-z0-9])?)\/)?(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

/** `apps/v1/deployments`, `v1/pods`, `example.com/v1alpha1/widgets`. */
export function parseResourceKind(kind: string, locate: Locate): ResourceKind {
  const m = KIND.exec(kind);
  if (!m) {
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `kubernetes source: resource kind "${kind}" is not group/version/resource (e.g. apps/v1/deployments, v1/pods)`, { location: locate('/kind') });
  }
  return { group: m[1] ?? '', version: m[3], resource: m[4] };
}

/** The collection's path: all namespaces (`/apis/apps/v1/deployments`) or one (`/api/v1/namespaces/orders/pods`). */
export function collectionPath(kind: ResourceKind, namespace?: string): string {
  const base = kind.group ? `/apis/${kind.group}/${kind.version}` : `/api/${kind.version}`;
  return `${base}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${kind.resource}`;
}
