/**
 * GraphQL over WebSocket (graphql-ws, `graphql-transport-ws`) on the GraphQL path: subscriptions,
 * and queries and mutations too. Credentials come in `connection_init` (`authorization`, or
 * `token`); a refusal closes with 4403. Each `subscribe` is admitted (subscribeGuards.ts) and
 * prepared (streams/prepare.ts: parse, validate, limits) against the serving generation's schema,
 * so a bad one answers an `error` for its id with the codes HTTP
 * gives (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED) and the socket stays open; every error
 * goes through the same formatError as over HTTP (codes kept, internals masked).
 */
import type { Server } from 'node:http';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Authenticate } from '../auth/authenticate.ts';
import { ANONYMOUS, type Identity } from '../auth/identity.ts';
import type { RequestContext } from '../context/index.ts';
import type { ClientIp } from './clientIp.ts';
import type { ConnectionsPerIp } from './connectionsPerIp.ts';
import { prepareOperation, type OperationRequest } from './streams/prepare.ts';
import { resultFormatter } from './streams/result.ts';
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
  /** Open connections per address (connectionsPerIp.ts), shared with the HTTP streams. */
  readonly connections: ConnectionsPerIp;
  /** The caller's address from the upgrade request (clientIp.ts). */
  readonly clientIp: ClientIp;
  readonly guards: SubscribeGuards;
  /** Operation limits (src/server/limits): checked after validation, cost on answers, cancellation. */
  readonly limits: WsLimits;
  /** Told of every operation that may run (prepare.ts's `onPrepared`). */
  readonly onOperation?: (request: OperationRequest, document: DocumentNode) => void;
}

export interface GraphQLWebSocket {
  dispose(): void | Promise<void>;
}

export function serveWebSocket(options: WebSocketOptions): GraphQLWebSocket {
  const { log, formatError, guards } = options;
  const formatResult = resultFormatter({ formatError, limits: options.limits });
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
        const prepared = await prepareOperation({ query, variables: payload.variables, operationName: payload.operationName }, identity, {
          schema: options.schema,
          guards,
          parseOptions: options.limits.parseOptions,
          context: options.context,
          limit: (op) => options.limits.check({ ...op, socket: ctx.extra.socket, id }),
          onPrepared: options.onOperation,
        });
        return 'errors' in prepared ? [...prepared.errors] : prepared.args;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
      onNext: (_ctx, _id, _payload, args, result) => formatResult(args.contextValue, result),
    },
    { wsServer, log, connections: options.connections, clientIp: options.clientIp, extra: (base) => base },
  );
}
