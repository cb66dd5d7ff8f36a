/**
 * formatError: what a client sees of an error, the same over HTTP (Apollo's `formatError`) and
 * over graphql-ws (ws.ts):
 *
 * - a LatticeError keeps its message, its code and its location and details in `extensions`;
 * - errors graphql-js or Apollo made (parse, validation, coercion, UNAUTHENTICATED) are safe to
 *   show as they are;
 * - an ioredis failure (a command timed out, the connection is gone) is STORE_UNAVAILABLE, logged,
 *   with a message that says the store failed and nothing of Redis's own;
 * - anything else is unexpected: it is logged with its path and the client gets
 *   `internal server error` with code INTERNAL_SERVER_ERROR, nothing of the original message.
 */
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { isRedisFailure } from '../data/redis/connect.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';

export const INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR';

export function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger): GraphQLFormattedError {
  const original = unwrap(error);
  if (original instanceof LatticeError) return { ...formatted, message: original.message, extensions: { ...original.toExtensions() } };
  if (!original || isGraphQLError(original)) return formatted;
  if (isRedisFailure(original)) {
    log.warn({ err: { name: original.name, message: original.message }, path: formatted.path }, 'store unavailable');
    return { message: 'the store (Redis) is unavailable; try again shortly', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCodes.STORE_UNAVAILABLE } };
  }
  // An error Apollo classified itself (a bad request, a persisted query not found…).
  if (formatted.extensions?.code !== undefined && formatted.extensions.code !== INTERNAL_SERVER_ERROR) return formatted;
  log.error({ err: original, path: formatted.path }, 'unexpected error in a resolver');
  return { message: 'internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: INTERNAL_SERVER_ERROR } };
}

/** The error a resolver threw, under the GraphQLError graphql-js wrapped it in; undefined when graphql-js or Apollo made the error. */
function unwrap(error: unknown): unknown {
  return isGraphQLError(error) ? (error as { originalError?: unknown }).originalError : error;
}

/** Duck-typed: `instanceof` fails across two copies of graphql (its CJS and ESM builds in one process). */
function isGraphQLError(e: unknown): boolean {
  return e instanceof Error && e.name === 'GraphQLError';
}
