/**
 * The operation limits over graphql-ws (src/server/ws.ts calls these) and the HTTP streams (SSE,
 * multipart: src/server/streams): the same checks as HTTP
 * (limitOperation) once a `subscribe` is parsed and validated, `extensions.cost` on its answers,
 * and cancellation: a query or mutation still running is stopped when the client sends
 * `complete` for it or the socket closes (graphql-ws has no hook for a `complete` of a running
 * query, so the socket's own messages are watched for it).
 */
import { getOperationAST, type DocumentNode, type FormattedExecutionResult, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { WebSocket } from 'ws';
import { ANONYMOUS, type Identity } from '../../auth/identity.ts';
import type { LimitsConfig } from '../../config/types.ts';
import { guardOf } from './guard.ts';
import { limitOperation, type CostExtension } from './operation.ts';
import { withOneStopError } from './plugin.ts';
import type { CountStop } from './stops.ts';

export interface WsOperation {
  /** The graphql-ws socket and operation id (cancelled on `complete` or close); none over HTTP streams, which cancel when their response closes (cancelOnClose.ts). */
  readonly socket?: WebSocket;
  readonly id?: string;
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly identity: Identity | undefined;
  readonly context: object;
}

export interface WsLimits {
  /** For graphql-js `parse`: the token limit. */
  readonly parseOptions: { readonly maxTokens: number };
  /** QUERY_TOO_COMPLEX errors, or undefined when the operation may run (its guard is then armed). */
  check(op: WsOperation): readonly GraphQLError[] | undefined;
  /** The answer to send: `extensions.cost`, one error per limit stop, the guard ended. */
  result(context: unknown, formatted: FormattedExecutionResult): FormattedExecutionResult;
}

export function wsLimits(config: LimitsConfig, countStop: CountStop): WsLimits {
  const costs = new WeakMap<object, CostExtension>();
  const running = new WeakMap<WebSocket, Map<string, object>>();
  /** Forgets a finished operation of its socket. */
  const owners = new WeakMap<object, () => void>();

  const track = (socket: WebSocket, id: string, context: object) => {
    let ops = running.get(socket);
    if (!ops) {
      const byId = (ops = new Map());
      running.set(socket, ops);
      socket.on('message', (data) => {
        const id = completeMessage(data);
        const context = id === undefined ? undefined : byId.get(id);
        if (context) guardOf(context).cancel();
      });
      socket.once('close', () => {
        for (const c of byId.values()) guardOf(c).cancel();
        byId.clear();
      });
    }
    ops.set(id, context);
    owners.set(context, () => ops.delete(id));
  };

  return {
    parseOptions: { maxTokens: config.maxTokens },
    check(op) {
      const operation = getOperationAST(op.document, op.operationName);
      if (!operation) return undefined; // graphql-ws answers "Unable to identify operation"
      const outcome = limitOperation({ config, schema: op.schema, document: op.document, operation, variables: op.variables, identity: op.identity ?? ANONYMOUS, context: op.context, countStop });
      costs.set(op.context, outcome.cost);
      if (outcome.errors) return outcome.errors;
      if (operation.operation !== 'subscription' && op.socket && op.id !== undefined) track(op.socket, op.id, op.context);
      return undefined;
    },
    result(context, formatted) {
      if (!context || typeof context !== 'object') return formatted;
      const cost = costs.get(context);
      guardOf(context).finish();
      owners.get(context)?.();
      return { ...formatted, ...(formatted.errors ? { errors: withOneStopError(formatted.errors) } : {}), ...(cost ? { extensions: { ...formatted.extensions, cost } } : {}) };
    },
  };
}

/** The id of a graphql-ws `complete` message, else undefined. */
function completeMessage(data: unknown): string | undefined {
  try {
    const message = JSON.parse(String(data)) as { type?: unknown; id?: unknown };
    return message.type === 'complete' && typeof message.id === 'string' ? message.id : undefined;
  } catch {
    return undefined;
  }
}
