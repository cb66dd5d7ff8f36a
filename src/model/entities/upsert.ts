/**
 * Upsert semantics, as Port's `POST /v1/blueprints/{blueprint}/entities?upsert=true[&merge=true]`:
 *
 * - replace (Port's `upsert=true`, the default): the entity becomes exactly what is given; a
 *   field not given is empty (title and icon null, no team, no properties, no relations).
 * - merge (Port's `upsert=true&merge=true`): fields not given keep their stored value; the
 *   properties and relations given are set one by one over the stored ones, and the others are
 *   kept. An explicit null clears (a property, a relation, the title or icon).
 *
 * Creating an entity is the same in both modes. Pure.
 */
import type { Entity, EntityInput, RelationValue } from './entity.ts';

/** What an upsert gives: blueprint and identifier, and any of the rest (absent ≠ null in merge mode). */
export interface EntityPatch {
  readonly blueprint: string;
  readonly identifier: string;
  readonly title?: string | null;
  readonly icon?: string | null;
  readonly team?: readonly string[];
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly relations?: Readonly<Record<string, RelationValue>>;
}

export type UpsertMode = 'replace' | 'merge';

/** The entity (without its owner) an upsert of `patch` writes over `existing`. */
export function applyUpsert(existing: Entity | undefined, patch: EntityPatch, mode: UpsertMode): Omit<EntityInput, 'origin'> {
  const base = mode === 'merge' ? existing : undefined;
  return {
    blueprint: patch.blueprint,
    identifier: patch.identifier,
    title: patch.title !== undefined ? patch.title : (base?.title ?? null),
    icon: patch.icon !== undefined ? patch.icon : (base?.icon ?? null),
    team: [...(patch.team ?? base?.team ?? [])],
    properties: { ...(base?.properties ?? {}), ...(patch.properties ?? {}) },
    relations: { ...(base?.relations ?? {}), ...(patch.relations ?? {}) },
  };
}
