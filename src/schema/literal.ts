/**
 * graphqlLiteral: a default value (JSON, as a blueprint or an action writes it) as a GraphQL
 * literal for the SDL, so that defaults show in the schema clients read.
 */

/** An enum's values: GraphQL name → the value as written. */
interface LiteralEnum {
  readonly values: readonly { readonly name: string; readonly value: unknown }[];
}

/**
 * A JSON value as a GraphQL literal of an input's type (its enum value's name for an enum), for
 * defaults in the SDL; undefined when the value cannot be written as one (an object key that is
 * not a GraphQL name, a value not in the enum), and then the default is only described.
 */
export function graphqlLiteral(value: unknown, enumPlan?: LiteralEnum): string | undefined {
  if (Array.isArray(value)) {
    const items = value.map((v) => graphqlLiteral(v, enumPlan));
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  if (enumPlan) return enumPlan.values.find((v) => v.value === value)?.name;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => (/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? [k, graphqlLiteral(v)] : [k, undefined]));
    return entries.every(([, v]) => v !== undefined) ? `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}` : undefined;
  }
  return undefined;
}

