/**
 * GitHub's published GraphQL schema (from @octokit/graphql-schema), built once per process.
 *
 * The package ships the schema twice: `schema.idl` (SDL) and `schema.json` (introspection). The SDL
 * does not build with graphql-js (it defines some fields twice), so the simulator builds from the
 * introspection result, which is what GitHub serves to `__schema` queries.
 */
import { schema as published } from '@octokit/graphql-schema';
import {
  buildClientSchema,
  getNamedType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';

let built: GraphQLSchema | undefined;

/** GitHub's schema as a graphql-js GraphQLSchema (built on first use, then shared). */
export function gitHubSchema(): GraphQLSchema {
  built ??= buildClientSchema(published.json as unknown as IntrospectionQuery);
  return built;
}

/** A connection type in GitHub's convention: an object type named `…Connection` with `pageInfo`. */
export function isConnectionType(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith('Connection') && 'pageInfo' in type.getFields();
}

/** A field that returns a connection and takes `first`/`last`: the ones GitHub's pagination rules apply to. */
export function isPaginatedConnectionField(field: GraphQLField<unknown, unknown>): boolean {
  return isConnectionType(getNamedType(field.type)) && field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
}
