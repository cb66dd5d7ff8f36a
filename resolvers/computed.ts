/**
 * Computed fields: mirror properties (a value read across single relations), calculation
 * properties (a jq expression over the entity as Port gives it) and aggregation properties (count / sum /
 * min / max / average / median over related entities, optionally filtered by a Port rule query).
 *
 * A computation that fails for one entity is a field error for that entity (CALCULATION_FAILED),
 * never a failed query.
 */
import type { CalculationPropertyDef, RelationDef } from '../src/model/blueprints/model.ts';
import type { RequestContext } from '../src/context/index.ts';
import { relationTargets, type Entity } from '../src/model/entities/entity.ts';
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';
import { compileExpression } from '../src/model/expressions.ts';
import { readKey } from '../src/model/query/order.ts';
import { evaluateRules, parseRuleQuery } from '../src/model/query/portRules.ts';
import type { FieldPlan, SchemaPlan } from '../src/schema/plan.ts';

/** The entity as Port hands it to a calculation: meta fields, `properties`, `relations` (not Lattice's `origin`). */
function portEntity(e: Entity): Omit<Entity, 'origin'> {
  const { origin: _origin, ...port } = e;
  return port;
}

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

/** Reads a property, calculation or mirror property (or a $meta) of an entity by identifier. */
async function valueOf(plan: SchemaPlan, e: Entity, key: string, ctx: RequestContext): Promise<unknown> {
  if (key.startsWith('$')) return readKey(e, key);
  const bp = plan.model.get(e.blueprint);
  const calc = bp?.calculationProperties[key];
  if (calc) return calculate(e, key, calc);
  const m = bp?.mirrorProperties[key];
  if (m) {
    const hops = m.path.split('.');
    const last = hops.pop() as string;
    return mirror(plan, e, hops, last, ctx);
  }
  return e.properties[key] ?? null;
}

export async function mirror(plan: SchemaPlan, e: Entity, hops: readonly string[], last: string, ctx: RequestContext): Promise<unknown> {
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

export async function aggregate(plan: SchemaPlan, e: Entity, f: Extract<FieldPlan, { kind: 'aggregation' }>, ctx: RequestContext): Promise<number | null> {
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
    const query = parseRuleQuery(f.def.query, `aggregationProperties.${f.key}.query`);
    const mask = await evaluateRules(query, entities, { model: plan.model, load: ctx.loaders.loadEntities, findByRelation: ctx.loaders.findByRelation });
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
