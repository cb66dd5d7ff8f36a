/**
 * prepareOperation: what every streaming transport (graphql-ws, GraphQL over SSE, multipart HTTP
 * subscriptions) does with one operation before it runs, in one place so that none can skip a
 * guard: parse (the token limit), validate (graphql-js's rules plus the subscribe guards': no
 * introspection when it is off), the federation-field refusal of production mode, a fresh request
 * context for the caller, and the operation limits (depth, cost, aliases, root fields; the
 * execution guard armed). Trusted documents and the request budget are asked before this, by each
 * transport where its request arrives (httpGuards.ts over HTTP, subscribeGuards.ts over graphql-ws).
 *
 * Returns the graphql-js execution arguments, or the refusal: errors with the codes Apollo gives
 * the same problems over POST (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, FORBIDDEN,
 * QUERY_TOO_COMPLEX).
 */
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { Identity } from '../../auth/identity.ts';
import type { RequestContext } from '../../context/index.ts';
import type { SubscribeGuards } from '../subscribeGuards.ts';

/** One operation as a client sent it (the query already resolved from a trusted document's id). */
export interface OperationRequest {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly operationName?: string | null;
}

/** What the limits are given once the operation parsed and validated (limits/websocket.ts's check). */
export interface LimitRequest {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly identity: Identity;
  readonly context: RequestContext;
}

export interface PrepareOptions {
  /** The schema serving now (an operation keeps the generation it started with). */
  readonly schema: () => GraphQLSchema;
  readonly guards: Pick<SubscribeGuards, 'validationRules' | 'check'>;
  readonly parseOptions: { readonly maxTokens: number };
  readonly context: (identity: Identity) => RequestContext;
  /** The operation limits: QUERY_TOO_COMPLEX errors, or undefined when it may run. */
  readonly limit: (op: LimitRequest) => readonly GraphQLError[] | undefined;
  /** Told of every operation that may run (seenOperations.ts keeps them for `schema.breakingChanges`). */
  readonly onPrepared?: (request: OperationRequest, document: DocumentNode) => void;
}

export type Prepared = { readonly args: ExecutionArgs & { readonly contextValue: RequestContext } } | { readonly errors: readonly GraphQLError[] };

export async function prepareOperation(request: OperationRequest, identity: Identity, options: PrepareOptions): Promise<Prepared> {
  const schema = options.schema();
  let document: DocumentNode;
  try {
    document = parse(request.query, options.parseOptions);
  } catch (err) {
    return { errors: [withCode(err as GraphQLError, 'GRAPHQL_PARSE_FAILED')] };
  }
  const invalid = validate(schema, document, [...specifiedRules, ...options.guards.validationRules]);
  if (invalid.length > 0) return { errors: invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')) };
  const forbidden = await options.guards.check({ schema, document, identity });
  if (forbidden) return { errors: forbidden };
  const contextValue = options.context(identity);
  const tooMuch = options.limit({ schema, document, operationName: request.operationName, variables: request.variables, identity, context: contextValue });
  if (tooMuch) return { errors: tooMuch };
  options.onPrepared?.(request, document);
  return { args: { schema, document, variableValues: request.variables, operationName: request.operationName, contextValue } };
}

/** The error with `extensions.code` set, as Apollo sets it over HTTP. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, code } });
}
