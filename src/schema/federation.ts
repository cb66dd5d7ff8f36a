/**
 * withoutFederation: the schema a client sees when Lattice is not a federation subgraph
 * (`server.federation.enabled: false`, the default): the same types, fields and resolvers,
 * without what @apollo/subgraph adds for a gateway: the `_service` and `_entities` root fields,
 * the `_Any`, `_Entity`, `_Service`, `link__*` and `federation__*` types, and the federation
 * directive definitions (`@key`, `@shareable`, `@link`, …). Introspection, codegen and GraphiQL
 * then show a plain GraphQL API (codegen's `strictScalars` has no `_Any` to map).
 *
 * Pure; the subgraph schema (buildSchema) stays what `_service { sdl }` and the golden SDL print.
 *
 * shareRelayFields (below): the SDL's Relay fields marked `@shareable` for composition.
 */
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { Kind, specifiedDirectives, visit, type DirectiveNode, type DocumentNode, type FieldDefinitionNode, type GraphQLSchema } from 'graphql';

const FEDERATION_ROOT_FIELDS: ReadonlySet<string> = new Set(['_service', '_entities']);
const FEDERATION_TYPES: ReadonlySet<string> = new Set(['_Any', '_Entity', '_Service']);
const SPECIFIED_DIRECTIVES: ReadonlySet<string> = new Set(specifiedDirectives.map((d) => d.name));

const isFederationType = (name: string) => FEDERATION_TYPES.has(name) || name.startsWith('link__') || name.startsWith('federation__');

export function withoutFederation(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.QUERY_ROOT_FIELD]: (field, name) => (FEDERATION_ROOT_FIELDS.has(name) ? null : field),
    [MapperKind.TYPE]: (type) => (isFederationType(type.name) ? null : type),
    [MapperKind.DIRECTIVE]: (directive) => (SPECIFIED_DIRECTIVES.has(directive.name) ? directive : null),
  });
}

const SHAREABLE = { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'shareable' } } as const satisfies DirectiveNode;

/** The field with `@shareable` (once). */
function shared(field: FieldDefinitionNode): FieldDefinitionNode {
  return field.directives?.some((d) => d.name.value === 'shareable') ? field : { ...field, directives: [...(field.directives ?? []), SHAREABLE] };
}

/**
 * The Relay fields made shareable, so that Lattice composes beside another Relay-shaped subgraph
 * (docs/api-notes.md, "Federation"): `Query.node` and the `id` of every type implementing `Node`
 * are `@shareable` (both subgraphs may resolve them). Applied to the SDL before the subgraph is
 * built; the public schema (withoutFederation) shows no directive.
 */
export function shareRelayFields(typeDefs: DocumentNode): DocumentNode {
  return visit(typeDefs, {
    ObjectTypeDefinition(node) {
      if (node.name.value === 'Query') return { ...node, fields: node.fields?.map((f) => (f.name.value === 'node' ? shared(f) : f)) };
      if (!node.interfaces?.some((i) => i.name.value === 'Node')) return undefined;
      return { ...node, fields: node.fields?.map((f) => (f.name.value === 'id' ? shared(f) : f)) };
    },
  });
}
