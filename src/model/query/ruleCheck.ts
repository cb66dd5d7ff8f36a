/**
 * checkRuleQuery: a well-formed query (ruleSyntax.ts) checked against the blueprint model, so a
 * typo is an error that says where and what was expected instead of a silent empty answer:
 * unknown properties and meta properties, unknown blueprints (with a hint when only the case is
 * wrong: "Service" for "service"), relation paths that do not exist, and values that cannot
 * match the property (a string for a number, a value outside an enum, a range on a boolean).
 *
 * `blueprints` are the blueprints the query's entities can belong to (the search's candidates,
 * an aggregation's target): a property must exist on at least one of them.
 */
import { META_PROPERTIES, type Blueprint, type BlueprintModel } from '../blueprints/model.ts';
import { instantOf } from './operators.ts';
import { isGroup, isPathRule, isPropertyRef, isRelatedTo, isRelationRule, isSchemaRule, isScorecardRule, type ComparisonRule, type PathRule, type RuleProblem, type RuleQuery, type ScorecardRule } from './ruleSyntax.ts';

/** The scorecards a query's scorecard rules may name: their levels, in order, by blueprint and identifier. */
export interface KnownScorecards {
  levelsOf(blueprint: string, scorecard: string): readonly string[] | undefined;
}

/** What a rule can know of a property's values. `any`: not known (a mirror of an object, say). */
interface ValueInfo {
  readonly kind: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'date' | 'any';
  readonly enum?: readonly unknown[];
}

/** Meta properties rules accept: Port's list (`$createdBy`/`$updatedBy` read null where the store keeps no author). */
export const RULE_META_PROPERTIES: readonly string[] = [...new Set([...META_PROPERTIES, '$createdBy', '$updatedBy'])];

const META_INFO: Readonly<Record<string, ValueInfo>> = {
  $team: { kind: 'array' },
  $createdAt: { kind: 'date' },
  $updatedAt: { kind: 'date' },
};

const show = (v: unknown) => JSON.stringify(v);

/** `scorecards`: what scorecard rules may name; without it, a scorecard rule is a problem. */
export function checkRuleQuery(query: RuleQuery, model: BlueprintModel, blueprints: readonly string[], scorecards?: KnownScorecards): RuleProblem[] {
  const scope = blueprints.map((b) => model.get(b)).filter((b): b is Blueprint => b !== undefined);
  const out: RuleProblem[] = [];
  walk(query, '', { model, scope, out, scorecards });
  return out;
}

interface Walk {
  readonly model: BlueprintModel;
  readonly scope: readonly Blueprint[];
  readonly out: RuleProblem[];
  readonly scorecards?: KnownScorecards;
}

/** The scorecard must exist on one of the blueprints in scope, and each level named must be one of its levels. */
function checkScorecardRule(r: ScorecardRule, at: string, w: Walk): void {
  const levels = w.scope.map((b) => w.scorecards?.levelsOf(b.identifier, r.scorecard)).filter((l): l is readonly string[] => l !== undefined);
  if (levels.length === 0) {
    const where = w.scope.length === 1 ? `blueprint "${w.scope[0].identifier}"` : 'the blueprints the query can match';
    return void w.out.push({ pointer: `${at}/scorecard`, message: `${where} ha${w.scope.length === 1 ? 's' : 've'} no scorecard "${r.scorecard}"` });
  }
  const named = typeof r.value === 'string' ? [r.value] : r.value;
  named.forEach((level, i) => {
    if (levels.some((l) => l.includes(level))) return;
    w.out.push({ pointer: `${at}/value${typeof r.value === 'string' ? '' : `/${i}`}`, message: `scorecard "${r.scorecard}" has no level ${show(level)}; expected one of ${[...new Set(levels.flat())].join(', ')}` });
  });
}

function walk(q: RuleQuery, at: string, w: Walk): void {
  q.rules.forEach((r, i) => {
    const p = `${at}/rules/${i}`;
    if (isGroup(r)) return walk(r, p, w);
    if (isRelatedTo(r)) return void knownBlueprint(w, r.blueprint, `${p}/blueprint`);
    if (isPathRule(r)) return checkPath(r, p, w);
    if (isSchemaRule(r)) return;
    if (isRelationRule(r)) return checkRelationName(r.relation, `${p}/relation`, w);
    if (isScorecardRule(r)) return checkScorecardRule(r, p, w);
    checkComparison(r, p, w);
  });
}

/** Pushes a problem unless `id` is a blueprint; true when it is. */
function knownBlueprint(w: Walk, id: unknown, pointer: string): boolean {
  if (typeof id === 'string' && w.model.get(id)) return true;
  const all = w.model.blueprints.map((b) => b.identifier);
  const near = typeof id === 'string' ? all.find((b) => b.toLowerCase() === id.toLowerCase()) : undefined;
  w.out.push({ pointer, message: `unknown blueprint ${show(id)}; ${near ? `did you mean "${near}"? (identifiers are case-sensitive)` : `expected one of ${all.join(', ')}`}` });
  return false;
}

function checkComparison(r: ComparisonRule, at: string, w: Walk): void {
  const key = r.property;
  if (key === '$blueprint') {
    if (r.operator === '=' || r.operator === '!=') knownBlueprint(w, r.value, `${at}/value`);
    if (r.operator === 'in' || r.operator === 'notIn') (r.value as unknown[]).forEach((b, i) => knownBlueprint(w, b, `${at}/value/${i}`));
    return;
  }
  let infos: ValueInfo[];
  if (key.startsWith('$')) {
    if (!RULE_META_PROPERTIES.includes(key)) return void w.out.push({ pointer: `${at}/property`, message: `unknown meta property "${key}"; expected one of ${RULE_META_PROPERTIES.join(', ')}` });
    infos = [META_INFO[key] ?? { kind: 'string' }];
  } else {
    const owners = w.scope.filter((b) => definesKey(b, key));
    if (owners.length === 0) return void w.out.push({ pointer: `${at}/property`, message: unknownProperty(key, w.scope, w.model) });
    infos = owners.map((b) => describe(w.model, b, key, 0));
  }
  if (isPropertyRef(r.value)) return refProblems(r.value.property, `${at}/value/property`, w);
  // Blueprints may define one identifier differently: a rule (or each value of a list) is fine when it fits any of them.
  const rules: ComparisonRule[] = Array.isArray(r.value) ? r.value.map((x) => ({ ...r, operator: '=', value: x })) : [r];
  for (const [i, one] of rules.entries()) {
    const problems = infos.map((info) => fitProblem(one, info));
    if (problems.some((p) => p === undefined)) continue;
    const problem = problems[0] as { pointer: string; message: string };
    const pointer = Array.isArray(r.value) && problem.pointer === 'value' ? `value/${i}` : problem.pointer;
    w.out.push({ pointer: `${at}/${pointer}`, message: problem.message });
    return;
  }
}

/** The property a `{ "property" }` value names must exist like any rule's property. */
function refProblems(key: string, pointer: string, w: Walk): void {
  const problems: RuleProblem[] = [];
  checkComparison({ property: key, operator: 'isNotEmpty' }, '', { ...w, out: problems });
  for (const p of problems) w.out.push({ pointer, message: p.message });
}

const definesKey = (b: Blueprint, key: string) => key in b.properties || key in b.mirrorProperties || key in b.calculationProperties || key in b.aggregationProperties;

function keysOf(b: Blueprint): string[] {
  return [...Object.keys(b.properties), ...Object.keys(b.mirrorProperties), ...Object.keys(b.calculationProperties), ...Object.keys(b.aggregationProperties)];
}

function unknownProperty(key: string, scope: readonly Blueprint[], model: BlueprintModel): string {
  const all = scope.length === model.blueprints.length;
  const near = scope.flatMap(keysOf).find((k) => k.toLowerCase() === key.toLowerCase());
  const hint = near ? `did you mean "${near}"? (identifiers are case-sensitive)` : scope.length === 1 ? `expected one of ${[...keysOf(scope[0]), ...RULE_META_PROPERTIES].join(', ')}` : 'expected a property of one of them or a meta property ($identifier, $title…)';
  const where = all ? 'no blueprint' : scope.length === 1 ? `blueprint "${scope[0].identifier}"` : `none of the blueprints ${scope.map((b) => `"${b.identifier}"`).join(', ')}`;
  return scope.length === 1 && !all ? `${where} has no property "${key}"; ${hint}` : `${where} has a property "${key}"; ${hint}`;
}

/** What the values of `key` on blueprint `b` are; mirrors are followed to their end. */
function describe(model: BlueprintModel, b: Blueprint, key: string, depth: number): ValueInfo {
  if (key.startsWith('$')) return META_INFO[key] ?? { kind: 'string' };
  const prop = b.properties[key];
  if (prop) {
    if (prop.type === 'string' && (prop.format === 'date-time' || prop.format === 'timer')) return { kind: 'date' };
    return { kind: prop.type, enum: prop.enum ?? prop.items?.enum };
  }
  const calc = b.calculationProperties[key];
  if (calc) return { kind: calc.type === 'string' && calc.format === 'date-time' ? 'date' : calc.type };
  if (key in b.aggregationProperties) return { kind: 'number' };
  const mirror = b.mirrorProperties[key];
  if (mirror && depth < 10) {
    const hops = mirror.path.split('.');
    const last = hops.pop() as string;
    let current: Blueprint | undefined = b;
    for (const hop of hops) current = current ? model.get(current.relations[hop]?.target ?? '') : undefined;
    if (current && (last.startsWith('$') || definesKey(current, last))) return describe(model, current, last, depth + 1);
  }
  return { kind: 'any' };
}

/** Whether the rule's value can match values of this kind; `pointer` is relative to the rule. */
function fitProblem(r: ComparisonRule, info: ValueInfo): { pointer: string; message: string } | undefined {
  const { operator: op, value: v } = r;
  const of = `property "${r.property}"`;
  if (info.kind === 'any') return undefined;
  const scalarProblem = (x: unknown, pointer: string) => {
    const message = valueFits(x, info, of);
    return message ? { pointer, message } : undefined;
  };
  switch (op) {
    case '=':
    case '!=':
      return scalarProblem(v, 'value');
    case '>':
    case '>=':
    case '<':
    case '<=':
      if (info.kind === 'boolean' || info.kind === 'object' || info.kind === 'array') return { pointer: 'operator', message: `"${op}" compares numbers, dates and strings; ${of} holds ${article(info.kind)}` };
      return scalarProblem(v, 'value');
    case 'between':
    case 'notBetween': {
      if (info.kind !== 'date' && info.kind !== 'number') return { pointer: 'operator', message: `"${op}" takes a date or number property; ${of} holds ${article(info.kind)}` };
      const range = v as Record<string, unknown>;
      if (range.preset !== undefined && info.kind === 'number') return { pointer: 'value/preset', message: `a date preset needs a date property; ${of} holds numbers: use { "from", "to" }` };
      for (const end of ['from', 'to']) {
        if (range[end] === undefined) continue;
        if (info.kind === 'date' && instantOf(range[end]) === undefined) return { pointer: `value/${end}`, message: `${of} holds dates: expected an ISO 8601 date, got ${show(range[end])}` };
        if (info.kind === 'number' && typeof range[end] !== 'number') return { pointer: `value/${end}`, message: `${of} holds numbers: expected a number, got ${show(range[end])}` };
      }
      return undefined;
    }
    case 'isExpired':
    case 'isNotExpired':
      return info.kind === 'date' ? undefined : { pointer: 'operator', message: `"${op}" takes a timer or date-time property; ${of} holds ${article(info.kind)}` };
    case 'contains':
    case 'doesNotContains':
    case 'beginsWith':
    case 'doesNotBeginsWith':
    case 'endsWith':
    case 'doesNotEndsWith':
      return info.kind === 'number' || info.kind === 'boolean' || info.kind === 'object' ? { pointer: 'operator', message: `"${op}" takes a string or array property; ${of} holds ${article(info.kind)}` } : undefined;
    default:
      return undefined;
  }
}

const article = (kind: string) => (kind === 'array' ? 'arrays' : kind === 'object' ? 'objects' : kind === 'date' ? 'dates' : `${kind}s`);

/** A message when one scalar cannot be a value of the property, else undefined. */
function valueFits(x: unknown, info: ValueInfo, of: string): string | undefined {
  if (info.enum && !info.enum.includes(x)) return `${of} takes one of ${info.enum.map(show).join(', ')}; got ${show(x)}`;
  if (info.kind === 'number' && typeof x !== 'number') return `${of} holds numbers: expected a number, got ${show(x)}`;
  if (info.kind === 'boolean' && typeof x !== 'boolean') return `${of} holds booleans: expected true or false, got ${show(x)}`;
  if (info.kind === 'date' && instantOf(x) === undefined) return `${of} holds dates: expected an ISO 8601 date, got ${show(x)}`;
  return undefined;
}

function checkRelationName(relation: string, pointer: string, w: Walk): void {
  if (w.scope.some((b) => relation in b.relations)) return;
  const known = [...new Set(w.scope.flatMap((b) => Object.keys(b.relations)))];
  const where = w.scope.length === 1 ? `blueprint "${w.scope[0].identifier}"` : 'the blueprints the query can match';
  w.out.push({ pointer, message: `${where} ha${w.scope.length === 1 ? 's' : 've'} no relation "${relation}"; expected one of ${known.length ? known.join(', ') : '(no relations)'}` });
}

function checkPath(r: PathRule, at: string, w: Walk): void {
  const from = r.property.fromBlueprint;
  if (from !== undefined && !knownBlueprint(w, from, `${at}/property/fromBlueprint`)) return;
  let current: Blueprint[] = from !== undefined ? [w.model.get(from) as Blueprint] : [...w.scope];
  r.property.path.forEach((step, i) => {
    if (current.length === 0) return;
    const relation = typeof step === 'string' ? step : step.relation;
    const having = current.filter((b) => relation in b.relations);
    if (having.length === 0) {
      const names = current.map((b) => `"${b.identifier}"`).join(', ');
      const known = [...new Set(current.flatMap((b) => Object.keys(b.relations)))];
      w.out.push({ pointer: `${at}/property/path/${i}`, message: `no relation "${relation}" on ${names}; expected one of ${known.length ? known.join(', ') : '(no relations)'}` });
      current = [];
      return;
    }
    current = [...new Set(having.map((b) => b.relations[relation].target))].map((t) => w.model.get(t)).filter((b): b is Blueprint => b !== undefined);
  });
}
