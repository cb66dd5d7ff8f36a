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
 */
import { computedValues } from '../../resolvers/computed.ts';
import { scorecardRuleContext } from '../../resolvers/scorecards.ts';
import { createLoaders, type Loaders } from '../context/loaders.ts';
import type { EntityReader } from '../data/reader.ts';
import type { Entity, RelationValue } from '../model/entities/entity.ts';
import { evaluateAll } from '../model/scorecards/evaluate.ts';
import type { ObservedEntity, ScorecardOutcome } from '../runs/automations/events.ts';
import type { SchemaPlan } from '../schema/plan.ts';

export interface ServedEntities {
  read(blueprint: string, identifier: string): Promise<ObservedEntity | undefined>;
  list(blueprint: string): Promise<readonly ObservedEntity[]>;
}

export function servedEntities(reader: EntityReader, plan: () => SchemaPlan): ServedEntities {
  return {
    async read(blueprint, identifier) {
      const loaders = createLoaders(reader.session());
      const [entity] = await loaders.loadEntities(blueprint, [identifier]);
      return entity ? (await serve(plan(), loaders, [entity]))[0] : undefined;
    },
    async list(blueprint) {
      const loaders = createLoaders(reader.session());
      return serve(plan(), loaders, await loaders.list(blueprint));
    },
  };
}

/** Entities of one blueprint as served. */
async function serve(plan: SchemaPlan, loaders: Loaders, entities: readonly Entity[]): Promise<ObservedEntity[]> {
  const bp = entities.length > 0 ? plan.model.get(entities[0].blueprint) : undefined;
  if (!bp) return [...entities];
  const ctx = { loaders };
  const keys = [...Object.keys(bp.mirrorProperties), ...Object.keys(bp.calculationProperties), ...Object.keys(bp.aggregationProperties)];
  const [values, relations, scorecards] = await Promise.all([
    Promise.all(keys.map((key) => computedValues(plan, ctx, entities, key))),
    existingRelations(plan, loaders, entities),
    evaluateAll(plan.scorecards, entities, scorecardRuleContext(plan, ctx)),
  ]);
  return entities.map((e, i) => {
    const properties: Record<string, unknown> = { ...e.properties };
    keys.forEach((key, k) => (properties[key] = values[k][i] ?? null));
    const outcomes: Record<string, ScorecardOutcome> = {};
    for (const r of scorecards[i]) {
      outcomes[r.scorecard.identifier] = { level: r.level, rules: r.rules.map((x) => ({ identifier: x.rule.identifier, level: x.rule.level, status: x.passed ? 'SUCCESS' : 'FAILURE' })) };
    }
    return { ...e, properties, relations: relations[i], ...(scorecards[i].length > 0 ? { scorecards: outcomes } : {}) };
  });
}

/** Each entity's relations with the targets that do not exist left out (one load per target blueprint). */
async function existingRelations(plan: SchemaPlan, loaders: Loaders, entities: readonly Entity[]): Promise<Record<string, RelationValue>[]> {
  const bp = plan.model.get(entities[0].blueprint);
  const wanted = new Map<string, Set<string>>();
  for (const e of entities) {
    for (const [name, value] of Object.entries(e.relations)) {
      const target = bp?.relations[name]?.target;
      if (!target || value === null) continue;
      const ids = wanted.get(target) ?? new Set<string>();
      for (const id of typeof value === 'string' ? [value] : value) ids.add(id);
      wanted.set(target, ids);
    }
  }
  const existing = new Map<string, Set<string>>();
  await Promise.all(
    [...wanted].map(async ([target, ids]) => {
      const list = [...ids];
      const found = await loaders.loadEntities(target, list);
      existing.set(target, new Set(list.filter((_, i) => found[i] !== undefined)));
    }),
  );
  return entities.map((e) => {
    const out: Record<string, RelationValue> = {};
    for (const [name, value] of Object.entries(e.relations)) {
      const target = bp?.relations[name]?.target;
      const exists = (id: string) => target === undefined || existing.get(target)?.has(id) === true;
      out[name] = value === null ? null : typeof value === 'string' ? (exists(value) ? value : null) : value.filter(exists);
    }
    return out;
  });
}
