/**
 * Apollo Server on the GraphQL path (replaces `@as-integrations/express5`, issue 11): what the
 * handlers before it parsed (the JSON body; the query string) goes to `executeHTTPGraphQLRequest`, and the answer is
 * written in one `writeHead(…).end(string)`: Node sends the headers and the body in one write, with
 * no ETag hashed over the body (Express's `res.send` computed one for every answer, and handed Node
 * a Buffer, which it writes apart from the headers) and no legacy `url.parse` of the request URL.
 * Chunked answers (incremental delivery) are streamed as they come.
 *
 * With a fast lane (fastLane.ts), a repeated query it knows is answered by it, in the request
 * context made here; what it hands back goes to Apollo with that same context (and the result,
 * when it executed the query: compiledExecution.ts `executedAlready`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import type { RequestContext } from '../context/index.ts';
import { executedAlready } from './compiledExecution.ts';
import { JSON_CONTENT_TYPE, type FastLane } from './fastLane.ts';
import type { ChainHandler, ChainRequest } from './handlerChain.ts';

export function apolloHandler(apollo: ApolloServer<RequestContext>, makeContext: (res: ServerResponse, req: IncomingMessage) => Promise<RequestContext>, lane?: FastLane): ChainHandler {
  apollo.assertStarted('apolloHandler()');
  return async (req, res, next) => {
    try {
      let context = () => makeContext(res, req);
      const query = lane ? lane.match(req) : undefined;
      if (lane && query) {
        // A refused caller: Apollo answers (the context function throws again there, with its status).
        const made = await makeContext(res, req).catch(() => undefined);
        if (made) {
          const outcome = await lane.answer(query, made, (result) => executedAlready(made, result));
          if (outcome.body !== undefined) {
            res.statusCode = 200;
            res.setHeader('content-type', JSON_CONTENT_TYPE);
            res.end(outcome.body);
            return;
          }
          context = () => Promise.resolve(made);
        }
      }
      await viaApollo(apollo, req, res, context);
    } catch (err) {
      next(err);
    }
  };
}

/** What the handlers before it parsed, to `executeHTTPGraphQLRequest`; its answer written. */
async function viaApollo<C extends BaseContext>(apollo: ApolloServer<C>, req: ChainRequest, res: ServerResponse, context: () => Promise<C>): Promise<void> {
  const headers = new HeaderMap();
  for (const key in req.headers) {
    const value = req.headers[key];
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const httpGraphQLRequest: HTTPGraphQLRequest = { method: (req.method ?? 'GET').toUpperCase(), headers, search: q < 0 ? '' : url.slice(q), body: req.body };
  const answer = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
  await write(res, answer.status ?? 200, answer.headers, answer.body);
}

async function write(res: ServerResponse, status: number, headers: HeaderMap, body: Awaited<ReturnType<ApolloServer['executeHTTPGraphQLRequest']>>['body']): Promise<void> {
  for (const [key, value] of headers) res.setHeader(key, value);
  res.statusCode = status;
  if (body.kind === 'complete') {
    res.end(body.string);
    return;
  }
  for await (const chunk of body.asyncIterator) res.write(chunk);
  res.end();
}
