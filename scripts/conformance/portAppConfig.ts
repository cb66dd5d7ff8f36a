/**
 * The `resources` of a `port-app-config` file of Port's Ocean integrations (`resources: [{ kind,
 * selector: { query }, port: { itemsToParse?, entity: { mappings } } }]`, `mappings` sometimes a
 * list), taken as they are: Lattice's mapping engine (src/data/mapping.ts `compileMapping`) reads
 * Port's shape itself. Also lists every expression of an entry, for per-expression counts.
 */
import type { PortResourceConfig } from '../../src/config/types.ts';

export interface PortResource {
  /** Where the resource is in its file, for reports ("/resources/3"). */
  readonly pointer: string;
  readonly config: PortResourceConfig;
}

/** Every resource of a port-app-config value. */
export function portResources(value: unknown): PortResource[] {
  const resources = (value as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) return [];
  return resources.map((config: unknown, i) => ({ pointer: `/resources/${i}`, config: config as PortResourceConfig }));
}

/** Every jq expression an entry holds (`selector.query`, `itemsToParse`, each mapping value), with its pointer. */
/** A relation written as a search query: every string in it is an expression. */
function queryLeaves(value: unknown, pointer: string): { pointer: string; source: unknown }[] {
  if (typeof value === 'string') return [{ pointer, source: value }];
  if (!value || typeof value !== 'object') return [{ pointer, source: value }];
  return Object.entries(value).flatMap(([k, v]) => queryLeaves(v, `${pointer}/${k}`));
}

export function expressionsOf(resource: PortResource): { pointer: string; source: unknown }[] {
  const out: { pointer: string; source: unknown }[] = [];
  const { selector, port } = resource.config;
  if (selector?.query !== undefined) out.push({ pointer: `${resource.pointer}/selector/query`, source: selector.query });
  if (port?.itemsToParse !== undefined) out.push({ pointer: `${resource.pointer}/port/itemsToParse`, source: port.itemsToParse });
  const mappings = port?.entity?.mappings;
  const list = Array.isArray(mappings) ? mappings : [mappings];
  list.forEach((m: unknown, j) => {
    const at = `${resource.pointer}/port/entity/mappings${Array.isArray(mappings) ? `/${j}` : ''}`;
    for (const [key, value] of Object.entries((m ?? {}) as Record<string, unknown>)) {
      // `properties:` left empty in YAML is null: no properties, as Ocean reads it.
      if (value === null && (key === 'properties' || key === 'relations')) continue;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (key === 'relations' && v && typeof v === 'object' && 'combinator' in v) out.push(...queryLeaves(v, `${at}/${key}/${k}`));
          else out.push({ pointer: `${at}/${key}/${k}`, source: v });
        }
      } else out.push({ pointer: `${at}/${key}`, source: value });
    }
  });
  return out;
}
