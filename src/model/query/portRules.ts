/**
 * Port's search rule language, for `search(query:)`, aggregation `query` filters and action
 * conditions: parse (ruleSyntax.ts), check against the model (ruleCheck.ts), evaluate (here).
 *
 * evaluateRules answers one boolean per entity. Comparison rules read each entity's value of the
 * property: a stored property or meta property, or, through `RuleContext.values`, a computed one
 * (mirror, calculation, aggregation), asked for all entities at once so its loads are batched.
 * Relation rules (relatedTo, relation paths) walk the graph with batched loads (relationRules.ts).
 */
import type { BlueprintModel } from '../blueprints/model.ts';
import type { Entity, FindByRelation, LoadEntities } from '../entities/entity.ts';
import { matchComparison } from './operators.ts';
import { readKey } from './order.ts';
import { pathMask, relatedToMask } from './relationRules.ts';
import { isGroup, isPathRule, isPropertyRef, isRelatedTo, isRelationRule, isSchemaRule, isScorecardRule, type ComparisonRule, type PropertySchemaRule, type RuleQuery, type ScorecardRule } from './ruleSyntax.ts';

export { parseRuleQuery, ruleQueryError, type Rule, type RuleQuery, type ScorecardRule } from './ruleSyntax.ts';
export { checkRuleQuery } from './ruleCheck.ts';

export interface RuleContext {
  readonly model: BlueprintModel;
  readonly load: LoadEntities;
  readonly findByRelation: FindByRelation;
  /**
   * The value of `key` for each entity, when some blueprint computes it (mirror, calculation,
   * aggregation). Without it, rules read stored properties and meta properties only.
   */
  readonly values?: (entities: readonly Entity[], key: string) => readonly unknown[] | Promise<readonly unknown[]>;
  /**
   * Scorecard rules (`{ scorecard, operator, value }`): one boolean per entity, from each entity's
   * level in that scorecard of its blueprint (src/model/scorecards/evaluate.ts). Without it, a
   * scorecard rule matches nothing.
   */
  readonly scorecardMask?: (rule: ScorecardRule, entities: readonly Entity[]) => Promise<readonly boolean[]>;
  /** The time date presets and timers are measured from (ms since the epoch); now by default. */
  readonly now?: number;
}

/** Blueprints a query can match: those named by top-level `$blueprint` rules of an `and`, or all. */
export function candidateBlueprints(query: RuleQuery, model: BlueprintModel): string[] {
  const all = model.blueprints.map((b) => b.identifier);
  if (query.combinator !== 'and') return all;
  let out = all;
  for (const r of query.rules) {
    if (isGroup(r) || isRelatedTo(r) || isPathRule(r) || isSchemaRule(r) || isRelationRule(r) || isScorecardRule(r) || r.property !== '$blueprint') continue;
    if (r.operator === '=') out = out.filter((b) => b === r.value);
    if (r.operator === 'in') out = out.filter((b) => (r.value as unknown[]).includes(b));
  }
  return out;
}

/** Evaluates a query over entities; returns one boolean per entity. */
export async function evaluateRules(query: RuleQuery, entities: readonly Entity[], ctx: RuleContext): Promise<boolean[]> {
  const now = ctx.now ?? Date.now();
  const masks = await Promise.all(
    query.rules.map((r) => {
      if (isGroup(r)) return evaluateRules(r, entities, { ...ctx, now });
      if (isRelatedTo(r)) return relatedToMask(r, entities, ctx);
      if (isPathRule(r)) return pathMask(r, entities, ctx);
      if (isSchemaRule(r)) return entities.map((e) => matchSchemaRule(e, r, ctx.model, now));
      if (isRelationRule(r)) return entities.map((e) => matchComparison(r.operator, e.relations[r.relation] ?? null, r.value, now));
      if (isScorecardRule(r)) return ctx.scorecardMask ? ctx.scorecardMask(r, entities) : entities.map(() => false);
      return comparisonMask(r, entities, ctx, now);
    }),
  );
  return entities.map((_, i) => (query.combinator === 'and' ? masks.every((m) => m[i]) : masks.some((m) => m[i])));
}

/** Each entity's value of `key`: stored or meta, or computed through `ctx.values`. */
async function valuesOf(key: string, entities: readonly Entity[], ctx: RuleContext): Promise<readonly unknown[]> {
  return ctx.values && !key.startsWith('$') ? await ctx.values(entities, key) : entities.map((e) => readKey(e, key));
}

async function comparisonMask(r: ComparisonRule, entities: readonly Entity[], ctx: RuleContext, now: number): Promise<boolean[]> {
  const values = await valuesOf(r.property, entities, ctx);
  if (!isPropertyRef(r.value)) return values.map((v) => matchComparison(r.operator, v, r.value, now));
  // Two properties of one entity: a missing side never matches, except through a negative operator.
  const others = await valuesOf(r.value.property, entities, ctx);
  return values.map((v, i) => matchComparison(r.operator, v, others[i] ?? null, now));
}

/** `propertySchema`: does any property of the entity's blueprint with that type (and format) match? */
function matchSchemaRule(e: Entity, r: PropertySchemaRule, model: BlueprintModel, now: number): boolean {
  const { type, format } = r.propertySchema;
  const props = Object.entries(model.get(e.blueprint)?.properties ?? {});
  return props.some(([key, def]) => def.type === type && (format === undefined || def.format === format) && matchComparison(r.operator, e.properties[key] ?? null, r.value, now));
}
