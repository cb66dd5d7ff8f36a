/**
 * The jq engine's public API: `compileJq(source)` parses and compiles once (cached by source,
 * bounded LRU) and returns a JqProgram whose `run` gives all outputs and `first` the first one.
 * Evaluation is bounded by a step budget and a recursion depth; `$ENV` and `env` are empty objects
 * and `input`/`inputs` read nothing, so a program never sees the process or the files.
 */
import { LRUCache } from 'lru-cache';
import type { FuncDef, Node } from './ast.ts';
import { nativeBuiltins } from './builtins.ts';
import { compileNode, paramKey, type Builtins } from './compile.ts';
import { JqRuntimeError } from './errors.ts';
import { parseJq } from './parser.ts';
import { checkNames } from './scope.ts';
import { PRELUDE } from './prelude.ts';
import { bind, budget, type Env, JqBudgetError, Signal } from './runtime.ts';

export { JqRuntimeError, JqSyntaxError } from './errors.ts';

/** A compiled jq program. */
export interface JqProgram {
  readonly source: string;
  /** Whether the program gives exactly one output or fails, evaluated on the direct path (singular.ts). */
  readonly singular: boolean;
  /** All outputs for one input; `vars` are `$name` variables (without the `$`). */
  run(input: unknown, vars?: Readonly<Record<string, unknown>>): unknown[];
  /** The first output, or undefined when the program outputs nothing. */
  first(input: unknown, vars?: Readonly<Record<string, unknown>>): unknown;
}

/** Evaluation limits: steps (calls, iterations, range outputs) and recursion depth. */
export const JQ_LIMITS = { maxSteps: 1_000_000, maxDepth: 2_000 } as const;

type KnownBuiltins = Builtins & { readonly names: ReadonlySet<string> };

/** The builtins with the singular fast path (`fast`) and without it (the tests' reference), each built once. */
const builtinsBy = new Map<boolean, KnownBuiltins>();

function getBuiltins(fast = true): KnownBuiltins {
  const known = builtinsBy.get(fast);
  if (known) return known;
  const natives = nativeBuiltins();
  // The prelude is a chain of defs ending in `.`; each def becomes a closure in one shared environment.
  const ast = parseJq(`${PRELUDE}\n.`);
  let env: Env | null = null;
  let node: Node = ast;
  const defs: FuncDef[] = [];
  while (node.type === 'def') { defs.push(node.def); node = node.rest; }
  const keyOf = (d: FuncDef): string => `${d.name}/${d.params.length}`;
  const preludeNames = new Set(defs.map(keyOf));
  // Each def is compiled with earlier defs visible through the shared prelude environment.
  const shared: { prelude: Env | null; natives: typeof natives; preludeNames: ReadonlySet<string> } = { natives, prelude: null, preludeNames };
  for (const d of defs) {
    const locals = [keyOf(d), ...d.params.map(paramKey)];
    const body = compileNode(d.body, shared, { locals, fast });
    const closure = { params: d.params, keys: d.params.map(paramKey), body, env: null as Env | null };
    env = bind(env, keyOf(d), closure);
    shared.prelude = env;
  }
  const built = { ...shared, names: new Set([...natives.keys(), ...preludeNames]) };
  builtinsBy.set(fast, built);
  return built;
}

/** The environment every run starts from: `$ENV` is empty (no process environment). */
const BASE_ENV: Env = bind(null, '$ENV', {});

/** The environment of one run: `$ENV` and the given variables. */
function runEnv(vars: Readonly<Record<string, unknown>> | undefined): Env {
  let env: Env = BASE_ENV;
  if (vars) for (const k in vars) env = bind(env, '$' + k, vars[k]);
  return env;
}

/** Runs `program` on `input` with a fresh budget (restored after: runs may nest), turning a stack overflow or a stray `break` into jq errors. */
function evaluate<T>(program: (input: unknown, env: Env) => T, input: unknown, vars: Readonly<Record<string, unknown>> | undefined): T {
  const env = runEnv(vars);
  const { steps, max, depth, maxDepth } = budget;
  budget.steps = 0;
  budget.max = JQ_LIMITS.maxSteps;
  budget.depth = 0;
  budget.maxDepth = JQ_LIMITS.maxDepth;
  try {
    return program(input, env);
  } catch (e) {
    if (e instanceof RangeError) throw new JqBudgetError('jq evaluation went too deep (stack exhausted)');
    if (e instanceof Signal) throw new JqRuntimeError('break without a matching label');
    throw e;
  } finally {
    budget.steps = steps;
    budget.max = max;
    budget.depth = depth;
    budget.maxDepth = maxDepth;
  }
}

const cache = new LRUCache<string, JqProgram>({ max: 1000 });

/**
 * Compiles a jq program (cached by source and variable names); throws JqSyntaxError with line and
 * column when it does not parse or uses a name that is not defined. `vars` names the `$variables`
 * (without the `$`) that `run` and `first` will be given, as `jq --arg` declares them.
 */
export function compileJq(source: string, vars: readonly string[] = []): JqProgram {
  const key = vars.length === 0 ? source : `${vars.join(',')}\u0000${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const program = build(source, vars, true);
  cache.set(key, program);
  return program;
}

/**
 * The same program compiled without the singular fast path (every node pushes its outputs to a
 * callback), not cached: the reference test/model/jq/singular.test.ts compares the fast path with.
 */
export function compileJqReference(source: string, vars: readonly string[] = []): JqProgram {
  return build(source, vars, false);
}

function build(source: string, vars: readonly string[], fast: boolean): JqProgram {
  const ast = parseJq(source);
  const known = getBuiltins(fast);
  checkNames(ast, source, known.names, vars.map((v) => '$' + v));
  const compiled = compileNode(ast, known, { fast });
  const one = compiled.one;
  const stop = {};
  const all = (input: unknown, env: Env): unknown[] => { const out: unknown[] = []; compiled.ev(input, env, (v) => { out.push(v); }); return out; };
  const first = (input: unknown, env: Env): unknown => {
    let result: unknown;
    try { compiled.ev(input, env, (v) => { result = v; throw stop; }); } catch (e) { if (e !== stop) throw e; }
    return result;
  };
  return {
    source,
    singular: one !== undefined,
    run: one ? (input, vars) => [evaluate(one, input, vars)] : (input, vars) => evaluate(all, input, vars),
    first: one ? (input, vars) => evaluate(one, input, vars) : (input, vars) => evaluate(first, input, vars),
  };
}
