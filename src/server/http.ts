/**
 * The HTTP side of the gateway, on Express 5: `/graphql` (Apollo Server, POST and GET, with the
 * body limit and per-request upstream call counting), GraphiQL's local assets, `/healthz`,
 * `/readyz` (503 until there is a schema and the watched sources have synced), `/metrics`
 * (Prometheus), `POST /webhooks/<kind>` (the source plugins' webhooks, raw body), and one error
 * handler that answers JSON (413 past the body limit).
 */
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Authenticate } from '../auth/authenticate.ts';
import type { Identity } from '../auth/identity.ts';
import type { RequestContext } from '../context/index.ts';
import type { WebhookHandler } from '../data/SourcePlugin.ts';
import { runWithCallCounting } from '../data/upstream.ts';
import { LatticeError } from '../errors/index.ts';
import { graphiqlAssets, GRAPHIQL_ASSETS_PATH } from './graphiql.ts';
import { cancelOnClose } from './limits/cancelOnClose.ts';
import type { Metrics } from './metrics.ts';
import type { Runtime } from './runtime.ts';

export interface HttpOptions {
  readonly apollo: ApolloServer<RequestContext>;
  readonly path: string;
  readonly bodyLimitBytes: number;
  readonly runtime: Runtime;
  /** Whether the watched sources have synced (readiness). */
  readonly sourcesReady: () => boolean;
  readonly metrics: Metrics;
  readonly authenticate: Authenticate;
  readonly context: (identity: Identity) => RequestContext;
  readonly webhooks: ReadonlyMap<string, WebhookHandler>;
  readonly log: Logger;
}

export function createHttpApp(options: HttpOptions): express.Express {
  const { runtime, metrics, log, bodyLimitBytes } = options;
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const s = runtime.status();
    const synced = options.sourcesReady();
    const body = {
      status: !runtime.current ? 'unavailable' : !synced ? 'syncing' : s.errors.length ? 'degraded' : 'ok',
      loadedAt: s.loadedAt.toISOString(),
      errors: s.errors.map((e) => ({ code: e.code, message: e.message, ...e.location })),
    };
    res.status(runtime.current && synced ? 200 : 503).json(body);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(GRAPHIQL_ASSETS_PATH, graphiqlAssets());
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
    express.json({ limit: bodyLimitBytes, type: ['application/json', 'application/graphql-response+json'] }),
    (_req: express.Request, _res: express.Response, next: express.NextFunction) => runWithCallCounting(next),
    expressMiddleware(options.apollo, {
      context: async ({ req, res }) => {
        try {
          return cancelOnClose(options.context(await options.authenticate(req.headers.authorization)), res);
        } catch (err) {
          const e = err as LatticeError;
          throw new GraphQLError(e.message, { extensions: { code: e.code ?? 'UNAUTHENTICATED', http: { status: 401 } } });
        }
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
