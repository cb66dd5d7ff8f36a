/**
 * Entities as a client is served them, for the automations' observer (docs/orchestration.md,
 * "What is an entity change"): merged from every source, with mirror, calculation and aggregation
 * values among `properties` (a computation that fails reads null, as in comparisons), relations to
 * entities that do not exist left out (what a client resolving them sees: a deleted target leaves
 * nothing), and each scorecard's level and rule outcomes under `scorecards` (Port's entity shape).
 *
 * The same functions as a request's (resolvers/computed.ts, resolvers/scorecards.ts), through
 * loaders of their own: every hop, reverse lookup and scorecard rule is one batched load for all
 * the entities read together (`list` at start reads a whole blueprint at once).
 *
 * Every watch event is read here (issue 11: the allocation per Kubernetes change), so the work
 * is what the blueprint asks for: what it computes is looked up once per schema generation
 * (`computingOf`); a blueprint that computes nothing and has no scorecard is read without loaders
 * (one read session call per blueprint: the entity, then the targets of its relations); an entity
 * whose relation targets all exist keeps its own `relations` and, with nothing computed, its own
 * `properties` (no copies).
 */
import { computedValues } from '../../resolvers/computed.ts';
import { scorecardRuleContext } from '../../resolvers/scorecards.ts';
import { createLoaders, type Loaders } from '../context/loaders.ts';
import type { EntityReader, EntityReadSession } from '../data/reader.ts';
import type { Blueprint } from '../model/blueprints/model.ts';
import type { Entity, RelationValue } from '../model/entities/entity.ts';
import type { Scorecard } from '../model/scorecards/model.ts';
import { evaluateAll } from '../model/scorecards/evaluate.ts';
import type { ObservedEntity, ScorecardOutcome } from '../runs/automations/events.ts';
import type { SchemaPlan } from '../schema/plan.ts';

export interface ServedEntities {
  read(blueprint: string, identifier: string): Promise<ObservedEntity | undefined>;
  list(blueprint: string): Promise<readonly ObservedEntity[]>;
}

/** What serving a blueprint's entities computes: its computed property keys (mirror, calculation, aggregation, in that order) and its scorecards. */
interface Computing {
  readonly blueprint: Blueprint;
  readonly keys: readonly string[];
  readonly scorecards: readonly Scorecard[];
}

/** Entities of one blueprint by identifier, undefined for a missing one or a failed read. */
type LoadEntities = (blueprint: string, identifiers: readonly string[]) => Promise<(Entity | undefined)[]>;

/** How serving reads: the loaders when something is computed (shared with the computations' batches), else the session directly. */
type Reads = { readonly loaders: Loaders; readonly load: LoadEntities } | { readonly loaders?: undefined; readonly load: LoadEntities };

export function servedEntities(reader: EntityReader, plan: () => SchemaPlan): ServedEntities {
  /** How one entity of `blueprint` is read and served. */
  const readsOf = (p: SchemaPlan, blueprint: string): Reads => {
    const session = reader.session();
    const computing = computingOf(p, blueprint);
    if (computing && (computing.keys.length > 0 || computing.scorecards.length > 0)) {
      const loaders = createLoaders(session);
      return { loaders, load: loaders.loadEntities };
    }
    return { load: directly(session) };
  };
  return {
    async read(blueprint, identifier) {
      const p = plan();
      const reads = readsOf(p, blueprint);
      const [entity] = await reads.load(blueprint, [identifier]);
      return entity ? (await serve(p, reads, [entity]))[0] : undefined;
    },
    async list(blueprint) {
      // A whole blueprint (at start): always through loaders, whose batches bound each store call.
      const loaders = createLoaders(reader.session());
      return serve(plan(), { loaders, load: loaders.loadEntities }, await loaders.list(blueprint));
    },
  };
}

/** Reads through the session, a failed read reading as missing entities (as the loaders' `loadEntities`). */
function directly(session: EntityReadSession): LoadEntities {
  return (blueprint, ids) => session.getMany(blueprint, ids).catch(() => ids.map(() => undefined));
}

/** What each blueprint computes, per schema generation (undefined: not a blueprint of the plan). */
const computings = new WeakMap<SchemaPlan, Map<string, Computing | undefined>>();

function computingOf(plan: SchemaPlan, blueprint: string): Computing | undefined {
  let byBlueprint = computings.get(plan);
  if (!byBlueprint) computings.set(plan, (byBlueprint = new Map()));
  if (byBlueprint.has(blueprint)) return byBlueprint.get(blueprint);
  const bp = plan.model.get(blueprint);
  const computing = bp && { blueprint: bp, keys: [...Object.keys(bp.mirrorProperties), ...Object.keys(bp.calculationProperties), ...Object.keys(bp.aggregationProperties)], scorecards: plan.scorecards.forBlueprint(blueprint) };
  byBlueprint.set(blueprint, computing);
  return computing;
}

/** Entities of one blueprint as served. */
async function serve(plan: SchemaPlan, reads: Reads, entities: readonly Entity[]): Promise<ObservedEntity[]> {
  const computing = entities.length > 0 ? computingOf(plan, entities[0].blueprint) : undefined;
  if (!computing) return [...entities];
  const { keys } = computing;
  const loaders = reads.loaders;
  const ctx = loaders && { loaders };
  const [values, relations, scorecards] = await Promise.all([
    ctx && keys.length > 0 ? Promise.all(keys.map((key) => computedValues(plan, ctx, entities, key))) : undefined,
    existingRelations(computing.blueprint, reads.load, entities),
    ctx && computing.scorecards.length > 0 ? evaluateAll(plan.scorecards, entities, scorecardRuleContext(plan, ctx)) : undefined,
  ]);
  return entities.map((e, i) => {
    let properties = e.properties;
    if (values) {
      const withValues: Record<string, unknown> = { ...e.properties };
      keys.forEach((key, k) => (withValues[key] = values[k][i] ?? null));
      properties = withValues;
    }
    const results = scorecards?.[i] ?? [];
    if (results.length === 0) return { ...e, properties, relations: relations[i] };
    const outcomes: Record<string, ScorecardOutcome> = {};
    for (const r of results) {
      outcomes[r.scorecard.identifier] = { level: r.level, rules: r.rules.map((x) => ({ identifier: x.rule.identifier, level: x.rule.level, status: x.passed ? 'SUCCESS' : 'FAILURE' })) };
    }
    return { ...e, properties, relations: relations[i], scorecards: outcomes };
  });
}

/**
 * Each entity's relations with the targets that do not exist left out (one load per target
 * blueprint); an entity none of whose targets is missing keeps its own relations.
 */
async function existingRelations(bp: Blueprint, load: LoadEntities, entities: readonly Entity[]): Promise<Readonly<Record<string, RelationValue>>[]> {
  const wanted = new Map<string, Set<string>>();
  for (const e of entities) {
    for (const name in e.relations) {
      const value = e.relations[name];
      const target = bp.relations[name]?.target;
      if (!target || value === null || value.length === 0) continue;
      let ids = wanted.get(target);
      if (!ids) wanted.set(target, (ids = new Set()));
      if (typeof value === 'string') ids.add(value);
      else for (const id of value) ids.add(id);
    }
  }
  // Per target blueprint, the identifiers that do not exist (none: the blueprint is left out).
  const missing = new Map<string, Set<string>>();
  await Promise.all(
    Array.from(wanted, async ([target, ids]) => {
      const list = [...ids];
      const found = await load(target, list);
      let gone: Set<string> | undefined;
      list.forEach((id, i) => found[i] == null && (gone ??= new Set()).add(id));
      if (gone) missing.set(target, gone);
    }),
  );
  if (missing.size === 0) return entities.map((e) => e.relations);
  return entities.map((e) => {
    const out: Record<string, RelationValue> = {};
    for (const name in e.relations) {
      const value = e.relations[name];
      const gone = missing.get(bp.relations[name]?.target ?? '');
      const exists = (id: string) => gone?.has(id) !== true;
      out[name] = value === null ? null : typeof value === 'string' ? (exists(value) ? value : null) : value.filter(exists);
    }
    return out;
  });
}
