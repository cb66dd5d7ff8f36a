/**
 * The fast lane (issue 11): a query Apollo Server has answered once for the schema in use (parsed,
 * validated, resolved to a query operation) is answered again, with any variables, without Apollo's
 * per-request pipeline (the SHA-256 of its text, the document cache, the request context objects,
 * a dozen plugin hooks), doing what those plugins do, in their order: the caller's limits checked
 * and the guard armed (limits/operation.ts), compiled execution (compiledExecution.ts), the
 * operation recorded (seenOperations.ts), `extensions.upstreamCalls` then `extensions.cost`, the
 * guard ended, the request metric. Same status, headers and body as Apollo's
 * (test/server/fastLane.test.ts compares them answer by answer).
 *
 * Variables are coerced by graphql-js first (getVariableValues), as the executor does: a bad
 * variable goes to Apollo, which answers graphql-js's error.
 *
 * Everything else goes to Apollo unchanged: GET, batches, `extensions` (persisted queries), an
 * `accept` other than none, `*\/*` or `application/json`, a traced request (ftv1), a query Apollo
 * has not answered yet, a refused caller, an operation over its limits, a bad variable. An answer
 * with errors goes to Apollo with its result (`executedAlready`): Apollo formats the errors, and
 * nothing executes twice.
 *
 * Bounded: an LRU of a quarter of Apollo's document cache budget (`limits.documentCacheBytes`,
 * documents sized as documentStore.ts sizes them; no single query above a sixteenth of that),
 * emptied when the schema changes and when the server stops.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { LimitsConfig } from '../config/types.ts';
import type { RequestContext } from '../context/index.ts';
import { currentRequestCalls } from '../data/upstream.ts';
import type { ResolvedQuery } from './compiledExecution.ts';
import type { ChainRequest } from './handlerChain.ts';
import { documentSize } from './limits/documentStore.ts';
import { guardOf } from './limits/guard.ts';
import { limitOperation } from './limits/operation.ts';
import type { CountStop } from './limits/stops.ts';
import type { Metrics } from './metrics.ts';
import type { SeenOperations } from './seenOperations.ts';

/** What Apollo answers a query with no `accept` header, or `*\/*`, or `application/json`. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const PLAIN_ACCEPTS: ReadonlySet<string | undefined> = new Set([undefined, '*/*', 'application/json']);
const TRACE_HEADER = 'apollo-federation-include-trace';

export interface FastLaneOptions {
  /** Apollo's document cache budget (`limits.documentCacheBytes`): the lane keeps a quarter of it (documents sized as documentStore.ts sizes them). */
  readonly maxBytes: number;
  readonly execute: (query: ResolvedQuery, context: object, variables: Readonly<Record<string, unknown>> | undefined) => Promise<ExecutionResult>;
  readonly limits: LimitsConfig;
  readonly countStop: CountStop;
  readonly seen: SeenOperations;
  readonly metrics: Metrics;
}

/** What the lane did with a request: answered it (the body to send), or Apollo answers it. */
export type LaneOutcome = { readonly body: string } | { readonly body?: undefined };

export interface FastLane {
  /** The Apollo plugin that learns the schema in use and the queries Apollo answered. */
  readonly plugin: ApolloServerPlugin<RequestContext>;
  /** The resolved query of a request the lane can answer, with its variables as sent, else undefined. */
  match(req: ChainRequest): LaneRequest | undefined;
  /** Runs the query in `context`; no body: Apollo answers (with the result, when it was executed). */
  answer(request: LaneRequest, context: RequestContext, executedAlready: (result: Promise<ExecutionResult>) => void): Promise<LaneOutcome>;
}

/** A query the lane answers: resolved, with the text it was sent as. */
export interface LaneQuery extends ResolvedQuery {
  readonly source: string;
}

/** A request the lane answers: its resolved query and the variables it sent. */
export interface LaneRequest {
  readonly query: LaneQuery;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
}

/** Operation name ('' for none) → the resolved query, per query text. */
type Resolutions = Map<string, LaneQuery>;

const noCount: CountStop = () => {};

export function createFastLane(options: FastLaneOptions): FastLane {
  const handed = (): LaneOutcome => {
    options.metrics.fastLane.inc({ outcome: 'apollo' });
    return {};
  };
  // A quarter of the document cache's budget, and no query above a sixteenth of that: the lane is for
  // the queries clients repeat, and holds documents Apollo's cache mostly holds too.
  const maxSize = Math.max(1, Math.floor(options.maxBytes / 4));
  const maxEntrySize = Math.max(1, Math.floor(maxSize / 16));
  const cache = new LRUCache<string, Resolutions>({ maxSize, maxEntrySize });
  let schema: GraphQLSchema | undefined;

  const learn = (query: LaneQuery, requested: string | undefined) => {
    // (A text over the bound is not sized at all: its document is larger still.)
    if (query.schema !== schema || query.source.length > maxEntrySize) return;
    const byName = cache.get(query.source);
    // One document per query text, whichever operation of it is asked: sized once.
    if (byName) byName.set(requested ?? '', query);
    else cache.set(query.source, new Map([[requested ?? '', query]]), { size: Math.max(1, documentSize(query.document)) });
  };

  return {
    plugin: {
      async serverWillStart() {
        return {
          schemaDidLoadOrUpdate({ apiSchema }) {
            schema = apiSchema;
            cache.clear();
          },
          async serverWillStop() {
            schema = undefined;
            cache.clear();
          },
        };
      },
      async requestDidStart() {
        return {
          async willSendResponse({ request, operation, document, schema: used, source, operationName }) {
            if (!operation || !document || source === undefined || operation.operation !== 'query') return;
            learn({ schema: used, document, operation, operationName: operationName ?? null, source }, request.operationName);
          },
        };
      },
    },

    match(req) {
      if (req.method !== 'POST' || !schema) return undefined;
      const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown } | undefined;
      if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.query !== 'string') return undefined;
      const { variables } = body;
      if (!(variables == null || (typeof variables === 'object' && !Array.isArray(variables)))) return undefined;
      if (body.extensions !== undefined || !(body.operationName == null || typeof body.operationName === 'string')) return undefined;
      const { headers } = req;
      if (!PLAIN_ACCEPTS.has(headers.accept) || headers[TRACE_HEADER] !== undefined) return undefined;
      const query = cache.get(body.query)?.get(body.operationName ?? '');
      return query?.schema === schema ? { query, variables: (variables ?? undefined) as Record<string, unknown> | undefined } : undefined;
    },

    async answer({ query, variables }, context, executedAlready) {
      // A variable graphql-js refuses is Apollo's to answer, with graphql-js's error (nothing has run).
      if (query.operation.variableDefinitions?.length && getVariableValues(query.schema, query.operation.variableDefinitions, variables ?? {}, { maxErrors: 50 }).errors) return handed();
      const end = options.metrics.requestDuration.startTimer();
      // A refusal is Apollo's to answer (and to count): checked here without counting.
      const outcome = limitOperation({ config: options.limits, schema: query.schema, document: query.document, operation: query.operation, variables, identity: context.identity, context, countStop: noCount });
      if (outcome.errors) return handed();
      guardOf(context).onStop = options.countStop;
      const executing = options.execute(query, context, variables);
      const result = await executing.catch(() => undefined);
      if (!result || result.errors) {
        executedAlready(executing);
        return handed();
      }
      options.seen.record(query.source, query.operationName);
      // What the metrics plugin, then the limits plugin, add (apollo.ts, limits/plugin.ts).
      let extensions = result.extensions;
      const calls = currentRequestCalls();
      if (Object.keys(calls).length > 0) extensions = { ...extensions, upstreamCalls: calls };
      extensions = { ...extensions, cost: outcome.cost };
      guardOf(context).finish();
      end({ operation: 'query', status: 'ok' });
      options.metrics.fastLane.inc({ outcome: 'answered' });
      return { body: `${JSON.stringify({ data: result.data, extensions })}\n` };
    },
  };
}
