/**
 * The shape of Port's search rule language, checked without the blueprint model.
 *
 *   query:      { combinator: "and" | "or", rules: [ rule | query ] }
 *   comparison: { property: "<identifier>" | "$meta", operator, value? }
 *   schema:     { propertySchema: { type, format? }, operator, value? }
 *   relation:   { relation: "<relation identifier>", operator, value? }  (the identifiers it points at)
 *   relatedTo:  { operator: "relatedTo", blueprint, value: id | [ids], direction?, required? }
 *   path:       { property: { path: [relation | { relation, maxHops }], fromBlueprint? }, operator: "matchAny", value: id | [ids] }
 *   scorecard:  { scorecard: "<scorecard identifier>", operator: "=" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "notIn", value: level | [levels] }
 *               (the entity's level in that scorecard of its blueprint; levels compare in the scorecard's order)
 *
 * Beyond Port, a comparison may name another property of the same entity as its value:
 * `{ property: "replicas", operator: ">=", value: { property: "minReplicas" } }` (see docs/search.md).
 *
 * Written by hand rather than as a JSON Schema: each operator takes its own kind of value, and a
 * user needs to read "containsAny takes an array" at `/rules/2/value`, which an `anyOf` over
 * rule kinds cannot say (Ajv reports every branch). Problems are data: a pointer and what was
 * expected. `parseRuleQuery` turns the first into a BAD_USER_INPUT error.
 */
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { DATE_PRESETS } from './datePresets.ts';

export const COMPARISON_OPERATORS = [
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'between',
  'notBetween',
  'contains',
  'doesNotContains',
  'containsAny',
  'beginsWith',
  'doesNotBeginsWith',
  'endsWith',
  'doesNotEndsWith',
  'in',
  'notIn',
  'isEmpty',
  'isNotEmpty',
  'isExpired',
  'isNotExpired',
] as const;

export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export interface RuleQuery {
  readonly combinator: 'and' | 'or';
  readonly rules: readonly (Rule | RuleQuery)[];
}

export type Rule = ComparisonRule | PropertySchemaRule | RelationRule | RelatedToRule | PathRule | ScorecardRule;

/** A comparison's value naming another property of the same entity (Lattice's extension). */
export interface PropertyRef {
  readonly property: string;
}

/** The entity's level in a scorecard of its blueprint, compared in the scorecard's level order. */
export interface ScorecardRule {
  readonly scorecard: string;
  readonly operator: (typeof SCORECARD_OPERATORS)[number];
  readonly value: string | readonly string[];
}

/** The operators a scorecard rule takes; `>` and friends compare levels by their order. */
export const SCORECARD_OPERATORS = ['=', '!=', '>', '>=', '<', '<=', 'in', 'notIn'] as const;

/** The operators whose value may name another property (`{ "property": "<key>" }`). */
const PROPERTY_REF_OPERATORS: readonly string[] = ['=', '!=', '>', '>=', '<', '<=', 'contains', 'doesNotContains', 'beginsWith', 'doesNotBeginsWith', 'endsWith', 'doesNotEndsWith'];

export interface ComparisonRule {
  readonly property: string;
  readonly operator: ComparisonOperator;
  readonly value?: unknown;
}

export interface PropertySchemaRule {
  readonly propertySchema: { readonly type: string; readonly format?: string };
  readonly operator: ComparisonOperator;
  readonly value?: unknown;
}

/** Port's relation filter: the identifiers a relation of the entity points at, compared as a value. */
export interface RelationRule {
  readonly relation: string;
  readonly operator: (typeof RELATION_OPERATORS)[number];
  readonly value?: unknown;
}

/** The operators a relation rule takes: its value is an identifier, or a list of them for a `many` relation. */
export const RELATION_OPERATORS = ['=', '!=', 'in', 'notIn', 'containsAny', 'isEmpty', 'isNotEmpty'] as const;

export interface RelatedToRule {
  readonly operator: 'relatedTo';
  readonly blueprint: string;
  readonly value: string | readonly string[];
  readonly direction?: 'upstream' | 'downstream';
  readonly required?: boolean;
}

/** One step of a relation path: a relation followed once, or up to `maxHops` times. */
export type PathStep = string | { readonly relation: string; readonly maxHops: number };

export interface PathRule {
  readonly property: { readonly path: readonly PathStep[]; readonly fromBlueprint?: string };
  readonly operator: 'matchAny';
  readonly value: string | readonly string[];
}

export interface RuleProblem {
  /** JSON pointer into the query. */
  readonly pointer: string;
  readonly message: string;
}

export const isGroup = (r: Rule | RuleQuery): r is RuleQuery => 'combinator' in r;
export const isRelatedTo = (r: Rule): r is RelatedToRule => r.operator === 'relatedTo';
export const isPathRule = (r: Rule): r is PathRule => r.operator === 'matchAny';
export const isSchemaRule = (r: Rule): r is PropertySchemaRule => 'propertySchema' in r;
export const isRelationRule = (r: Rule): r is RelationRule => 'relation' in r;
export const isScorecardRule = (r: Rule): r is ScorecardRule => 'scorecard' in r;
export const isPropertyRef = (v: unknown): v is PropertyRef => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as PropertyRef).property === 'string';

const MAX_DEPTH = 10;
const MAX_HOPS = 15;
/** Value types of Port properties, as `propertySchema.type` names them. */
export const PROPERTY_TYPES = ['string', 'number', 'boolean', 'object', 'array'] as const;

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Every shape problem of a query, in document order. */
export function ruleSyntaxProblems(query: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  checkGroup(query, '', 0, problems);
  return problems;
}

/**
 * Checks the shape of a query and returns it normalised (`required: "true"`, as some Port
 * clients send it, becomes `true`); throws BAD_USER_INPUT with the pointer of the first problem.
 */
export function parseRuleQuery(query: unknown, argument = 'query'): RuleQuery {
  const problems = ruleSyntaxProblems(query);
  if (problems.length > 0) throw ruleQueryError(problems, argument);
  return normalise(query as RuleQuery);
}

/** The BAD_USER_INPUT error for a query's problems: the first in the message, all in `problems`. */
export function ruleQueryError(problems: readonly RuleProblem[], argument: string): LatticeError {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new LatticeError(ErrorCodes.BAD_USER_INPUT, `invalid search query at ${first.pointer || '/'}: ${first.message}${more}`, {
    details: { argument, pointer: first.pointer, problems: problems.map((p) => ({ pointer: p.pointer, message: p.message })) },
  });
}

function normalise(q: RuleQuery): RuleQuery {
  return {
    combinator: q.combinator,
    rules: q.rules.map((r) => {
      if (isGroup(r)) return normalise(r);
      if (isRelatedTo(r) && typeof r.required === 'string') return { ...r, required: r.required === 'true' };
      return r;
    }),
  };
}

function checkGroup(q: unknown, at: string, depth: number, out: RuleProblem[]): void {
  if (!isObject(q)) return void out.push({ pointer: at, message: `expected a query object { combinator, rules }, got ${show(q)}` });
  if (depth > MAX_DEPTH) return void out.push({ pointer: at, message: `queries nest at most ${MAX_DEPTH} levels deep` });
  for (const key of Object.keys(q)) if (key !== 'combinator' && key !== 'rules') out.push({ pointer: `${at}/${key}`, message: `unknown key "${key}"; a query has "combinator" and "rules"` });
  if (q.combinator !== 'and' && q.combinator !== 'or') out.push({ pointer: `${at}/combinator`, message: `expected "and" or "or", got ${show(q.combinator)}` });
  if (!Array.isArray(q.rules)) return void out.push({ pointer: at ? `${at}/rules` : '', message: `expected "rules", an array of rules and queries, got ${show(q.rules)}` });
  q.rules.forEach((r, i) => {
    const p = `${at}/rules/${i}`;
    if (isObject(r) && 'combinator' in r) checkGroup(r, p, depth + 1, out);
    else checkRule(r, p, out);
  });
}

const RULE_KEYS: Record<string, readonly string[]> = {
  comparison: ['property', 'operator', 'value'],
  schema: ['propertySchema', 'operator', 'value'],
  relation: ['relation', 'operator', 'value'],
  relatedTo: ['operator', 'blueprint', 'value', 'direction', 'required'],
  path: ['property', 'operator', 'value'],
  scorecard: ['scorecard', 'operator', 'value'],
};

function checkRule(r: unknown, at: string, out: RuleProblem[]): void {
  if (!isObject(r)) return void out.push({ pointer: at, message: `expected a rule object, got ${show(r)}` });
  const op = r.operator;
  const kind = op === 'relatedTo' ? 'relatedTo' : op === 'matchAny' ? 'path' : 'propertySchema' in r ? 'schema' : 'relation' in r ? 'relation' : 'scorecard' in r ? 'scorecard' : 'comparison';
  for (const key of Object.keys(r)) {
    if (!RULE_KEYS[kind].includes(key)) out.push({ pointer: `${at}/${key}`, message: `unknown key "${key}" in a ${kind === 'schema' ? 'propertySchema' : kind} rule; expected ${RULE_KEYS[kind].join(', ')}` });
  }
  if (isObject(r.value) && 'context' in r.value) return void out.push({ pointer: `${at}/value`, message: 'contextual values ({ "context": "user" | "userTeams" }) are not supported: write the value itself' });
  if (kind === 'relatedTo') return checkRelatedTo(r, at, out);
  if (kind === 'path') return checkPath(r, at, out);
  if (kind === 'relation') return checkRelation(r, at, out);
  if (kind === 'scorecard') return checkScorecard(r, at, out);
  if (kind === 'schema') checkPropertySchema(r.propertySchema, `${at}/propertySchema`, out);
  else if (isObject(r.property) && 'context' in r.property) out.push({ pointer: `${at}/property`, message: 'contextual properties ({ "context": "user" | "userTeams" }) are not supported' });
  else if (isObject(r.property) && 'path' in r.property) out.push({ pointer: `${at}/operator`, message: `a relation path ({ "path": [...] }) takes the operator "matchAny", got ${show(op)}` });
  else if (typeof r.property !== 'string' || r.property === '') out.push({ pointer: `${at}/property`, message: `expected a property identifier or a meta property ($identifier, $title…), got ${show(r.property)}` });
  if (typeof op !== 'string' || !(COMPARISON_OPERATORS as readonly string[]).includes(op)) {
    return void out.push({ pointer: `${at}/operator`, message: `unknown operator ${show(op)}; expected one of ${[...COMPARISON_OPERATORS, 'relatedTo', 'matchAny'].join(', ')}` });
  }
  if (isObject(r.value) && 'property' in r.value) return void propertyRefProblem(op, r.value, `${at}/value`, out);
  const problem = valueProblem(op as ComparisonOperator, r.value, 'value' in r);
  if (problem) out.push({ pointer: `${at}/value`, message: problem });
}

function propertyRefProblem(op: string, v: Raw, at: string, out: RuleProblem[]): void {
  if (!PROPERTY_REF_OPERATORS.includes(op)) return void out.push({ pointer: at, message: `"${op}" cannot compare with another property; { "property" } values go with ${PROPERTY_REF_OPERATORS.join(', ')}` });
  if (!isPropertyRef(v) || v.property === '') out.push({ pointer: at, message: `expected { "property": "<identifier>" } naming the property to compare with, got ${show(v)}` });
}

function checkScorecard(r: Raw, at: string, out: RuleProblem[]): void {
  if (typeof r.scorecard !== 'string' || r.scorecard === '') out.push({ pointer: `${at}/scorecard`, message: `expected a scorecard identifier, got ${show(r.scorecard)}` });
  if (!(SCORECARD_OPERATORS as readonly unknown[]).includes(r.operator)) {
    return void out.push({ pointer: `${at}/operator`, message: `a scorecard rule takes one of ${SCORECARD_OPERATORS.join(', ')}, got ${show(r.operator)}` });
  }
  const list = r.operator === 'in' || r.operator === 'notIn';
  const fits = list ? Array.isArray(r.value) && r.value.length > 0 && r.value.every((x) => typeof x === 'string') : typeof r.value === 'string';
  if (!fits) out.push({ pointer: `${at}/value`, message: `"${String(r.operator)}" takes ${list ? 'a non-empty array of level titles' : 'a level title'}, got ${show(r.value)}` });
}

/** What an operator needs as its value, independent of the property: a message, or undefined when it fits. */
function valueProblem(op: ComparisonOperator, v: unknown, given: boolean): string | undefined {
  switch (op) {
    case 'isEmpty':
    case 'isNotEmpty':
    case 'isExpired':
    case 'isNotExpired':
      return given && v !== null ? `"${op}" takes no value, got ${show(v)}` : undefined;
    case '=':
    case '!=':
      return isScalar(v) ? undefined : `"${op}" takes a string, number or boolean, got ${show(v)}${v === null ? '; use "isEmpty" / "isNotEmpty" for missing values' : ''}`;
    case '>':
    case '>=':
    case '<':
    case '<=':
      return typeof v === 'number' || typeof v === 'string' ? undefined : `"${op}" takes a number or a date (ISO 8601 string), got ${show(v)}`;
    case 'contains':
    case 'doesNotContains':
    case 'beginsWith':
    case 'doesNotBeginsWith':
    case 'endsWith':
    case 'doesNotEndsWith':
      return typeof v === 'string' || (op.endsWith('ontains') && isScalar(v)) ? undefined : `"${op}" takes a string, got ${show(v)}`;
    case 'in':
    case 'notIn':
    case 'containsAny':
      return Array.isArray(v) && v.every(isScalar) ? undefined : `"${op}" takes an array of strings, numbers or booleans, got ${show(v)}`;
    case 'between':
    case 'notBetween':
      return rangeProblem(op, v);
  }
}

function rangeProblem(op: string, v: unknown): string | undefined {
  const expected = `"${op}" takes { "preset": ${DATE_PRESETS.map((p) => `"${p}"`).join(' | ')} } or { "from", "to" }`;
  if (!isObject(v)) return `${expected}, got ${show(v)}`;
  if ('preset' in v) {
    if (Object.keys(v).length > 1) return `${expected}: a preset takes no "from" or "to"`;
    return (DATE_PRESETS as readonly string[]).includes(v.preset as string) ? undefined : `unknown preset ${show(v.preset)}; ${expected}`;
  }
  const extra = Object.keys(v).find((k) => k !== 'from' && k !== 'to');
  if (extra) return `${expected}, got the key "${extra}"`;
  if (v.from === undefined && v.to === undefined) return `${expected}, got neither`;
  for (const end of ['from', 'to'] as const) {
    const x = v[end];
    if (x === undefined || typeof x === 'number') continue;
    if (typeof x !== 'string' || Number.isNaN(Date.parse(x))) return `"${end}" must be a date (ISO 8601) or a number, got ${show(x)}`;
  }
  if (v.from !== undefined && v.to !== undefined && typeof v.from !== typeof v.to) return `"from" and "to" must both be dates or both be numbers`;
  return undefined;
}

function checkRelation(r: Raw, at: string, out: RuleProblem[]): void {
  if (typeof r.relation !== 'string' || r.relation === '') out.push({ pointer: `${at}/relation`, message: `expected a relation identifier, got ${show(r.relation)}` });
  if (!(RELATION_OPERATORS as readonly unknown[]).includes(r.operator)) {
    return void out.push({ pointer: `${at}/operator`, message: `a relation rule takes one of ${RELATION_OPERATORS.join(', ')}, got ${show(r.operator)}` });
  }
  const problem = valueProblem(r.operator as ComparisonOperator, r.value, 'value' in r);
  if (problem) out.push({ pointer: `${at}/value`, message: problem });
}

function checkPropertySchema(s: unknown, at: string, out: RuleProblem[]): void {
  if (!isObject(s)) return void out.push({ pointer: at, message: `expected { "type", "format"? }, got ${show(s)}` });
  if (!(PROPERTY_TYPES as readonly string[]).includes(s.type as string)) out.push({ pointer: `${at}/type`, message: `expected one of ${PROPERTY_TYPES.join(', ')}, got ${show(s.type)}` });
  if (s.format !== undefined && typeof s.format !== 'string') out.push({ pointer: `${at}/format`, message: `expected a format name, got ${show(s.format)}` });
  for (const key of Object.keys(s)) if (key !== 'type' && key !== 'format') out.push({ pointer: `${at}/${key}`, message: `unknown key "${key}"; a property schema has "type" and "format"` });
}

const isIdentifiers = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));

function checkRelatedTo(r: Raw, at: string, out: RuleProblem[]): void {
  if (typeof r.blueprint !== 'string' || r.blueprint === '') out.push({ pointer: `${at}/blueprint`, message: `"relatedTo" needs "blueprint", the blueprint of the entities in "value"; got ${show(r.blueprint)}` });
  if (!isIdentifiers(r.value)) out.push({ pointer: `${at}/value`, message: `"relatedTo" takes an entity identifier or a non-empty array of them, got ${show(r.value)}` });
  if (r.direction !== undefined && r.direction !== 'upstream' && r.direction !== 'downstream') out.push({ pointer: `${at}/direction`, message: `expected "upstream" or "downstream", got ${show(r.direction)}` });
  if (r.required !== undefined && typeof r.required !== 'boolean' && r.required !== 'true' && r.required !== 'false') out.push({ pointer: `${at}/required`, message: `expected true or false, got ${show(r.required)}` });
}

function checkPath(r: Raw, at: string, out: RuleProblem[]): void {
  const p = r.property;
  if (!isObject(p) || !Array.isArray(p.path) || p.path.length === 0) {
    return void out.push({ pointer: `${at}/property`, message: `"matchAny" takes a relation path: { "path": [relation identifiers], "fromBlueprint"? }, got ${show(p)}` });
  }
  for (const key of Object.keys(p)) if (key !== 'path' && key !== 'fromBlueprint') out.push({ pointer: `${at}/property/${key}`, message: `unknown key "${key}"; a relation path has "path" and "fromBlueprint"` });
  if (p.fromBlueprint !== undefined && (typeof p.fromBlueprint !== 'string' || p.fromBlueprint === '')) out.push({ pointer: `${at}/property/fromBlueprint`, message: `expected a blueprint identifier, got ${show(p.fromBlueprint)}` });
  let withHops = 0;
  p.path.forEach((step, i) => {
    const sp = `${at}/property/path/${i}`;
    if (typeof step === 'string' && step !== '') return;
    if (isObject(step) && typeof step.relation === 'string' && Number.isInteger(step.maxHops) && (step.maxHops as number) >= 1 && (step.maxHops as number) <= MAX_HOPS && Object.keys(step).length === 2) {
      if (++withHops > 1) out.push({ pointer: sp, message: '"maxHops" may be used once per path' });
      return;
    }
    out.push({ pointer: sp, message: `expected a relation identifier or { "relation", "maxHops": 1..${MAX_HOPS} }, got ${show(step)}` });
  });
  if (!isIdentifiers(r.value)) out.push({ pointer: `${at}/value`, message: `"matchAny" takes an entity identifier or a non-empty array of them, got ${show(r.value)}` });
}
