/**
 * GitHub's own graph, joined on: `githubRepository: GitHub_Repository` on every type the
 * source maps repositories to. The sub-selection is delegated to GitHub as written
 * (@graphql-tools/delegate), with the gateway's token, never the caller's: GitHub's published
 * schema (@octokit/graphql-schema), its types prefixed `GitHub_`, is part of Lattice's schema, and
 * delegations made in the same tick are batched into one GitHub request of at most 100 aliased
 * `repository` fields (250 components: 3 requests).
 *
 * Only the join field delegates; the rest of Lattice's schema executes as before.
 */
import { delegateToSchema, defaultMergedResolver, type SubschemaConfig } from '@graphql-tools/delegate';
import { RenameTypes, wrapSchema } from '@graphql-tools/wrap';
import { schema as published } from '@octokit/graphql-schema';
import {
  buildClientSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  isInputObjectType,
  isUnionType,
  print,
  printType,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type { SchemaExtension } from '../../src/data/SourcePlugin.ts';
import type { GitHubSource } from './source.ts';

export const GITHUB_TYPE_PREFIX = 'GitHub_';
const BATCH_SIZE = 100;

let githubSchema: GraphQLSchema | undefined;
/** GitHub's published schema, built once per process (~1,700 types). */
function publishedSchema(): GraphQLSchema {
  return (githubSchema ??= buildClientSchema(published.json as unknown as IntrospectionQuery, { assumeValid: true }));
}

/** Every type reachable from `root` (fields, arguments, interfaces, union members, implementations). */
function reachable(schema: GraphQLSchema, root: string): GraphQLNamedType[] {
  const seen = new Map<string, GraphQLNamedType>();
  const visit = (type: GraphQLNamedType | undefined) => {
    if (!type || seen.has(type.name) || type.name.startsWith('__')) return;
    seen.set(type.name, type);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const f of Object.values(type.getFields())) {
        visit(getNamedType(f.type));
        for (const a of f.args) visit(getNamedType(a.type));
      }
      for (const i of type.getInterfaces()) visit(i);
      if (isInterfaceType(type)) for (const impl of schema.getPossibleTypes(type)) visit(impl);
    } else if (isUnionType(type)) {
      for (const m of type.getTypes()) visit(m);
    } else if (isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) visit(getNamedType(f.type));
    }
  };
  visit(schema.getType(root) ?? undefined);
  return [...seen.values()];
}

const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/**
 * The SDL and resolvers that add GitHub's types and the join field to the given Lattice types.
 * `fieldName` comes from the inflection (`githubRepository`).
 */
export function githubJoin(source: GitHubSource, targets: readonly { typeName: string; blueprint: string }[], fieldName: string): SchemaExtension {
  const subschema: SubschemaConfig = {
    name: `github:${source.name}`,
    schema: publishedSchema(),
    transforms: [new RenameTypes((name) => (BUILT_IN.has(name) ? undefined : `${GITHUB_TYPE_PREFIX}${name}`))],
    executor: async ({ document, variables }) => ({ data: await source.client.query(print(document), (variables ?? {}) as Record<string, unknown>) }),
    batch: true,
    batchingOptions: { dataLoaderOptions: { maxBatchSize: BATCH_SIZE } },
  };
  const renamed = wrapSchema(subschema);
  const types = reachable(renamed, `${GITHUB_TYPE_PREFIX}Repository`).filter((t) => !BUILT_IN.has(t.name));

  const resolvers: Record<string, unknown> = {};
  for (const t of types) {
    if (isObjectType(t)) resolvers[t.name] = Object.fromEntries(Object.keys(t.getFields()).map((f) => [f, defaultMergedResolver]));
    else if (isInterfaceType(t) || isUnionType(t)) resolvers[t.name] = { __resolveType: (value: { __typename?: string }) => value.__typename };
  }
  const join = async (entity: { blueprint: string; identifier: string }, _args: unknown, context: unknown, info: GraphQLResolveInfo) => {
    const repo = await source.repositoryOf(entity.blueprint, entity.identifier);
    if (!repo) return null;
    return delegateToSchema({ schema: subschema, operation: 'query' as never, fieldName: 'repository', args: { owner: repo.owner, name: repo.name }, context: context as Record<string, unknown>, info });
  };
  for (const { typeName } of targets) resolvers[typeName] = { [fieldName]: join };

  const typeDefs = [
    ...types.map((t) => printType(t)),
    ...targets.map(({ typeName }) => `extend type ${typeName} {\n  "The entity's GitHub repository, from GitHub's own graph (source \\"${source.name}\\")."\n  ${fieldName}: ${GITHUB_TYPE_PREFIX}Repository\n}`),
  ].join('\n\n');
  return { typeDefs, resolvers };
}
