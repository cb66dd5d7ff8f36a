/**
 * Declarative mappings from upstream objects to entities, modelled on Port's integration config:
 *
 *   resources:
 *     - kind: repository
 *       selector: '.isArchived == false'        # optional boolean expression
 *       entity:
 *         mappings:
 *           identifier: .name
 *           title: .name
 *           blueprint: '"Component"'
 *           team: '"platform"'                   # optional
 *           properties: { url: .url, language: .primaryLanguage.name }
 *           relations: { system: '.repositoryTopics.nodes[0].topic.name' }
 *
 * `properties` and `relations` may also be one expression that gives the whole object
 * (`properties: .properties`), for upstream objects already in Port's entity format (manifests).
 * Every value is an expression in the product's one expression language (jq, as Port writes it),
 * evaluated against the upstream object. Compiled once, when the configuration loads; an expression
 * that does not compile is a configuration error with its JSON pointer and its position in the
 * expression. As in Port, an expression that fails on an object gives null (the field is left out;
 * a failed identifier or selector skips the object). An identifier that breaks Port's identifier
 * rule (model/entities/identifier.ts) fails the object's mapping with its pointer (INVALID_ENTITY).
 */
import type { ResourceConfig } from '../config/types.ts';
import type { EntityInput } from '../model/entities/entity.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';
import { compileExpression, type Expression } from '../model/expressions.ts';
import { identifierProblem } from '../model/entities/identifier.ts';

export interface CompiledMapping {
  readonly kind: string;
  /** The blueprint when it is a constant string expression (`'"Component"'`), for planning. */
  readonly blueprint: string | undefined;
  readonly properties: readonly string[];
  readonly relations: readonly string[];
  map(object: unknown): Promise<EntityInput | null>;
}

export function compileMapping(resource: ResourceConfig, origin: string, pointer: string): CompiledMapping {
  const compile = (expr: string, at: string): Expression => {
    try {
      return compileExpression(expr);
    } catch (err) {
      const details = err instanceof LatticeError ? err.details : undefined;
      throw new LatticeError(ErrorCodes.INVALID_CONFIG, `mapping expression at ${pointer}${at}: ${(err as Error).message}`, { location: { pointer: `${pointer}${at}` }, cause: err, details });
    }
  };
  const m = resource.entity.mappings;
  const selector = resource.selector ? compile(resource.selector, '/selector') : undefined;
  const identifier = compile(m.identifier, '/entity/mappings/identifier');
  const blueprint = compile(m.blueprint, '/entity/mappings/blueprint');
  const title = m.title ? compile(m.title, '/entity/mappings/title') : undefined;
  const icon = m.icon ? compile(m.icon, '/entity/mappings/icon') : undefined;
  const team = m.team ? compile(m.team, '/entity/mappings/team') : undefined;
  const fieldMap = (value: Readonly<Record<string, string>> | string | undefined, at: string) =>
    typeof value === 'string' ? compile(value, at) : Object.entries(value ?? {}).map(([k, e]) => [k, compile(e, `${at}/${k}`)] as const);
  const properties = fieldMap(m.properties, '/entity/mappings/properties');
  const relations = fieldMap(m.relations, '/entity/mappings/relations');
  /** Evaluates a field map into an object (a whole-object expression must give an object). */
  const evaluate = (fields: typeof properties, object: unknown): Record<string, unknown> => {
    if (!Array.isArray(fields)) {
      const v = (fields as Expression).evaluateOrNull(object);
      return v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
    }
    const out: Record<string, unknown> = {};
    for (const [k, e] of fields) out[k] = e.evaluateOrNull(object);
    return out;
  };
  const constant = /^\s*"([^"]+)"\s*$/.exec(m.blueprint)?.[1] ?? /^\s*'([^']+)'\s*$/.exec(m.blueprint)?.[1];

  return {
    kind: resource.kind,
    blueprint: constant,
    properties: Array.isArray(properties) ? properties.map(([k]) => k) : [],
    relations: Array.isArray(relations) ? relations.map(([k]) => k) : [],
    map(object) {
      if (selector && selector.evaluateOrNull(object) !== true) return Promise.resolve(null);
      const id = identifier.evaluateOrNull(object);
      const bp = blueprint.evaluateOrNull(object);
      if (typeof id !== 'string' || id === '' || typeof bp !== 'string') return Promise.resolve(null);
      const idProblem = identifierProblem(id);
      if (idProblem) return Promise.reject(new LatticeError(ErrorCodes.INVALID_ENTITY, `mapping of "${resource.kind}" gave an invalid ${idProblem}`, { location: { pointer: `${pointer}/entity/mappings/identifier` } }));
      const teamValue = team ? team.evaluateOrNull(object) : null;
      const props = Object.fromEntries(Object.entries(evaluate(properties, object)).filter(([, v]) => v !== null && v !== undefined));
      const rels: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(evaluate(relations, object))) {
        if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) rels[k] = v as string | string[];
      }
      return Promise.resolve({
        blueprint: bp,
        identifier: id,
        title: title ? stringOrNull(title.evaluateOrNull(object)) : null,
        icon: icon ? stringOrNull(icon.evaluateOrNull(object)) : null,
        team: typeof teamValue === 'string' ? [teamValue] : Array.isArray(teamValue) ? teamValue.filter((t): t is string => typeof t === 'string') : [],
        properties: props,
        relations: rels,
        origin,
      });
    },
  };
}

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v : v === null || v === undefined ? null : String(v);
}
