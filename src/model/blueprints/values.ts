/**
 * Property values: the JSON Schema a property's values must meet (type, format, enum, limits),
 * and the one ajv instance, with every Port format, that checks them.
 *
 * Used by entity validation (every write) and by the model rules (a blueprint's `default` must be
 * a valid value). Formats: ajv-formats gives `date-time`, `uri`, `email`, `ipv4`, `ipv6` (a
 * well-kept implementation of the RFCs, rather than our own regular expressions); `timer` is a
 * date-time; `yaml` must parse (the `yaml` package, already the loader's); `labeled-url` is an
 * object `{ url, displayText? }`; `idn-email` allows non-ASCII; `markdown`, `proto`, `user`,
 * `team`, `blueprints` and `entity` are strings (an `entity` value's target is checked against
 * the store by validateEntity, as a relation's is).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import type { ItemsDef, PropertyDef } from './model.ts';

export const valueAjv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
(addFormats as unknown as (a: Ajv, formats: string[]) => void)(valueAjv, ['date-time', 'uri', 'email', 'ipv4', 'ipv6']);
valueAjv.addFormat('idn-email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/u);
valueAjv.addFormat('timer', (valueAjv.formats['date-time'] as unknown as { validate: (s: string) => boolean }).validate);
valueAjv.addFormat('yaml', { type: 'string', validate: parsesAsYaml });
for (const free of ['markdown', 'proto', 'user', 'team', 'blueprints', 'entity']) valueAjv.addFormat(free, true);

function parsesAsYaml(text: string): boolean {
  try {
    parseYaml(text);
    return true;
  } catch {
    return false;
  }
}

/** A labeled URL (Port: `{ "url": "https://…", "displayText": "Production dashboard" }`); internal links are relative. */
const LABELED_URL = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: { url: { type: 'string', minLength: 1 }, displayText: { type: 'string' } },
};

const LIMITS = ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;

/** The JSON Schema of one property's values (null excluded: the entity schema allows null). */
export function valueSchema(def: PropertyDef | ItemsDef): Record<string, unknown> {
  if (def.format === 'labeled-url') return LABELED_URL;
  const out: Record<string, unknown> = { type: def.type };
  if (def.format) out.format = def.format === 'url' ? 'uri' : def.format;
  if (def.enum) out.enum = def.enum;
  if (def.type === 'array' && def.items) out.items = valueSchema(def.items as ItemsDef);
  for (const k of LIMITS) if (def[k] !== undefined) out[k] = def[k];
  return out;
}

const compiled = new WeakMap<PropertyDef, ValidateFunction>();

/** A validator of one property's values, compiled once per definition. */
export function valueValidator(def: PropertyDef): ValidateFunction {
  let v = compiled.get(def);
  if (!v) {
    v = valueAjv.compile(valueSchema(def));
    compiled.set(def, v);
  }
  return v;
}

/** What a value of each checked format looks like, for messages. */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'date-time': 'an ISO-8601 date-time with a time zone (e.g. "2026-11-24T09:00:00Z")',
  timer: 'an ISO-8601 date-time with a time zone (when the timer expires, e.g. "2026-11-24T09:00:00Z")',
  uri: 'an absolute URL (e.g. "https://example.com")',
  email: 'an e-mail address',
  'idn-email': 'an e-mail address',
  ipv4: 'an IPv4 address (e.g. "10.0.0.1")',
  ipv6: 'an IPv6 address (e.g. "2001:db8::1")',
  yaml: 'valid YAML text',
};

/** One ajv error about a value, as a user reads it; `noun` names what an object's keys are (`input` for action inputs). */
export function describeValueError(e: ErrorObject, noun = 'property'): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown ${noun} "${params.additionalProperty}"`;
    case 'required':
      return `required ${noun} "${params.missingProperty}" is missing`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'format':
      return `must be ${FORMAT_NAMES[params.format as string] ?? `a valid "${params.format}"`}`;
    default:
      return e.message ?? 'is invalid';
  }
}
