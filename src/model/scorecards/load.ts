/**
 * loadScorecards: scorecard files (as text) + the blueprint model → a validated ScorecardSet, or
 * every error. Pure, like loadActions: a file holds one scorecard, a list, or a Port API response
 * (`{ "ok": true, "scorecards": [...] }`), in JSON or YAML.
 *
 * Each scorecard is checked against the meta-schema, then: its blueprint exists; its levels have
 * distinct titles; each rule's level is one of them and not the first (every evaluated entity has
 * the first); rule identifiers are unique; `filter` and every rule's `query` are Port's rule
 * language over the blueprint (unknown properties, values that cannot match: errors with their
 * pointer). Port writes queries as `{ combinator, conditions }`; they are read as the rule
 * language's `{ combinator, rules }`, and errors point at `conditions`. What Port's own UI lets
 * through and Lattice can read without guessing loads with a warning: a bare condition as a
 * query, `"value": null` with `=` / `!=` (read as isEmpty / isNotEmpty), a number or boolean
 * written as a string for a number or boolean property.
 *
 * Every error is a LatticeError (INVALID_SCORECARD) with file, line, column and pointer. Loading
 * never half-applies: any error throws LatticeErrors listing them all.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { Blueprint, BlueprintModel } from '../blueprints/model.ts';
import { ErrorCodes, LatticeError, LatticeErrors, type ErrorLocation } from '../../errors/index.ts';
import { definitionsIn, unknownKeys, type SourceFile } from '../files/definitions.ts';
import { toPointer } from '../files/parseDocument.ts';
import { checkRuleQuery, type RuleQuery } from '../query/portRules.ts';
import { ruleSyntaxProblems } from '../query/ruleSyntax.ts';
import { scorecardSchema, strictScorecardSchema } from './metaschema.ts';
import { createScorecardSet, DEFAULT_LEVELS, type Scorecard, type ScorecardLevel, type ScorecardRule, type ScorecardSet } from './model.ts';

export interface LoadedScorecards {
  readonly scorecards: ScorecardSet;
  readonly warnings: readonly LatticeError[];
}

export interface ScorecardLoadOptions {
  /** The blueprint of scorecards that name none (Port keeps it in the API path; `lattice check --scorecard-blueprint`, the corpus). */
  readonly blueprint?: string;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(scorecardSchema);
const validateStrict = ajv.compile(strictScorecardSchema);

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Throws LatticeErrors listing every problem; never returns a half-valid set. */
export function loadScorecards(files: readonly SourceFile[], model: BlueprintModel, options: ScorecardLoadOptions = {}): LoadedScorecards {
  const errors: LatticeError[] = [];
  const warnings: LatticeError[] = [];
  const out: Scorecard[] = [];
  const seen = new Map<string, Scorecard>();
  for (const { file, raw, pointer, locate } of definitionsIn(files, errors, { list: 'scorecards', one: 'scorecard', code: ErrorCodes.INVALID_SCORECARD })) {
    const fail = (at: string, message: string) => errors.push(new LatticeError(ErrorCodes.INVALID_SCORECARD, message, { location: locate(at) }));
    const warn = (at: string, message: string) => warnings.push(new LatticeError(ErrorCodes.INVALID_SCORECARD, message, { location: locate(at) }));
    if (!validate(raw)) {
      for (const e of validate.errors ?? []) fail(errorPointer(e), `${e.instancePath || '/'} ${describe(e)}`);
      continue;
    }
    for (const { key, pointer: at } of unknownKeys(validateStrict, raw)) warn(at, `unknown key "${key}" is kept but not used`);
    const before = errors.length;
    const scorecard = toScorecard(raw as Raw, model, { file, pointer, locate, fail, warn, blueprint: options.blueprint });
    if (!scorecard || errors.length > before) continue;
    const key = `${scorecard.blueprint}\0${scorecard.identifier}`;
    const previous = seen.get(key);
    if (previous) {
      fail('/identifier', `duplicate scorecard "${scorecard.identifier}" of blueprint "${scorecard.blueprint}", first defined in ${previous.origin.file}`);
      continue;
    }
    seen.set(key, scorecard);
    out.push(scorecard);
  }
  if (errors.length > 0) throw new LatticeErrors(errors);
  return { scorecards: createScorecardSet(out), warnings };
}

function errorPointer(e: ErrorObject): string {
  const missing = e.keyword === 'required' ? toPointer([(e.params as { missingProperty: string }).missingProperty]) : '';
  return `${e.instancePath}${missing}`;
}

function describe(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'enum') return `${e.message}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? 'is invalid';
}

interface Context {
  readonly file: string;
  readonly pointer: string;
  locate(pointer: string): ErrorLocation;
  fail(pointer: string, message: string): void;
  warn(pointer: string, message: string): void;
  readonly blueprint?: string;
}

function toScorecard(raw: Raw, model: BlueprintModel, c: Context): Scorecard | undefined {
  const id = raw.identifier as string;
  const named = (raw.blueprint as string | undefined) ?? c.blueprint;
  if (named === undefined) return void c.fail('', `scorecard "${id}" names no blueprint: add "blueprint", the blueprint whose entities it grades`);
  const bp = model.get(named);
  if (!bp) return void c.fail(raw.blueprint === undefined ? '' : '/blueprint', `scorecard "${id}": unknown blueprint "${named}"; known: ${model.blueprints.map((b) => b.identifier).join(', ')}`);

  const levels: readonly ScorecardLevel[] = (raw.levels as ScorecardLevel[] | undefined) ?? DEFAULT_LEVELS;
  levels.forEach((l, i) => {
    if (levels.findIndex((x) => x.title === l.title) !== i) c.fail(`/levels/${i}/title`, `scorecard "${id}": level "${l.title}" is listed twice`);
  });
  const titles = levels.map((l) => l.title);
  const filter = raw.filter === undefined ? undefined : readQuery(raw.filter, '/filter', bp, model, c);

  const rules: ScorecardRule[] = [];
  const ids = new Set<string>();
  (raw.rules as Raw[]).forEach((r, i) => {
    const at = `/rules/${i}`;
    const rid = r.identifier as string;
    if (ids.has(rid)) c.fail(`${at}/identifier`, `scorecard "${id}": rule "${rid}" is defined twice`);
    ids.add(rid);
    const rank = titles.indexOf(r.level as string);
    if (rank < 0) c.fail(`${at}/level`, `scorecard "${id}": rule "${rid}" is on level "${String(r.level)}", which is not one of its levels: ${titles.join(', ')}`);
    if (rank === 0) c.fail(`${at}/level`, `scorecard "${id}": rule "${rid}" is on "${titles[0]}", the first level, which every evaluated entity has; put it on a level above (${titles.slice(1).join(', ') || 'add one'})`);
    const query = readQuery(r.query, `${at}/query`, bp, model, c);
    if (!query || rank < 1) return;
    rules.push({ identifier: rid, title: (r.title as string | undefined) ?? rid, description: r.description as string | undefined, level: r.level as string, rank, query, actions: (r.actions as string[] | undefined) ?? [] });
  });
  rules.sort((a, b) => a.rank - b.rank);
  return {
    identifier: id,
    title: (raw.title as string | undefined) ?? id,
    description: raw.description as string | undefined,
    blueprint: bp.identifier,
    ...(filter ? { filter } : {}),
    levels,
    rules,
    raw,
    origin: { file: c.file, pointer: c.pointer, locate: c.locate },
  };
}

/**
 * Port's `{ combinator, conditions }` (or the rule language's `{ combinator, rules }`) → a checked
 * RuleQuery over the blueprint; problems reported at the pointers of the query as written.
 */
function readQuery(written: unknown, at: string, bp: Blueprint, model: BlueprintModel, c: Context): RuleQuery | undefined {
  const bare = isObject(written) && !('combinator' in written) && ('property' in written || 'operator' in written);
  if (bare) c.warn(at, 'a query is { "combinator", "conditions" }: this single condition is read as { "combinator": "and", "conditions": [it] }');
  const { query, renamed } = asRules(bare ? { combinator: 'and', conditions: [written] } : written, at, bp, c);
  const where = (p: string) => (bare ? `${at}${p.replace(/^\/rules\/0/, '')}` : `${at}${renamed ? p.replace(/\/rules\//g, '/conditions/') : p}`);
  const syntax = ruleSyntaxProblems(query);
  for (const p of syntax) c.fail(where(p.pointer), `invalid query at ${where(p.pointer)}: ${p.message}`);
  if (syntax.length > 0) return undefined;
  const parsed = query as RuleQuery;
  const nested = scorecardRulePointer(parsed, '');
  if (nested !== undefined) return void c.fail(where(nested), 'a scorecard rule cannot depend on a scorecard level (a "scorecard" rule); compare properties instead');
  const problems = checkRuleQuery(parsed, model, [bp.identifier]);
  for (const p of problems) c.fail(where(p.pointer), `invalid query at ${where(p.pointer)}: ${p.message}`);
  return problems.length > 0 ? undefined : parsed;
}

function scorecardRulePointer(q: RuleQuery, at: string): string | undefined {
  for (const [i, r] of q.rules.entries()) {
    if ('combinator' in r) {
      const inner = scorecardRulePointer(r, `${at}/rules/${i}`);
      if (inner !== undefined) return inner;
    } else if ('scorecard' in r) return `${at}/rules/${i}`;
  }
  return undefined;
}

/** `conditions` → `rules`, recursively, with Port's lenient values read as the rule language needs them. */
function asRules(raw: unknown, at: string, bp: Blueprint, c: Context): { query: unknown; renamed: boolean } {
  let renamed = false;
  const convert = (q: unknown, p: string): unknown => {
    if (!isObject(q) || !('combinator' in q)) return q;
    const { conditions, ...rest } = q;
    const list = conditions ?? q.rules;
    if (conditions !== undefined) renamed = true;
    const rules = Array.isArray(list) ? list.map((r, i) => (isObject(r) && 'combinator' in r ? convert(r, `${p}/conditions/${i}`) : lenientRule(r, `${p}/conditions/${i}`, bp, c))) : list;
    return { ...(conditions !== undefined ? Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'rules')) : rest), rules };
  };
  return { query: convert(raw, at), renamed };
}

/** The value kinds a property can be compared with, when a string was written for it. */
function kindOf(bp: Blueprint, key: string): 'number' | 'boolean' | undefined {
  const t = bp.properties[key]?.type ?? bp.calculationProperties[key]?.type ?? (key in bp.aggregationProperties ? 'number' : undefined);
  return t === 'number' || t === 'boolean' ? t : undefined;
}

function lenientRule(r: unknown, at: string, bp: Blueprint, c: Context): unknown {
  if (!isObject(r) || typeof r.property !== 'string') return r;
  if (r.value === null && (r.operator === '=' || r.operator === '!=')) {
    const operator = r.operator === '=' ? 'isEmpty' : 'isNotEmpty';
    c.warn(`${at}/value`, `"${r.operator}" with null is read as "${operator}"`);
    const { value: _value, ...rest } = r;
    return { ...rest, operator };
  }
  const kind = kindOf(bp, r.property);
  if (typeof r.value !== 'string' || !kind) return r;
  const v = r.value.trim();
  const value = kind === 'number' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : kind === 'boolean' && (v === 'true' || v === 'false') ? v === 'true' : undefined;
  if (value === undefined) return r;
  c.warn(`${at}/value`, `property "${r.property}" holds ${kind}s: the string ${JSON.stringify(r.value)} is read as ${JSON.stringify(value)}`);
  return { ...r, value };
}
