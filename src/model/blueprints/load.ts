/**
 * loadBlueprints: blueprint files (as text) → a validated BlueprintModel, or every error found.
 *
 * Pure: takes file names and contents, does no I/O. A file holds one blueprint or an array of
 * them, in JSON or YAML. Each is checked against the Port meta-schema (metaschema.ts), then
 * against the model's own rules (rules.ts). Errors carry the file, line, column and JSON pointer.
 * Unknown keys (a misspelt `tpye`, a `relation` meant as `relations`) are errors too, unless
 * `strict: false` (lattice.yaml), which makes them warnings; either way they are kept in `raw`.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { ErrorCodes, LatticeError, LatticeErrors } from '../../errors/index.ts';
import { definitionsIn, unknownKeys, type SourceFile } from '../files/definitions.ts';
import { blueprintSchema, strictBlueprintSchema } from './metaschema.ts';
import { createModel, type Blueprint, type BlueprintModel } from './model.ts';
import { toCatalogPermissions } from './permissions.ts';
import { checkModelRules } from './rules.ts';

export type { SourceFile };

export interface LoadOptions {
  /** Unknown keys are errors (true, the default) or warnings (false: `strict: false` in lattice.yaml). */
  readonly strict?: boolean;
}

export interface LoadedBlueprints {
  readonly model: BlueprintModel;
  readonly warnings: readonly LatticeError[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(blueprintSchema);
const validateStrict = ajv.compile(strictBlueprintSchema);

/** Throws LatticeErrors listing every problem; never returns a half-valid model. */
export function loadBlueprints(files: readonly SourceFile[], options: LoadOptions = {}): LoadedBlueprints {
  const strict = options.strict ?? true;
  const errors: LatticeError[] = [];
  const unknown: LatticeError[] = [];
  const warnings: LatticeError[] = [];
  const blueprints: Blueprint[] = [];
  const seen = new Map<string, Blueprint>();

  for (const { file, raw, pointer, locate } of definitionsIn(files, errors, { list: 'blueprints', one: 'blueprint', code: ErrorCodes.INVALID_BLUEPRINT })) {
    if (!validate(raw)) {
      for (const e of validate.errors ?? []) errors.push(schemaError(e, locate));
      continue;
    }
    for (const { key, pointer: at } of unknownKeys(validateStrict, raw)) {
      const message = strict ? `unknown key "${key}"${hint(key)} (strict: false in lattice.yaml loads it as a warning)` : `unknown key "${key}"${hint(key)} is kept but not used`;
      (strict ? unknown : warnings).push(new LatticeError(ErrorCodes.INVALID_BLUEPRINT, message, { location: locate(at) }));
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
  errors.push(...unknown);
  if (errors.length > 0) throw new LatticeErrors(errors);
  return { model: createModel(blueprints), warnings };
}

/** Keys that are near misses of Port's keys, for a hint in the message. */
const NEAR_MISSES: Readonly<Record<string, string>> = {
  relation: 'relations',
  tpye: 'type',
  typ: 'type',
  mirrorProperty: 'mirrorProperties',
  calculationProperty: 'calculationProperties',
  aggregationProperty: 'aggregationProperties',
  require: 'required',
  formt: 'format',
  enums: 'enum',
  defaultValue: 'default',
};

function hint(key: string): string {
  const near = NEAR_MISSES[key];
  return near ? ` (did you mean "${near}"?)` : '';
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
