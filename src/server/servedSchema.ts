/**
 * The schema every transport serves for a generation: the federation subgraph when
 * `server.federation.enabled`, else the same schema without federation's fields, types and
 * directives (src/schema/federation.ts); either way with every field resolver asking the
 * request's execution guard first (limits/guard.ts). Computed once per generation.
 */
import type { GraphQLSchema } from 'graphql';
import { withoutFederation } from '../schema/federation.ts';
import { guardSchema } from './limits/guard.ts';

export function servedSchemaOf(federation: boolean): (schema: GraphQLSchema) => GraphQLSchema {
  const served = new WeakMap<GraphQLSchema, GraphQLSchema>();
  return (schema) => {
    let s = served.get(schema);
    if (!s) served.set(schema, (s = guardSchema(federation ? schema : withoutFederation(schema))));
    return s;
  };
}
