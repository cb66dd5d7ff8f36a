/**
 * startLattice: the composition root. It only wires: config → stores (data/stores.ts) → sources
 * (the plugin registry, sources.ts) → runtime (blueprints, schema, catalog; hot reload) → action
 * services → Apollo Server → HTTP (http.ts) and graphql-ws (ws.ts) on one Node HTTP server.
 * Used by `npm start` (main.ts) and by the tests, which start real servers on port 0.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { getOperationAST, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { createAuthenticator } from '../auth/authenticate.ts';
import { ANONYMOUS, type Identity } from '../auth/identity.ts';
import { redactUrl } from '../config/index.ts';
import type { Config } from '../config/types.ts';
import { createRequestContext, type RequestContext, type RequestExtras } from '../context/index.ts';
import { countCalls, type CountedEntityStore } from '../data/countCalls.ts';
import type { EntityStore } from '../data/EntityStore.ts';
import { createEntityReader } from '../data/reader.ts';
import { watchSeed } from '../data/reseed.ts';
import { openStores } from '../data/stores.ts';
import { ENTITY_CHANGES, type EntityChange } from '../data/topics.ts';
import { onUpstreamCall } from '../data/upstream.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';
import { createCatalogWriter } from '../../datasources/catalog/writer.ts';
import { createActionServices } from './actions.ts';
import { startGatewayAutomations } from './automations.ts';
import type { AutomationService } from '../runs/automations/service.ts';
import { graphiqlPlugin, metricsPlugin, schemaSource } from './apollo.ts';
import { auditedAuthenticator, createAuditor } from './audit.ts';
import { formatError } from './formatError.ts';
import { createHttpApp } from './http.ts';
import { createLogger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { compiledExecutor } from './compiledExecution.ts';
import { federationGuardPlugin, withoutSuggestions } from './production.ts';
import { clientIpOf } from './clientIp.ts';
import { createRateLimiter } from './rateLimit.ts';
import { guardedContext } from './limits/guardedContext.ts';
import { apolloLimitOptions, limitsPlugin } from './limits/plugin.ts';
import { stopCounter } from './limits/stops.ts';
import { wsLimits } from './limits/websocket.ts';
import { Runtime } from './runtime.ts';
import { SeenOperations, seenOperationsPlugin } from './seenOperations.ts';
import type { KnownOperation } from './schemaChanges.ts';
import { servedSchemaOf } from './servedSchema.ts';
import { createSources } from './sources.ts';
import { createSubscribeGuards } from './subscribeGuards.ts';
import { createTrustedDocuments } from './trustedDocuments.ts';
import { watchFolders } from './watch.ts';
import { serveWebSocket } from './ws.ts';
import { connectionsPerIp } from './connectionsPerIp.ts';
import { legacyJsonStatusPlugin } from './legacyJsonStatus.ts';
import { plainSubscriptionRefusal } from './streams/plainRequests.ts';
import { prepareOperation, type OperationRequest } from './streams/prepare.ts';
import { resultFormatter } from './streams/result.ts';

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
  /** How HTTP operations execute: compiled (the default, compiledExecution.ts), or graphql-js (tests compare the two). */
  readonly execution?: 'compiled' | 'graphql-js';
}

export async function startLattice(config: Config, options: StartOptions = {}): Promise<Lattice> {
  const log = options.log ?? createLogger(config.logLevel);
  const root = options.root ?? process.cwd();
  const metrics = createMetrics();
  log.info({ store: config.redisUrl ? `redis ${redactUrl(config.redisUrl)}` : 'in-process', config: config.configFile ?? '(defaults)' }, 'starting Lattice');
  const stores = await openStores(config, { entities: options.store, log });
  const store = countCalls(stores.entities, (method) => metrics.storeCalls.inc({ method }));
  const { pubsub } = stores;
  // Entity changes from mutations, catalog-file reloads and watched sources: one way to publish them.
  // Automations observe each change where it is published (set once they run; nothing changes before).
  const late: { automations?: AutomationService } = {};
  const publishChange = (change: EntityChange) => {
    late.automations?.observe(change);
    return pubsub.publish(ENTITY_CHANGES, change).catch((err: unknown) => log.warn({ err }, 'entity change not published'));
  };
  const onChange = (change: EntityChange) => void publishChange(change);

  const sources = createSources(config.sources, { cache: stores.cache, log, onChange, circuitBreaker: config.faults.circuitBreaker, baseDir: config.configFile ? path.dirname(config.configFile) : root });
  const closeData = () => Promise.all([stores.close(), ...sources.all.map((s) => s.close?.())]);
  // The model is read when a request resolves relation queries, after the runtime below exists.
  const reader = createEntityReader(store, sources.all, () => runtime.model());
  const stopCountingUpstream = onUpstreamCall((source) => metrics.upstreamCalls.inc({ source }));

  const trustedDocuments = config.trustedDocuments && createTrustedDocuments({ config: config.trustedDocuments, redisUrl: config.redisUrl, redisPrefix: config.redisPrefix });
  // What `schema.breakingChanges: refuse` protects: the trusted documents and the operations run here lately.
  const seenOperations = new SeenOperations();
  const recordOperation = (op: OperationRequest, document: DocumentNode) => seenOperations.record(op.query, getOperationAST(document, op.operationName)?.name?.value);
  const knownOperations = async (): Promise<KnownOperation[]> => [...((await trustedDocuments?.documents()) ?? []).map((d) => ({ name: d.id, source: d.query })), ...seenOperations.list()];
  const runtime = new Runtime({
    store,
    blueprintsDir: config.blueprintsDir,
    catalogDir: config.catalogDir,
    actionsDir: config.actionsDir,
    automationsDir: config.automationsDir,
    scorecardsDir: config.scorecardsDir,
    strict: config.strict,
    root,
    log,
    extend: (plan) => sources.extensions({ typeName: (bp) => (plan.model.get(bp) ? plan.type(bp).typeName : undefined), joinField: (upstream, type) => plan.inflection.joinField(upstream, type) }),
    onChange,
    changes: { mode: config.breakingChanges, knownOperations },
  });
  const ok = await runtime.reload();
  metrics.reloads.inc({ result: ok ? 'ok' : 'error' });
  if (!runtime.current) {
    stopCountingUpstream();
    await trustedDocuments?.close();
    await closeData();
    const errors = runtime.status().errors;
    // One kind of problem (a folder that is missing: INVALID_CONFIG) keeps its code.
    const code = errors.length > 0 && errors.every((e) => e.code === errors[0].code) ? errors[0].code : ErrorCodes.INVALID_BLUEPRINT;
    throw new LatticeError(code, `cannot start: ${errors.map((e) => `${e.where() ? `${e.where()}: ` : ''}${e.message}`).join('\n')}`);
  }

  // Redis found without the catalog (restarted empty, flushed): seed it again, no restart needed.
  const stopSeedWatch = stores.seedMarker ? await watchSeed({ marker: stores.seedMarker, seed: () => runtime.reload(), intervalMs: config.faults.reseedCheckMs, log }) : () => undefined;
  const writer = createCatalogWriter(store, () => runtime.model(), publishChange);
  const actions = await createActionServices(config, { runtime, runs: stores.runs, pubsub, reader, writer, upstreamInvokers: sources.invokers(), log, onRunChange: (run) => late.automations?.runChanged(run) });
  const automations = await startGatewayAutomations(config, { runtime, reader, states: stores.entityStates, engine: actions.engine, pubsub, onDependentsDropped: (n) => metrics.dependentsDropped.inc(n), log });
  late.automations = automations;
  const audit = createAuditor(stores.audit, log);
  const contextDeps = { reader, writer, pubsub, actions, status: () => runtime.status(), audit };
  // Each context carries its execution guard (operation limits), which its reads ask first.
  const context = (identity = ANONYMOUS, extras?: RequestExtras): RequestContext => guardedContext(createRequestContext, contextDeps, identity, extras);
  const authenticate = auditedAuthenticator(createAuthenticator(config.auth), audit);

  const production = config.mode === 'production';
  const format = (formatted: GraphQLFormattedError, error: unknown) => (production ? withoutSuggestions(formatError(formatted, error, log)) : formatError(formatted, error, log));
  const clientIp = clientIpOf(config.trustProxy);
  const rateLimiter = createRateLimiter({ config: config.rateLimits, redisUrl: config.redisUrl, redisPrefix: config.redisPrefix, commandTimeoutMs: config.faults.commandTimeoutMs, log });
  const httpServer = http.createServer();
  // Operation limits (src/server/limits): every served schema's fields ask the request's guard first.
  const countStop = stopCounter(metrics.registry);
  // What clients are served: the subgraph only when `server.federation.enabled`; every field guarded.
  const serve = servedSchemaOf(config.federation.enabled);
  const apollo = new ApolloServer<RequestContext>({
    // Compiled execution (compiledExecution.ts): each document compiled once per generation.
    gateway: schemaSource(runtime, serve, options.execution === 'graphql-js' ? null : compiledExecutor({ onCompile: (outcome) => metrics.compilations.inc({ outcome }) })),
    ...apolloLimitOptions(config.limits),
    introspection: config.introspection,
    // Everywhere: a GET or a "simple" POST needs a JSON content type, `apollo-require-preflight`
    // or `x-apollo-operation-name` (docs/security.md, Production mode).
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals: Apollo's own handler re-raises them and races our close().
    stopOnTerminationSignals: false,
    formatError: format,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // ftv1 inline traces, for a federation gateway that asks (apollo-federation-include-trace), errors masked.
      config.federation.enabled ? ApolloServerPluginInlineTrace({ includeErrors: { masked: true } }) : ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are set anywhere: the default cache-control plugin only cost a hook per resolved field.
      ApolloServerPluginCacheControlDisabled(),
      config.graphiql ? graphiqlPlugin(GRAPHQL_PATH, log) : ApolloServerPluginLandingPageDisabled(),
      metricsPlugin(metrics),
      seenOperationsPlugin(seenOperations),
      limitsPlugin(config.limits, countStop),
      ...(production && config.federation.enabled ? [federationGuardPlugin(config.federation.roles)] : []),
      plainSubscriptionRefusal(GRAPHQL_PATH),
      legacyJsonStatusPlugin(),
    ],
  });
  await apollo.start();

  // The streaming transports (graphql-ws, SSE, multipart) share the guards, limits and connection count.
  const guardOptions = { maxSubscriptions: config.websocket.maxSubscriptions, rateLimiter, introspection: config.introspection, federationRoles: production && config.federation.enabled ? config.federation.roles : undefined, audit, trustedDocuments };
  const guards = createSubscribeGuards(guardOptions);
  const httpStreamGuards = createSubscribeGuards({ ...guardOptions, auditEvent: 'http.graphql' });
  const streamLimits = wsLimits(config.limits, countStop);
  const connections = connectionsPerIp(config.websocket.maxConnectionsPerIp);
  const servedSchema = () => serve((runtime.current as NonNullable<typeof runtime.current>).schema);
  const streams = {
    prepare: (request: OperationRequest, identity: Identity) => prepareOperation(request, identity, { schema: servedSchema, guards: httpStreamGuards, parseOptions: streamLimits.parseOptions, context, limit: (op) => streamLimits.check(op), onPrepared: recordOperation }),
    formatResult: resultFormatter({ formatError: format, limits: streamLimits }),
    connections,
    clientIp,
  };

  // Watched sources (Kubernetes) sync first: /readyz answers 503 until they did.
  let sourcesReady = false;
  const webhooks = sources.webhooks({ log, deliveries: stores.deliveries, followRun: (update) => actions.engine.followUpstream(update) });
  httpServer.on(
    'request',
    createHttpApp({ apollo, path: GRAPHQL_PATH, bodyLimitBytes: config.bodyLimitBytes, runtime, sourcesReady: () => sourcesReady, storeHealth: stores.health, metrics, authenticate, context, webhooks, log, graphiql: config.graphiql, corsOrigins: config.cors.origins, rateLimiter, clientIp, audit, trustedDocuments, streams }),
  );
  const ws = serveWebSocket({
    httpServer,
    path: GRAPHQL_PATH,
    schema: servedSchema,
    authenticate,
    context,
    log,
    formatError: format,
    maxPayloadBytes: config.bodyLimitBytes,
    connections,
    clientIp,
    guards,
    limits: streamLimits,
    onOperation: recordOperation,
  });
  const reload = () => runtime.reload().then((r) => metrics.reloads.inc({ result: r ? 'ok' : 'error' }));
  const watcher = config.watch ? await watchFolders([config.blueprintsDir, config.catalogDir, config.actionsDir, config.scorecardsDir, config.automationsDir], reload, log) : undefined;

  await new Promise<void>((resolve, reject) => {
    // A listen error (port taken) must end the start, not hang it: the WebSocket server only re-emits it.
    httpServer.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new LatticeError(ErrorCodes.PORT_IN_USE, `port ${config.port} is already in use (PORT / server.port)`, { details: { port: config.port } }) : err),
    );
    httpServer.listen(config.port, config.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  await Promise.all(sources.all.map((s) => s.ready?.()));
  // The catalog as found (sources synced): the state changes are compared with, and its timers.
  await automations.prime();
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
      stopSeedWatch();
      await watcher?.close();
      await ws.dispose();
      await apollo.stop();
      await automations.close();
      await actions.close();
      await rateLimiter.close();
      await trustedDocuments?.close();
      await closeData();
    },
  };
}
