/**
 * handlerChain: the GraphQL path (http.ts) served on node:http directly, without Express's router
 * (issue 11: the lean request path). The same connect-style handlers (`(req, res, next)`: cors,
 * the JSON body parser, httpGuards.ts, the streams, Apollo) run in order, as Express ran them:
 * `next()` goes on, `next(err)` (or a rejected promise) goes to `onError`. A request that every
 * handler passes on goes to `fallback` (Express, which answers 404).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request on the GraphQL path: `body` is set by the JSON body parser. */
export type ChainRequest = IncomingMessage & { body?: unknown };
export type Next = (err?: unknown) => void;
export type ChainHandler = (req: ChainRequest, res: ServerResponse, next: Next) => unknown;
export type ErrorHandler = (err: unknown, req: ChainRequest, res: ServerResponse) => void;

export function handlerChain(handlers: readonly ChainHandler[], onError: ErrorHandler, fallback: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let i = 0;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      onError(err, req, res);
    };
    const next: Next = (err) => {
      if (err !== undefined) return fail(err);
      const handler = handlers[i++];
      if (!handler) return fallback(req, res);
      try {
        const ret = handler(req, res, next);
        if (ret instanceof Promise) ret.catch((e: unknown) => fail(e ?? new Error('rejected promise')));
      } catch (e) {
        fail(e);
      }
    };
    next();
  };
}
