/**
 * buildSchema: a SchemaPlan plus a resolver map → an executable GraphQLSchema that is also an
 * Apollo Federation v2 subgraph (`_service`, `_entities`, `@key` on every entity type).
 *
 * Pure: it knows blueprints (through the plan) and nothing of HTTP or stores.
 */
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { getNamedType, isEnumType, visit, type DocumentNode, type GraphQLInputObjectType, isInputObjectType, isInterfaceType, isObjectType, parse, type GraphQLArgument, type GraphQLInputField, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { BASE_SDL } from './base.ts';
import { shareRelayFields } from './federation.ts';
import type { SchemaPlan } from './plan.ts';
import { printPlan } from './sdl.ts';

export interface BuiltSchema {
  readonly schema: GraphQLSchema;
  /** The whole schema as SDL, federation directives included (what codegen and the golden file use). */
  readonly sdl: string;
}

/** @apollo/subgraph's resolver map (GraphQLResolverMap, which it does not export). */
type SubgraphResolvers = NonNullable<Extract<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], { readonly typeDefs: unknown }>['resolvers']>;

/**
 * What buildSchema joins to the SDL, by type name: the type's field resolvers (or subscription,
 * `__resolveType`, `__resolveReference` resolvers), a scalar, or an enum's values.
 */
export type ResolverMap = Readonly<Record<string, GraphQLScalarType | Readonly<Record<string, unknown>>>>;

/** Types and resolvers added to the generated schema by a source (e.g. GitHub's own graph). */
export interface SchemaExtension {
  readonly typeDefs: string;
  /** By type name, as in ResolverMap; sources type their own resolvers. */
  readonly resolvers: Readonly<Record<string, unknown>>;
}

export function buildSchema(plan: SchemaPlan, resolvers: ResolverMap, extensions: readonly SchemaExtension[] = []): BuiltSchema {
  const { document: typeDefs, oneOf } = withoutOneOf(shareRelayFields(parse(`${BASE_SDL}\n${printPlan(plan)}\n${extensions.map((e) => e.typeDefs).join('\n')}`)));
  const merged: Record<string, GraphQLScalarType | Readonly<Record<string, unknown>>> = { ...resolvers };
  for (const e of extensions) for (const [type, fields] of Object.entries(e.resolvers)) merged[type] = { ...merged[type], ...(fields as Readonly<Record<string, unknown>>) };
  // @apollo/subgraph's GraphQLResolverMap cannot say `__resolveReference` or boolean enum values;
  // graphql-tools checks each entry against the SDL as it builds.
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: merged as SubgraphResolvers }]);
  enumDefaultsAsValues(schema);
  for (const name of oneOf) Object.assign(schema.getType(name) as GraphQLInputObjectType, { isOneOf: true });
  return { schema, sdl: printSubgraphSchema(schema) };
}

/**
 * Defaults of enum type (an action input's `default`) are read from the SDL before the enum's
 * resolver gives its values their written form (`SMALL` → "small"), so they still hold the
 * names: turn them into the values, as if the default had been given by the client.
 */
function enumDefaultsAsValues(schema: GraphQLSchema): void {
  const fix = (input: GraphQLInputField | GraphQLArgument) => {
    const type = getNamedType(input.type);
    if (input.defaultValue === undefined || !isEnumType(type)) return;
    const toValue = (name: unknown): unknown => (Array.isArray(name) ? name.map(toValue) : (type.getValue(String(name))?.value ?? name));
    (input as { defaultValue: unknown }).defaultValue = toValue(input.defaultValue);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isInputObjectType(type)) Object.values(type.getFields()).forEach(fix);
    if (isObjectType(type) || isInterfaceType(type)) for (const f of Object.values(type.getFields())) f.args.forEach(fix);
  }
}

/**
 * `@oneOf` input types (graphql-js knows them; @apollo/subgraph's SDL validation does not): the
 * document without the directive, and the types that had it, which are marked once built.
 */
function withoutOneOf(document: DocumentNode): { document: DocumentNode; oneOf: string[] } {
  const oneOf: string[] = [];
  const stripped = visit(document, {
    InputObjectTypeDefinition(node) {
      if (!node.directives?.some((d) => d.name.value === 'oneOf')) return undefined;
      oneOf.push(node.name.value);
      return { ...node, directives: node.directives.filter((d) => d.name.value !== 'oneOf') };
    },
  });
  return { document: stripped, oneOf };
}
