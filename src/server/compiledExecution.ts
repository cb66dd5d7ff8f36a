/**
 * Compiled execution (issue 11): every query and mutation Apollo Server executes over HTTP runs
 * as a function graphql-jit generated for its (schema generation, document, operation name),
 * compiled once and kept as long as both are: weakly, beside the parsed document that Apollo's
 * document cache holds (limits/documentStore.ts, an lru-cache bounded by the documents' real
 * size). So the compiled functions need no bound of their own: a document evicted from that cache
 * takes its compiled functions with it, and a new schema generation starts afresh.
 * graphql-jit calls the same field resolvers, with the same values, errors and paths as
 * graphql-js, without graphql-js's per-field interpretation of the document (collecting fields, looking up definitions, building
 * every `info`, coercing arguments).
 *
 * Variables are coerced by graphql-js first when the operation declares any, so a bad variable
 * gets graphql-js's own error (graphql-jit words those differently).
 *
 * Falls back to graphql-js `execute` for what is not compiled: subscriptions (they stream over
 * graphql-ws, SSE or multipart, never here), a request a federation gateway wants traced (ftv1:
 * Apollo's trace plugin instruments the resolvers graphql-js calls), documents with a variable inside an object or list literal (graphql-jit
 * does not pass variables to a custom scalar's `parseLiteral`), and any document graphql-jit refuses to compile (it answers errors
 * for it, or throws); the fallback is remembered so the refusal is paid once.
 *
 * Plugged in through Apollo's gateway interface (apollo.ts `schemaSource`): its executor is
 * what Apollo calls instead of graphql-js once parsing, validation and every plugin's
 * `didResolveOperation` (the operation limits) have run. The fast lane (fastLane.ts) runs the same
 * plans through `execute`, and hands Apollo a result it computed already (`executedAlready`).
 */
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { BREAK, execute, getVariableValues, GraphQLError, visit, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** The header a federation gateway sends to get inline traces (ftv1). */
const TRACE_HEADER = 'apollo-federation-include-trace';

/** What a document compiled to: a function, or the decision to execute it with graphql-js. */
export type Plan = CompiledQuery | 'graphql-js';

export interface CompiledExecutionOptions {
  /** Called once per compilation (metrics: `lattice_operations_compiled_total`). */
  readonly onCompile?: (outcome: 'compiled' | 'graphql-js') => void;
}

/** What the fast lane (fastLane.ts) executes: a query, resolved and limited already (its variables coerced without errors). */
export interface ResolvedQuery {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly operationName: string | null;
}

export interface CompiledExecution {
  /** Apollo's executor (its gateway interface). */
  readonly executor: GatewayExecutor;
  /** Executes a resolved query the way `executor` would (the fast lane's); its variables as sent, known to coerce. */
  execute(query: ResolvedQuery, context: object, variables: Readonly<Record<string, unknown>> | undefined): Promise<ExecutionResult>;
}

const EXECUTED = Symbol('lattice.executedResult');

/**
 * Marks a context whose operation the fast lane executed already (its answer had errors): Apollo,
 * handed that context, runs its pipeline as usual and the executor answers this result instead of
 * executing again (so Apollo formats the errors, and nothing is read twice).
 */
export function executedAlready(context: object, result: Promise<ExecutionResult>): void {
  (context as { [EXECUTED]?: Promise<ExecutionResult> })[EXECUTED] = result;
}

/** Apollo's executor (compiled when it can be, graphql-js otherwise), and the same execution for the fast lane, over one cache of plans. */
export function compiledExecution(options: CompiledExecutionOptions = {}): CompiledExecution {
  // schema generation → document → operation name → plan; weak, so each lives as long as its keys.
  const plans = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, Plan>>>();

  const planFor = (schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Plan => {
    let bySchema = plans.get(schema);
    if (!bySchema) plans.set(schema, (bySchema = new WeakMap()));
    let byName = bySchema.get(document);
    if (!byName) bySchema.set(document, (byName = new Map()));
    let plan = byName.get(operationName ?? '');
    if (plan === undefined) {
      plan = compileOperation(schema, document, operationName);
      options.onCompile?.(plan === 'graphql-js' ? 'graphql-js' : 'compiled');
      byName.set(operationName ?? '', plan);
    }
    return plan;
  };

  /** Runs a plan; variables, when the operation declares any, were coerced already (graphql-js's errors). */
  const run = async (plan: Plan, schema: GraphQLSchema, document: DocumentNode, operationName: string | null, context: object, variables: Readonly<Record<string, unknown>> | undefined): Promise<ExecutionResult> => {
    if (plan === 'graphql-js') return execute({ schema, document, contextValue: context, variableValues: variables, operationName });
    const result = await plan.query(undefined, context, variables ?? {});
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  const executor: GatewayExecutor = async (rc: GatewayGraphQLRequestContext) => {
    const { schema, document, operation, context } = rc;
    const executed = (context as { [EXECUTED]?: Promise<ExecutionResult> })[EXECUTED];
    if (executed) return executed;
    const operationName = rc.operationName ?? null;
    const variables = rc.request.variables;
    // A traced request (a federation gateway's ftv1) runs on graphql-js: Apollo's trace plugin wraps the resolvers when it asks, after a compiled function may have taken them.
    const traced = rc.request.http?.headers.get(TRACE_HEADER) === 'ftv1';
    const plan = operation.operation === 'subscription' || traced ? 'graphql-js' : planFor(schema, document, operationName);
    // Variables are checked by graphql-js, for its errors (graphql-jit words them otherwise).
    if (plan !== 'graphql-js' && operation.variableDefinitions?.length) {
      const coerced = getVariableValues(schema, operation.variableDefinitions, variables ?? {}, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    return run(plan, schema, document, operationName, context, variables);
  };

  return { executor, execute: (q, context, variables) => run(planFor(q.schema, q.document, q.operationName), q.schema, q.document, q.operationName, context, variables) };
}

/**
 * graphql-jit's errors carry the same message, locations, path and originalError, but leave
 * `extensions` undefined when the original has none (graphql-js gives `{}`, and Apollo reads
 * `extensions.code`): they are re-made as graphql-js errors. Only answers with errors pay this.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const made = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
  (made as { locations: GraphQLError['locations'] }).locations = error.locations;
  return made;
}

/** Compiles one operation (graphql-jit), or decides it runs on graphql-js (what graphql-jit refuses). */
export function compileOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Plan {
  if (hasVariableInsideLiteral(document)) return 'graphql-js';
  try {
    const compiled = compileQuery(schema, document, operationName ?? undefined);
    return isCompiledQuery(compiled) ? compiled : 'graphql-js';
  } catch {
    return 'graphql-js';
  }
}

/**
 * Whether a variable sits inside an object or list literal (`inputs: { name: $name }`). graphql-jit
 * does not hand variables to a custom scalar's `parseLiteral` (the JSON scalar), so the variable
 * would read as missing: such documents run on graphql-js.
 */
function hasVariableInsideLiteral(document: DocumentNode): boolean {
  let found = false;
  let depth = 0;
  const enter = () => { depth++; };
  const leave = () => { depth--; };
  visit(document, {
    ObjectValue: { enter, leave },
    ListValue: { enter, leave },
    Variable() {
      if (depth > 0) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
