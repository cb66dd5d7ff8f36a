/**
 * Multipart HTTP subscriptions, the protocol Apollo Router serves and Apollo Client speaks
 * ("Multipart HTTP protocol for GraphQL Subscriptions", subscriptionSpec 1.0): a POST to
 * `/graphql` whose `accept` names `multipart/mixed` with `subscriptionSpec=1.0` is answered
 * `multipart/mixed;boundary="graphql";subscriptionSpec="1.0"`, one JSON part per event:
 *
 * - `{"payload":{"data":…,"errors":…}}` for each result (a refused operation: one part with the
 *   errors, then the end);
 * - `{}` every 5 seconds while nothing else is sent (the heartbeat that keeps proxies from timing
 *   the response out);
 * - `{"payload":null,"errors":[…]}` when the stream fails after it started (a transport error),
 *   then the end;
 * - the closing boundary `--graphql--` after the last part (a `{}` when the source ends). The
 *   client closing the response ends the subscription.
 *
 * Each part is followed by its boundary at once, as Apollo Router writes them: a client knows a
 * part is whole when the boundary after it arrives.
 *
 * Queries and mutations sent this way get one part. Every operation goes through
 * streams/prepare.ts after httpGuards.ts, as over SSE and graphql-ws.
 */
import { GraphQLError, execute, getOperationAST, subscribe, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import { ErrorCodes } from '../../errors/index.ts';
import { cancelOnClose } from '../limits/cancelOnClose.ts';
import type { OperationRequest } from './prepare.ts';
import type { ChainHandler } from '../handlerChain.ts';
import { sendJson } from '../sendJson.ts';
import { openStream, type StreamTransportOptions } from './transport.ts';

const BOUNDARY = 'graphql';
const HEARTBEAT_MS = 5_000;
const PART_HEAD = 'content-type: application/json; charset=utf-8\r\n\r\n';
/** After each part, right away (a client knows a part is whole when the boundary after it arrives). */
const NEXT = `\r\n--${BOUNDARY}\r\n`;
const LAST = `\r\n--${BOUNDARY}--\r\n`;

/** Whether `accept` asks for multipart subscriptions (`subscriptionSpec=1.0`, quoted or not). */
export function acceptsMultipartSubscription(accept: string | undefined): boolean {
  return /multipart\/mixed[^,]*subscriptionSpec\s*=\s*"?1\.0"?/i.test(accept ?? '');
}

export function multipartTransport(options: StreamTransportOptions): ChainHandler {
  return async (req, res, next) => {
    if (req.method !== 'POST' || !acceptsMultipartSubscription(req.headers.accept)) return next();
    const request = operationOf(req.body);
    if (typeof request === 'string') {
      sendJson(res, 400, { errors: [{ message: request, extensions: { code: ErrorCodes.BAD_REQUEST } }] });
      return;
    }
    const identity = openStream(req, res, options);
    if (!identity) return;
    const prepared = await options.prepare(request, identity);
    res.writeHead(200, { 'content-type': `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`, 'cache-control': 'no-store' });
    res.write(NEXT);
    // Nothing is written once the client has gone (the subscription is then being closed).
    const open = () => !res.writableEnded && !res.destroyed;
    const part = (body: unknown) => open() && res.write(`${PART_HEAD}${JSON.stringify(body)}${NEXT}`);
    const last = (body: unknown) => void (open() && res.end(`${PART_HEAD}${JSON.stringify(body)}${LAST}`));
    if ('errors' in prepared) return last({ payload: options.formatResult(undefined, { errors: prepared.errors }) });
    const context = cancelOnClose(prepared.args.contextValue, res);
    const args = { ...prepared.args, contextValue: context };
    const heartbeat = setInterval(() => part({}), HEARTBEAT_MS);
    try {
      const operation = getOperationAST(args.document, args.operationName);
      const outcome = operation?.operation === 'subscription' ? await subscribe(args) : await execute(args);
      if (!(Symbol.asyncIterator in outcome)) return last({ payload: options.formatResult(context, outcome) });
      if (res.closed) void outcome.return?.();
      else res.once('close', () => void outcome.return?.());
      for await (const result of outcome) part({ payload: options.formatResult(context, result) });
      last({});
    } catch (err) {
      // The source failed mid-stream: a transport error (formatError masks what is internal).
      const error = err instanceof GraphQLError ? err : new GraphQLError('subscription failed', { originalError: err instanceof Error ? err : undefined });
      const formatted: FormattedExecutionResult = options.formatResult(undefined, { errors: [error] } satisfies ExecutionResult);
      last({ payload: null, errors: formatted.errors });
    } finally {
      clearInterval(heartbeat);
    }
  };
}

/** The operation of a POST body, or what is wrong with it. */
function operationOf(body: unknown): OperationRequest | string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the request body must be a JSON object with a "query" string';
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string') return 'the request body must carry the operation as a "query" string';
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return '"variables" must be a JSON object';
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return '"operationName" must be a string';
  return { query, variables: variables as Record<string, unknown> | null | undefined, operationName: operationName as string | null | undefined };
}
