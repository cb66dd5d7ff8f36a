/**
 * A `port-app-config` file of Port's Ocean integrations (`resources: [{ kind, selector: { query },
 * port: { entity: { mappings } } }]`, `mappings` sometimes a list) → the `resources` entries
 * Lattice's mapping engine compiles (src/data/mapping.ts `compileMapping`). Shapes only: every
 * expression is passed on unchanged, so the engine is what is measured.
 */
import type { ResourceConfig } from '../../src/config/types.ts';

export interface PortResource {
  /** Where the resource is in its file, for reports ("/resources/3"). */
  readonly pointer: string;
  readonly config: ResourceConfig;
}

/** Every resource of a port-app-config value (a mapping list gives one resource per element). */
export function portResources(value: unknown): PortResource[] {
  const resources = (value as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) return [];
  return resources.flatMap((raw: unknown, i) => {
    const r = (raw ?? {}) as { kind?: unknown; selector?: { query?: unknown }; port?: { entity?: { mappings?: unknown } } };
    const query = r.selector?.query;
    const mappings = r.port?.entity?.mappings;
    const list = Array.isArray(mappings) ? mappings : [mappings];
    return list.map((m: unknown, j) => ({
      pointer: Array.isArray(mappings) ? `/resources/${i}/port/entity/mappings/${j}` : `/resources/${i}`,
      config: {
        kind: String(r.kind ?? ''),
        selector: query === undefined || query === null ? undefined : String(query),
        // `properties:` left empty in YAML is null: no properties, as Ocean reads it.
        entity: { mappings: Object.fromEntries(Object.entries((m ?? {}) as object).filter(([, v]) => v !== null)) as unknown as ResourceConfig['entity']['mappings'] },
      },
    }));
  });
}

/** Every expression a resource holds, with its pointer (for per-expression compile counts). */
export function expressionsOf(resource: PortResource): { pointer: string; source: unknown }[] {
  const out: { pointer: string; source: unknown }[] = [];
  const { selector, entity } = resource.config;
  if (selector !== undefined) out.push({ pointer: `${resource.pointer}/selector/query`, source: selector });
  for (const [key, value] of Object.entries(entity.mappings)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out.push({ pointer: `${resource.pointer}/port/entity/mappings/${key}/${k}`, source: v });
    } else out.push({ pointer: `${resource.pointer}/port/entity/mappings/${key}`, source: value });
  }
  return out;
}
