/**
 * What a streaming transport sends of one execution result, the same over graphql-ws, SSE and
 * multipart: every error through formatError (codes kept, internals masked, production mode's
 * hints dropped), then the operation limits' answer (`extensions.cost`, one error per limit stop,
 * the execution guard ended: limits/websocket.ts).
 */
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { WsLimits } from '../limits/websocket.ts';

export type FormatResult = (context: unknown, result: ExecutionResult | FormattedExecutionResult) => FormattedExecutionResult;

export function resultFormatter(options: { readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError; readonly limits: Pick<WsLimits, 'result'> }): FormatResult {
  const { formatError, limits } = options;
  return (context, result) => {
    const errors = result.errors?.map((e) => (e instanceof GraphQLError ? formatError(e.toJSON(), e) : e));
    return limits.result(context, errors ? { ...result, errors } : (result as FormattedExecutionResult));
  };
}
