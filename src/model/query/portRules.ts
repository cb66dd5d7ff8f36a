/**
 * Port's search rule language, for `search(query:)` and aggregation `query` filters.
 *
 *   { combinator: "and" | "or", rules: [ rule | query ] }
 *   rule: { property, operator, value }   property: an identifier or a meta ($identifier, $title,
 *         $blueprint, $team, $icon, $createdAt, $updatedAt); operators: = != in notIn contains
 *         beginsWith endsWith > >= < <= between isEmpty isNotEmpty
 *   rule: { operator: "relatedTo", blueprint, value: id | [ids], direction?, required? }
 *
 * relatedTo follows relations transitively from the given entities: "upstream" (the default)
 * reaches what they point at (their dependencies), "downstream" what points at them; with
 * `required: true` only required relations are followed. Malformed queries are BAD_USER_INPUT
 * errors with the JSON pointer of the bad part.
 */
import { Ajv } from 'ajv';
import type { BlueprintModel } from '../blueprints/model.ts';
import { relationTargets, type Entity, type FindByRelation, type LoadEntities } from '../entities/entity.ts';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { compareValues, readKey } from './order.ts';

export interface RuleQuery {
  readonly combinator: 'and' | 'or';
  readonly rules: readonly (Rule | RuleQuery)[];
}

export interface Rule {
  readonly property?: string;
  readonly operator: string;
  readonly value?: unknown;
  readonly blueprint?: string;
  readonly direction?: 'upstream' | 'downstream';
  readonly required?: boolean;
}

export interface RuleContext {
  readonly model: BlueprintModel;
  readonly load: LoadEntities;
  readonly findByRelation: FindByRelation;
}

const OPERATORS = ['=', '!=', 'in', 'notIn', 'contains', 'beginsWith', 'endsWith', '>', '>=', '<', '<=', 'between', 'isEmpty', 'isNotEmpty'];
const MAX_DEPTH = 10;

const ruleSchema = {
  $id: 'port-rules',
  $ref: '#/definitions/query',
  definitions: {
    query: {
      type: 'object',
      required: ['combinator', 'rules'],
      additionalProperties: false,
      properties: {
        combinator: { enum: ['and', 'or'] },
        rules: { type: 'array', items: { anyOf: [{ $ref: '#/definitions/query' }, { $ref: '#/definitions/related' }, { $ref: '#/definitions/rule' }] } },
      },
    },
    rule: {
      type: 'object',
      required: ['property', 'operator'],
      additionalProperties: false,
      properties: { property: { type: 'string', minLength: 1 }, operator: { enum: OPERATORS }, value: {} },
    },
    related: {
      type: 'object',
      required: ['operator', 'blueprint', 'value'],
      additionalProperties: false,
      properties: {
        operator: { const: 'relatedTo' },
        blueprint: { type: 'string' },
        value: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
        direction: { enum: ['upstream', 'downstream'] },
        required: { type: 'boolean' },
      },
    },
  },
};

const validate = new Ajv({ allErrors: false, strict: false }).compile(ruleSchema);

/** Checks the shape of a query; throws BAD_USER_INPUT with the JSON pointer of the first problem. */
export function parseRuleQuery(query: unknown, argument = 'query'): RuleQuery {
  if (!validate(query)) {
    const errors = validate.errors ?? [];
    // anyOf reports every branch; the deepest error is the one that explains the problem.
    const e = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    const params = e?.params as Record<string, unknown> | undefined;
    const detail = params?.allowedValues ? `: ${(params.allowedValues as unknown[]).join(', ')}` : params?.additionalProperty ? `: "${params.additionalProperty}"` : '';
    throw new LatticeError(ErrorCodes.BAD_USER_INPUT, `invalid search query at ${e?.instancePath || '/'}: ${e?.message ?? 'is invalid'}${detail}`, {
      details: { argument, pointer: e?.instancePath ?? '' },
    });
  }
  return query as unknown as RuleQuery;
}

/** Blueprints a query can match: those named by top-level `$blueprint` rules of an `and`, or all. */
export function candidateBlueprints(query: RuleQuery, model: BlueprintModel): string[] {
  const all = model.blueprints.map((b) => b.identifier);
  if (query.combinator !== 'and') return all;
  let out = all;
  for (const r of query.rules) {
    if ('combinator' in r || r.property !== '$blueprint') continue;
    if (r.operator === '=') out = out.filter((b) => b === r.value);
    if (r.operator === 'in' && Array.isArray(r.value)) out = out.filter((b) => (r.value as unknown[]).includes(b));
  }
  return out;
}

/** Evaluates a query over entities; returns one boolean per entity. */
export async function evaluateRules(query: RuleQuery, entities: readonly Entity[], ctx: RuleContext): Promise<boolean[]> {
  const results = await Promise.all(
    query.rules.map((r) => ('combinator' in r ? evaluateRules(r, entities, ctx) : r.operator === 'relatedTo' ? relatedMask(r, entities, ctx) : entities.map((e) => matchRule(e, r)))),
  );
  return entities.map((_, i) => (query.combinator === 'and' ? results.every((m) => m[i]) : results.some((m) => m[i])));
}

function matchRule(e: Entity, r: Rule): boolean {
  const value = readKey(e, r.property as string);
  const v = r.value;
  const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  switch (r.operator) {
    case 'isEmpty':
      return empty;
    case 'isNotEmpty':
      return !empty;
    case '=':
      return Array.isArray(value) && !Array.isArray(v) ? value.includes(v) : JSON.stringify(value) === JSON.stringify(v);
    case '!=':
      return !(Array.isArray(value) && !Array.isArray(v) ? value.includes(v) : JSON.stringify(value) === JSON.stringify(v));
    case 'in':
      return Array.isArray(v) && (Array.isArray(value) ? value.some((x) => v.includes(x)) : v.includes(value));
    case 'notIn':
      return Array.isArray(v) && !(Array.isArray(value) ? value.some((x) => v.includes(x)) : v.includes(value));
    case 'contains':
      return Array.isArray(value) ? value.includes(v) : typeof value === 'string' && value.includes(String(v));
    case 'beginsWith':
      return typeof value === 'string' && value.startsWith(String(v));
    case 'endsWith':
      return typeof value === 'string' && value.endsWith(String(v));
    case '>':
      return !empty && compare(value, v) > 0;
    case '>=':
      return !empty && compare(value, v) >= 0;
    case '<':
      return !empty && compare(value, v) < 0;
    case '<=':
      return !empty && compare(value, v) <= 0;
    case 'between': {
      const { from, to } = (v ?? {}) as { from?: unknown; to?: unknown };
      return !empty && (from === undefined || compare(value, from) >= 0) && (to === undefined || compare(value, to) <= 0);
    }
    default:
      return false;
  }
}

/** Dates compare as instants when both sides parse as ISO dates, other values as themselves. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string' && /^\d{4}-\d\d-\d\d/.test(a) && /^\d{4}-\d\d-\d\d/.test(b)) return Date.parse(a) - Date.parse(b);
  return compareValues(a, b);
}

async function relatedMask(r: Rule, entities: readonly Entity[], ctx: RuleContext): Promise<boolean[]> {
  const related = await relatedSet(r, ctx);
  return entities.map((e) => related.has(key(e)));
}

const key = (e: { blueprint: string; identifier: string }) => `${e.blueprint}\0${e.identifier}`;

/** Every entity related to the rule's entities in its direction, transitively (the starts excluded). */
async function relatedSet(r: Rule, ctx: RuleContext): Promise<Set<string>> {
  const ids = Array.isArray(r.value) ? (r.value as string[]) : [r.value as string];
  let frontier = (await ctx.load(r.blueprint as string, ids)).filter((e): e is Entity => e !== undefined);
  const seen = new Set(frontier.map(key));
  const out = new Set<string>();
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next = r.direction === 'downstream' ? await downstream(frontier, r.required === true, ctx) : await upstream(frontier, r.required === true, ctx);
    frontier = next.filter((e) => !seen.has(key(e)));
    for (const e of frontier) {
      seen.add(key(e));
      out.add(key(e));
    }
  }
  return out;
}

async function upstream(frontier: readonly Entity[], requiredOnly: boolean, ctx: RuleContext): Promise<Entity[]> {
  const wanted = new Map<string, Set<string>>();
  for (const e of frontier) {
    const bp = ctx.model.get(e.blueprint);
    for (const [name, rel] of Object.entries(bp?.relations ?? {})) {
      if (requiredOnly && !rel.required) continue;
      for (const id of relationTargets(e, name)) {
        if (!wanted.has(rel.target)) wanted.set(rel.target, new Set());
        wanted.get(rel.target)?.add(id);
      }
    }
  }
  const loaded = await Promise.all([...wanted].map(([bp, ids]) => ctx.load(bp, [...ids])));
  return loaded.flat().filter((e): e is Entity => e !== undefined);
}

async function downstream(frontier: readonly Entity[], requiredOnly: boolean, ctx: RuleContext): Promise<Entity[]> {
  const byBlueprint = new Map<string, string[]>();
  for (const e of frontier) byBlueprint.set(e.blueprint, [...(byBlueprint.get(e.blueprint) ?? []), e.identifier]);
  const lookups: Promise<readonly (readonly Entity[])[]>[] = [];
  for (const source of ctx.model.blueprints) {
    for (const [name, rel] of Object.entries(source.relations)) {
      const targets = byBlueprint.get(rel.target);
      if (!targets || (requiredOnly && !rel.required)) continue;
      lookups.push(ctx.findByRelation(source.identifier, name, targets));
    }
  }
  return (await Promise.all(lookups)).flat(2);
}
