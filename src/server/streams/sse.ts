/**
 * GraphQL over Server-Sent Events on the GraphQL path, with the `graphql-sse` library (the
 * reference implementation of the GraphQL over SSE protocol): a GET or POST to `/graphql` that
 * accepts `text/event-stream` is one operation streamed as `next` events and a `complete` event
 * ("distinct connections mode": what Hive Gateway's default HTTP transport and graphql-sse's own
 * client use). Queries and mutations (not over GET) stream one result; subscriptions stream until
 * the client closes the response or the source ends.
 *
 * graphql-sse's "single connection mode" (a stream reserved with PUT, operations posted with its
 * token) is not served: a reservation lives in one process until it is used, which neither bounds
 * nor survives replicas; such requests fall through to Apollo, which refuses them.
 *
 * Every operation goes through streams/prepare.ts (parse, validate, federation fields, limits)
 * after httpGuards.ts (credentials, request budget, trusted documents); a refusal is a `next`
 * event with the errors, then `complete`.
 */
import type { ServerResponse } from 'node:http';
import type express from 'express';
import type { ExecutionResult } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { Identity } from '../../auth/identity.ts';
import { cancelOnClose } from '../limits/cancelOnClose.ts';
import type { ChainHandler, ChainRequest } from '../handlerChain.ts';
import { openStream, type StreamTransportOptions } from './transport.ts';

/** graphql-sse's operation context: Lattice's request context (graphql-sse wants an index signature). */
type SseContext = Record<PropertyKey, unknown>;

/** Whether the request asks for an event stream in distinct connections mode. */
function wantsEventStream(req: ChainRequest): boolean {
  return (req.method === 'GET' || req.method === 'POST') && (req.headers.accept ?? '').includes('text/event-stream') && req.headers['x-graphql-event-stream-token'] === undefined;
}

export function sseTransport(options: StreamTransportOptions): ChainHandler {
  // The caller of each stream, for onSubscribe (graphql-sse hands it the response).
  const identities = new WeakMap<ServerResponse, Identity>();
  const handle = createHandler<SseContext>({
    // No stream tokens: distinct connections mode only.
    authenticate: () => null,
    // prepare.ts validated already, with the guards' rules.
    validate: () => [],
    onSubscribe: async (req, params) => {
      const { res } = req.context;
      const identity = identities.get(res) as Identity;
      const prepared = await options.prepare({ query: params.query, variables: params.variables, operationName: params.operationName }, identity);
      // graphql-sse knows a result by its `data` key (left undefined: a request error has no data).
      if ('errors' in prepared) return { data: undefined, errors: [...prepared.errors] } satisfies ExecutionResult;
      return { ...prepared.args, contextValue: cancelOnClose(prepared.args.contextValue, res) as unknown as SseContext };
    },
    onNext: (ctx, _req, result) => options.formatResult(ctx, result as ExecutionResult) as ExecutionResult,
  });
  return async (req, res, next) => {
    if (!wantsEventStream(req)) return next();
    const identity = openStream(req, res, options);
    if (!identity) return;
    identities.set(res, identity);
    // graphql-sse recognises the stream by this exact header value.
    req.headers.accept = 'text/event-stream';
    try {
      // graphql-sse's Express handler: plain node:http plus the parsed `req.body` (all it reads of Express).
      await handle(req as express.Request, res as express.Response);
    } catch (err) {
      next(err);
    }
  };
}
