/**
 * loadBlueprints: blueprint files (as text) → a validated BlueprintModel, or every error found.
 *
 * Pure: takes file names and contents, does no I/O. A file holds one blueprint or an array of
 * them, in JSON or YAML. Each is checked against the Port meta-schema (metaschema.ts), then
 * against the model's own rules (rules.ts). Errors carry the file, line, column and JSON pointer;
 * unknown keys come back as warnings and are kept in `raw`.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { ErrorCodes, LatticeError, LatticeErrors } from '../../errors/index.ts';
import { definitionsIn, unknownKeys, type SourceFile } from '../files/definitions.ts';
import { blueprintSchema, strictBlueprintSchema } from './metaschema.ts';
import { createModel, type Blueprint, type BlueprintModel } from './model.ts';
import { toCatalogPermissions } from './permissions.ts';
import { checkModelRules } from './rules.ts';

export type { SourceFile };

export interface LoadedBlueprints {
  readonly model: BlueprintModel;
  readonly warnings: readonly LatticeError[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(blueprintSchema);
const validateStrict = ajv.compile(strictBlueprintSchema);

/** Throws LatticeErrors listing every problem; never returns a half-valid model. */
export function loadBlueprints(files: readonly SourceFile[]): LoadedBlueprints {
  const errors: LatticeError[] = [];
  const warnings: LatticeError[] = [];
  const blueprints: Blueprint[] = [];
  const seen = new Map<string, Blueprint>();

  for (const { file, raw, pointer, locate } of definitionsIn(files, errors, { list: 'blueprints', one: 'blueprint', code: ErrorCodes.INVALID_BLUEPRINT })) {
    if (!validate(raw)) {
      for (const e of validate.errors ?? []) errors.push(schemaError(e, locate));
      continue;
    }
    for (const { key, pointer: at } of unknownKeys(validateStrict, raw)) {
      warnings.push(new LatticeError(ErrorCodes.INVALID_BLUEPRINT, `unknown key "${key}" is kept but not used`, { location: locate(at) }));
    }
    const bp = toBlueprint(raw as Record<string, unknown>, { file, pointer, locate });
    const previous = seen.get(bp.identifier);
    if (previous) {
      errors.push(
        new LatticeError(ErrorCodes.INVALID_BLUEPRINT, `duplicate blueprint identifier "${bp.identifier}", first defined in ${previous.origin.file}`, {
          location: locate('/identifier'),
        }),
      );
      continue;
    }
    seen.set(bp.identifier, bp);
    blueprints.push(bp);
  }
  if (errors.length === 0) errors.push(...checkModelRules(blueprints));
  if (errors.length > 0) throw new LatticeErrors(errors);
  return { model: createModel(blueprints), warnings };
}

function schemaError(e: ErrorObject, locate: (p: string) => ReturnType<Blueprint['origin']['locate']>): LatticeError {
  let message = e.message ?? 'is invalid';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'enum') message += `: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'additionalProperties') message += `: "${params.additionalProperty}"`;
  const where = e.instancePath || '/';
  return new LatticeError(ErrorCodes.INVALID_BLUEPRINT, `${where} ${message}`, { location: locate(e.instancePath) });
}

function toBlueprint(raw: Record<string, unknown>, origin: Blueprint['origin']): Blueprint {
  const schema = raw.schema as { properties: Blueprint['properties']; required?: string[] };
  const relations = Object.fromEntries(
    Object.entries((raw.relations ?? {}) as Record<string, Record<string, unknown>>).map(([k, r]) => [
      k,
      { ...r, required: r.required === true, many: r.many === true } as Blueprint['relations'][string],
    ]),
  );
  return {
    identifier: raw.identifier as string,
    title: (raw.title as string | undefined) ?? (raw.identifier as string),
    icon: raw.icon as string | undefined,
    description: raw.description as string | undefined,
    properties: schema.properties,
    required: schema.required ?? [],
    relations,
    mirrorProperties: (raw.mirrorProperties ?? {}) as Blueprint['mirrorProperties'],
    calculationProperties: (raw.calculationProperties ?? {}) as Blueprint['calculationProperties'],
    aggregationProperties: (raw.aggregationProperties ?? {}) as Blueprint['aggregationProperties'],
    permissions: toCatalogPermissions(raw.permissions),
    raw,
    origin,
  };
}
