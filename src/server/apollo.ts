/**
 * The Apollo Server plumbing of the gateway: the schema source that hot-swaps generations
 * and executes them compiled (Apollo's gateway interface), the GraphiQL landing page, request metrics with each response's
 * upstream call counts (error formatting is formatError.ts, shared with graphql-ws).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { RequestContext } from '../context/index.ts';
import { currentRequestCalls } from '../data/upstream.ts';
import { graphiqlHtml } from './graphiql.ts';
import type { Metrics } from './metrics.ts';
import type { Runtime } from './runtime.ts';

/**
 * Apollo's gateway hook is its supported way to swap schemas at run time: we feed it generations
 * (each through `prepare`), and execute with `executor` (compiledExecution.ts; none: graphql-js).
 */
export function schemaSource(runtime: Runtime, prepare: (schema: GraphQLSchema) => GraphQLSchema = (s) => s, executor: GatewayExecutor | null = null): GatewayInterface {
  let unsubscribe: (() => void) | undefined;
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      const current = runtime.current;
      if (current) callback({ apiSchema: prepare(current.schema), coreSupergraphSdl: current.sdl });
      unsubscribe = runtime.onGeneration((g) => callback({ apiSchema: prepare(g.schema), coreSupergraphSdl: g.sdl }));
      return () => unsubscribe?.();
    },
    async stop() {
      unsubscribe?.();
    },
  };
}

/** GraphiQL on GET /graphql for browsers (graphiql.ts); the page is rendered per request, once its bundle is there. */
export function graphiqlPlugin(endpoint: string, log: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async serverWillStart() {
      return { async renderLandingPage() { return { html: () => graphiqlHtml(endpoint, log) }; } };
    },
  };
}

export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const end = metrics.requestDuration.startTimer();
      return {
        async willSendResponse(rc) {
          // What this request cost upstream, by source (GitHub requests…), for callers and tests.
          const calls = currentRequestCalls();
          if (rc.response.body.kind === 'single' && Object.keys(calls).length > 0) {
            const result = rc.response.body.singleResult;
            result.extensions = { ...result.extensions, upstreamCalls: calls };
          }
          const errors = rc.response.body.kind === 'single' ? rc.response.body.singleResult.errors : undefined;
          end({ operation: rc.operation?.operation ?? 'unknown', status: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
