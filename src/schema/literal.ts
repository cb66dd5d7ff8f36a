/**
 * graphqlLiteral: a default value (JSON, as a blueprint or an action writes it) as a GraphQL
 * literal for the SDL, so that defaults show in the schema clients read.
 */

/** The types whose defaults the SDL shows; the others' are described. */
export const LITERAL_TYPES: ReadonlySet<string> = new Set(['String', 'Int', 'Float', 'Boolean', 'ID', 'JSON']);

/** An enum's values: GraphQL name → the value as written. */
interface LiteralEnum {
  readonly values: readonly { readonly name: string; readonly value: unknown }[];
}

/**
 * A JSON value as a GraphQL literal of an input's type (its enum value's name for an enum), for
 * defaults in the SDL; undefined when the value cannot be written as one (an object: graphql-js
 * prints no object default of a scalar; a value not in the enum), and then the default is only
 * described. Callers write literals only for enums and GraphQL's own scalars (a DateTime default
 * would be printed from a Date), and JSON.
 */
export function graphqlLiteral(value: unknown, enumPlan?: LiteralEnum): string | undefined {
  if (Array.isArray(value)) {
    const items = value.map((v) => graphqlLiteral(v, enumPlan));
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  if (enumPlan) return enumPlan.values.find((v) => v.value === value)?.name;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  return undefined;
}

