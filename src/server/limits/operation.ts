/**
 * limitOperation: what every transport does with an operation once it is parsed and validated,
 * before it executes: the caller's limits (limitsFor), the static checks (check.ts), and, for a
 * query or mutation that passes, the execution guard armed on its context. Returns the refusal
 * (QUERY_TOO_COMPLEX errors) or the cost to report in `extensions.cost`.
 * The Apollo plugin (plugin.ts) and graphql-ws (src/server/ws.ts) both call it.
 */
import type { DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Identity } from '../../auth/identity.ts';
import type { LimitsConfig } from '../../config/types.ts';
import { checkOperation } from './check.ts';
import { guardOf } from './guard.ts';
import { limitsFor } from './limitsFor.ts';
import type { CountStop } from './stops.ts';

export interface LimitOptions {
  readonly config: LimitsConfig;
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly identity: Identity;
  /** The request context the operation will execute with (its guard is armed). */
  readonly context: object;
  readonly countStop: CountStop;
}

/** `extensions.cost` of a response: the estimate and the caller's limit. */
export interface CostExtension {
  readonly estimated: number;
  readonly limit: number;
}

export type LimitOutcome = { readonly errors: readonly GraphQLError[]; readonly cost: CostExtension } | { readonly errors?: undefined; readonly cost: CostExtension };

export function limitOperation(options: LimitOptions): LimitOutcome {
  const limits = limitsFor(options.config, options.identity);
  const { measure, errors } = checkOperation({ ...options, limits });
  const cost = { estimated: measure.cost, limit: limits.maxCost };
  if (errors.length > 0) {
    for (const e of errors) options.countStop(String(e.extensions.limitName));
    return { errors, cost };
  }
  if (options.operation.operation !== 'subscription') {
    const guard = guardOf(options.context);
    guard.onStop = options.countStop;
    guard.start(limits);
  }
  return { cost };
}
