/**
 * The dependents of a change: the entities whose served content an entity's change (or deletion)
 * can change, found by walking back each read path (readPaths.ts) that reaches the changed
 * entity's blueprint, from the changed entity to the readers at position 0.
 *
 * A forward hop walks back through a reverse lookup (who holds the relation pointing here); a
 * backward hop through the relations of the entities on the path. For the changed entity itself
 * those are its relations before and after the change, so an entity that moved away from a reader
 * (a component moved to another system) still finds the reader it left. Existence paths are
 * walked only for a creation or a deletion. One lookup per hop for all the entities on it.
 */
import type { Entity, EntityKey, FindByRelation, LoadEntities } from '../../model/entities/entity.ts';
import { relationTargets } from '../../model/entities/entity.ts';
import type { ReadAt } from './readPaths.ts';

/** What the walk reads: the entities as stored or merged (relations as written, dangling ones included). */
export interface RelationGraph {
  readonly findByRelation: FindByRelation;
  readonly load: LoadEntities;
}

/** An entity that changed, with its content (Port's shape) before and after; null: did not / does not exist, or unknown. */
export interface ChangedEntity {
  readonly blueprint: string;
  readonly identifier: string;
  readonly before: { readonly relations?: unknown } | null;
  readonly after: { readonly relations?: unknown } | null;
}

/** The dependents of `changed`, each once, in (blueprint, identifier) order; never the changed entity itself. */
export async function dependentsOf(index: ReadonlyMap<string, readonly ReadAt[]>, changed: ChangedEntity, graph: RelationGraph): Promise<EntityKey[]> {
  const found = new Map<string, EntityKey>();
  for (const at of index.get(changed.blueprint) ?? []) {
    if (!walked(at, changed)) continue;
    const reader = at.path.blueprints[0];
    for (const identifier of await walkBack(at, changed, graph)) {
      if (reader === changed.blueprint && identifier === changed.identifier) continue;
      found.set(`${reader}\u0000${identifier}`, { blueprint: reader, identifier });
    }
  }
  return [...found.values()].sort((a, b) => (a.blueprint === b.blueprint ? compare(a.identifier, b.identifier) : compare(a.blueprint, b.blueprint)));
}

/**
 * Whether `changed` can have dependents: a read path reaches its blueprint that its change walks
 * (an update walks no existence path). False: no dependents job is needed (a Kubernetes Workload's
 * scaling, read only for its existence, queues none).
 */
export function mayHaveDependents(index: ReadonlyMap<string, readonly ReadAt[]>, changed: ChangedEntity): boolean {
  return index.get(changed.blueprint)?.some((at) => walked(at, changed)) ?? false;
}

/** Existence paths are walked only for a creation or a deletion. */
const walked = (at: ReadAt, changed: ChangedEntity) => !at.path.existence || changed.before === null || changed.after === null;

async function walkBack({ path, position }: ReadAt, changed: ChangedEntity, graph: RelationGraph): Promise<string[]> {
  let frontier = [changed.identifier];
  for (let i = position; i >= 1 && frontier.length > 0; i--) {
    const hop = path.hops[i - 1];
    if (hop.forward) {
      frontier = unique((await graph.findByRelation(path.blueprints[i - 1], hop.relation, frontier)).flat().map((e) => e.identifier));
    } else if (i === position) {
      frontier = unique([...targetsIn(changed.before?.relations, hop.relation), ...targetsIn(changed.after?.relations, hop.relation)]);
    } else {
      const entities = await graph.load(path.blueprints[i], frontier);
      frontier = unique(entities.flatMap((e: Entity | undefined) => (e ? relationTargets(e, hop.relation) : [])));
    }
  }
  return frontier;
}

/** The identifiers a relation holds in Port's `relations` object (a string, a list, or null). */
function targetsIn(relations: unknown, relation: string): string[] {
  if (typeof relations !== 'object' || relations === null) return [];
  const value = (relations as Record<string, unknown>)[relation];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

const unique = (ids: readonly string[]) => [...new Set(ids)];
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
