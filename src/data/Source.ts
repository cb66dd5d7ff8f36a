/**
 * Source: a live upstream that feeds blueprints (GitHub, Kubernetes, AWS, Terraform).
 *
 * A source lists the entities it has for a blueprint, already mapped (mapping.ts) and read
 * through the shared cache, with when they were fetched and whether that is stale. It knows its
 * upstream; it knows nothing of GraphQL. What a source can do beyond that is asked of every
 * source the same way (`ready?`, `status?`), never by casting on its kind. Each kind is a plugin
 * (SourcePlugin.ts), registered explicitly in src/server/sources.ts.
 */
import type { EntityInput, EntityKey } from '../model/entities/entity.ts';

export interface SourceSnapshot {
  readonly entities: readonly EntityInput[];
  readonly fetchedAt: Date;
  readonly stale: boolean;
  /** Watched sources: what changed since an earlier snapshot, so the reader re-merges only that. */
  readonly changes?: SnapshotChanges;
}

/**
 * What a watched source tells a reader so its merge follows each change at the change's cost:
 * a version, the entities changed since an earlier one, and the entities it has for one key.
 */
export interface SnapshotChanges {
  /** Grows with every change of the snapshot's entities. */
  readonly version: number;
  /** The keys of the entities changed after `version` (repeats possible); undefined when the source can no longer say. */
  since(version: number): readonly EntityKey[] | undefined;
  /** The entities the snapshot has with this key (more than one when several objects map to it). */
  entitiesOf(blueprint: string, identifier: string): readonly EntityInput[];
}

export interface Source {
  /** The name given in lattice.yaml (`sources[].name`), used in errors and `source { name }`. */
  readonly name: string;
  /** Whether the source may have entities of the blueprint. */
  feeds(blueprint: string): boolean;
  /** The property identifiers the source fills for a blueprint: these fail when it fails. */
  fills(blueprint: string): ReadonlySet<string>;
  /** Drops cached data, all of it or what a key prefix names (webhooks). */
  invalidate(prefix?: string): Promise<void>;
  /** Every entity this source has (all blueprints). Rejects with a typed LatticeError when it cannot say. */
  snapshot(): Promise<SourceSnapshot>;
  /** Watched sources (Kubernetes): resolves once the initial sync is done (or failed); the server is ready after it. */
  ready?(): Promise<void>;
  /** Sources with parts that fail on their own (Kubernetes clusters): their state, for `lattice { sources }`. */
  status?(): SourceStatus;
  close?(): Promise<void>;
}

/** Where an entity's data came from, as `source { name fetchedAt stale }` shows it. */
export interface EntitySourceInfo {
  readonly name: string;
  readonly fetchedAt: string;
  readonly stale: boolean;
}

/** A part of a source that can fail on its own: a cluster of a Kubernetes source. */
export interface SourcePartStatus {
  readonly name: string;
  /** Every resource kind listed and watched, with no failure. */
  readonly synced: boolean;
  /** Whether the part's entities are all served (false: some or all are missing). */
  readonly served: boolean;
  /** Entities served from the part. */
  readonly entities: number;
  /** Why the part is failing, when it is. */
  readonly error: string | undefined;
}

export interface SourceStatus {
  /** False while a watched source is syncing or part of it is failing. */
  readonly synced: boolean;
  readonly parts: readonly SourcePartStatus[];
}
