/**
 * The relation rules of Port's search language, evaluated over the relation graph through the
 * batched loads of a RuleContext (one load per blueprint per hop, never one per entity).
 *
 * - `relatedTo`: the entities related to the given ones, transitively. `direction: "upstream"`
 *   reaches what they point at (their dependencies), `"downstream"` what points at them, and no
 *   direction both (Port's entity page). `required: true` follows required relations only,
 *   `required: false` non-required relations only, no `required` every relation.
 * - `matchAny` over a relation path: without `fromBlueprint`, an entity matches when following the
 *   path from it reaches one of the given identifiers; with `fromBlueprint`, when it is reached by
 *   following the path from the given entities of that blueprint. A `{ relation, maxHops }` step
 *   follows its relation 1 to maxHops times, keeping every entity on the way.
 */
import type { BlueprintModel, RelationDef } from '../blueprints/model.ts';
import { relationTargets, type Entity, type FindByRelation, type LoadEntities } from '../entities/entity.ts';
import type { PathRule, RelatedToRule } from './ruleSyntax.ts';

export interface RelationContext {
  readonly model: BlueprintModel;
  readonly load: LoadEntities;
  readonly findByRelation: FindByRelation;
}

/** How far `relatedTo` follows relations from its entities. */
const MAX_DEPTH = 10;

const keyOf = (e: { blueprint: string; identifier: string }) => `${e.blueprint}\0${e.identifier}`;
const identifiers = (v: string | readonly string[]) => (typeof v === 'string' ? [v] : [...v]);
const present = (e: Entity | undefined): e is Entity => e !== undefined;

/** One mask entry per entity: is it related to the rule's entities? */
export async function relatedToMask(r: RelatedToRule, entities: readonly Entity[], ctx: RelationContext): Promise<boolean[]> {
  const starts = (await ctx.load(r.blueprint, identifiers(r.value))).filter(present);
  const follows = (rel: RelationDef) => r.required === undefined || rel.required === r.required;
  const directions = r.direction ? [r.direction] : (['upstream', 'downstream'] as const);
  const sets = await Promise.all(directions.map((d) => reach(starts, d === 'upstream' ? (f) => upstream(f, follows, ctx) : (f) => downstream(f, follows, ctx))));
  return entities.map((e) => sets.some((s) => s.has(keyOf(e))));
}

/** Everything `step` reaches from `starts`, transitively (the starts themselves excluded). */
async function reach(starts: readonly Entity[], step: (frontier: readonly Entity[]) => Promise<Entity[]>): Promise<Set<string>> {
  const seen = new Set(starts.map(keyOf));
  const out = new Set<string>();
  let frontier = starts;
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    frontier = (await step(frontier)).filter((e) => !seen.has(keyOf(e)));
    for (const e of frontier) {
      seen.add(keyOf(e));
      out.add(keyOf(e));
    }
  }
  return out;
}

async function upstream(frontier: readonly Entity[], follows: (rel: RelationDef) => boolean, ctx: RelationContext): Promise<Entity[]> {
  const wanted = new Map<string, Set<string>>();
  for (const e of frontier) {
    for (const [name, rel] of Object.entries(ctx.model.get(e.blueprint)?.relations ?? {})) {
      if (!follows(rel)) continue;
      for (const id of relationTargets(e, name)) {
        if (!wanted.has(rel.target)) wanted.set(rel.target, new Set());
        wanted.get(rel.target)?.add(id);
      }
    }
  }
  const loaded = await Promise.all([...wanted].map(([bp, ids]) => ctx.load(bp, [...ids])));
  return loaded.flat().filter(present);
}

async function downstream(frontier: readonly Entity[], follows: (rel: RelationDef) => boolean, ctx: RelationContext): Promise<Entity[]> {
  const byBlueprint = new Map<string, string[]>();
  for (const e of frontier) byBlueprint.set(e.blueprint, [...(byBlueprint.get(e.blueprint) ?? []), e.identifier]);
  const lookups: Promise<readonly (readonly Entity[])[]>[] = [];
  for (const source of ctx.model.blueprints) {
    for (const [name, rel] of Object.entries(source.relations)) {
      const targets = byBlueprint.get(rel.target);
      if (targets && follows(rel)) lookups.push(ctx.findByRelation(source.identifier, name, targets));
    }
  }
  return (await Promise.all(lookups)).flat(2);
}

/** An entity reached while walking a path, and the indexes of the walks that reached it. */
interface Node {
  readonly entity: Entity;
  readonly origins: Set<number>;
}

/** One mask entry per entity: does the relation path connect it with the rule's entities? */
export async function pathMask(r: PathRule, entities: readonly Entity[], ctx: RelationContext): Promise<boolean[]> {
  const values = new Set(identifiers(r.value));
  const from = r.property.fromBlueprint;
  if (from === undefined) {
    const ends = await walk(entities.map((entity, i) => ({ entity, origins: new Set([i]) })), r, ctx);
    const matched = new Set<number>();
    for (const n of ends) if (values.has(n.entity.identifier)) n.origins.forEach((i) => matched.add(i));
    return entities.map((_, i) => matched.has(i));
  }
  const starts = (await ctx.load(from, [...values])).filter(present);
  const reached = new Set((await walk(starts.map((entity) => ({ entity, origins: new Set([0]) })), r, ctx)).map((n) => keyOf(n.entity)));
  return entities.map((e) => reached.has(keyOf(e)));
}

async function walk(start: readonly Node[], r: PathRule, ctx: RelationContext): Promise<Node[]> {
  let frontier = start;
  for (const step of r.property.path) {
    if (typeof step === 'string') {
      frontier = await hop(frontier, step, ctx);
      continue;
    }
    const kept = new Map<string, Node>();
    let current = frontier;
    for (let i = 0; i < step.maxHops && current.length > 0; i++) {
      current = await hop(current, step.relation, ctx);
      merge(kept, current);
    }
    frontier = [...kept.values()];
  }
  return [...frontier];
}

function merge(into: Map<string, Node>, nodes: readonly Node[]): void {
  for (const n of nodes) {
    const k = keyOf(n.entity);
    const existing = into.get(k);
    if (existing) n.origins.forEach((o) => existing.origins.add(o));
    else into.set(k, { entity: n.entity, origins: new Set(n.origins) });
  }
}

/** Follows one relation from every node: one batched load per target blueprint. */
async function hop(frontier: readonly Node[], relation: string, ctx: RelationContext): Promise<Node[]> {
  const wanted = new Map<string, Map<string, Set<number>>>();
  for (const n of frontier) {
    const rel = ctx.model.get(n.entity.blueprint)?.relations[relation];
    if (!rel) continue;
    let ids = wanted.get(rel.target);
    if (!ids) wanted.set(rel.target, (ids = new Map()));
    for (const id of relationTargets(n.entity, relation)) {
      const origins = ids.get(id) ?? new Set<number>();
      n.origins.forEach((o) => origins.add(o));
      ids.set(id, origins);
    }
  }
  const out: Node[] = [];
  await Promise.all(
    [...wanted].map(async ([bp, ids]) => {
      const keys = [...ids.keys()];
      const found = await ctx.load(bp, keys);
      found.forEach((entity, i) => entity && out.push({ entity, origins: ids.get(keys[i]) as Set<number> }));
    }),
  );
  return out;
}
