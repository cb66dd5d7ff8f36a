/**
 * The execution guard: what stops an operation while it runs. One guard per request context
 * (under a symbol key, so the context type does not change, and Apollo's shallow copy of the
 * context for each operation keeps the same guard): it counts resolved fields against
 * `maxNodes`, arms the timeout, and is cancelled when the client goes away. Once stopped, its
 * `signal` is aborted and every field that starts resolving throws the stop's error instead of
 * running its resolver, so no further resolver or loader call happens.
 *
 * guardSchema wraps every field resolver of a schema once (in place, as Apollo's own
 * instrumentation does): the wrapper asks the context's guard before resolving. Contexts without
 * a guard (tests, the benchmark with limits off) resolve unchanged.
 */
import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';
import type { OperationLimits } from '../../config/types.ts';
import { ErrorCodes } from '../../errors/index.ts';

/** Why an operation was stopped while running. */
export type StopReason = 'nodes' | 'timeout' | 'cancelled';

export class ExecutionGuard {
  /** Made when first asked for (`signal`): most operations end without anyone listening. */
  #controller: AbortController | undefined;
  #limits: Pick<OperationLimits, 'maxNodes' | 'timeoutMs'> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #error: GraphQLError | undefined;
  #nodes = 0;
  #finished = false;
  /** Called once, when the operation is stopped (metrics). */
  onStop: ((reason: StopReason) => void) | undefined;

  /** Aborted when the operation is stopped; loaders and upstream calls may pass it on. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#error) this.#controller.abort(this.#error);
    }
    return this.#controller.signal;
  }

  /** Fields resolved so far. */
  get nodes(): number {
    return this.#nodes;
  }

  /** Arms the node cap and the timeout (when execution starts). */
  start(limits: Pick<OperationLimits, 'maxNodes' | 'timeoutMs'>): void {
    this.#limits = limits;
    if (this.#error || this.#timer) return;
    this.#timer = setTimeout(() => this.#stop('timeout', ErrorCodes.EXECUTION_TIMEOUT, `execution stopped: it ran longer than the limit of ${limits.timeoutMs} ms`, limits.timeoutMs), limits.timeoutMs);
    this.#timer.unref();
  }

  /** The client went away: stop (unless the operation already ended). */
  cancel(): void {
    if (this.#finished) return;
    this.#stop('cancelled', ErrorCodes.OPERATION_CANCELLED, 'execution stopped: the client went away', undefined);
  }

  /** The operation ended: disarm the timeout. */
  finish(): void {
    this.#finished = true;
    clearTimeout(this.#timer);
  }

  /** Throws the stop's error once stopped (before a store or source read). */
  throwIfStopped(): void {
    if (this.#error) throw this.#error;
  }

  /** Before a field resolves: throws the stop's error once stopped, or when the field is one past the node cap. */
  enterField(): void {
    if (this.#error) throw this.#error;
    const limits = this.#limits;
    if (!limits) return;
    if (++this.#nodes > limits.maxNodes) {
      this.#stop('nodes', ErrorCodes.RESPONSE_TOO_LARGE, `execution stopped: the answer reached the limit of ${limits.maxNodes} resolved fields`, limits.maxNodes);
      throw this.#error;
    }
  }

  #stop(reason: StopReason, code: string, message: string, limit: number | undefined): void {
    if (this.#error) return;
    this.#error = new GraphQLError(message, { extensions: { code, ...(limit !== undefined ? { limit } : {}) } });
    clearTimeout(this.#timer);
    this.#controller?.abort(this.#error);
    this.onStop?.(reason);
  }
}

const GUARD = Symbol('lattice.executionGuard');

/** The guard of a request context (created on first use). */
export function guardOf(context: object): ExecutionGuard {
  const holder = context as { [GUARD]?: ExecutionGuard };
  return (holder[GUARD] ??= new ExecutionGuard());
}

/** Puts a guard on a context (guardedContext.ts: the one its reads check). */
export function setGuard(context: object, guard: ExecutionGuard): void {
  (context as { [GUARD]?: ExecutionGuard })[GUARD] = guard;
}

const guarded = new WeakSet<GraphQLSchema>();

/** Wraps every field resolver of the schema so that it asks its context's guard first (once per schema). */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  if (guarded.has(schema)) return schema;
  guarded.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        if (context && typeof context === 'object') (context as { [GUARD]?: ExecutionGuard })[GUARD]?.enterField();
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
