/**
 * checkOperation: the static limits, before anything executes. Pure: the operation's figures
 * (measure.ts) against the caller's limits → the figures and one QUERY_TOO_COMPLEX error per limit
 * broken, each naming the figure and the limit (`extensions.limitName`, `.measured`, `.limit`;
 * for the cost also `extensions.cost` and `.limit` as numbers). The figures of an operation without
 * variables are measured once per schema generation (WeakMaps: they live as long as the cached document).
 */
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { OperationLimits } from '../../config/types.ts';
import { ErrorCodes } from '../../errors/index.ts';
import { measureOperation, type OperationMeasure } from './measure.ts';

export interface CheckOptions {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly limits: OperationLimits;
}

export interface CheckResult {
  readonly measure: OperationMeasure;
  readonly errors: readonly GraphQLError[];
}

/** Figures of operations without variables, per schema generation: they cannot change (parsed documents are cached, so the same node comes back). */
const measured = new WeakMap<OperationDefinitionNode, WeakMap<GraphQLSchema, OperationMeasure>>();

function measureOf(options: CheckOptions): OperationMeasure {
  const { operation, schema } = options;
  if (operation.variableDefinitions?.length) return measureOperation(options);
  let bySchema = measured.get(operation);
  if (!bySchema) measured.set(operation, (bySchema = new WeakMap()));
  let measure = bySchema.get(schema);
  if (!measure) bySchema.set(schema, (measure = measureOperation(options)));
  return measure;
}

export function checkOperation(options: CheckOptions): CheckResult {
  const { limits } = options;
  const measure = measureOf(options);
  const errors: GraphQLError[] = [];
  const refuse = (limitName: string, measured: number, limit: number, what: string, extra: Record<string, number> = {}) =>
    errors.push(new GraphQLError(`operation refused before execution: ${what} is ${fmt(measured)}, the limit is ${fmt(limit)}`, { extensions: { code: ErrorCodes.QUERY_TOO_COMPLEX, limitName, measured, limit, ...extra } }));
  if (measure.cost > limits.maxCost) refuse('cost', measure.cost, limits.maxCost, 'its estimated cost', { cost: measure.cost });
  if (measure.depth > limits.maxDepth) refuse('depth', measure.depth, limits.maxDepth, 'its depth');
  if (measure.aliases > limits.maxAliases) refuse('aliases', measure.aliases, limits.maxAliases, 'the number of aliases');
  if (measure.rootFields > limits.maxRootFields) refuse('rootFields', measure.rootFields, limits.maxRootFields, 'the number of root fields');
  return { measure, errors };
}

function fmt(n: number): string {
  return Number.isFinite(n) && n < 1e15 ? n.toLocaleString('en-US') : n.toExponential(2);
}
