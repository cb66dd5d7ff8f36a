/**
 * Source: a live upstream that feeds blueprints (GitHub, Kubernetes, AWS, Terraform).
 *
 * A source lists the entities it has for a blueprint, already mapped (mapping.ts) and read
 * through the shared cache, with when they were fetched and whether that is stale. It knows its
 * upstream; it knows nothing of GraphQL. Sources are registered explicitly in the composition
 * root (src/server/sources.ts), by `kind`.
 */
import type { EntityInput } from '../model/entities/entity.ts';

export interface SourceSnapshot {
  readonly entities: readonly EntityInput[];
  readonly fetchedAt: Date;
  readonly stale: boolean;
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
  close?(): Promise<void>;
}

/** Where an entity's data came from, as `source { name fetchedAt stale }` shows it. */
export interface EntitySourceInfo {
  readonly name: string;
  readonly fetchedAt: string;
  readonly stale: boolean;
}
