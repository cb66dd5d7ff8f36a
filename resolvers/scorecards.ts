/**
 * `scorecards` on every entity type: each scorecard of the entity's blueprint evaluated live,
 * at read time, over the entity as served (catalog merged with live sources; mirror, calculation
 * and aggregation properties through the request's loaders). One DataLoader per request batches
 * the entities a response asks about: all the entities of a page are evaluated together, one
 * `evaluateRules` call per rule, so a page of N entities costs the loads of one (no N+1).
 *
 * Also the RuleContext pieces that let search rules, filters and gates read scorecard levels
 * (`scorecardRuleContext`).
 */
import DataLoader from 'dataloader';
import type { RequestContext } from '../src/context/index.ts';
import type { Entity } from '../src/model/entities/entity.ts';
import type { RuleContext } from '../src/model/query/portRules.ts';
import { evaluateAll, scorecardMask, type ScorecardResult } from '../src/model/scorecards/evaluate.ts';
import type { ScorecardSet } from '../src/model/scorecards/model.ts';
import type { SchemaPlan } from '../src/schema/plan.ts';
import { ruleContext } from './computed.ts';
import type { FieldResolver } from './types.ts';

/** The request's loader of scorecard results, keyed by the request's loaders (one per request). */
const perRequest = new WeakMap<object, DataLoader<Entity, ScorecardResult[], string>>();

/** The rule context of a request, with scorecard rules answered from this generation's scorecards. */
export function scorecardRuleContext(plan: SchemaPlan, scorecards: ScorecardSet, ctx: RequestContext): RuleContext {
  const base = ruleContext(plan, ctx);
  return { ...base, scorecardMask: scorecardMask(scorecards, base) };
}

export function scorecardResults(plan: SchemaPlan, scorecards: ScorecardSet, ctx: RequestContext): DataLoader<Entity, ScorecardResult[], string> {
  let loader = perRequest.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader((entities: readonly Entity[]) => evaluateAll(scorecards, entities, ruleContext(plan, ctx)), { cacheKeyFn: (e) => `${e.blueprint}\0${e.identifier}` });
    perRequest.set(ctx.loaders, loader);
  }
  return loader;
}

/** A result as the `ScorecardResult` type serves it. */
function served(r: ScorecardResult) {
  return {
    identifier: r.scorecard.identifier,
    title: r.scorecard.title,
    description: r.scorecard.description ?? null,
    level: r.level,
    levels: r.scorecard.levels.map((l) => ({ title: l.title, color: l.color ?? null })),
    rules: r.rules.map(({ rule, passed }) => ({ identifier: rule.identifier, title: rule.title, description: rule.description ?? null, level: rule.level, passed, actions: rule.actions })),
  };
}

/** The `scorecards` field of a blueprint's type; `[]` right away when the blueprint has none. */
export function scorecardsField(plan: SchemaPlan, scorecards: ScorecardSet, blueprint: string): FieldResolver<unknown> {
  if (scorecards.forBlueprint(blueprint).length === 0) return () => [];
  return async (e, _args, ctx) => (await scorecardResults(plan, scorecards, ctx).load(e)).map(served);
}
