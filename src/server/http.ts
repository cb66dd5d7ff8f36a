/**
 * The HTTP side of the gateway. `/graphql` runs on node:http directly (handlerChain.ts: its
 * handlers in order, without Express's router, issue 11): CORS, the body limit, the caller, the
 * request budget, trusted documents, per-request upstream call counting, GraphQL over SSE and
 * multipart subscriptions for the requests that accept a stream (streams/), else Apollo Server
 * (apolloHttp.ts, POST and GET; a repeated query by the fast lane, fastLane.ts). Express 5 serves the rest: `/` (302 to GraphiQL when it is on, else a
 * JSON pointer to /graphql), GraphiQL's local assets, `/healthz`,
 * `/readyz` (503 until there is a schema and the watched sources have synced, or while the store
 * does not answer), `/metrics`
 * (Prometheus), `POST /webhooks/<kind>` (the source plugins' webhooks, raw body), and one error
 * handler that answers JSON (413 past the body limit).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import cors from 'cors';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Authenticate } from '../auth/authenticate.ts';
import type { Identity } from '../auth/identity.ts';
import type { RequestContext, RequestExtras } from '../context/index.ts';
import { RUN_TOKEN_HEADER } from '../runs/executorToken.ts';
import type { Auditor } from '../data/AuditLog.ts';
import type { WebhookHandler } from '../data/SourcePlugin.ts';
import type { StoreHealth } from '../data/StoreHealth.ts';
import { runWithCallCounting } from '../data/upstream.ts';
import { LatticeError } from '../errors/index.ts';
import { apolloHandler } from './apolloHttp.ts';
import type { FastLane } from './fastLane.ts';
import { graphiqlAssets, GRAPHIQL_ASSETS_PATH } from './graphiql.ts';
import { handlerChain, type ChainHandler } from './handlerChain.ts';
import { callerOf, identify, rateLimit, trustedDocumentsGate, type CallerOutcome } from './httpGuards.ts';
import { sendJson } from './sendJson.ts';
import { cancelOnClose } from './limits/cancelOnClose.ts';
import type { Metrics } from './metrics.ts';
import type { ClientIp } from './clientIp.ts';
import type { RateLimiter } from './rateLimit.ts';
import type { TrustedDocuments } from './trustedDocuments.ts';
import type { Runtime } from './runtime.ts';
import { multipartTransport } from './streams/multipart.ts';
import { sseTransport } from './streams/sse.ts';
import type { StreamTransportOptions } from './streams/transport.ts';

export interface HttpOptions {
  readonly apollo: ApolloServer<RequestContext>;
  readonly path: string;
  readonly bodyLimitBytes: number;
  readonly runtime: Runtime;
  /** Whether the watched sources have synced (readiness). */
  readonly sourcesReady: () => boolean;
  /** Whether the store answers (a PING with the command timeout); not ready while it does not. */
  readonly storeHealth?: StoreHealth;
  readonly metrics: Metrics;
  readonly authenticate: Authenticate;
  readonly context: (identity: Identity, extras?: RequestExtras) => RequestContext;
  readonly webhooks: ReadonlyMap<string, WebhookHandler>;
  readonly log: Logger;
  /** Serve GraphiQL's assets (`server.graphiql`). */
  readonly graphiql: boolean;
  /** Origins allowed to call cross-origin (`server.cors.origins`); empty: none. */
  readonly corsOrigins: readonly string[];
  readonly rateLimiter: RateLimiter;
  /** The caller's address (clientIp.ts: the peer, or X-Forwarded-For behind `server.trustProxy`). */
  readonly clientIp: ClientIp;
  readonly audit: Auditor;
  /** The allow-list of operations (`trustedDocuments:`), when configured. */
  readonly trustedDocuments: TrustedDocuments | undefined;
  /** The HTTP streaming transports' needs (streams/): GraphQL over SSE and multipart subscriptions. */
  readonly streams: StreamTransportOptions;
  /** Repeated queries answered without Apollo's pipeline (fastLane.ts), when on. */
  readonly fastLane?: FastLane;
}

/** The server's request listener: the GraphQL path on its handler chain, every other route on Express. */
export function createHttpApp(options: HttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { runtime, metrics, log, bodyLimitBytes } = options;
  const app = express();
  app.disable('x-powered-by');
  // No ETag: every answer here is per request (GraphQL answers are no-store); hashing each body bought nothing.
  app.disable('etag');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const s = runtime.status();
    const synced = options.sourcesReady();
    const store = (await options.storeHealth?.check()) ?? { ok: true };
    const body = {
      status: !runtime.current ? 'unavailable' : !store.ok ? 'store unavailable' : !synced ? 'syncing' : s.errors.length ? 'degraded' : 'ok',
      loadedAt: s.loadedAt.toISOString(),
      errors: s.errors.map((e) => ({ code: e.code, message: e.message, ...e.location })),
      schemaChanges: s.schemaChanges.map((c) => ({ type: c.type, description: c.description, at: c.at.toISOString() })),
      ...(store.ok ? {} : { reason: store.reason }),
    };
    res.status(runtime.current && synced && store.ok ? 200 : 503).json(body);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  if (options.graphiql) app.use(GRAPHIQL_ASSETS_PATH, graphiqlAssets(log));
  // `/` points at the API: GraphiQL's page when it is on, else a short JSON saying where.
  app.get('/', (_req, res) => {
    if (options.graphiql) res.redirect(302, options.path);
    else res.json({ graphql: options.path, message: `this is Lattice: POST GraphQL to ${options.path}` });
  });
  // Webhooks need the raw body: signatures are over the exact bytes the upstream sent.
  app.post('/webhooks/:kind', express.text({ type: '*/*', limit: bodyLimitBytes }), async (req, res) => {
    const handle = options.webhooks.get(String(req.params.kind));
    if (!handle) {
      res.status(404).json({ message: `no configured source of kind "${req.params.kind}" takes webhooks` });
      return;
    }
    const result = await handle({ rawBody: typeof req.body === 'string' ? req.body : '', headers: req.headers as Record<string, string | undefined> });
    res.status(result.status).json(result.body);
  });
  const answerError = errorAnswer(bodyLimitBytes, log);
  app.use((err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => (res.headersSent ? next(err) : answerError(err, req, res)));
  // The GraphQL path runs its handlers on node:http directly (handlerChain.ts), Express serves the rest.
  const graphql = handlerChain(
    [
      // No origin listed: no CORS headers at all, so browsers keep other origins out (no handler: the cors package would only pass the request on).
      ...(options.corsOrigins.length > 0 ? [cors({ origin: [...options.corsOrigins], maxAge: 600 })] : []),
      // body-parser is connect middleware: plain node:http is all it needs.
      express.json({ limit: bodyLimitBytes, type: ['application/json', 'application/graphql-response+json'] }) as unknown as ChainHandler,
      identify(options.authenticate),
      rateLimit({ limiter: options.rateLimiter, audit: options.audit, clientIp: options.clientIp }),
      ...(options.trustedDocuments ? [trustedDocumentsGate(options.trustedDocuments, options.audit)] : []),
      (_req, res, next) => {
        // Answers are per caller and never cached (what Apollo's cache-control plugin said; it is off: no field sets hints).
        res.setHeader('cache-control', 'no-store');
        runWithCallCounting(next);
      },
      // Streams (accept: text/event-stream, or multipart/mixed;subscriptionSpec=1.0); the rest is Apollo's.
      sseTransport(options.streams),
      multipartTransport(options.streams),
      apolloHandler(options.apollo, async (res, req) => {
        const caller = callerOf(res) as CallerOutcome;
        const executorToken = req.headers[RUN_TOKEN_HEADER];
        if ('identity' in caller) return cancelOnClose(options.context(caller.identity, { executorToken: Array.isArray(executorToken) ? executorToken[0] : executorToken }), res);
        const e = caller.refused as LatticeError;
        throw new GraphQLError(e.message, { extensions: { code: e.code ?? 'UNAUTHENTICATED', http: { status: 401 } } });
      }, options.fastLane),
    ],
    (err, req, res) => (res.headersSent ? res.destroy() : answerError(err, req, res)),
    app,
  );
  const onPath = pathMatcher(options.path);
  return (req, res) => (onPath(req.url ?? '/') ? graphql(req, res) : app(req, res));
}

/**
 * Whether a URL is on the GraphQL path, as Express's `app.use(path)` matched it: the path itself
 * or below it, letter case ignored, any query string.
 */
function pathMatcher(path: string): (url: string) => boolean {
  const lower = path.toLowerCase();
  return (url) => {
    const end = url.indexOf('?');
    const pathname = (end < 0 ? url : url.slice(0, end)).toLowerCase();
    return pathname === lower || pathname.startsWith(`${lower}/`);
  };
}

/** The JSON answer to an error no handler answered: 413 past the body limit, 400 for a bad body, else 500 (logged). */
function errorAnswer(bodyLimitBytes: number, log: Logger): (err: unknown, req: IncomingMessage, res: ServerResponse) => void {
  return (err, _req, res) => {
    const e = err as Error & { status?: number };
    const status = e.status ?? 500;
    const message = status === 413 ? `request body too large: the limit is ${bodyLimitBytes} bytes` : status < 500 ? `invalid request body: ${e.message}` : 'internal server error';
    if (status >= 500) log.error({ err }, 'request failed');
    sendJson(res, status, { errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
}
