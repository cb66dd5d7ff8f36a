/**
 * The Kubernetes source: any resource kind (`group/version/resource`) of several clusters, kept
 * live by watching, mapped to entities by the `resources` of its lattice.yaml entry.
 *
 * For each cluster and each resource entry (and namespace, when the entry names some), a
 * reflector (reflector.ts) lists the collection with pagination, then watches it from the list's
 * resourceVersion with bookmarks, re-listing on 410 and reconnecting with backoff. Every object
 * is mapped as it arrives, with `cluster` (the cluster's configured name) added for the mappings;
 * only the mapped entities are kept. `snapshot()` is the watched state of every cluster, built
 * without any API call; it changes identity only when an entity changes, and costs O(1) then: its
 * `entities` are gathered only when read, and its `changes` (a change log, changeLog.ts, and the
 * reflectors' indexes) let the reader re-merge only the entities a watch event changed.
 * `fetchedAt` is when the served collections were last listed (the watch keeps them current since).
 *
 * Partial failure is per cluster: a cluster that cannot be reached loses only its own entities
 * (after `maxStaleSeconds`, default 0, during which they are served as stale); the others are
 * served. `status()` says which cluster failed and why (GraphQL: `lattice { sources { clusters } }`).
 */
import type { Logger } from 'pino';
import type { SourceConfig } from '../../src/config/types.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import type { EntityChange } from '../../src/data/topics.ts';
import { compileMapping, fillsOf, type CompiledMapping } from '../../src/data/mapping.ts';
import type { SnapshotChanges, Source, SourceSnapshot, SourceStatus } from '../../src/data/Source.ts';
import { ChangeLog } from './changeLog.ts';
import { createClusterClient, type ClusterClient } from './client.ts';
import { collectionPath, parseKubernetesOptions, parseResourceKind, parseResourceOptions, type KubernetesOptions, type ResourceKind, type ResourceOptions } from './options.ts';
import { Reflector } from './reflector.ts';

export interface KubernetesSource extends Source {
  readonly options: KubernetesOptions;
  /** Resolves once every cluster has been listed, or has failed its first attempt. */
  ready(): Promise<void>;
  /** Synced: every cluster listed and watched, with no failure; one part per cluster (the error is per resource kind). */
  status(): SourceStatus;
  /** A cluster's client by name (the first cluster when no name is given), for KUBERNETES actions. */
  cluster(name?: string): ClusterClient | undefined;
}

export interface KubernetesSourceDeps {
  readonly log: Logger;
  /** Called for every entity a watch event (or re-list, failure, recovery) changes. */
  readonly onChange?: (change: EntityChange) => void;
  /** Where relative kubeconfig paths start (the folder of lattice.yaml). */
  readonly baseDir?: string;
}

interface ResourceGroup {
  readonly kindText: string;
  readonly kind: ResourceKind;
  readonly options: ResourceOptions;
  readonly mappings: CompiledMapping[];
}

export function createKubernetesSource(config: SourceConfig, deps: KubernetesSourceDeps): KubernetesSource {
  const options = parseKubernetesOptions(config.options, config.pointer);
  const origin = `source:${config.name}`;
  const logger = deps.log.child({ source: config.name });

  // Resource entries with the same kind and options share one watch per cluster (and namespace).
  const groups = new Map<string, ResourceGroup>();
  const mappings = config.resources.map((r, i) => {
    const pointer = `${config.pointer}/resources/${i}`;
    const mapping = compileMapping(r, origin, pointer);
    const kind = parseResourceKind(r.kind, mapping.locate);
    const resourceOptions = parseResourceOptions(mapping.options, mapping.optionsPointer, mapping.locate);
    const key = `${r.kind}\0${JSON.stringify(resourceOptions)}`;
    const group = groups.get(key) ?? { kindText: r.kind, kind, options: resourceOptions, mappings: [] };
    group.mappings.push(mapping);
    groups.set(key, group);
    return mapping;
  });
  const { dynamic, fills } = fillsOf(mappings);

  let cached: SourceSnapshot | undefined;
  const log = new ChangeLog();
  // A report with no changes is a list (the first, or one that found nothing new): not said key by key.
  const onChange = (changes: readonly EntityChange[]) => {
    cached = undefined;
    if (changes.length) log.record(changes);
    else log.reset();
    for (const c of changes) deps.onChange?.(c);
  };

  const clusters = options.clusters.map((cluster, i) => {
    const client = createClusterClient({ source: config.name, cluster, timeoutMs: options.timeoutMs, baseDir: deps.baseDir ?? process.cwd(), pointer: `${config.pointer}/options/clusters/${i}` });
    const reflectors = [...groups.values()].flatMap((g) =>
      (g.options.namespaces ?? [undefined]).map(
        (namespace) =>
          new Reflector({
            client,
            kind: g.kindText,
            collection: collectionPath(g.kind, namespace),
            namespace,
            selectors: { labelSelector: g.options.labelSelector, fieldSelector: g.options.fieldSelector },
            mappings: g.mappings,
            pageSize: options.pageSize,
            maxBackoffMs: options.maxBackoffMs,
            graceMs: (config.maxStaleSeconds ?? 0) * 1000,
            log: logger,
            onChange,
          }),
      ),
    );
    return { name: cluster.name, reflectors, client };
  });
  const reflectors = clusters.flatMap((c) => c.reflectors);

  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    for (const r of reflectors) r.start();
  };

  return {
    name: config.name,
    options,
    feeds: (blueprint) => dynamic || fills.has(blueprint),
    fills: (blueprint) => fills.get(blueprint) ?? new Set(),
    async ready() {
      start();
      await Promise.all(reflectors.map((r) => r.settled));
    },
    async snapshot(): Promise<SourceSnapshot> {
      start();
      if (cached) return cached;
      const served = reflectors.filter((r) => r.served);
      if (served.length === 0 && reflectors.some((r) => r.error)) {
        // Nothing to serve and every answer so far is a failure: the source cannot say.
        const failing = clusters.filter((c) => c.reflectors.some((r) => r.error));
        throw new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `Kubernetes (source "${config.name}"): no cluster can be reached: ${failing.map((c) => `${c.name}: ${c.reflectors.find((r) => r.error)?.error}`).join('; ')}`, {
          details: { source: config.name, clusters: failing.map((c) => c.name) },
        });
      }
      let entities: EntityInput[] | undefined;
      const gather = () => {
        const out: EntityInput[] = [];
        for (const r of served) for (const e of r.entities()) out.push(e);
        return out;
      };
      const changes: SnapshotChanges = {
        version: log.version,
        since: (version) => log.since(version),
        entitiesOf: (blueprint, identifier) => served.flatMap((r) => r.entitiesOf(blueprint, identifier)),
      };
      const fetchedAt = new Date(served.length ? Math.max(...served.map((r) => r.listedAt.getTime())) : Date.now());
      cached = {
        get entities() {
          return (entities ??= gather());
        },
        fetchedAt,
        stale: served.some((r) => r.stale),
        changes,
      };
      return cached;
    },
    cluster(name) {
      return (name === undefined ? clusters[0] : clusters.find((c) => c.name === name))?.client;
    },
    status() {
      const parts = clusters.map((c) => {
        const errors = c.reflectors.flatMap((r) => (r.error ? [r.error] : []));
        let entities = 0;
        for (const r of c.reflectors) if (r.served) for (const _ of r.entities()) entities++;
        return { name: c.name, synced: c.reflectors.every((r) => r.synced), served: c.reflectors.every((r) => r.served), entities, error: errors.length ? errors.join('; ') : undefined };
      });
      return { synced: started && reflectors.every((r) => r.synced), parts };
    },
    async invalidate() {
      // Watched state does not expire; a webhook or an operator can still ask for a re-list.
      for (const r of reflectors) r.resync();
    },
    async close() {
      for (const r of reflectors) r.stop();
    },
  };
}
