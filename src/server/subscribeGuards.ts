/**
 * The checks every graphql-ws `subscribe` passes besides parsing and validation (ws.ts calls them
 * from onSubscribe), each refusal an `error` for that id with the socket left open:
 *
 * - `admit`, before parsing: the connection's operation cap (`websocket.maxSubscriptions`,
 *   TOO_MANY_SUBSCRIPTIONS) and the caller's request budget (`rateLimits:`, RATE_LIMITED);
 * - `query`: trusted documents (trustedDocuments.ts): the document an id names, or the refusal;
 * - `validationRules`: no introspection when `server.introspection` is off (Apollo's option only
 *   covers HTTP);
 * - `check`, after validation: production mode's federation-field refusal (production.ts).
 *
 * Refusals are audited (`ws.subscribe` REFUSED with the code; the HTTP streams, which ask only
 * `validationRules` and `check` through streams/prepare.ts, as `http.graphql`).
 */
import { GraphQLError, NoSchemaIntrospectionCustomRule, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Identity } from '../auth/identity.ts';
import type { Auditor } from '../data/AuditLog.ts';
import { ErrorCodes } from '../errors/index.ts';
import { federationRefusal } from './production.ts';
import type { RateLimiter } from './rateLimit.ts';
import type { DocumentRequest, TrustedDocuments } from './trustedDocuments.ts';

export interface SubscribeGuardOptions {
  readonly maxSubscriptions: number;
  readonly rateLimiter: RateLimiter;
  readonly introspection: boolean;
  /** Roles that may use `_service` and `_entities`; undefined: everyone may (development). */
  readonly federationRoles: readonly string[] | undefined;
  readonly audit: Auditor;
  /** The allow-list of operations (`trustedDocuments:`), when configured. */
  readonly trustedDocuments: TrustedDocuments | undefined;
  /** The audit event of a refusal: `ws.subscribe` (the default), `http.graphql` for the HTTP streams. */
  readonly auditEvent?: string;
}

export interface SubscribeGuards {
  admit(args: { readonly active: number; readonly identity: Identity; readonly ip: string }): Promise<GraphQLError[] | undefined>;
  /** The query to parse: the payload's, or the trusted document its id names; or the refusal. */
  query(payload: DocumentRequest & { readonly query: string }, identity: Identity): Promise<string | GraphQLError[]>;
  readonly validationRules: readonly ValidationRule[];
  check(args: { readonly schema: GraphQLSchema; readonly document: DocumentNode; readonly identity: Identity }): Promise<GraphQLError[] | undefined>;
}

export function createSubscribeGuards(options: SubscribeGuardOptions): SubscribeGuards {
  const refuse = async (identity: Identity, error: GraphQLError): Promise<GraphQLError[]> => {
    await options.audit.record({ event: options.auditEvent ?? 'ws.subscribe', actor: { user: identity.user, via: identity.via }, target: {}, outcome: 'REFUSED', code: String(error.extensions.code) });
    return [error];
  };
  return {
    async admit({ active, identity, ip }) {
      // graphql-ws has already registered this operation's id: `active` counts it.
      if (active > options.maxSubscriptions) {
        return refuse(identity, new GraphQLError(`this connection already runs ${options.maxSubscriptions} operations (websocket.maxSubscriptions): complete one first`, { extensions: { code: ErrorCodes.TOO_MANY_SUBSCRIPTIONS } }));
      }
      const retryAfter = await options.rateLimiter.consume({ identity, ip });
      if (retryAfter !== undefined) {
        return refuse(identity, new GraphQLError(`rate limit reached: retry in ${retryAfter} s`, { extensions: { code: ErrorCodes.RATE_LIMITED, retryAfterSeconds: retryAfter } }));
      }
      return undefined;
    },
    async query(payload, identity) {
      if (!options.trustedDocuments) return payload.query;
      const resolved = await options.trustedDocuments.resolve(payload, identity);
      return typeof resolved === 'string' ? resolved : refuse(identity, resolved);
    },
    validationRules: options.introspection ? [] : [NoSchemaIntrospectionCustomRule],
    async check({ schema, document, identity }) {
      if (!options.federationRoles) return undefined;
      const refused = federationRefusal({ schema, document, identity, roles: options.federationRoles });
      return refused ? refuse(identity, refused) : undefined;
    },
  };
}
