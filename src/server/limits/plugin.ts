/**
 * The operation limits in Apollo Server (HTTP POST and GET): the parser's token limit and the
 * bounded document cache go in Apollo's options (apolloLimitOptions); the plugin runs
 * limitOperation once the operation is resolved (refusing with QUERY_TOO_COMPLEX, HTTP 400,
 * before anything executes), reports `extensions.cost` on every answer, ends the guard, and keeps
 * one error per limit stop (every field that started after the stop carries the same error).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { LimitsConfig } from '../../config/types.ts';
import type { RequestContext } from '../../context/index.ts';
import { ErrorCodes } from '../../errors/index.ts';
import { boundedDocumentStore } from './documentStore.ts';
import { guardOf } from './guard.ts';
import { limitOperation, type CostExtension } from './operation.ts';
import type { CountStop } from './stops.ts';

export function apolloLimitOptions(config: LimitsConfig) {
  return { parseOptions: { maxTokens: config.maxTokens }, documentStore: boundedDocumentStore(config.documentCacheBytes) };
}

const STOP_CODES: ReadonlySet<unknown> = new Set([ErrorCodes.RESPONSE_TOO_LARGE, ErrorCodes.EXECUTION_TIMEOUT, ErrorCodes.OPERATION_CANCELLED]);

/** The errors with only the first of each limit stop's (they are one error, repeated per field). */
export function withOneStopError(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const seen = new Set<unknown>();
  return errors.filter((e) => {
    const code = e.extensions?.code;
    if (!STOP_CODES.has(code)) return true;
    if (seen.has(code)) return false;
    seen.add(code);
    return true;
  });
}

export function limitsPlugin(config: LimitsConfig, countStop: CountStop): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let cost: CostExtension | undefined;
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return;
          const outcome = limitOperation({ config, schema: rc.schema, document: rc.document, operation: rc.operation, variables: rc.request.variables, identity: rc.contextValue.identity, context: rc.contextValue, countStop });
          cost = outcome.cost;
          if (outcome.errors) {
            const [first] = outcome.errors;
            throw new GraphQLError(first.message, { extensions: { ...first.extensions, http: { status: 400 } } });
          }
        },
        async willSendResponse(rc) {
          guardOf(rc.contextValue).finish();
          if (rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          if (cost) result.extensions = { ...result.extensions, cost };
          if (result.errors) result.errors = withOneStopError(result.errors);
        },
      };
    },
  };
}
