/**
 * The evaluation state shared by compiled closures: the environment (a linked list of variables,
 * functions and labels), control signals (`break`, early stop) and the step budget that keeps
 * `[range(1e9)]` or `def f: f; f` from hanging.
 */
import { JqRuntimeError } from './errors.ts';

export type Emit = (v: unknown) => void;
export type PathEmit = (v: unknown, path: unknown[]) => void;
export interface Env { readonly key: string; readonly value: unknown; readonly next: Env | null }

/** The direct evaluator of a singular filter (exactly one output, or an error): returns the output. */
export type One = (input: unknown, env: Env | null) => unknown;

/**
 * A compiled filter: value mode and path mode (for `path()` and assignments); `one` when the
 * filter is singular (singular.ts), and then `ev` emits what `one` returns.
 */
export interface Filter {
  ev(input: unknown, env: Env | null, emit: Emit): void;
  pa(input: unknown, path: unknown[], env: Env | null, emit: PathEmit): void;
  readonly one?: One;
}

/** Thrown when the step budget or the depth is spent; `try` never catches it. */
export class JqBudgetError extends JqRuntimeError {}

/** `break $label` and early stops unwind with this; not an error. */
export class Signal {
  readonly token: object;
  constructor(token: object) { this.token = token; }
}

/** An error `try`, `?` and `//` catch: a runtime error, but not the budget's. */
export function catchable(e: unknown): e is JqRuntimeError { return e instanceof JqRuntimeError && !(e instanceof JqBudgetError); }

export const budget = { steps: 0, max: 1_000_000, depth: 0, maxDepth: 2_000 };

/** Counts one step; throws when the budget is spent. */
export function step(): void {
  if (++budget.steps > budget.max) throw new JqBudgetError(`jq evaluation exceeded its budget of ${budget.max} steps`);
}

export function lookup(env: Env | null, key: string): Env | null {
  for (let e = env; e; e = e.next) if (e.key === key) return e;
  return null;
}

export function bind(env: Env | null, key: string, value: unknown): Env {
  return { key, value, next: env };
}
