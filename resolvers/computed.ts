/**
 * Computed fields: mirror properties (a value read across single relations), calculation
 * properties (a jq expression over the entity as Port gives it) and aggregation properties (count / sum /
 * min / max / average / median over related entities, optionally filtered by a Port rule query).
 *
 * A computation that fails for one entity is a field error for that entity (CALCULATION_FAILED),
 * never a failed query. Where a computed value is compared (search rules, filters, orderBy),
 * `computedValues` reads it for many entities at once, so its loads are batched, and a failure
 * reads as null.
 */
import type { CalculationPropertyDef, RelationDef } from '../src/model/blueprints/model.ts';
import type { RequestContext } from '../src/context/index.ts';
import { portEntity, relationTargets, type Entity } from '../src/model/entities/entity.ts';
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';
import { compileExpression } from '../src/model/expressions.ts';
import { readKey } from '../src/model/query/order.ts';
import { evaluateRules, parseRuleQuery, type RuleContext, type RuleQuery } from '../src/model/query/portRules.ts';
import type { FieldPlan, SchemaPlan } from '../src/schema/plan.ts';

/** What computing a value needs of a request: its loaders (the automations' observer computes values outside any request). */
export type LoadersContext = Pick<RequestContext, 'loaders'>;

export function calculate(e: Entity, key: string, def: CalculationPropertyDef): unknown {
  let value: unknown;
  try {
    value = compileExpression(def.calculation).evaluate(portEntity(e));
  } catch (err) {
    throw new LatticeError(ErrorCodes.CALCULATION_FAILED, `calculation property "${key}" failed for ${e.blueprint} "${e.identifier}": ${(err as Error).message}`, {
      cause: err,
      details: { blueprint: e.blueprint, identifier: e.identifier, property: key },
    });
  }
  if (value === null) return null;
  const expected = def.type === 'array' ? Array.isArray(value) : def.type === 'object' ? typeof value === 'object' : typeof value === def.type;
  if (!expected) {
    throw new LatticeError(ErrorCodes.CALCULATION_FAILED, `calculation property "${key}" of ${e.blueprint} "${e.identifier}" returned ${JSON.stringify(value)}, expected a ${def.type}`, {
      details: { blueprint: e.blueprint, identifier: e.identifier, property: key },
    });
  }
  return value;
}

/** Reads a property, calculation, mirror or aggregation property (or a $meta) of an entity by identifier. */
async function valueOf(plan: SchemaPlan, e: Entity, key: string, ctx: LoadersContext): Promise<unknown> {
  if (key.startsWith('$')) return readKey(e, key);
  const bp = plan.model.get(e.blueprint);
  const calc = bp?.calculationProperties[key];
  if (calc) return calculate(e, key, calc);
  if (bp && key in bp.aggregationProperties) {
    const f = plan.type(e.blueprint).fields.find((x) => x.kind === 'aggregation' && x.key === key) as Extract<FieldPlan, { kind: 'aggregation' }>;
    return aggregate(plan, e, f, ctx);
  }
  const m = bp?.mirrorProperties[key];
  if (m) {
    const hops = m.path.split('.');
    const last = hops.pop() as string;
    return mirror(plan, e, hops, last, ctx);
  }
  return e.properties[key] ?? null;
}

export async function mirror(plan: SchemaPlan, e: Entity, hops: readonly string[], last: string, ctx: LoadersContext): Promise<unknown> {
  let current: Entity | undefined = e;
  for (const hop of hops) {
    const rel: RelationDef | undefined = plan.model.get(current.blueprint)?.relations[hop];
    const id = relationTargets(current, hop)[0];
    if (!rel || id === undefined) return null;
    current = await ctx.loaders.entity(rel.target).load(id);
    if (!current) return null;
  }
  return valueOf(plan, current, last, ctx);
}

/** Aggregation queries parsed once per blueprint definition, not once per entity. */
const parsedQueries = new WeakMap<object, RuleQuery>();
function aggregationQuery(f: Extract<FieldPlan, { kind: 'aggregation' }>): RuleQuery {
  const raw = f.def.query as object;
  let query = parsedQueries.get(raw);
  if (!query) parsedQueries.set(raw, (query = parseRuleQuery(raw, `aggregationProperties.${f.key}.query`)));
  return query;
}

export async function aggregate(plan: SchemaPlan, e: Entity, f: Extract<FieldPlan, { kind: 'aggregation' }>, ctx: LoadersContext): Promise<number | null> {
  const related = new Map<string, Entity>();
  for (const path of f.paths) {
    let frontier: Entity[] = [e];
    for (const hop of [...path].reverse()) {
      const found = await ctx.loaders.findByRelation(hop.from, hop.relation, frontier.map((x) => x.identifier));
      frontier = found.flat();
    }
    for (const x of frontier) related.set(x.identifier, x);
  }
  let entities = [...related.values()];
  if (f.def.query) {
    const query = aggregationQuery(f);
    const mask = await evaluateRules(query, entities, ruleContext(plan, ctx));
    entities = entities.filter((_, i) => mask[i]);
  }
  const spec = f.def.calculationSpec;
  if (spec.calculationBy === 'entities') return entities.length;
  const values = entities.map((x) => x.properties[spec.property]).filter((v): v is number => typeof v === 'number');
  if (values.length === 0) return spec.func === 'sum' ? 0 : null;
  switch (spec.func) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'median': {
      const s = [...values].sort((a, b) => a - b);
      const mid = s.length >> 1;
      return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }
  }
}

/** What a computed property of some blueprint is, by blueprint and key; undefined for stored properties. */
function computedKind(plan: SchemaPlan, blueprint: string, key: string): 'mirror' | 'calculation' | 'aggregation' | undefined {
  const bp = plan.model.get(blueprint);
  if (!bp) return undefined;
  return key in bp.mirrorProperties ? 'mirror' : key in bp.calculationProperties ? 'calculation' : key in bp.aggregationProperties ? 'aggregation' : undefined;
}

async function computedValue(plan: SchemaPlan, e: Entity, key: string, ctx: LoadersContext): Promise<unknown> {
  try {
    return await valueOf(plan, e, key, ctx);
  } catch {
    return null; // the field itself reports the failure; a comparison sees no value
  }
}

/**
 * The value of `key` for each entity: stored properties as they are, computed ones (mirror,
 * calculation, aggregation) through the request's loaders, all entities at once so every hop is
 * one batched load. Synchronous when no entity's blueprint computes `key`.
 */
export function computedValues(plan: SchemaPlan, ctx: LoadersContext, entities: readonly Entity[], key: string): readonly unknown[] | Promise<readonly unknown[]> {
  const computed = new Set<string>();
  for (const e of entities) if (!computed.has(e.blueprint) && computedKind(plan, e.blueprint, key)) computed.add(e.blueprint);
  if (computed.size === 0) return entities.map((e) => e.properties[key] ?? null);
  return Promise.all(entities.map((e) => (computed.has(e.blueprint) ? computedValue(plan, e, key, ctx) : (e.properties[key] ?? null))));
}

/** The context Port rules are evaluated in during a request: batched loads, computed values. */
export function ruleContext(plan: SchemaPlan, ctx: LoadersContext): RuleContext {
  return {
    model: plan.model,
    load: ctx.loaders.loadEntities,
    findByRelation: ctx.loaders.findByRelation,
    values: (entities, key) => computedValues(plan, ctx, entities, key),
  };
}
