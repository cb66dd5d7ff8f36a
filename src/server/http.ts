/**
 * The HTTP side of the gateway, on Express 5: `/graphql` (Apollo Server, POST and GET, with the
 * body limit and per-request upstream call counting; GraphQL over SSE and multipart subscriptions
 * for the requests that accept a stream: streams/), `/` (302 to GraphiQL when it is on, else a
 * JSON pointer to /graphql), GraphiQL's local assets, `/healthz`,
 * `/readyz` (503 until there is a schema and the watched sources have synced, or while the store
 * does not answer), `/metrics`
 * (Prometheus), `POST /webhooks/<kind>` (the source plugins' webhooks, raw body), and one error
 * handler that answers JSON (413 past the body limit).
 */
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
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
import { graphiqlAssets, GRAPHIQL_ASSETS_PATH } from './graphiql.ts';
import { identify, rateLimit, trustedDocumentsGate, type CallerOutcome } from './httpGuards.ts';
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
}

export function createHttpApp(options: HttpOptions): express.Express {
  const { runtime, metrics, log, bodyLimitBytes } = options;
  const app = express();
  app.disable('x-powered-by');
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
  app.use(
    options.path,
    // No origin listed: no CORS headers at all, so browsers keep other origins out.
    cors({ origin: options.corsOrigins.length > 0 ? [...options.corsOrigins] : false, maxAge: 600 }),
    express.json({ limit: bodyLimitBytes, type: ['application/json', 'application/graphql-response+json'] }),
    identify(options.authenticate),
    rateLimit({ limiter: options.rateLimiter, audit: options.audit, clientIp: options.clientIp }),
    ...(options.trustedDocuments ? [trustedDocumentsGate(options.trustedDocuments, options.audit)] : []),
    (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      // Answers are per caller and never cached (what Apollo's cache-control plugin said; it is off: no field sets hints).
      res.setHeader('cache-control', 'no-store');
      runWithCallCounting(next);
    },
    // Streams (accept: text/event-stream, or multipart/mixed;subscriptionSpec=1.0); the rest is Apollo's.
    sseTransport(options.streams),
    multipartTransport(options.streams),
    expressMiddleware(options.apollo, {
      context: async ({ req, res }) => {
        const caller = res.locals.caller as CallerOutcome;
        if ('identity' in caller) return cancelOnClose(options.context(caller.identity, { executorToken: req.get(RUN_TOKEN_HEADER) }), res);
        const e = caller.refused as LatticeError;
        throw new GraphQLError(e.message, { extensions: { code: e.code ?? 'UNAUTHENTICATED', http: { status: 401 } } });
      },
    }),
  );
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    const status = err.status ?? 500;
    const message = status === 413 ? `request body too large: the limit is ${bodyLimitBytes} bytes` : status < 500 ? `invalid request body: ${err.message}` : 'internal server error';
    if (status >= 500) log.error({ err }, 'request failed');
    res.status(status).json({ errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  });
  return app;
}
