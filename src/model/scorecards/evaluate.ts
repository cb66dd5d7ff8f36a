/**
 * Scorecards evaluated live: for a list of entities of one blueprint, each scorecard's level and
 * each rule's outcome, read from the entities as served (catalog merged with live sources;
 * computed properties through `RuleContext.values`). One `evaluateRules` call per rule over all
 * the entities at once, so every load a rule needs (a mirror's hop, a relation rule's walk) is
 * batched across entities: evaluating a page costs what evaluating one entity does, in upstream
 * calls.
 *
 * Port's level semantics: an entity reaches a level when every rule of that level and of every
 * level below passes; the first level needs none. An entity the scorecard's `filter` leaves out
 * is not evaluated (no result).
 */
import type { Entity } from '../entities/entity.ts';
import { evaluateRules, type RuleContext, type ScorecardRule as LevelRule } from '../query/portRules.ts';
import { levelRank, type Scorecard, type ScorecardRule, type ScorecardSet } from './model.ts';

export interface RuleResult {
  readonly rule: ScorecardRule;
  readonly passed: boolean;
}

export interface ScorecardResult {
  readonly scorecard: Scorecard;
  /** The level reached, and its position in the scorecard's levels. */
  readonly level: string;
  readonly rank: number;
  readonly rules: readonly RuleResult[];
}

/** Each entity's result for one scorecard (undefined where the filter leaves it out). */
export async function evaluateScorecard(scorecard: Scorecard, entities: readonly Entity[], ctx: RuleContext): Promise<(ScorecardResult | undefined)[]> {
  const now = ctx.now ?? Date.now();
  const at = { ...ctx, now };
  const included = scorecard.filter ? await evaluateRules(scorecard.filter, entities, at) : entities.map(() => true);
  const evaluated = entities.filter((_, i) => included[i]);
  const masks = evaluated.length === 0 ? [] : await Promise.all(scorecard.rules.map((r) => evaluateRules(r.query, evaluated, at)));
  const results = evaluated.map((_, i) => {
    const rules = scorecard.rules.map((rule, r) => ({ rule, passed: masks[r][i] }));
    const firstFailed = rules.find((r) => !r.passed);
    const rank = firstFailed ? firstFailed.rule.rank - 1 : scorecard.levels.length - 1;
    return { scorecard, level: scorecard.levels[rank].title, rank, rules };
  });
  let next = 0;
  return included.map((yes) => (yes ? results[next++] : undefined));
}

/** Every scorecard of the entities' blueprints, per entity, in the order the scorecards were defined. */
export async function evaluateAll(set: ScorecardSet, entities: readonly Entity[], ctx: RuleContext): Promise<ScorecardResult[][]> {
  const out: ScorecardResult[][] = entities.map(() => []);
  await Promise.all(
    [...indexesByBlueprint(entities)].flatMap(([bp, indexes]) =>
      set.forBlueprint(bp).map(async (s) => {
        const results = await evaluateScorecard(s, indexes.map((i) => entities[i]), ctx);
        results.forEach((r, k) => r && out[indexes[k]].push(r));
      }),
    ),
  );
  // Promise.all settles in any order: keep the scorecards' own order.
  for (const list of out) if (list.length > 1) list.sort((a, b) => set.scorecards.indexOf(a.scorecard) - set.scorecards.indexOf(b.scorecard));
  return out;
}

/** The positions of the entities of each blueprint. */
function indexesByBlueprint(entities: readonly Entity[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  entities.forEach((e, i) => {
    const list = out.get(e.blueprint);
    if (list) list.push(i);
    else out.set(e.blueprint, [i]);
  });
  return out;
}

/** Does a level of `scorecard` satisfy `operator` / `value` (levels compare by their order)? */
export function levelMatches(scorecard: Scorecard, rank: number | undefined, rule: Pick<LevelRule, 'operator' | 'value'>): boolean {
  if (rank === undefined) return false;
  const ranks = (typeof rule.value === 'string' ? [rule.value] : rule.value).map((v) => levelRank(scorecard, v));
  const [want] = ranks;
  switch (rule.operator) {
    case '=':
      return rank === want;
    case '!=':
      return rank !== want;
    case '>':
      return want >= 0 && rank > want;
    case '>=':
      return want >= 0 && rank >= want;
    case '<':
      return want >= 0 && rank < want;
    case '<=':
      return want >= 0 && rank <= want;
    case 'in':
      return ranks.includes(rank);
    case 'notIn':
      return !ranks.includes(rank);
  }
}

/**
 * The `scorecardMask` of a RuleContext: a scorecard rule over entities of any blueprints, each
 * against that scorecard of its own blueprint (no such scorecard, or filtered out: no match).
 */
export function scorecardMask(set: ScorecardSet, ctx: RuleContext): (rule: LevelRule, entities: readonly Entity[]) => Promise<boolean[]> {
  return async (rule, entities) => {
    const out = entities.map(() => false);
    await Promise.all(
      [...indexesByBlueprint(entities)].map(async ([bp, indexes]) => {
        const scorecard = set.get(bp, rule.scorecard);
        if (!scorecard) return;
        const results = await evaluateScorecard(scorecard, indexes.map((i) => entities[i]), ctx);
        results.forEach((r, k) => (out[indexes[k]] = levelMatches(scorecard, r?.rank, rule)));
      }),
    );
    return out;
  };
}
