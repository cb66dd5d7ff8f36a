/**
 * What production mode (`server.mode: production`) changes in answers, the same over HTTP and
 * graphql-ws:
 *
 * - `_service` and `_entities` (the Apollo Federation fields) answer only callers with a
 *   federation role (`server.federation.roles`): `_service { sdl }` is the whole schema, even with
 *   introspection off;
 * - validation errors lose graphql-js's "Did you mean …?" hints, which spell out field and type
 *   names one typo at a time.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Identity } from '../auth/identity.ts';
import type { RequestContext } from '../context/index.ts';
import { ErrorCodes } from '../errors/index.ts';

const FEDERATION_FIELDS = new Set(['_service', '_entities']);

/** The federation root fields (`_service`, `_entities`) the document selects, fragments included. */
function federationFieldsIn(schema: GraphQLSchema, document: DocumentNode): string[] {
  const queryType = schema.getQueryType();
  const typeInfo = new TypeInfo(schema);
  const found = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (FEDERATION_FIELDS.has(node.name.value) && typeInfo.getParentType() === queryType) found.add(node.name.value);
      },
    }),
  );
  return [...found];
}

export interface FederationGuardOptions {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly identity: Identity;
  /** Roles that may use the federation fields. */
  readonly roles: readonly string[];
}

/** A FORBIDDEN error when the document selects a federation field and the caller has no federation role. */
export function federationRefusal(options: FederationGuardOptions): GraphQLError | undefined {
  const fields = federationFieldsIn(options.schema, options.document);
  if (fields.length === 0 || options.identity.roles.some((r) => options.roles.includes(r))) return undefined;
  return new GraphQLError(`${fields.join(' and ')} answer only a federation gateway: a caller with one of the roles ${options.roles.join(', ') || '(none configured)'} (server.federation.roles)`, {
    extensions: { code: ErrorCodes.FORBIDDEN, http: { status: 403 } },
  });
}

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** The error without "Did you mean …?" hints in its message. */
export function withoutSuggestions(error: GraphQLFormattedError): GraphQLFormattedError {
  const message = error.message.replace(SUGGESTION, '');
  return message === error.message ? error : { ...error, message };
}

/** Apollo plugin: the federation-field refusal over HTTP (graphql-ws asks subscribeGuards.ts), audited. */
export function federationGuardPlugin(roles: readonly string[]): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, contextValue }) {
          const refused = federationRefusal({ schema, document, identity: contextValue.identity, roles });
          if (!refused) return;
          const { identity } = contextValue;
          await contextValue.audit.record({ event: 'federation', actor: { user: identity.user, via: identity.via }, target: {}, outcome: 'REFUSED', code: ErrorCodes.FORBIDDEN });
          throw refused;
        },
      };
    },
  };
}
