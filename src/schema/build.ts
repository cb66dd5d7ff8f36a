/**
 * buildSchema: a SchemaPlan plus a resolver map → an executable GraphQLSchema that is also an
 * Apollo Federation v2 subgraph (`_service`, `_entities`, `@key` on every entity type).
 *
 * Pure: it knows blueprints (through the plan) and nothing of HTTP or stores.
 */
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
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
  const typeDefs = shareRelayFields(parse(`${BASE_SDL}\n${printPlan(plan)}\n${extensions.map((e) => e.typeDefs).join('\n')}`));
  const merged: Record<string, GraphQLScalarType | Readonly<Record<string, unknown>>> = { ...resolvers };
  for (const e of extensions) for (const [type, fields] of Object.entries(e.resolvers)) merged[type] = { ...merged[type], ...(fields as Readonly<Record<string, unknown>>) };
  // @apollo/subgraph's GraphQLResolverMap cannot say `__resolveReference` or boolean enum values;
  // graphql-tools checks each entry against the SDL as it builds.
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: merged as SubgraphResolvers }]);
  return { schema, sdl: printSubgraphSchema(schema) };
}
