/**
 * startLattice: the composition root. Config → store → runtime (blueprints, schema, catalog) →
 * Apollo Server on Express 5 on Node's HTTP server, with GraphiQL, health, readiness and metrics.
 * Used by `npm start` (main.ts) and by the tests, which start real servers on port 0.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import chokidar from 'chokidar';
import express from 'express';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { createAuthenticator } from '../auth/authenticate.ts';
import type { Identity } from '../auth/identity.ts';
import { MemoryCache } from '../data/memory/MemoryCache.ts';
import { RedisCache } from '../data/redis/RedisCache.ts';
import { redactUrl, type Config } from '../config/index.ts';
import { createRequestContext, type RequestContext } from '../context/index.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';
import { publishEntityChange, type EntityChange } from '../data/entityChanges.ts';
import { MemoryPubSub, RedisPubSub } from '../data/PubSub.ts';
import { createEntityReader } from '../data/reader.ts';
import { countCalls, type CountedEntityStore } from '../data/countCalls.ts';
import type { EntityStore } from '../data/EntityStore.ts';
import { createEntityStore } from '../data/stores.ts';
import { onUpstreamCall, runWithCallCounting } from '../data/upstream.ts';
import { createCatalogWriter } from '../../datasources/catalog/writer.ts';
import { handleGitHubWebhook, type WorkflowRunUpdate } from '../../datasources/github/webhooks.ts';
import type { KubernetesSource } from '../../datasources/kubernetes/source.ts';
import { createActionServices } from './actions.ts';
import { formatError, graphiqlPlugin, metricsPlugin, schemaSource } from './apollo.ts';
import { graphiqlAssets, GRAPHIQL_ASSETS_PATH } from './graphiql.ts';
import { createLogger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { Runtime } from './runtime.ts';
import { createSources, sourceExtensions } from './sources.ts';

export const GRAPHQL_PATH = '/graphql';

export interface Lattice {
  readonly url: string;
  readonly runtime: Runtime;
  readonly store: CountedEntityStore;
  readonly metrics: Metrics;
  readonly log: Logger;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Use this store instead of the one the config selects (tests). */
  readonly store?: EntityStore;
  readonly log?: Logger;
  /** Project root, for file paths in messages (defaults to the working directory). */
  readonly root?: string;
}

export async function startLattice(config: Config, options: StartOptions = {}): Promise<Lattice> {
  const log = options.log ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const store = countCalls(options.store ?? (await createEntityStore(config)), (method) => metrics.storeCalls.inc({ method }));
  log.info({ store: config.redisUrl ? `redis ${redactUrl(config.redisUrl)}` : 'in-process', config: config.configFile ?? '(defaults)' }, 'starting Lattice');

  const cache = config.redisUrl ? RedisCache.connect(config.redisUrl, config.redisPrefix) : new MemoryCache();
  const pubsub = config.redisUrl ? new RedisPubSub(config.redisUrl, config.redisPrefix) : new MemoryPubSub();
  // Entity changes from watched sources and catalog-file reloads (mutations publish in the writer).
  const onChange = (change: EntityChange) => void publishEntityChange(pubsub, change).catch((err: unknown) => log.warn({ err }, 'entity change not published'));
  const sources = createSources(config.sources, { cache, log, onChange, baseDir: config.configFile ? path.dirname(config.configFile) : (options.root ?? process.cwd()) });
  // Watched sources (Kubernetes) sync first: /readyz answers 503 until they did.
  let sourcesReady = false;
  const reader = createEntityReader(store, sources.all);
  const stopCountingUpstream = onUpstreamCall((source) => metrics.upstreamCalls.inc({ source }));

  const runtime = new Runtime({ store, blueprintsDir: config.blueprintsDir, catalogDir: config.catalogDir, actionsDir: config.actionsDir, root: options.root ?? process.cwd(), log, extend: (plan) => sourceExtensions(sources, plan), onChange });
  const ok = await runtime.reload();
  metrics.reloads.inc({ result: ok ? 'ok' : 'error' });
  if (!runtime.current) {
    stopCountingUpstream();
    await Promise.all([store.close(), cache.close(), pubsub.close(), ...sources.all.map((s) => s.close?.())]);
    throw new LatticeError(ErrorCodes.INVALID_BLUEPRINT, `cannot start: ${runtime.status().errors.map((e) => `${e.where()}: ${e.message}`).join('\n')}`);
  }

  const app = express();
  const httpServer = http.createServer(app);
  const writer = createCatalogWriter(store, () => runtime.model(), (change) => publishEntityChange(pubsub, change));
  const authenticate = createAuthenticator(config.auth);
  const [github] = sources.github;
  const githubApi = github && { client: github.client, webUrl: github.options.url.replace(/\/api\/v3$/, '').replace('://api.github.com', '://github.com') };
  const clusters = sources.entries.filter((e) => e.kind === 'kubernetes').map((e) => e.source as KubernetesSource);
  const cluster = clusters.length ? (name: string | undefined) => clusters.map((s) => s.cluster(name)).find((c) => c !== undefined) : undefined;
  const actions = await createActionServices(config, { runtime, reader, writer, log, github: githubApi, cluster });
  const contextDeps = { reader, writer, pubsub, actions, status: () => runtime.status() };

  const apollo = new ApolloServer<RequestContext>({
    gateway: schemaSource(runtime),
    introspection: config.introspection,
    // Lattice authenticates with headers, not cookies; GET must work for graphql-http clients.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals: Apollo's own handler re-raises them and races our close().
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatError(formatted, error, log),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), graphiqlPlugin(GRAPHQL_PATH), metricsPlugin(metrics)],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const s = runtime.status();
    const ready = runtime.current && sourcesReady;
    const body = {
      status: !runtime.current ? 'unavailable' : !sourcesReady ? 'syncing' : s.errors.length ? 'degraded' : 'ok',
      loadedAt: s.loadedAt.toISOString(),
      errors: s.errors.map((e) => ({ code: e.code, message: e.message, ...e.location })),
    };
    res.status(ready ? 200 : 503).json(body);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(GRAPHIQL_ASSETS_PATH, graphiqlAssets());
  // Webhooks need the raw body: the signature is over the exact bytes GitHub sent.
  app.post('/webhooks/github', express.text({ type: '*/*', limit: config.bodyLimitBytes }), async (req, res) => {
    const result = await handleGitHubWebhook(typeof req.body === 'string' ? req.body : '', req.headers as Record<string, string | undefined>, sources.github, (run) => followWorkflowRun(actions, run));
    if (result.status === 200) log.info({ invalidated: result.body.invalidated, event: req.headers['x-github-event'] }, 'webhook invalidated cached data');
    res.status(result.status).json(result.body);
  });
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: config.bodyLimitBytes, type: ['application/json', 'application/graphql-response+json'] }),
    (_req: express.Request, _res: express.Response, next: express.NextFunction) => runWithCallCounting(next),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return createRequestContext(contextDeps, await authenticate(req.headers.authorization));
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
    const message =
      status === 413 ? `request body too large: the limit is ${config.bodyLimitBytes} bytes` : status < 500 ? `invalid request body: ${err.message}` : 'internal server error';
    if (status >= 500) log.error({ err }, 'request failed');
    res.status(status).json({ errors: [{ message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  });

  const watcher = config.watch ? await watchFolders([config.blueprintsDir, config.catalogDir, config.actionsDir], () => runtime.reload().then((r) => metrics.reloads.inc({ result: r ? 'ok' : 'error' })), log) : undefined;

  // graphql-ws on the same path: subscriptions, with credentials from connection_init.
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  const ws = useServer<Record<string, unknown>, { identity?: Identity }>(
    {
      schema: () => (runtime.current as NonNullable<typeof runtime.current>).schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = typeof params.authorization === 'string' ? params.authorization : typeof params.token === 'string' ? `Bearer ${params.token}` : undefined;
        try {
          ctx.extra.identity = await authenticate(header);
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      context: (ctx) => createRequestContext(contextDeps, ctx.extra.identity),
    },
    wsServer,
  );

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  await Promise.all(sources.all.map((s) => s.ready?.()));
  sourcesReady = true;
  log.info({ url: `${url}${GRAPHQL_PATH}` }, 'Lattice is serving');
  return {
    url,
    runtime,
    store,
    metrics,
    log,
    async close() {
      stopCountingUpstream();
      await watcher?.close();
      await ws.dispose();
      await apollo.stop();
      await actions.close();
      await Promise.all([store.close(), cache.close(), pubsub.close(), ...sources.all.map((s) => s.close?.())]);
    },
  };
}

/**
 * GITHUB actions follow their workflow run: a workflow that names the Lattice run id in its title
 * (`run-name: ${{ inputs.run_id }}`) moves the run to SUCCESS or FAILURE when GitHub says it completed.
 */
async function followWorkflowRun(actions: { engine: { followUpstream: (r: { runId: string; status?: 'SUCCESS' | 'FAILURE'; statusLabel?: string; links?: string[] }) => Promise<unknown> } }, run: WorkflowRunUpdate) {
  const completed = run.status === 'completed';
  for (const runId of run.title.match(/\brun_[0-9a-z]{22}\b/g) ?? []) {
    await actions.engine.followUpstream({
      runId,
      status: completed ? (run.conclusion === 'success' ? 'SUCCESS' : 'FAILURE') : undefined,
      statusLabel: completed ? `workflow ${run.conclusion ?? 'completed'}` : `workflow ${run.status}`,
      links: run.url ? [run.url] : undefined,
    });
  }
}

/** Watches the folders; resolves once the initial scan is done, so no change is missed after start. */
async function watchFolders(dirs: readonly string[], onChange: () => unknown, log: Logger) {
  const watcher = chokidar.watch([...dirs], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (event, file) => {
    log.debug({ event, file }, 'file change');
    clearTimeout(timer);
    timer = setTimeout(onChange, 50);
  });
  watcher.on('error', (err) => log.error({ err }, 'file watcher failed'));
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return watcher;
}
