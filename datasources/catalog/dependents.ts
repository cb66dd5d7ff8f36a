/**
 * Dependents: the entities that hold a **required** relation to an entity, as Port counts them
 * when it refuses a delete (`delete_dependents=false`) or deletes them with it
 * (`delete_dependents=true`). Optional relations do not make a dependent: deleting their target
 * leaves them pointing at nothing, which reads as `null` plus a DANGLING_RELATION error.
 *
 * `findDependents` follows required relations transitively (a dependent's own dependents are
 * dependents too), batched per (blueprint, relation) and level: one findByRelation per required
 * relation per level, whatever the number of entities.
 */
import type { BlueprintModel } from '../../src/model/blueprints/model.ts';
import type { Entity, EntityKey } from '../../src/model/entities/entity.ts';
import type { EntityStore } from '../../src/data/EntityStore.ts';

/** One dependent: the entity, and the required relation by which it depends on `on`. */
export interface Dependent {
  readonly entity: Entity;
  readonly relation: string;
  readonly on: EntityKey;
}

/** For a target blueprint: each (source blueprint, relation) whose required relation points at it. Pure. */
export function requiredRelationsTo(model: BlueprintModel, target: string): { source: string; relation: string }[] {
  return model.blueprints.flatMap((bp) => Object.entries(bp.relations).flatMap(([relation, def]) => (def.required && def.target === target ? [{ source: bp.identifier, relation }] : [])));
}

/** The entities whose required relations point straight at `roots` (roots themselves included if they do). */
export async function directDependents(store: Pick<EntityStore, 'findByRelation'>, model: BlueprintModel, roots: readonly EntityKey[]): Promise<Dependent[]> {
  const found: Dependent[] = [];
  for (const [target, keys] of Map.groupBy(roots, (k) => k.blueprint)) {
    const ids = keys.map((k) => k.identifier);
    for (const { source, relation } of requiredRelationsTo(model, target)) {
      const answers = await store.findByRelation(source, relation, ids);
      answers.forEach((entities, i) => found.push(...entities.map((entity) => ({ entity, relation, on: { blueprint: target, identifier: ids[i] } }))));
    }
  }
  return found;
}

/** Every entity that depends on `roots` through required relations, transitively; roots excluded. */
export async function findDependents(store: Pick<EntityStore, 'findByRelation'>, model: BlueprintModel, roots: readonly EntityKey[]): Promise<Dependent[]> {
  const seen = new Set(roots.map(keyOf));
  const found: Dependent[] = [];
  let level: readonly EntityKey[] = roots;
  while (level.length) {
    const next: EntityKey[] = [];
    for (const d of await directDependents(store, model, level)) {
      if (seen.has(keyOf(d.entity))) continue;
      seen.add(keyOf(d.entity));
      found.push(d);
      next.push(d.entity);
    }
    level = next;
  }
  return found;
}

/** "Component \"cart\" (relation system → System \"shop\")": a dependent in words. */
export function describeDependent(d: Dependent): string {
  return `${d.entity.blueprint} "${d.entity.identifier}" (required relation "${d.relation}" → ${d.on.blueprint} "${d.on.identifier}")`;
}

function keyOf(k: EntityKey): string {
  return `${k.blueprint}\0${k.identifier}`;
}
