/**
 * buildSchema: a SchemaPlan plus a resolver map → an executable GraphQLSchema that is also an
 * Apollo Federation v2 subgraph (`_service`, `_entities`, `@key` on every entity type).
 *
 * Pure: it knows blueprints (through the plan) and nothing of HTTP or stores.
 */
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { BASE_SDL } from './base.ts';
import type { SchemaPlan } from './plan.ts';
import { printPlan } from './sdl.ts';

export interface BuiltSchema {
  readonly schema: GraphQLSchema;
  /** The whole schema as SDL, federation directives included (what codegen and the golden file use). */
  readonly sdl: string;
}

/** Types and resolvers added to the generated schema by a source (e.g. GitHub's own graph). */
export interface SchemaExtension {
  readonly typeDefs: string;
  readonly resolvers: Record<string, any>;
}

export function buildSchema(plan: SchemaPlan, resolvers: Record<string, any>, extensions: readonly SchemaExtension[] = []): BuiltSchema {
  const typeDefs = parse(`${BASE_SDL}\n${printPlan(plan)}\n${extensions.map((e) => e.typeDefs).join('\n')}`);
  const merged = { ...resolvers };
  for (const e of extensions) for (const [type, fields] of Object.entries(e.resolvers)) merged[type] = { ...merged[type], ...fields };
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: merged }]);
  return { schema, sdl: printSubgraphSchema(schema) };
}
