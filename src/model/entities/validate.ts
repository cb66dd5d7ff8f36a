/**
 * validateEntity: checks an entity against its blueprint, the way Port does: property types,
 * enum values, formats (values of each Port format, blueprints/values.ts), required properties;
 * relations that the blueprint declares, with the right cardinality, required ones set, and
 * targets that exist; properties of format `entity` naming entities that exist.
 *
 * Pure apart from `targetExists`, which the caller supplies (the file provider checks against the
 * files being loaded plus the store; a mutation checks against the store). Errors carry JSON
 * pointers relative to the entity ("/properties/type").
 */
import type { ValidateFunction } from 'ajv';
import type { Blueprint } from '../blueprints/model.ts';
import { describeValueError, valueAjv, valueSchema } from '../blueprints/values.ts';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { toPointer } from '../files/parseDocument.ts';

export interface EntityProblem {
  readonly pointer: string;
  readonly message: string;
}

export type TargetExists = (blueprint: string, identifiers: readonly string[]) => Promise<readonly boolean[]>;

const compiled = new WeakMap<Blueprint, ValidateFunction>();

function validatorFor(bp: Blueprint): ValidateFunction {
  let v = compiled.get(bp);
  if (!v) {
    const properties = Object.fromEntries(Object.entries(bp.properties).map(([k, d]) => [k, { anyOf: [{ type: 'null' }, valueSchema(d)] }]));
    v = valueAjv.compile({ type: 'object', properties, required: [...bp.required], additionalProperties: false });
    compiled.set(bp, v);
  }
  return v;
}

/** Property and relation problems of one entity, with pointers relative to the entity. */
export async function validateEntity(
  bp: Blueprint,
  entity: { properties: Record<string, unknown>; relations: Record<string, unknown> },
  targetExists: TargetExists,
): Promise<EntityProblem[]> {
  const problems: EntityProblem[] = [];
  const validate = validatorFor(bp);
  if (!validate(entity.properties)) {
    // anyOf(null, schema) reports the null branch too; keep the errors of the real schema.
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && (e.params as { type?: string }).type === 'null'));
    for (const e of errors) {
      const missing = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
      const extra = e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '';
      const pointer = `/properties${e.instancePath.replace(/\/anyOf\/\d+/g, '')}${missing}${extra}`;
      // One problem per place: a wrong type also fails the enum, which would only repeat it.
      if (!problems.some((p) => p.pointer === pointer)) problems.push({ pointer, message: describeValueError(e) });
    }
  }
  problems.push(...(await entityReferenceProblems(bp, entity.properties, problems, targetExists)));
  for (const [key, value] of Object.entries(entity.relations)) {
    const rel = bp.relations[key];
    const pointer = toPointer(['relations', key]);
    if (!rel) {
      problems.push({ pointer, message: `unknown relation "${key}"; "${bp.identifier}" has ${Object.keys(bp.relations).map((k) => `"${k}"`).join(', ') || 'no relations'}` });
      continue;
    }
    if (value === null || value === undefined) continue;
    const ids = rel.many ? value : [value];
    if (rel.many && !Array.isArray(value)) {
      problems.push({ pointer, message: `relation "${key}" is "many": expected a list of identifiers` });
      continue;
    }
    if (!rel.many && typeof value !== 'string') {
      problems.push({ pointer, message: `relation "${key}" is single: expected one identifier (a string)` });
      continue;
    }
    const list = ids as unknown[];
    const bad = list.findIndex((id) => typeof id !== 'string' || id === '');
    if (bad >= 0) {
      problems.push({ pointer: rel.many ? `${pointer}/${bad}` : pointer, message: 'expected a non-empty identifier string' });
      continue;
    }
    const exists = await targetExists(rel.target, list as string[]);
    exists.forEach((ok, i) => {
      if (!ok) problems.push({ pointer: rel.many ? `${pointer}/${i}` : pointer, message: `relation "${key}" points at "${list[i]}", which is not a ${rel.target} entity` });
    });
  }
  for (const [key, rel] of Object.entries(bp.relations)) {
    const value = entity.relations[key];
    if (rel.required && (value === undefined || value === null)) problems.push({ pointer: toPointer(['relations', key]), message: `required relation "${key}" is missing` });
  }
  return problems;
}

/**
 * Properties of format `entity` name entities of their `blueprint`: each must exist, as a
 * relation's target must. Values the schema already refused are not checked again.
 */
async function entityReferenceProblems(bp: Blueprint, properties: Record<string, unknown>, already: readonly EntityProblem[], targetExists: TargetExists): Promise<EntityProblem[]> {
  const problems: EntityProblem[] = [];
  for (const [key, def] of Object.entries(bp.properties)) {
    const target = def.format === 'entity' ? def.blueprint : def.type === 'array' && def.items?.format === 'entity' ? def.items.blueprint : undefined;
    const value = properties[key];
    const pointer = toPointer(['properties', key]);
    if (!target || value === null || value === undefined || already.some((p) => p.pointer === pointer || p.pointer.startsWith(`${pointer}/`))) continue;
    const ids = (Array.isArray(value) ? value : [value]) as string[];
    const exists = await targetExists(target, ids);
    exists.forEach((ok, i) => {
      if (!ok) problems.push({ pointer: Array.isArray(value) ? `${pointer}/${i}` : pointer, message: `"${ids[i]}" is not a ${target} entity (property "${key}" has format "entity")` });
    });
  }
  return problems;
}

/** Turns problems into INVALID_ENTITY errors; `locate` maps an entity pointer to a file location. */
export function entityErrors(
  key: { blueprint: string; identifier: string },
  problems: readonly EntityProblem[],
  locate: (pointer: string) => LatticeError['location'],
): LatticeError[] {
  return problems.map(
    (p) =>
      new LatticeError(ErrorCodes.INVALID_ENTITY, `${key.blueprint} "${key.identifier}": ${p.pointer} ${p.message}`, {
        location: locate(p.pointer),
        details: { blueprint: key.blueprint, identifier: key.identifier },
      }),
  );
}
