/**
 * The jq engine's public API: `compileJq(source)` parses and compiles once (cached by source,
 * bounded LRU) and returns a JqProgram whose `run` gives all outputs and `first` the first one.
 * Evaluation is bounded by a step budget and a recursion depth; `$ENV` and `env` are empty objects
 * and `input`/`inputs` read nothing, so a program never sees the process or the files.
 */
import { LRUCache } from 'lru-cache';
import type { Node } from './ast.ts';
import { nativeBuiltins } from './builtins.ts';
import { compileNode, type Builtins } from './compile.ts';
import { JqRuntimeError } from './errors.ts';
import { parseJq } from './parser.ts';
import { checkNames } from './scope.ts';
import { PRELUDE } from './prelude.ts';
import { bind, budget, type Env, JqBudgetError, Signal } from './runtime.ts';

export { JqRuntimeError, JqSyntaxError } from './errors.ts';

/** A compiled jq program. */
export interface JqProgram {
  readonly source: string;
  /** All outputs for one input; `vars` are `$name` variables (without the `$`). */
  run(input: unknown, vars?: Readonly<Record<string, unknown>>): unknown[];
  /** The first output, or undefined when the program outputs nothing. */
  first(input: unknown, vars?: Readonly<Record<string, unknown>>): unknown;
}

/** Evaluation limits: steps (calls, iterations, range outputs) and recursion depth. */
export const JQ_LIMITS = { maxSteps: 1_000_000, maxDepth: 2_000 } as const;

let builtins: (Builtins & { readonly names: ReadonlySet<string> }) | undefined;

function getBuiltins(): Builtins & { readonly names: ReadonlySet<string> } {
  if (builtins) return builtins;
  const natives = nativeBuiltins();
  // The prelude is a chain of defs ending in `.`; each def becomes a closure in one shared environment.
  const ast = parseJq(`${PRELUDE}\n.`);
  let env: Env | null = null;
  let node: Node = ast;
  const defs: Node[] = [];
  while (node.type === 'def') { defs.push(node); node = node.rest; }
  // Each def is compiled with earlier defs visible through the shared prelude environment.
  const shared: { prelude: Env | null; natives: typeof natives } = { natives, prelude: null };
  for (const d of defs) {
    if (d.type !== 'def') continue;
    const body = compileNode(d.def.body, shared);
    const closure = { params: d.def.params, body, env: null as Env | null };
    env = bind(env, `${d.def.name}/${d.def.params.length}`, closure);
    shared.prelude = env;
  }
  builtins = { ...shared, names: new Set([...natives.keys(), ...defs.map((d) => (d.type === 'def' ? `${d.def.name}/${d.def.params.length}` : ''))]) };
  return builtins;
}

/** The environment every run starts from: `$ENV` is empty (no process environment). */
const BASE_ENV: Env = bind(null, '$ENV', {});

function evaluate(program: ReturnType<typeof compileNode>, input: unknown, vars: Readonly<Record<string, unknown>> | undefined, emit: (v: unknown) => void): void {
  let env: Env = BASE_ENV;
  if (vars) for (const k in vars) env = bind(env, '$' + k, vars[k]);
  const { steps, max, depth, maxDepth } = budget;
  budget.steps = 0;
  budget.max = JQ_LIMITS.maxSteps;
  budget.depth = 0;
  budget.maxDepth = JQ_LIMITS.maxDepth;
  try {
    program.ev(input, env, emit);
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
  const ast = parseJq(source);
  const known = getBuiltins();
  checkNames(ast, source, known.names, vars.map((v) => '$' + v));
  const compiled = compileNode(ast, known);
  const stop = {};
  const program: JqProgram = {
    source,
    run(input, vars) { const out: unknown[] = []; evaluate(compiled, input, vars, (v) => { out.push(v); }); return out; },
    first(input, vars) {
      let result: unknown;
      try { evaluate(compiled, input, vars, (v) => { result = v; throw stop; }); } catch (e) { if (e !== stop) throw e; }
      return result;
    },
  };
  cache.set(key, program);
  return program;
}
