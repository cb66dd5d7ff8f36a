/**
 * The resource types the Kubernetes simulator serves, and the discovery documents that describe
 * them (`/api`, `/api/v1`, `/apis`, `/apis/<group>`, `/apis/<group>/<version>`), in the legacy
 * (non-aggregated) discovery format: APIVersions, APIGroupList, APIGroup, APIResourceList.
 *
 * Built in: core v1 namespaces, pods, services, configmaps; apps/v1 deployments and replicasets
 * (with their `scale` subresource, group autoscaling/v1 kind Scale); batch/v1 jobs. Custom
 * resources (a CRD's kind) are added from the simulator's options. A type is found by its URL
 * parts, or by any name kubectl accepts: plural, singular, kind, short name, `apps/v1/deployments`.
 */

export interface ResourceType {
  /** API group, '' for the core group. */
  readonly group: string;
  readonly version: string;
  /** Plural resource name, as in URLs: `deployments`. */
  readonly name: string;
  readonly singularName: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  /** Whether it has the `scale` subresource (reads and writes `spec.replicas`). */
  readonly scale: boolean;
  /** Whether objects have `metadata.generation`, bumped by `spec` changes (workloads and custom resources). */
  readonly generation: boolean;
}

/** A custom resource kind, as its CustomResourceDefinition would declare it. */
export interface CustomResourceOptions {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Default: the kind lowercased + 's'. */
  readonly plural?: string;
  /** Default: the kind lowercased. */
  readonly singular?: string;
  /** Default true. */
  readonly namespaced?: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
}

/** Verbs served for every type (no `deletecollection`: the simulator does not serve it). */
export const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] as const;

const BUILT_IN: readonly ResourceType[] = [
  { group: '', version: 'v1', name: 'namespaces', singularName: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], categories: [], scale: false, generation: false },
  { group: '', version: 'v1', name: 'pods', singularName: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'], scale: false, generation: false },
  { group: '', version: 'v1', name: 'services', singularName: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: ['all'], scale: false, generation: false },
  { group: '', version: 'v1', name: 'configmaps', singularName: 'configmap', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], categories: [], scale: false, generation: false },
  { group: 'apps', version: 'v1', name: 'deployments', singularName: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], scale: true, generation: true },
  { group: 'apps', version: 'v1', name: 'replicasets', singularName: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: ['all'], scale: true, generation: true },
  { group: 'batch', version: 'v1', name: 'jobs', singularName: 'job', kind: 'Job', namespaced: true, shortNames: [], categories: ['all'], scale: false, generation: true },
];

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `v1/pods`, `apps/v1/deployments`: the key the simulator uses for a type everywhere. */
export function typeKey(type: ResourceType): string {
  return `${apiVersionOf(type)}/${type.name}`;
}

/** `pods`, `deployments.apps`: how the API server names a type in error messages. */
export function qualifiedName(type: ResourceType): string {
  return type.group ? `${type.name}.${type.group}` : type.name;
}

export class ResourceRegistry {
  readonly types: readonly ResourceType[];

  constructor(customResources: readonly CustomResourceOptions[] = []) {
    const customs = customResources.map((c): ResourceType => {
      const singular = c.singular ?? c.kind.toLowerCase();
      return {
        group: c.group,
        version: c.version,
        name: c.plural ?? `${singular}s`,
        singularName: singular,
        kind: c.kind,
        namespaced: c.namespaced ?? true,
        shortNames: c.shortNames ?? [],
        categories: c.categories ?? [],
        scale: false,
        generation: true,
      };
    });
    this.types = [...BUILT_IN, ...customs];
    const keys = new Set<string>();
    for (const type of this.types) {
      if (keys.has(typeKey(type))) throw new Error(`Kubernetes simulator: resource ${typeKey(type)} is declared twice`);
      keys.add(typeKey(type));
    }
  }

  /** The type served at `/api/v1/<name>` (group '') or `/apis/<group>/<version>/<name>`. */
  byPath(group: string, version: string, name: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.version === version && t.name === name);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.types.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
  }

  /**
   * Any name kubectl would accept: `deployments`, `deployment`, `deploy`, `Deployment`,
   * `deployments.apps`, or the simulator's key `apps/v1/deployments`.
   */
  resolve(name: string): ResourceType | undefined {
    const exact = this.types.find((t) => typeKey(t) === name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return this.types.find(
      (t) =>
        t.name === lower ||
        t.singularName === lower ||
        t.kind.toLowerCase() === lower ||
        t.shortNames.includes(lower) ||
        qualifiedName(t) === lower,
    );
  }

  /** Group versions served, core first: `['v1', 'apps/v1', 'batch/v1', …]`. */
  groupVersions(): string[] {
    return [...new Set(this.types.map(apiVersionOf))];
  }

  /** `/api`: APIVersions. */
  apiVersions(serverAddress: string): Record<string, unknown> {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  }

  /** `/apis`: APIGroupList (every named group; the core group is only under `/api`). */
  apiGroupList(): Record<string, unknown> {
    const groups = [...new Set(this.types.filter((t) => t.group).map((t) => t.group))];
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => this.groupDocument(g)) };
  }

  /** `/apis/<group>`: APIGroup, or undefined when the group is not served. */
  apiGroup(group: string): Record<string, unknown> | undefined {
    if (!group || !this.types.some((t) => t.group === group)) return undefined;
    return { kind: 'APIGroup', apiVersion: 'v1', ...this.groupDocument(group) };
  }

  /** `/api/v1` (group '') or `/apis/<group>/<version>`: APIResourceList, or undefined. */
  apiResourceList(group: string, version: string): Record<string, unknown> | undefined {
    const types = this.types.filter((t) => t.group === group && t.version === version);
    if (types.length === 0) return undefined;
    const resources: Record<string, unknown>[] = [];
    for (const t of types) {
      resources.push({
        name: t.name,
        singularName: t.singularName,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: [...VERBS],
        ...(t.shortNames.length ? { shortNames: [...t.shortNames] } : {}),
        ...(t.categories.length ? { categories: [...t.categories] } : {}),
      });
      if (t.scale) {
        resources.push({
          name: `${t.name}/scale`,
          singularName: '',
          namespaced: t.namespaced,
          group: 'autoscaling',
          version: 'v1',
          kind: 'Scale',
          verbs: ['get', 'patch', 'update'],
        });
      }
    }
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
  }

  private groupDocument(group: string): Record<string, unknown> {
    const versions = [...new Set(this.types.filter((t) => t.group === group).map((t) => t.version))].map((version) => ({
      groupVersion: `${group}/${version}`,
      version,
    }));
    return { name: group, versions, preferredVersion: versions[0] };
  }
}
