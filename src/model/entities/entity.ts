/**
 * Entity: one item of the catalog, in Port's entity shape, as every store keeps it.
 *
 * Entities are immutable values (frozen by the stores). `origin` records who owns an entity:
 * `file:<path>` for catalog files, `api` for entities written through mutations.
 */
import type { RuleQuery } from '../query/ruleSyntax.ts';

export type RelationValue = string | readonly string[] | null;

export interface Entity {
  readonly blueprint: string;
  readonly identifier: string;
  readonly title: string | null;
  readonly icon: string | null;
  readonly team: readonly string[];
  readonly properties: Readonly<Record<string, unknown>>;
  readonly relations: Readonly<Record<string, RelationValue>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Who wrote it first through the API (Port's `$createdBy`); absent for files and live sources. */
  readonly createdBy?: string | null;
  /** Who wrote it last through the API (Port's `$updatedBy`). */
  readonly updatedBy?: string | null;
  readonly origin: string;
  /**
   * Relations a source mapping gave as Port search queries (data/mapping.ts), not yet resolved:
   * the reader (data/reader.ts) turns them into `relations`. Never stored, never served.
   */
  readonly relationQueries?: Readonly<Record<string, RuleQuery>>;
}

/** What a writer supplies (`updatedBy`: the caller, for API writes); the store sets the timestamps and `createdBy`. */
export type EntityInput = Omit<Entity, 'createdAt' | 'updatedAt' | 'createdBy'>;

export interface EntityKey {
  readonly blueprint: string;
  readonly identifier: string;
}

/** Loads entities of one blueprint by identifier in one batch (a DataLoader underneath); undefined for a missing one. */
export type LoadEntities = (blueprint: string, identifiers: readonly string[]) => Promise<readonly (Entity | undefined)[]>;

/** Reverse lookups in one batch: for each target, the `blueprint` entities whose `relation` points at it. */
export type FindByRelation = (blueprint: string, relation: string, targets: readonly string[]) => Promise<readonly (readonly Entity[])[]>;

/** The identifiers a relation points at, as a list whatever its cardinality. */
/** The entity as Port hands it to jq (calculations, policies): meta fields, `properties`, `relations`, not Lattice's `origin`. */
export function portEntity(e: Entity): Omit<Entity, 'origin'> {
  const { origin: _origin, ...port } = e;
  return port;
}

export function relationTargets(entity: Entity, relation: string): readonly string[] {
  const value = entity.relations[relation];
  if (value === null || value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** True when two entity inputs hold the same content (timestamps aside). */
export function sameContent(a: EntityInput, b: EntityInput): boolean {
  return (
    a.blueprint === b.blueprint &&
    a.identifier === b.identifier &&
    a.title === b.title &&
    a.icon === b.icon &&
    a.origin === b.origin &&
    JSON.stringify(a.team) === JSON.stringify(b.team) &&
    JSON.stringify(a.properties) === JSON.stringify(b.properties) &&
    JSON.stringify(a.relations) === JSON.stringify(b.relations)
  );
}

/** Stamps an input as written now, keeping the creation time (and creator) of the entity it replaces. */
export function stamp(input: EntityInput, previous: Entity | undefined, now: string): Entity {
  if (previous && sameContent(previous, input)) return previous;
  const createdBy = previous ? previous.createdBy : input.updatedBy;
  const authors = createdBy || input.updatedBy ? { createdBy: createdBy ?? null, updatedBy: input.updatedBy ?? null } : {};
  return Object.freeze({ ...input, ...authors, createdAt: previous?.createdAt ?? now, updatedAt: now });
}
