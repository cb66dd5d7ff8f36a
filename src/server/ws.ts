/**
 * GraphQL over WebSocket (graphql-ws, `graphql-transport-ws`) on the GraphQL path: subscriptions,
 * and queries and mutations too. Credentials come in `connection_init` (`authorization`, or
 * `token`); a refusal closes with 4403. Each `subscribe` is parsed and validated here against the
 * serving generation's schema, so a bad one answers an `error` for its id with the codes HTTP
 * gives (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED) and the socket stays open; every error
 * goes through the same formatError as over HTTP (codes kept, internals masked).
 */
import type { Server } from 'node:http';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Authenticate } from '../auth/authenticate.ts';
import { ANONYMOUS, type Identity } from '../auth/identity.ts';
import type { RequestContext } from '../context/index.ts';
import type { ClientIp } from './clientIp.ts';
import type { SubscribeGuards } from './subscribeGuards.ts';
import { serveGraphqlWs, type SocketExtra } from './wsServer.ts';
import type { WsLimits } from './limits/websocket.ts';

export interface WebSocketOptions {
  readonly httpServer: Server;
  readonly path: string;
  /** The schema serving now (hot reload swaps it; an operation keeps the one it started with). */
  readonly schema: () => GraphQLSchema;
  readonly authenticate: Authenticate;
  readonly context: (identity: Identity | undefined) => RequestContext;
  readonly log: Logger;
  /** formatError.ts as the server configures it (production mode drops suggestions). */
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Largest frame in bytes (the HTTP body limit): ws closes with 1009 past it. */
  readonly maxPayloadBytes: number;
  readonly maxConnectionsPerIp: number;
  /** The caller's address from the upgrade request (clientIp.ts). */
  readonly clientIp: ClientIp;
  readonly guards: SubscribeGuards;
  /** Operation limits (src/server/limits): checked after validation, cost on answers, cancellation. */
  readonly limits: WsLimits;
}

export interface GraphQLWebSocket {
  dispose(): void | Promise<void>;
}

export function serveWebSocket(options: WebSocketOptions): GraphQLWebSocket {
  const { log, formatError, guards } = options;
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: options.maxPayloadBytes });
  return serveGraphqlWs<Record<string, unknown>, SocketExtra & { identity?: Identity }>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = typeof params.authorization === 'string' ? params.authorization : typeof params.token === 'string' ? `Bearer ${params.token}` : undefined;
        try {
          ctx.extra.identity = await options.authenticate(header);
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const identity = ctx.extra.identity ?? ANONYMOUS;
        const refused = await guards.admit({ active: Object.keys(ctx.subscriptions).length, identity, ip: options.clientIp(ctx.extra.request) });
        if (refused) return refused;
        const query = await guards.query(payload, identity);
        if (typeof query !== 'string') return query;
        const schema = options.schema();
        let document: DocumentNode;
        try {
          document = parse(query, options.limits.parseOptions);
        } catch (err) {
          return [withCode(err as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document, [...specifiedRules, ...guards.validationRules]);
        if (invalid.length > 0) return invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        const forbidden = await guards.check({ schema, document, identity });
        if (forbidden) return forbidden;
        const contextValue = options.context(ctx.extra.identity);
        const tooMuch = options.limits.check({ socket: ctx.extra.socket, id, schema, document, operationName: payload.operationName, variables: payload.variables, identity: ctx.extra.identity, context: contextValue });
        if (tooMuch) return tooMuch;
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
      onNext: (_ctx, _id, _payload, args, result) => options.limits.result(args.contextValue, result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : (result as FormattedExecutionResult)),
    },
    { wsServer, log, maxConnectionsPerIp: options.maxConnectionsPerIp, clientIp: options.clientIp, extra: (base) => base },
  );
}

/** The error with `extensions.code` set, as Apollo sets it over HTTP. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions: { ...error.extensions, code } });
}
