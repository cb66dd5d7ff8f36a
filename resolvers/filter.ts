/**
 * applyFilter: the typed `filter` input of a connection, evaluated over items.
 *
 * `{ and, or, not, <field>: { equalTo, in, contains, … }, <relation>: <target filter> }`.
 * Comparisons follow SQL (as Hasura and PostGraphile do): a null value matches nothing but
 * `isNull: true`. Relation filters load the related entities of ALL items in one batch per
 * relation, so a filter costs one store call per relation level, not one per item; computed
 * properties (mirror, calculation, aggregation) are read for all items at once the same way.
 */
import { relationTargets, type Entity, type LoadEntities } from '../src/model/entities/entity.ts';
import type { FilterFieldPlan, SchemaPlan, TypePlan } from '../src/schema/plan.ts';
import { compareValues, isMissing, readKey, type Item } from '../src/model/query/order.ts';
import { levelCondition } from './scorecards.ts';
import { matchComparison } from '../src/model/query/operators.ts';

export type FilterInput = Readonly<Record<string, unknown>>;

type RelationFilter = Extract<FilterFieldPlan, { kind: 'relation' }>;

/** What a filter is evaluated against: the type of the items, the plan (relation targets), one batched load, computed values. */
export interface FilterScope {
  readonly type: TypePlan;
  readonly plan: SchemaPlan;
  readonly load: LoadEntities;
  /** The value of a computed property for each entity, read in one batch (resolvers/computed.ts). */
  readonly values: (entities: readonly Entity[], key: string) => readonly unknown[] | Promise<readonly unknown[]>;
  /** Each entity's level rank in a scorecard (undefined: not graded), read in one batch (resolvers/scorecards.ts). */
  readonly ranks?: (entities: readonly Entity[], scorecard: string) => Promise<readonly (number | undefined)[]>;
}

export async function applyFilter<T extends Item>(items: readonly T[], filter: FilterInput | null | undefined, scope: FilterScope): Promise<T[]> {
  if (!filter || Object.keys(filter).length === 0) return [...items];
  const mask = await matchMask(items, filter, scope);
  return items.filter((_, i) => mask[i]);
}

/** One boolean per item; what each input key tests comes from the plan's table (`TypePlan.filter`). */
async function matchMask(items: readonly Item[], filter: FilterInput, scope: FilterScope): Promise<boolean[]> {
  const mask = items.map((item) => !isMissing(item));
  const and = (other: readonly boolean[]) => other.forEach((ok, i) => (mask[i] &&= ok));
  for (const [name, condition] of Object.entries(filter)) {
    if (condition === null || condition === undefined) continue;
    const f = scope.type.filter.get(name);
    switch (f?.kind) {
      case 'and':
        for (const sub of condition as FilterInput[]) and(await matchMask(items, sub, scope));
        break;
      case 'or': {
        const subs = condition as FilterInput[];
        const any = items.map(() => subs.length === 0);
        for (const sub of subs) (await matchMask(items, sub, scope)).forEach((ok, i) => (any[i] ||= ok));
        and(any);
        break;
      }
      case 'not':
        and((await matchMask(items, condition as FilterInput, scope)).map((ok) => !ok));
        break;
      case 'meta':
        and(items.map((item) => !isMissing(item) && matchValue(readKey(item, f.key), condition as FilterInput, f.list)));
        break;
      case 'property': {
        // The value the field answers: the entity's, else the blueprint's default (resolvers/entity.ts).
        const fallback = scope.type.blueprint.properties[f.key]?.default ?? null;
        and(items.map((item) => !isMissing(item) && matchValue(item.properties[f.key] ?? fallback, condition as FilterInput, f.list)));
        break;
      }
      case 'computed': {
        const entities = items.filter((item): item is Entity => !isMissing(item));
        const values = await scope.values(entities, f.key);
        let next = 0;
        and(items.map((item) => !isMissing(item) && matchValue(values[next++] ?? null, condition as FilterInput, f.list)));
        break;
      }
      case 'relation':
        and(await matchRelation(items, { relation: f, condition: condition as FilterInput }, scope));
        break;
      case 'scorecard': {
        const test = levelCondition(scope.plan, scope.type.blueprint.identifier, f.scorecard, condition as FilterInput);
        const entities = items.filter((item): item is Entity => !isMissing(item));
        const ranks = scope.ranks ? await scope.ranks(entities, f.scorecard) : entities.map(() => undefined);
        let next = 0;
        and(items.map((item) => !isMissing(item) && test(ranks[next++])));
        break;
      }
    }
  }
  return mask;
}

/** Per item: does any entity its relation points at match the condition? One batched load for all items. */
async function matchRelation(items: readonly Item[], { relation, condition }: { readonly relation: RelationFilter; readonly condition: FilterInput }, scope: FilterScope): Promise<boolean[]> {
  const idsPerItem = items.map((item) => (isMissing(item) ? [] : relationTargets(item, relation.key)));
  const unique = [...new Set(idsPerItem.flat())];
  const loaded = (await scope.load(relation.target, unique)).filter((e): e is Entity => e !== undefined);
  const ok = await matchMask(loaded, condition, { ...scope, type: scope.plan.type(relation.target) });
  const matching = new Set(loaded.filter((_, i) => ok[i]).map((e) => e.identifier));
  return idsPerItem.map((ids) => ids.some((id) => matching.has(id)));
}

/** Compares an entity value with an operand; DateTime operands arrive as Date objects. */
function cmp(value: unknown, operand: unknown): number {
  if (operand instanceof Date) {
    const t = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(t) ? NaN : t - operand.getTime();
  }
  return compareValues(value, operand);
}

function equal(value: unknown, operand: unknown): boolean {
  if (operand instanceof Date) return cmp(value, operand) === 0;
  if (typeof operand === 'object' && operand !== null) return JSON.stringify(value) === JSON.stringify(operand);
  return value === operand;
}

export function matchValue(value: unknown, condition: FilterInput, list: boolean): boolean {
  for (const [op, operand] of Object.entries(condition)) {
    if (operand === undefined) continue;
    if (op === 'isNull') {
      if ((value === null || value === undefined) !== operand) return false;
      continue;
    }
    if (operand === null) continue;
    // A timer that is not set has not expired (Port's isNotExpired holds for it).
    if (op === 'isExpired') {
      if (matchComparison('isExpired', value ?? null, undefined, Date.now()) !== operand) return false;
      continue;
    }
    if (value === null || value === undefined) return false;
    if (list) {
      const arr = Array.isArray(value) ? value : [value];
      if (op === 'contains' && !arr.some((v) => equal(v, operand))) return false;
      if (op === 'isEmpty' && (arr.length === 0) !== operand) return false;
      continue;
    }
    const ok = (() => {
      switch (op) {
        case 'equalTo':
          return equal(value, operand);
        case 'notEqualTo':
          return !equal(value, operand);
        case 'in':
          return (operand as unknown[]).some((o) => equal(value, o));
        case 'notIn':
          return !(operand as unknown[]).some((o) => equal(value, o));
        case 'contains':
          return String(value).includes(String(operand));
        case 'startsWith':
          return String(value).startsWith(String(operand));
        case 'endsWith':
          return String(value).endsWith(String(operand));
        case 'lessThan':
          return cmp(value, operand) < 0;
        case 'lessThanOrEqualTo':
          return cmp(value, operand) <= 0;
        case 'greaterThan':
          return cmp(value, operand) > 0;
        case 'greaterThanOrEqualTo':
          return cmp(value, operand) >= 0;
        default:
          return true;
      }
    })();
    if (!ok) return false;
  }
  return true;
}
