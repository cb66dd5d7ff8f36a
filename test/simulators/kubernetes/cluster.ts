/**
 * Cluster: the simulated API server's storage (what etcd and the watch cache are to a real one).
 *
 * - Objects by type, keyed `namespace/name` (or `name`), listed in key order as etcd lists them.
 * - One global resourceVersion, incremented by every write (create, update, delete), as etcd's
 *   revision is: list responses carry the current one, each object the one of its last write,
 *   a DELETED event the one of the deletion.
 * - A bounded history of events (ADDED/MODIFIED/DELETED, with the previous state of a modified
 *   object) from which watches resume at a resourceVersion. Starting below the oldest
 *   resourceVersion kept (history trimmed, or `expire()`) is "too old": the server answers 410.
 * - Listeners receive every event in resourceVersion order. Writes made by listeners (the
 *   controllers) are queued and dispatched after the current event, so every listener sees the
 *   same order, and all of it happens before the write that caused it returns.
 * - List snapshots for `limit`/`continue` pagination: later pages come from the same snapshot,
 *   as etcd serves them from the first page's revision; `expire()` drops them.
 *
 * Objects stored are never mutated: a write stores a new object. Callers outside the simulator get
 * copies. Validation here is what every type shares (names, namespaces, resourceVersion
 * preconditions); type defaults and controllers are in defaults.ts and controllers.ts.
 */
import { isDeepStrictEqual } from 'node:util';
import { deterministicUid, safeSuffix, timestamp, type KubeObject } from './objects.ts';
import { apiVersionOf, ResourceRegistry, type ResourceType } from './resources.ts';
import { errors } from './status.ts';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ClusterEvent {
  readonly type: EventType;
  readonly resource: ResourceType;
  readonly object: KubeObject;
  /** The state before a MODIFIED event (for watches whose selector the object enters or leaves). */
  readonly previous?: KubeObject;
  readonly resourceVersion: number;
}

export type ClusterListener = (event: ClusterEvent) => void;

export interface ListSnapshot {
  readonly id: number;
  readonly resourceVersion: number;
  /** What the listing was for (type, namespace, selectors): a continue must ask the same. */
  readonly query: string;
  readonly items: readonly KubeObject[];
}

export interface WriteOptions {
  /**
   * In-process writes (seed, `sim.apply`): keep the uid, creationTimestamp and status given.
   * Writes from the API never do.
   */
  readonly trusted?: boolean;
  /** Keep the status given (custom resources without a status subresource). */
  readonly keepStatus?: boolean;
}

/** Hooks a type's defaults into create (defaults.ts). */
export type CreateDefaulter = (type: ResourceType, object: KubeObject, keepStatus: boolean) => void;

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_SNAPSHOTS = 64;

export class Cluster {
  readonly name: string;
  readonly resources: ResourceRegistry;
  /** Events kept for watches resuming at a resourceVersion. */
  readonly historySize: number;
  defaulter: CreateDefaulter = () => {};

  #resourceVersion = 0;
  #oldest = 0;
  #objects = new Map<ResourceType, Map<string, KubeObject>>();
  #sortedKeys = new Map<ResourceType, string[]>();
  #history: ClusterEvent[] = [];
  #historyStart = 0;
  #listeners = new Set<ClusterListener>();
  #queue: ClusterEvent[] = [];
  #dispatching = false;
  #counter = 0;
  #snapshots = new Map<number, ListSnapshot>();
  #snapshotCounter = 0;
  #now: () => Date;

  constructor(name: string, resources: ResourceRegistry, options: { historySize?: number; now?: () => Date } = {}) {
    this.name = name;
    this.resources = resources;
    this.historySize = options.historySize ?? 10_000;
    this.#now = options.now ?? (() => new Date());
    for (const type of resources.types) this.#objects.set(type, new Map());
  }

  /** The current (latest) resourceVersion. */
  get resourceVersion(): number {
    return this.#resourceVersion;
  }

  /** Watches and exact lists must start at this resourceVersion or later (410 otherwise). */
  get oldestResourceVersion(): number {
    return this.#oldest;
  }

  now(): Date {
    return this.#now();
  }

  /** A fresh deterministic uid, or name suffix of `length` safe characters. */
  nextUid(): string {
    return deterministicUid(`${this.name}/uid/${++this.#counter}`);
  }

  nextSuffix(length = 5): string {
    return safeSuffix(`${this.name}/name/${++this.#counter}`, length);
  }

  subscribe(listener: ClusterListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The stored object (not a copy: never mutate it). */
  find(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#objects.get(type)?.get(key(type, namespace, name));
  }

  /** Stored objects of a type, in key order, in one namespace or all (not copies). */
  items(type: ResourceType, namespace?: string): KubeObject[] {
    const map = this.#objects.get(type) as Map<string, KubeObject>;
    let keys = this.#sortedKeys.get(type);
    if (!keys) {
      keys = [...map.keys()].sort();
      this.#sortedKeys.set(type, keys);
    }
    if (namespace !== undefined && type.namespaced) {
      // The namespace's keys are one run of the sorted keys: found by binary search, not by a scan
      // (a controller asking for one namespace's pods costs those pods, not every pod in the cluster).
      const prefix = `${namespace}/`;
      const out: KubeObject[] = [];
      for (let i = lowerBound(keys, prefix); i < keys.length && keys[i].startsWith(prefix); i++) out.push(map.get(keys[i]) as KubeObject);
      return out;
    }
    return keys.map((k) => map.get(k) as KubeObject);
  }

  count(type: ResourceType): number {
    return this.#objects.get(type)?.size ?? 0;
  }

  create(type: ResourceType, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const object = structuredClone(input);
    object.apiVersion = apiVersionOf(type);
    object.kind = type.kind;
    const meta = (object.metadata ??= {});
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${this.nextSuffix()}`;
    const name = meta.name ?? '';
    if (!name) throw errors.invalid(type, '', 'name or generateName is required', 'metadata.name');
    if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
      throw errors.invalid(type, name, `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`, 'metadata.name');
    }
    if (type.namespaced) {
      if (!meta.namespace) throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      if (!this.find(this.namespaceType, undefined, meta.namespace)) throw errors.namespaceNotFound(meta.namespace);
    } else {
      delete meta.namespace;
    }
    if (this.find(type, meta.namespace, name)) throw errors.alreadyExists(type, name);
    if (!options.trusted || !meta.uid) meta.uid = this.nextUid();
    if (!options.trusted || !meta.creationTimestamp) meta.creationTimestamp = timestamp(this.#now());
    if (type.generation) meta.generation = 1;
    delete meta.deletionTimestamp;
    const keepStatus = (options.trusted || options.keepStatus) ?? false;
    if (!keepStatus) delete object.status;
    this.defaulter(type, object, keepStatus);
    return this.#commit('ADDED', type, object);
  }

  /**
   * Replaces an object (PUT, and what patches become). `metadata.resourceVersion`, when given,
   * must be the current one (409 Conflict otherwise). Identity (uid, creationTimestamp) is kept;
   * `generation` (where the type has one) grows when `spec` changes; status is kept unless `keepStatus` is false. A write
   * that changes nothing stores nothing and emits no event, as the API server does.
   */
  update(type: ResourceType, input: KubeObject, options: { keepStatus?: boolean } = {}): KubeObject {
    const name = input.metadata?.name ?? '';
    const current = this.find(type, type.namespaced ? input.metadata?.namespace : undefined, name);
    if (!current) throw errors.notFound(type, name);
    const wanted = input.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== '' && wanted !== current.metadata.resourceVersion) throw errors.conflict(type, name);
    const object = structuredClone(input);
    object.apiVersion = apiVersionOf(type);
    object.kind = type.kind;
    object.metadata = {
      ...object.metadata,
      name,
      ...(type.namespaced ? { namespace: current.metadata.namespace } : {}),
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      resourceVersion: current.metadata.resourceVersion,
    };
    if (!type.namespaced) delete object.metadata.namespace;
    if (type.generation) object.metadata.generation = current.metadata.generation ?? 1;
    if (options.keepStatus !== false) {
      if (current.status === undefined) delete object.status;
      else object.status = current.status;
    }
    if (isDeepStrictEqual(object, current)) return current;
    if (type.generation && !isDeepStrictEqual(object.spec, current.spec)) object.metadata.generation = (current.metadata.generation ?? 1) + 1;
    return this.#commit('MODIFIED', type, object, current);
  }

  /** Deletes an object now (no grace period, no finalizers); a namespace takes every object in it along. Returns its last state. */
  remove(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const current = this.find(type, namespace, name);
    if (!current) throw errors.notFound(type, name);
    // Controllers may recreate what a workload owns while it goes: sweep until the namespace is empty.
    for (let pass = 0; type === this.namespaceType && pass < 5; pass++) {
      const inside = [...this.#objects.keys()].filter((t) => t.namespaced).flatMap((t) => this.items(t, name).map((o) => [t, o.metadata.name as string] as const));
      if (inside.length === 0) break;
      for (const [t, n] of inside) if (this.find(t, name, n)) this.remove(t, name, n);
    }
    const object = { ...current, metadata: { ...current.metadata } };
    return this.#commit('DELETED', type, object);
  }

  /** Events after `resourceVersion`, or undefined when some of them are no longer kept. */
  eventsSince(resourceVersion: number): readonly ClusterEvent[] | undefined {
    if (resourceVersion < this.#oldest) return undefined;
    let lo = this.#historyStart;
    let hi = this.#history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#history[mid].resourceVersion > resourceVersion) hi = mid;
      else lo = mid + 1;
    }
    return this.#history.slice(lo);
  }

  /** Forget every past resourceVersion: from now on only the current one is valid. */
  expire(): void {
    this.#oldest = this.#resourceVersion;
    this.#history = [];
    this.#historyStart = 0;
    this.#snapshots.clear();
  }

  saveSnapshot(query: string, items: readonly KubeObject[]): ListSnapshot {
    const snapshot: ListSnapshot = { id: ++this.#snapshotCounter, resourceVersion: this.#resourceVersion, query, items };
    this.#snapshots.set(snapshot.id, snapshot);
    if (this.#snapshots.size > MAX_SNAPSHOTS) this.#snapshots.delete(this.#snapshots.keys().next().value as number);
    return snapshot;
  }

  snapshot(id: number): ListSnapshot | undefined {
    return this.#snapshots.get(id);
  }

  /**
   * Empties the cluster and loads `objects` (namespaces first), letting controllers settle; then
   * the history starts over: resourceVersions before the load are expired. resourceVersions keep
   * growing across loads, so a client's old ones are never reused.
   */
  load(objects: readonly KubeObject[]): void {
    for (const map of this.#objects.values()) map.clear();
    this.#sortedKeys.clear();
    const rank = (o: KubeObject): number => (o.kind === 'Namespace' ? 0 : 1);
    for (const input of [...objects].sort((a, b) => rank(a) - rank(b))) {
      const type = this.resources.byKind(input.apiVersion, input.kind);
      if (!type) throw new Error(`Kubernetes simulator: no resource for ${input.apiVersion} ${input.kind}`);
      this.create(type, input, { trusted: true });
    }
    this.expire();
  }

  get namespaceType(): ResourceType {
    return this.resources.byPath('', 'v1', 'namespaces') as ResourceType;
  }

  #commit(type: EventType, resource: ResourceType, object: KubeObject, previous?: KubeObject): KubeObject {
    const resourceVersion = ++this.#resourceVersion;
    object.metadata.resourceVersion = String(resourceVersion);
    const map = this.#objects.get(resource) as Map<string, KubeObject>;
    const k = key(resource, object.metadata.namespace, object.metadata.name as string);
    // The sorted keys, when built, are kept sorted in place (one splice), not sorted again.
    const sorted = this.#sortedKeys.get(resource);
    if (type === 'DELETED') {
      if (map.delete(k) && sorted) sorted.splice(lowerBound(sorted, k), 1);
    } else {
      if (!map.has(k) && sorted) sorted.splice(lowerBound(sorted, k), 0, k);
      map.set(k, object);
    }
    const event: ClusterEvent = { type, resource, object, resourceVersion, ...(previous ? { previous } : {}) };
    this.#history.push(event);
    if (this.#history.length - this.#historyStart > this.historySize) {
      this.#oldest = Math.max(this.#oldest, this.#history[this.#historyStart].resourceVersion);
      this.#historyStart++;
      if (this.#historyStart > this.historySize) {
        this.#history = this.#history.slice(this.#historyStart);
        this.#historyStart = 0;
      }
    }
    this.#queue.push(event);
    if (!this.#dispatching) {
      this.#dispatching = true;
      try {
        for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
          for (const listener of [...this.#listeners]) {
            try {
              listener(next);
            } catch (error) {
              process.emitWarning(`Kubernetes simulator: a listener failed on ${next.type} ${next.object.kind} ${next.object.metadata.name}: ${(error as Error).message}`);
            }
          }
        }
      } finally {
        this.#dispatching = false;
        this.#queue.length = 0;
      }
    }
    return object;
  }
}

function key(type: ResourceType, namespace: string | undefined, name: string): string {
  return type.namespaced ? `${namespace ?? ''}/${name}` : name;
}

/** The first index of sorted `keys` whose key is not below `k`. */
function lowerBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
