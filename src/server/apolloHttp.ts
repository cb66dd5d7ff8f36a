/**
 * Apollo Server on the GraphQL path (replaces `@as-integrations/express5`, issue 11): what the
 * handlers before it parsed (the JSON body; the query string) goes to `executeHTTPGraphQLRequest`, and the answer is
 * written in one `writeHead(…).end(string)`: Node sends the headers and the body in one write, with
 * no ETag hashed over the body (Express's `res.send` computed one for every answer, and handed Node
 * a Buffer, which it writes apart from the headers) and no legacy `url.parse` of the request URL.
 * Chunked answers (incremental delivery) are streamed as they come.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import type { ChainHandler } from './handlerChain.ts';

export function apolloHandler<C extends BaseContext>(apollo: ApolloServer<C>, context: (res: ServerResponse, req: IncomingMessage) => Promise<C>): ChainHandler {
  apollo.assertStarted('apolloHandler()');
  return async (req, res, next) => {
    try {
      const headers = new HeaderMap();
      for (const key in req.headers) {
        const value = req.headers[key];
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const url = req.url ?? '';
      const q = url.indexOf('?');
      const httpGraphQLRequest: HTTPGraphQLRequest = { method: (req.method ?? 'GET').toUpperCase(), headers, search: q < 0 ? '' : url.slice(q), body: req.body };
      const answer = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => context(res, req) });
      await write(res, answer.status ?? 200, answer.headers, answer.body);
    } catch (err) {
      next(err);
    }
  };
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
