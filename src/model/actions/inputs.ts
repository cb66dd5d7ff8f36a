/**
 * User inputs: an action's `userInputs` (JSON Schema with Port's keys) compiled into one ajv
 * validator per action, and the checks that a schema cannot make.
 *
 * - `validateInputs(action, inputs, entityExists)` gives the inputs with defaults applied and
 *   every problem, each with a JSON pointer (`/inputs/replicas`). Unknown inputs are problems.
 *   Inputs with `format: entity` (or arrays of them) hold entity identifiers of the input's
 *   `blueprint`; `entityExists` (the caller's store lookup, batched per blueprint) checks them.
 * - `inputSchemaProblems` is the load-time check: every input is a valid JSON Schema (ajv's
 *   meta-schema, then a compile, which catches bad regexes), its default fits it, `required` and
 *   `order` name inputs that exist, and entity inputs name a blueprint.
 * - `maskInputs` replaces secret inputs (Port's `"encryption": "aes256-gcm"`) with "***" for
 *   the stored run; the engine seals their real values apart (sealing.ts).
 *
 * Port-only keys (title, icon, dataset, visible…) are dropped before compiling; a default given
 * as `{ jqQuery }` (computed by Port's UI) is ignored.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describeValueError } from '../blueprints/values.ts';
import { toPointer } from '../files/parseDocument.ts';
import type { Action, InputDef, UserInputs } from './model.ts';
import { MASK } from './secrets.ts';

export interface InputProblem {
  readonly pointer: string;
  readonly message: string;
}

/** For each identifier, whether an entity of `blueprint` has it (same order, same length). */
export type EntityExists = (blueprint: string, identifiers: readonly string[]) => Promise<readonly boolean[]>;

export interface ValidatedInputs {
  /** The inputs with defaults applied (a copy; the argument is not changed). */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly problems: readonly InputProblem[];
}

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
for (const lenient of ['entity', 'markdown', 'yaml', 'user', 'team', 'proto', 'multi-line', 'labeled-url']) ajv.addFormat(lenient, true);
ajv.addFormat('timer', (ajv.formats['date-time'] as unknown as { validate: (s: string) => boolean }).validate ?? true);

const KEYWORDS = [
  'type', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'properties', 'additionalProperties',
] as const;

/** One Port input as a plain JSON Schema (Port's UI keys dropped, `url` → `uri`). */
export function inputJsonSchema(def: InputDef): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of KEYWORDS) if (def[k] !== undefined) out[k] = def[k];
  if (def.format) out.format = def.format === 'url' ? 'uri' : def.format;
  if (Array.isArray(def.required)) out.required = def.required;
  if (def.items) out.items = inputJsonSchema(def.items);
  if (def.default !== undefined && !isJqQuery(def.default)) out.default = def.default;
  return out;
}

/** The whole of an action's inputs as one JSON Schema. */
export function userInputsJsonSchema(userInputs: UserInputs): Record<string, unknown> {
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(userInputs.properties).map(([k, d]) => [k, inputJsonSchema(d)])),
    required: [...userInputs.required],
    additionalProperties: false,
  };
}

const validators = new WeakMap<Action, ValidateFunction>();

function validatorFor(action: Action): ValidateFunction {
  let v = validators.get(action);
  if (!v) {
    v = ajv.compile(userInputsJsonSchema(action.trigger.userInputs));
    validators.set(action, v);
  }
  return v;
}

export async function validateInputs(action: Action, inputs: unknown, entityExists: EntityExists): Promise<ValidatedInputs> {
  if (inputs === null || inputs === undefined) inputs = {};
  if (typeof inputs !== 'object' || Array.isArray(inputs)) return { inputs: {}, problems: [{ pointer: '/inputs', message: 'must be a JSON object' }] };
  const data = structuredClone(inputs) as Record<string, unknown>;
  const validate = validatorFor(action);
  const problems: InputProblem[] = [];
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const pointer = `/inputs${e.instancePath}${e.keyword === 'required' ? toPointer([(e.params as { missingProperty: string }).missingProperty]) : ''}${
        e.keyword === 'additionalProperties' ? toPointer([(e.params as { additionalProperty: string }).additionalProperty]) : ''
      }`;
      if (!problems.some((p) => p.pointer === pointer)) problems.push({ pointer, message: describeValueError(e, 'input') });
    }
    return { inputs: data, problems };
  }
  problems.push(...(await missingEntities(action, data, entityExists)));
  return { inputs: data, problems };
}

/** Inputs that name entities which do not exist; one lookup per blueprint. */
async function missingEntities(action: Action, inputs: Record<string, unknown>, entityExists: EntityExists): Promise<InputProblem[]> {
  const refs = new Map<string, { id: string; pointer: string }[]>();
  const add = (blueprint: string, id: unknown, pointer: string) => {
    if (typeof id !== 'string') return;
    const list = refs.get(blueprint) ?? [];
    list.push({ id, pointer });
    refs.set(blueprint, list);
  };
  for (const [key, def] of Object.entries(action.trigger.userInputs.properties)) {
    const value = inputs[key];
    if (value === undefined || value === null) continue;
    const target = entityBlueprint(def);
    if (!target) continue;
    if (Array.isArray(value)) value.forEach((v, i) => add(target, v, `/inputs${toPointer([key, i])}`));
    else add(target, value, `/inputs${toPointer([key])}`);
  }
  const problems: InputProblem[] = [];
  for (const [blueprint, list] of refs) {
    const exists = await entityExists(blueprint, list.map((r) => r.id));
    list.forEach((r, i) => {
      if (!exists[i]) problems.push({ pointer: r.pointer, message: `no ${blueprint} entity "${r.id}"` });
    });
  }
  return problems;
}

/** The blueprint an entity input (or an array of them) refers to, or undefined for other inputs. */
export function entityBlueprint(def: InputDef): string | undefined {
  if (def.type === 'array') {
    if (def.items?.format === 'entity' || def.format === 'entity') return def.items?.blueprint ?? def.blueprint;
    return undefined;
  }
  return def.format === 'entity' ? def.blueprint : undefined;
}

/** Load-time problems of a userInputs section, with pointers under `base` (…/userInputs). */
export function inputSchemaProblems(userInputs: UserInputs, base: string): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const [key, def] of Object.entries(userInputs.properties)) {
    const at = `${base}/properties${toPointer([key])}`;
    const schema = inputJsonSchema(def);
    if (!ajv.validateSchema(schema)) {
      for (const e of ajv.errors ?? []) problems.push({ pointer: `${at}${e.instancePath}`, message: `not a valid JSON Schema: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}` });
      continue;
    }
    let validate: ValidateFunction;
    try {
      validate = ajv.compile(schema);
    } catch (err) {
      problems.push({ pointer: at, message: `not a valid JSON Schema: ${(err as Error).message}` });
      continue;
    }
    if (schema.default !== undefined && !validate(structuredClone(schema.default))) {
      problems.push({ pointer: `${at}/default`, message: `default ${JSON.stringify(schema.default)} does not fit the input: ${(validate.errors ?? []).map((e) => describeValueError(e, 'input')).join('; ')}` });
    }
    const isEntity = def.format === 'entity' || def.items?.format === 'entity';
    if (isEntity && !entityBlueprint(def)) problems.push({ pointer: at, message: `input "${key}" has format "entity" but names no "blueprint"` });
  }
  userInputs.required.forEach((name, i) => {
    if (!(name in userInputs.properties)) problems.push({ pointer: `${base}/required/${i}`, message: `required input "${name}" is not defined in userInputs.properties` });
  });
  userInputs.order.forEach((name, i) => {
    if (!(name in userInputs.properties)) problems.push({ pointer: `${base}/order/${i}`, message: `input "${name}" in order is not defined in userInputs.properties` });
  });
  return problems;
}

/** Names of the action's secret inputs (Port's `encryption`). */
export function secretInputNames(action: Action): string[] {
  return Object.entries(action.trigger.userInputs.properties)
    .filter(([, d]) => d.encryption !== undefined)
    .map(([k]) => k);
}

/** The inputs as a run stores them: secret inputs that were given are "***". */
export function maskInputs(action: Action, inputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = { ...inputs };
  for (const name of secretInputNames(action)) if (out[name] !== undefined && out[name] !== null) out[name] = MASK;
  return out;
}

function isJqQuery(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'jqQuery' in v;
}
