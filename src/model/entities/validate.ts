/**
 * validateEntity: checks an entity against its blueprint, the way Port does: property types,
 * enum values, formats, required properties; relations that the blueprint declares, with the
 * right cardinality, required ones set, and targets that exist.
 *
 * Pure apart from `targetExists`, which the caller supplies (the file provider checks against the
 * files being loaded plus the store; a mutation checks against the store). Errors carry JSON
 * pointers relative to the entity ("/properties/type").
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Blueprint, PropertyDef } from '../blueprints/model.ts';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { toPointer } from '../files/parseDocument.ts';

export interface EntityProblem {
  readonly pointer: string;
  readonly message: string;
}

export type TargetExists = (blueprint: string, identifiers: readonly string[]) => Promise<readonly boolean[]>;

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
for (const lenient of ['markdown', 'yaml', 'user', 'team', 'proto', 'labeled-url']) ajv.addFormat(lenient, true);
ajv.addFormat('timer', (ajv.formats['date-time'] as unknown as { validate: (s: string) => boolean }).validate ?? true);

const compiled = new WeakMap<Blueprint, ValidateFunction>();

function propertySchema(def: PropertyDef): Record<string, unknown> {
  const out: Record<string, unknown> = { type: def.type };
  if (def.format) out.format = def.format === 'url' ? 'uri' : def.format;
  if (def.enum) out.enum = def.enum;
  if (def.type === 'array' && def.items) out.items = propertySchema(def.items as PropertyDef);
  for (const k of ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const) if (def[k] !== undefined) out[k] = def[k];
  return out;
}

function validatorFor(bp: Blueprint): ValidateFunction {
  let v = compiled.get(bp);
  if (!v) {
    const properties = Object.fromEntries(Object.entries(bp.properties).map(([k, d]) => [k, { anyOf: [{ type: 'null' }, propertySchema(d)] }]));
    v = ajv.compile({ type: 'object', properties, required: [...bp.required], additionalProperties: false });
    compiled.set(bp, v);
  }
  return v;
}

function describe(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown property "${params.additionalProperty}"`;
    case 'required':
      return `required property "${params.missingProperty}" is missing`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return e.message ?? 'is invalid';
  }
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
      if (!problems.some((p) => p.pointer === pointer)) problems.push({ pointer, message: describe(e) });
    }
  }
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
