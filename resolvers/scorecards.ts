/**
 * Scorecards in a request: `scorecards` on every entity type, level filters and orderBy, and
 * scorecard rules in search and gates. Each scorecard of the entity's blueprint is evaluated live,
 * at read time, over the entity as served (catalog merged with live sources; mirror, calculation
 * and aggregation properties through the request's loaders). One DataLoader per request batches
 * the entities a response asks about: all the entities of a page are evaluated together, one
 * `evaluateRules` call per rule, so a page of N entities costs the loads of one (no N+1), and a
 * field, a filter and an orderBy on the same entities evaluate them once.
 */
import DataLoader from 'dataloader';
import type { RequestContext } from '../src/context/index.ts';
import type { Entity } from '../src/model/entities/entity.ts';
import type { RuleContext } from '../src/model/query/portRules.ts';
import { evaluateAll, scorecardMask, type ScorecardResult } from '../src/model/scorecards/evaluate.ts';
import { levelRank } from '../src/model/scorecards/model.ts';
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';
import type { SchemaPlan } from '../src/schema/plan.ts';
import { ruleContext, type LoadersContext } from './computed.ts';
import type { FieldResolver } from './types.ts';

/** The request's loader of scorecard results, keyed by the request's loaders (one per request). */
const perRequest = new WeakMap<object, DataLoader<Entity, ScorecardResult[]>>();

/** The rule context of a request, with scorecard rules answered from the plan's scorecards. */
export function scorecardRuleContext(plan: SchemaPlan, ctx: LoadersContext): RuleContext {
  const base = ruleContext(plan, ctx);
  return { ...base, scorecardMask: scorecardMask(plan.scorecards, base) };
}

/**
 * Keyed by the entity object itself, weakly: the request's loaders hand out one object per entity,
 * so a field, a filter and an orderBy over the same entities share one evaluation; a subscription,
 * whose context lives as long as its connection, reads each event's entity afresh (a new object:
 * evaluated again), and the results of past events go with their entities.
 */
function scorecardResults(plan: SchemaPlan, ctx: RequestContext): DataLoader<Entity, ScorecardResult[]> {
  let loader = perRequest.get(ctx.loaders);
  if (!loader) {
    let cache = new WeakMap<Entity, Promise<ScorecardResult[]>>();
    const cacheMap = { get: (e: Entity) => cache.get(e), set: (e: Entity, v: Promise<ScorecardResult[]>) => cache.set(e, v), delete: (e: Entity) => cache.delete(e), clear: () => void (cache = new WeakMap()) };
    loader = new DataLoader((entities: readonly Entity[]) => evaluateAll(plan.scorecards, entities, ruleContext(plan, ctx)), { cacheMap });
    perRequest.set(ctx.loaders, loader);
  }
  return loader;
}

/** Each entity's level rank in one scorecard (undefined where it does not grade the entity), in one batch. */
export async function scorecardRanks(plan: SchemaPlan, ctx: RequestContext, entities: readonly Entity[], scorecard: string): Promise<(number | undefined)[]> {
  const results = await scorecardResults(plan, ctx).loadMany(entities);
  return results.map((r) => {
    if (r instanceof Error) throw r;
    return r.find((x) => x.scorecard.identifier === scorecard)?.rank;
  });
}

/** A `ScorecardLevelFilter` as a test on a rank; a level the scorecard does not have is BAD_USER_INPUT. */
export function levelCondition(plan: SchemaPlan, blueprint: string, scorecard: string, condition: Readonly<Record<string, unknown>>): (rank: number | undefined) => boolean {
  const s = plan.scorecards.get(blueprint, scorecard);
  const rank = (title: unknown) => {
    const r = s ? levelRank(s, String(title)) : -1;
    if (r < 0) throw new LatticeError(ErrorCodes.BAD_USER_INPUT, `scorecard "${scorecard}" has no level ${JSON.stringify(title)}; expected one of ${s?.levels.map((l) => l.title).join(', ')}`, { details: { argument: 'filter' } });
    return r;
  };
  const tests: ((r: number | undefined) => boolean)[] = [];
  for (const [op, v] of Object.entries(condition)) {
    if (v === null || v === undefined) continue;
    if (op === 'isNull') tests.push((r) => (r === undefined) === v);
    else if (op === 'equalTo') tests.push(((w) => (r) => r === w)(rank(v)));
    else if (op === 'notEqualTo') tests.push(((w) => (r) => r !== undefined && r !== w)(rank(v)));
    else if (op === 'in') tests.push(((w) => (r) => r !== undefined && w.includes(r))((v as unknown[]).map(rank)));
    else if (op === 'notIn') tests.push(((w) => (r) => r !== undefined && !w.includes(r))((v as unknown[]).map(rank)));
    else if (op === 'atLeast') tests.push(((w) => (r) => r !== undefined && r >= w)(rank(v)));
    else if (op === 'below') tests.push(((w) => (r) => r !== undefined && r < w)(rank(v)));
  }
  return (r) => tests.every((t) => t(r));
}

/** A result as the `ScorecardResult` type serves it; `levels` and `rules` are built only when selected (a page asking for `level` builds neither). */
class ServedResult {
  private readonly r: ScorecardResult;
  constructor(r: ScorecardResult) {
    this.r = r;
  }
  get identifier() {
    return this.r.scorecard.identifier;
  }
  get title() {
    return this.r.scorecard.title;
  }
  get description() {
    return this.r.scorecard.description ?? null;
  }
  get level() {
    return this.r.level;
  }
  get levels() {
    return this.r.scorecard.levels.map((l) => ({ title: l.title, color: l.color ?? null }));
  }
  get rules() {
    return this.r.rules.map(({ rule, passed }) => ({ identifier: rule.identifier, title: rule.title, description: rule.description ?? null, level: rule.level, passed, actions: rule.actions }));
  }
}
const served = (r: ScorecardResult) => new ServedResult(r);

/** The `scorecards` field of a blueprint's type; `[]` right away when the blueprint has none. */
export function scorecardsField(plan: SchemaPlan, blueprint: string): FieldResolver<unknown> {
  if (plan.scorecards.forBlueprint(blueprint).length === 0) return () => [];
  return async (e, _args, ctx) => (await scorecardResults(plan, ctx).load(e)).map(served);
}

/** `scorecardDefinitions(blueprint:)`: the definitions as loaded, in the order of the files. */
export function scorecardDefinitions(plan: SchemaPlan, blueprint: string | null | undefined) {
  const list = blueprint ? plan.scorecards.forBlueprint(blueprint) : plan.scorecards.scorecards;
  return list.map((s) => ({
    identifier: s.identifier,
    title: s.title,
    description: s.description ?? null,
    blueprint: s.blueprint,
    levels: s.levels.map((l) => ({ title: l.title, color: l.color ?? null })),
    rules: s.rules.map((r) => ({ identifier: r.identifier, title: r.title, description: r.description ?? null, level: r.level, query: r.query, actions: [...r.actions] })),
    filter: s.filter ?? null,
    definition: s.raw,
  }));
}
