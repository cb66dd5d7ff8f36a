/**
 * Declarative mappings from upstream objects to entities, in either shape of a `resources[]`
 * entry (src/config/resourceSchema.ts):
 *
 *   Port's (`port-app-config`, as Port's Ocean integrations ship it):
 *     - kind: repository
 *       selector: { query: 'true' }
 *       port:
 *         entity:
 *           mappings:                             # or a list of mappings: one entity each
 *             identifier: .name
 *             blueprint: '"service"'
 *             properties: { url: .html_url, readme: file://README.md }
 *             relations: { organization: .owner.login }   # or a search query (below)
 *
 *   Lattice's:
 *     - kind: repository
 *       selector: '.isArchived == false'
 *       entity: { mappings: { identifier: .name, blueprint: '"Component"', properties: { url: .url } } }
 *
 * Every value is jq as Port writes it, with Ocean's semantics (mappingExpression.ts): the first
 * output, null when the filter outputs nothing or fails; `env` is what the source gives
 * (`CLUSTER_NAME` for Kubernetes). In Port's entries, `file://path` is the text of that file of the
 * repository (GitHub: `__includedFiles`) and `port.itemsToParse` maps one object per item, seen as
 * `.item`; in Lattice's, `properties` and `relations` may be one expression giving the whole object
 * (manifests). The shapes differ in the objects: a source gives Port's entries the objects Port's
 * integration gives for the kind. Everything compiles once, when the configuration loads; an
 * expression that does not compile is a configuration error with its file, line, column, JSON
 * pointer and the position inside the expression. An identifier that breaks Port's identifier rule
 * (model/entities/identifier.ts) fails the object's mapping, located at the identifier's mapping
 * (INVALID_ENTITY); sources map with `mapOrSkip`, so such an object is skipped with a warning and
 * never costs its source the other objects.
 *
 * Port's "relation by search query": a relation mapped to `{ combinator, rules: [{ property,
 * operator, value }] }`, every string of it jq (`combinator: '"and"'`, `value: .team`), names the
 * entities of the relation's target that match the rendered query. The mapping gives the query
 * (`relationQueries`); the reader resolves it over the target's entities (reader.ts). Comparison
 * rules and groups only: a rendered query that is not one fails the object's mapping.
 */
import type { EntityMappingsConfig, RelationQueryConfig, ResourceConfig } from '../config/types.ts';
import type { EntityInput } from '../model/entities/entity.ts';
import { ErrorCodes, LatticeError, type ErrorLocation } from '../errors/index.ts';
import { identifierProblem } from '../model/entities/identifier.ts';
import { isGroup, isPathRule, isRelatedTo, isRelationRule, isSchemaRule, parseRuleQuery, ruleSyntaxProblems, type RuleQuery } from '../model/query/ruleSyntax.ts';
import { compileMappingExpression, type MappingContext, type MappingExpression } from './mappingExpression.ts';

export type { MappingContext } from './mappingExpression.ts';

/** What one mapping of an entry fills: a constant blueprint (undefined when computed) and its properties. */
export interface MappingTarget {
  readonly blueprint: string | undefined;
  readonly properties: readonly string[];
  readonly relations: readonly string[];
  /** Where the mapping is, relative to the entry (`/entity/mappings`, `/port/entity/mappings/1`). */
  readonly pointer: string;
}

export interface CompiledMapping {
  readonly kind: string;
  /** Port's shape: the object is the one Port's Ocean integration gives for the kind. */
  readonly port: boolean;
  /** One per mapping of the entry (Port's `mappings` may be a list). */
  readonly targets: readonly MappingTarget[];
  /** The kind's options: Lattice's `options`, or Port's `selector` keys besides `query`. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Where the options are, relative to the entry (`/options` or `/selector`), for `locate`. */
  readonly optionsPointer: string;
  /** Where a part of the entry was written (`/kind`, `/selector/includedFiles`): file, line, column, pointer. */
  locate(relative: string): ErrorLocation;
  /** Files read with `file://path` values (GitHub reads them into `__includedFiles`). */
  readonly files: readonly string[];
  /** The entities of one upstream object (none when the selector does not keep it). */
  map(object: unknown, context?: MappingContext): Promise<EntityInput[]>;
}

/** Whether a source may feed any blueprint, and the properties it fills per constant blueprint. */
export function fillsOf(mappings: readonly CompiledMapping[]): { readonly dynamic: boolean; readonly fills: ReadonlyMap<string, ReadonlySet<string>> } {
  const fills = new Map<string, Set<string>>();
  let dynamic = false;
  for (const t of mappings.flatMap((m) => m.targets)) {
    if (t.blueprint === undefined) dynamic = true;
    else fills.set(t.blueprint, new Set([...(fills.get(t.blueprint) ?? []), ...t.properties]));
  }
  return { dynamic, fills };
}

type FieldMap = MappingExpression | (readonly [string, MappingExpression])[];

/** A relation's search query with a jq expression at every string (Port's "relation by search query"). */
interface QueryMapping {
  readonly combinator: MappingExpression;
  readonly rules: readonly (QueryMapping | Readonly<Record<string, MappingExpression>>)[];
}

type RelationMap = MappingExpression | (readonly [string, MappingExpression | QueryMapping])[];

interface CompiledEntityMapping {
  readonly target: MappingTarget;
  readonly identifier: MappingExpression;
  readonly blueprint: MappingExpression;
  readonly title?: MappingExpression;
  readonly icon?: MappingExpression;
  readonly team?: MappingExpression;
  readonly properties: FieldMap;
  readonly relations: RelationMap;
}

/** `pointer` is the entry's in lattice.yaml (`/sources/0/resources/1`); an entry loaded from a file carries its own location (`at`). */
export function compileMapping(resource: ResourceConfig, origin: string, pointer: string): CompiledMapping {
  const locate = (rel: string): ErrorLocation => {
    const at = resource.at;
    if (!at) return { pointer: `${pointer}${rel}` };
    // The nearest located value at or below the pointer (an object has no line of its own here).
    const line = at.positions[rel] ?? Object.entries(at.positions).find(([k]) => k.startsWith(`${rel}/`))?.[1];
    return { file: at.file, pointer: `${at.pointer}${rel}`, ...line };
  };
  const files = new Set<string>();
  const port = 'port' in resource;
  const compile = (expr: string, rel: string): MappingExpression => {
    if (typeof expr !== 'string') throw new LatticeError(ErrorCodes.INVALID_CONFIG, `expected a jq expression (a string), got ${JSON.stringify(expr) ?? 'nothing'}`, { location: locate(rel) });
    const file = port ? /^file:\/\/(.+)$/.exec(expr.trim())?.[1] : undefined;
    if (file) files.add(file);
    try {
      return compileMappingExpression(file ? `.__includedFiles[${JSON.stringify(file)}]` : expr);
    } catch (err) {
      // The expression module's message quotes the expression and the position inside it.
      const details = err instanceof LatticeError ? err.details : undefined;
      throw new LatticeError(ErrorCodes.INVALID_CONFIG, (err as Error).message, { location: locate(rel), cause: err, details });
    }
  };
  const key = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
  const fieldMap = (value: EntityMappingsConfig['properties'], rel: string): FieldMap =>
    typeof value === 'string' ? compile(value, rel) : Object.entries(value ?? {}).map(([k, e]) => [k, compile(e, `${rel}/${key(k)}`)] as const);
  const compileQuery = (q: RelationQueryConfig, rel: string): QueryMapping => ({
    combinator: compile(q.combinator, `${rel}/combinator`),
    rules: q.rules.map((r, i) =>
      'rules' in r ? compileQuery(r as RelationQueryConfig, `${rel}/rules/${i}`) : Object.fromEntries(Object.entries(r).map(([k, e]) => [k, compile(e, `${rel}/rules/${i}/${key(k)}`)])),
    ),
  });
  const relationMap = (value: EntityMappingsConfig['relations'], rel: string): RelationMap =>
    typeof value === 'string'
      ? compile(value, rel)
      : Object.entries(value ?? {}).map(([k, e]) => [k, typeof e === 'string' ? compile(e, `${rel}/${key(k)}`) : compileQuery(e, `${rel}/${key(k)}`)] as const);
  const compileOne = (m: EntityMappingsConfig, rel: string): CompiledEntityMapping => {
    if (!m || typeof m !== 'object') throw new LatticeError(ErrorCodes.INVALID_CONFIG, `expected an entity mapping (an object with "identifier" and "blueprint"), got ${JSON.stringify(m) ?? 'nothing'}`, { location: locate(rel) });
    const properties = fieldMap(m.properties, `${rel}/properties`);
    const relations = relationMap(m.relations, `${rel}/relations`);
    const keys = (fields: FieldMap | RelationMap) => (Array.isArray(fields) ? fields.map(([k]) => k) : []);
    return {
      target: { blueprint: constantString(m.blueprint), properties: keys(properties), relations: keys(relations), pointer: rel },
      identifier: compile(m.identifier, `${rel}/identifier`),
      blueprint: compile(m.blueprint, `${rel}/blueprint`),
      title: m.title === undefined ? undefined : compile(m.title, `${rel}/title`),
      icon: m.icon === undefined ? undefined : compile(m.icon, `${rel}/icon`),
      team: m.team === undefined ? undefined : compile(m.team, `${rel}/team`),
      properties,
      relations,
    };
  };

  let selector: MappingExpression | undefined;
  let itemsToParse: MappingExpression | undefined;
  let mappings: CompiledEntityMapping[];
  let options: Readonly<Record<string, unknown>>;
  let optionsPointer: string;
  if ('port' in resource) {
    const { query, ...rest } = resource.selector ?? {};
    selector = query === undefined ? undefined : compile(query, '/selector/query');
    itemsToParse = resource.port.itemsToParse === undefined ? undefined : compile(resource.port.itemsToParse, '/port/itemsToParse');
    const m = resource.port.entity.mappings;
    mappings = Array.isArray(m) ? m.map((x, i) => compileOne(x, `/port/entity/mappings/${i}`)) : [compileOne(m as EntityMappingsConfig, '/port/entity/mappings')];
    options = rest;
    optionsPointer = '/selector';
  } else {
    selector = resource.selector === undefined ? undefined : compile(resource.selector, '/selector');
    mappings = [compileOne(resource.entity.mappings, '/entity/mappings')];
    options = resource.options ?? {};
    optionsPointer = '/options';
  }

  const mapObject = (object: unknown, context: MappingContext | undefined): EntityInput[] => {
    if (selector && (selector.evaluate(object, context)) !== true) return [];
    const out: EntityInput[] = [];
    for (const m of mappings) {
      const entity = mapEntity(m, object, origin, context, (relation, message) => {
        throw new LatticeError(ErrorCodes.INVALID_ENTITY, `mapping of "${resource.kind}": relation "${relation}": ${message}`, { location: locate(`${m.target.pointer}/relations/${key(relation)}`) });
      });
      if (!entity) continue;
      const problem = identifierProblem(entity.identifier);
      if (problem) throw new LatticeError(ErrorCodes.INVALID_ENTITY, `mapping of "${resource.kind}" gave an invalid ${problem}`, { location: locate(`${m.target.pointer}/identifier`) });
      out.push(entity);
    }
    return out;
  };

  const mapAll = (object: unknown, context: MappingContext | undefined): EntityInput[] => {
    if (!itemsToParse) return mapObject(object, context);
    const items = itemsToParse.evaluate(object, context);
    const out: EntityInput[] = [];
    if (Array.isArray(items)) for (const item of items) out.push(...mapObject({ ...(object as Record<string, unknown>), item }, context));
    return out;
  };

  return {
    kind: resource.kind,
    port,
    targets: mappings.map((m) => m.target),
    options,
    optionsPointer,
    locate,
    files: [...files],
    // A mapping that fails (an identifier outside Port's rule) rejects rather than throws.
    map: (object, context) => new Promise<EntityInput[]>((resolve) => resolve(mapAll(object, context))),
  };
}

/**
 * The entities of one upstream object, or none when its mapping fails, with a warning naming the
 * kind, the object and the problem: as Port's integrations do, one bad object is skipped and the
 * rest of the source is served.
 */
export async function mapOrSkip(mapping: CompiledMapping, object: unknown, context: MappingContext | undefined, warn: (fields: Record<string, unknown>, message: string) => void, objectName: string): Promise<EntityInput[]> {
  try {
    return await mapping.map(object, context);
  } catch (err) {
    warn({ kind: mapping.kind, object: objectName, err: (err as Error).message }, `${mapping.kind} object skipped: a mapping failed`);
    return [];
  }
}

function mapEntity(m: CompiledEntityMapping, object: unknown, origin: string, context: MappingContext | undefined, fail: (relation: string, message: string) => never): EntityInput | null {
  const id = m.identifier.evaluate(object, context);
  const bp = m.blueprint.evaluate(object, context);
  if (typeof id !== 'string' || id === '' || typeof bp !== 'string') return null;
  const teamValue = m.team ? m.team.evaluate(object, context) : null;
  const props = Object.fromEntries(Object.entries(evaluateFields(m.properties, object, context)).filter(([, v]) => v !== null && v !== undefined));
  const rels: Record<string, string | string[]> = {};
  const queries: Record<string, RuleQuery> = {};
  const values = Array.isArray(m.relations)
    ? m.relations.map(([k, e]): [string, unknown] => [k, 'evaluate' in e ? e.evaluate(object, context) : renderQuery(e as QueryMapping, object, context, (message) => fail(k, message))])
    : Object.entries(evaluateFields(m.relations as MappingExpression, object, context));
  for (const [k, v] of values) {
    if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) rels[k] = v as string | string[];
    else if (v && typeof v === 'object' && 'combinator' in v) queries[k] = v as RuleQuery;
  }
  return {
    blueprint: bp,
    identifier: id,
    title: m.title ? stringOrNull(m.title.evaluate(object, context)) : null,
    icon: m.icon ? stringOrNull(m.icon.evaluate(object, context)) : null,
    team: typeof teamValue === 'string' ? [teamValue] : Array.isArray(teamValue) ? teamValue.filter((t): t is string => typeof t === 'string') : [],
    properties: props,
    relations: rels,
    ...(Object.keys(queries).length ? { relationQueries: queries } : {}),
    origin,
  };
}

/** A relation's query with every expression evaluated, checked as Port's rule language (comparison rules and groups). */
function renderQuery(q: QueryMapping, object: unknown, context: MappingContext | undefined, fail: (message: string) => never): RuleQuery {
  const render = (g: QueryMapping): unknown => ({
    combinator: g.combinator.evaluate(object, context),
    rules: g.rules.map((r) => ('combinator' in r && 'rules' in r ? render(r as QueryMapping) : Object.fromEntries(Object.entries(r as Record<string, MappingExpression>).map(([k, e]) => [k, e.evaluate(object, context)])))),
  });
  const rendered = render(q);
  const problems = ruleSyntaxProblems(rendered);
  if (problems.length) fail(`the search query gave ${JSON.stringify(rendered)}: ${problems[0].pointer || '/'} ${problems[0].message}`);
  const query = parseRuleQuery(rendered, 'relation');
  const unsupported = (g: RuleQuery): boolean => g.rules.some((r) => (isGroup(r) ? unsupported(r) : isRelatedTo(r) || isPathRule(r) || isSchemaRule(r) || isRelationRule(r)));
  if (unsupported(query)) fail('a relation\'s search query may hold property comparisons and groups only');
  return query;
}

/** Evaluates a field map into an object (a whole-object expression must give an object). */
function evaluateFields(fields: FieldMap, object: unknown, context: MappingContext | undefined): Record<string, unknown> {
  if (!Array.isArray(fields)) {
    const v = (fields as MappingExpression).evaluate(object, context);
    return v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
  }
  const out: Record<string, unknown> = {};
  for (const [k, e] of fields) out[k] = e.evaluate(object, context);
  return out;
}

/** The blueprint when it is a constant string expression (`'"Component"'`), for planning. */
function constantString(expr: string): string | undefined {
  return /^\s*"([^"]+)"\s*$/.exec(expr)?.[1] ?? /^\s*'([^']+)'\s*$/.exec(expr)?.[1];
}

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v : v === null || v === undefined ? null : String(v);
}
