/**
 * forbidExtraKeys: a JSON Schema with `additionalProperties: false` added wherever it lists
 * `properties` (and none is set). Loaders validate with the lenient schema (unknown keys load)
 * and with this strict copy, whose `additionalProperties` errors become "unknown key" warnings.
 */
export function forbidExtraKeys<T>(schema: T): T {
  return strict(schema) as T;
}

function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  // `properties` is always a map of names to schemas: recurse into its values, not its keys.
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'properties' ? mapValues(v, strict) : strict(v);
  const s = schema as Record<string, unknown>;
  if (s.type === 'object' && s.properties && !('additionalProperties' in s)) out.additionalProperties = false;
  return out;
}

function mapValues(o: unknown, f: (v: unknown) => unknown): unknown {
  return Object.fromEntries(Object.entries(o as Record<string, unknown>).map(([k, v]) => [k, f(v)]));
}
