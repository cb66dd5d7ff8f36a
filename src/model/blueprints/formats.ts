/**
 * Port's property formats and specs: which type each applies to, as Port's docs define them.
 *
 * - string formats: `date-time`, `timer` (a date-time: when something expires), `url`, `email`,
 *   `idn-email`, `ipv4`, `ipv6`, `markdown`, `yaml`, `proto`, `user` (a user's e-mail), `team`
 *   (a team's name), `blueprints` (a blueprint identifier), `entity` (the identifier of an entity
 *   of the blueprint named by the property's `blueprint` key);
 * - object formats: `labeled-url` (`{ "url": ..., "displayText": ... }`);
 * - `spec` (how Port renders a value): `open-api` and `async-api` on an object (the document) or
 *   a `url` string (where the document is), `embedded-url` on a `url` string.
 *
 * The same tables hold for an array's `items`. Pure data: the meta-schema (metaschema.ts) lists the
 * names, the model rules (rules.ts) check the pairing, entity validation checks values.
 */
import type { PropertyType } from './model.ts';

/** Every format Port accepts on a property or an array's items, and the type it applies to. */
export const FORMAT_TYPES = {
  'date-time': 'string',
  timer: 'string',
  url: 'string',
  email: 'string',
  'idn-email': 'string',
  ipv4: 'string',
  ipv6: 'string',
  markdown: 'string',
  yaml: 'string',
  proto: 'string',
  user: 'string',
  team: 'string',
  blueprints: 'string',
  entity: 'string',
  'labeled-url': 'object',
} as const satisfies Record<string, PropertyType>;

export type PropertyFormat = keyof typeof FORMAT_TYPES;

export const PROPERTY_FORMATS = Object.keys(FORMAT_TYPES) as PropertyFormat[];

/** Port's `spec` values. */
export const SPECS = ['open-api', 'async-api', 'embedded-url'] as const;

/** Problems with a (type, format, spec, blueprint) combination, or none. `type` is the scalar type (an array's items type). */
export function formatProblem(def: { readonly type?: string; readonly format?: string; readonly spec?: string; readonly blueprint?: unknown }): string | undefined {
  const { type, format, spec } = def;
  if (format !== undefined) {
    const wanted = FORMAT_TYPES[format as PropertyFormat];
    if (wanted && wanted !== type) return `format "${format}" applies to ${wanted}s, not ${type}`;
  }
  if (format === 'entity' && typeof def.blueprint !== 'string') return 'format "entity" needs "blueprint": the identifier of the blueprint its values point at';
  if (format !== 'entity' && def.blueprint !== undefined) return '"blueprint" applies only to format "entity"';
  if (spec === 'embedded-url' && !(type === 'string' && format === 'url')) return 'spec "embedded-url" applies to strings of format "url"';
  if ((spec === 'open-api' || spec === 'async-api') && !(type === 'object' || (type === 'string' && format === 'url'))) {
    return `spec "${spec}" applies to objects (the document) or strings of format "url" (where it is)`;
  }
  return undefined;
}
