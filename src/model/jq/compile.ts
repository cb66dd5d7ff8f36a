/**
 * The compiler: AST → closures, once per program. Each node becomes a Filter that pushes its
 * 0..n outputs to a callback (value mode) or pushes value/path pairs (path mode, for `path()`,
 * `del` and the assignment operators). Backtracking is the callback order; `try`, `//`, `label`
 * and `limit` stop or filter streams with exceptions that only their own frame catches.
 *
 * A node that gives exactly one output (or throws) by construction also gets `one`, a direct
 * evaluator built in singular.ts; its `ev` is `emit(one(...))`, and a stream node whose children
 * are singular calls their `one` instead of passing them a callback. Calls are resolved lexically
 * at compile time for that purpose (the `locals` in scope): a builtin no local definition shadows
 * is singular when it computes a value (`Native.fn`) or its jq body is, with singular `$` arguments.
 */
import type { FuncDef, Node, Pattern } from './ast.ts';
import { JqRuntimeError } from './errors.ts';
import { binaryOp, negate } from './ops.ts';
import { deletePaths, getPath, indexValue, iterate, setPath, sliceValue } from './paths.ts';
import { bind, budget, catchable, type Emit, type Env, type Filter, JqBudgetError, lookup, type One, type PathEmit, Signal, step } from './runtime.ts';
import {
  oneAlternative, oneArrayOf, oneBinary, oneConstant, oneFormat, oneIdentity, oneIf, oneIndex, oneLocation, oneLogic, oneNative,
  oneNegate, oneObject, onePipe, oneSlice, oneString, oneVariable, setField,
} from './singular.ts';
import { errorDump, truthy } from './values.ts';
import { applyFormat } from './formats.ts';

/** A native builtin: receives its arguments as filters. */
export interface Native {
  ev(input: unknown, args: readonly Filter[], env: Env | null, emit: Emit): void;
  pa?(input: unknown, path: unknown[], args: readonly Filter[], env: Env | null, emit: PathEmit): void;
  /** A builtin over values: its one output from the input and its arguments' values (singular when they are). */
  readonly fn?: (input: unknown, ...args: unknown[]) => unknown;
}

/** A user function in the environment: its definition and the environment it closes over. */
interface Closure { params: readonly string[]; keys: readonly string[]; body: Filter; env: Env | null }

/** The function name a parameter defines in the body (`f` and `$f` both define `f/0`). */
export function paramKey(param: string): string {
  return `${param.startsWith('$') ? param.slice(1) : param}/0`;
}
/** A filter argument bound to a non-$ parameter. */
interface ArgClosure { filter: Filter; env: Env | null }

const invalidPath = (ev: Filter['ev']): Filter['pa'] => (input, _path, env) => ev(input, env, (v) => { throw new JqRuntimeError(`Invalid path expression with result ${errorDump(v)}`); });

function filter(ev: Filter['ev'], pa?: Filter['pa']): Filter {
  return { ev, pa: pa ?? invalidPath(ev) };
}

/** Wraps downstream errors so an enclosing try/`//` can tell them from its own body's. */
class Downstream { readonly inner: unknown; readonly owner: object; constructor(inner: unknown, owner: object) { this.inner = inner; this.owner = owner; } }

function rethrow(e: unknown, owner: object): never {
  throw e instanceof Downstream || e instanceof Signal ? e : new Downstream(e, owner);
}

function guarded(owner: object, emit: Emit): Emit {
  return (v) => { try { emit(v); } catch (e) { rethrow(e, owner); } };
}

function guardedPath(owner: object, emit: PathEmit): PathEmit {
  return (v, p) => { try { emit(v, p); } catch (e) { rethrow(e, owner); } };
}

/** The path argument of value-mode calls (never read nor written). */
const NO_PATH: unknown[] = [];

/** Lexical scope at compile time: the local function names (`f/1`) defined around a node. */
interface Locals { readonly key: string; readonly next: Locals | null }

function isLocal(locals: Locals | null, key: string): boolean {
  for (let l = locals; l; l = l.next) if (l.key === key) return true;
  return false;
}

/** Runs `body` catching its own errors (not those of the consumer); returns the error caught. */
function tryRun(run: (owner: object) => void): JqRuntimeError | undefined {
  const owner = {};
  try { run(owner); } catch (e) {
    if (e instanceof Downstream && e.owner === owner) throw e.inner;
    if (catchable(e)) return e;
    throw e;
  }
  return undefined;
}

/** The builtins: natives, and the prelude (jq-defined, shadowing natives of the same name/arity). */
export interface Builtins { readonly natives: ReadonlyMap<string, Native>; readonly prelude: Env | null; readonly preludeNames: ReadonlySet<string> }

export interface CompileOptions {
  /** Function names (`f/1`) defined around the node (a prelude def's own name and parameters). */
  readonly locals?: readonly string[];
  /** False compiles without the singular fast path (every node pushes to a callback): the reference the tests compare with. */
  readonly fast?: boolean;
}

/** Compiles an AST with the builtins in scope. */
export function compileNode(node: Node, builtins: Builtins, options: CompileOptions = {}): Filter {
  return new Compiler(builtins, options).compile(node);
}

class Compiler {
  private readonly builtins: Builtins;
  private readonly fast: boolean;
  private locals: Locals | null = null;
  constructor(builtins: Builtins, options: CompileOptions) {
    this.builtins = builtins;
    this.fast = options.fast ?? true;
    for (const key of options.locals ?? []) this.locals = { key, next: this.locals };
  }

  /** A singular filter: `ev` emits what `one` returns (without the fast path: the same `ev`, no `one`). */
  private single(one: One, pa?: Filter['pa']): Filter {
    const ev: Filter['ev'] = (i, env, emit) => emit(one(i, env));
    return this.fast ? { ev, pa: pa ?? invalidPath(ev), one } : filter(ev, pa);
  }

  compile(node: Node): Filter {
    switch (node.type) {
      case 'identity': return this.single(oneIdentity, (i, p, _e, emit) => emit(i, p));
      case 'recurseAll': {
        const rec = (v: unknown, p: unknown[], emit: PathEmit): void => {
          emit(v, p);
          if (Array.isArray(v)) v.forEach((x, k) => { step(); rec(x, [...p, k], emit); });
          else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { step(); rec(x, [...p, k], emit); }
        };
        return filter((i, _e, emit) => rec(i, [], (v) => emit(v)), (i, p, _e, emit) => rec(i, p, emit));
      }
      case 'literal': { const v = node.value; return this.single(oneConstant(v), (_i, _p, _e, emit) => { if (v === null) emit(null, []); else throw new JqRuntimeError(`Invalid path expression with result ${errorDump(v)}`); }); }
      case 'string': return this.compileString(node.parts, node.format);
      case 'format': return this.single(oneFormat(node.name));
      case 'index': {
        const t = this.compile(node.target);
        const k = this.compile(node.key);
        const pa: Filter['pa'] = (i, p, env, emit) => t.pa(i, p, env, (v, vp) => k.ev(i, env, (key) => emit(v === null ? null : indexValue(v, key), [...vp, key])));
        const constantKey = node.key.type === 'literal' ? { value: node.key.value } : null;
        if (t.one && k.one) return this.single(oneIndex(node.target.type === 'identity' ? null : t.one, k.one, constantKey), pa);
        const key = k.one;
        if (key) return filter((i, env, emit) => t.ev(i, env, (v) => emit(indexValue(v, key(i, env)))), pa);
        return filter((i, env, emit) => t.ev(i, env, (v) => k.ev(i, env, (key) => emit(indexValue(v, key)))), pa);
      }
      case 'slice': {
        const t = this.compile(node.target);
        const from = node.from ? this.compile(node.from) : null;
        const to = node.to ? this.compile(node.to) : null;
        const each = (i: unknown, env: Env | null, f: (a: unknown, b: unknown) => void): void => {
          const withTo = (a: unknown): void => { if (to) to.ev(i, env, (b) => f(a, b)); else f(a, null); };
          if (from) from.ev(i, env, withTo); else withTo(null);
        };
        const pa: Filter['pa'] = (i, p, env, emit) => t.pa(i, p, env, (v, vp) => each(i, env, (a, b) => emit(v === null ? null : sliceValue(v, a, b), [...vp, { start: a, end: b }])));
        if (t.one && (!from || from.one) && (!to || to.one)) return this.single(oneSlice(t.one, from?.one ?? null, to?.one ?? null), pa);
        return filter((i, env, emit) => t.ev(i, env, (v) => each(i, env, (a, b) => emit(sliceValue(v, a, b)))), pa);
      }
      case 'iterate': {
        const t = this.compile(node.target);
        const each = (emit: Emit) => (x: unknown): void => { step(); emit(x); };
        const target = t.one;
        return filter(
          target ? (i, env, emit) => iterate(target(i, env), each(emit)) : (i, env, emit) => t.ev(i, env, (v) => iterate(v, each(emit))),
          (i, p, env, emit) => t.pa(i, p, env, (v, vp) => { if (v === null) return; iterate(v, (x, k) => { step(); emit(x, [...vp, k]); }); }),
        );
      }
      case 'optional': {
        const b = this.compile(node.body);
        const body = b.one;
        return filter(
          body
            ? (i, env, emit) => {
              let v: unknown;
              try { v = body(i, env); } catch (e) { if (catchable(e)) return; throw e; }
              emit(v);
            }
            : (i, env, emit) => { tryRun((o) => b.ev(i, env, guarded(o, emit))); },
          (i, p, env, emit) => { tryRun((o) => b.pa(i, p, env, guardedPath(o, emit))); },
        );
      }
      case 'pipe': {
        const l = this.compile(node.left);
        const r = this.compile(node.right);
        const pa: Filter['pa'] = (i, p, env, emit) => l.pa(i, p, env, (v, vp) => r.pa(v, vp, env, emit));
        if (l.one && r.one) return this.single(onePipe(l.one, r.one), pa);
        const left = l.one;
        if (left) return filter((i, env, emit) => r.ev(left(i, env), env, emit), pa);
        const right = r.one;
        if (right) return filter((i, env, emit) => l.ev(i, env, (v) => emit(right(v, env))), pa);
        return filter((i, env, emit) => l.ev(i, env, (v) => r.ev(v, env, emit)), pa);
      }
      case 'comma': {
        const l = this.compile(node.left);
        const r = this.compile(node.right);
        return filter((i, env, emit) => { l.ev(i, env, emit); r.ev(i, env, emit); }, (i, p, env, emit) => { l.pa(i, p, env, emit); r.pa(i, p, env, emit); });
      }
      case 'neg': {
        const b = this.compile(node.body);
        if (b.one) return this.single(oneNegate(b.one));
        return filter((i, env, emit) => b.ev(i, env, (v) => emit(negate(v))));
      }
      case 'binary': {
        const l = this.compile(node.left);
        const r = this.compile(node.right);
        const op = node.op;
        if (l.one && r.one) return this.single(oneBinary(op, l.one, r.one));
        return filter((i, env, emit) => r.ev(i, env, (b) => l.ev(i, env, (a) => emit(binaryOp(op, a, b)))));
      }
      case 'and':
      case 'or': {
        const l = this.compile(node.left);
        const r = this.compile(node.right);
        const isAnd = node.type === 'and';
        if (l.one && r.one) return this.single(oneLogic(isAnd, l.one, r.one));
        return filter((i, env, emit) => l.ev(i, env, (a) => {
          if (isAnd ? !truthy(a) : truthy(a)) emit(!isAnd);
          else r.ev(i, env, (b) => emit(truthy(b)));
        }));
      }
      case 'alt': {
        const l = this.compile(node.left);
        const r = this.compile(node.right);
        const pa: Filter['pa'] = (i, p, env, emit) => {
          let any = false;
          tryRun((o) => { const g = guardedPath(o, emit); l.pa(i, p, env, (v, vp) => { if (truthy(v)) { any = true; g(v, vp); } }); });
          if (!any) r.pa(i, p, env, emit);
        };
        if (l.one && r.one) return this.single(oneAlternative(l.one, r.one), pa);
        const left = l.one;
        if (left) {
          return filter((i, env, emit) => {
            let v: unknown = null;
            try { v = left(i, env); } catch (e) { if (!catchable(e)) throw e; }
            if (truthy(v)) emit(v); else r.ev(i, env, emit);
          }, pa);
        }
        return filter((i, env, emit) => {
          let any = false;
          tryRun((o) => { const g = guarded(o, emit); l.ev(i, env, (v) => { if (truthy(v)) { any = true; g(v); } }); });
          if (!any) r.ev(i, env, emit);
        }, pa);
      }
      case 'assign': return this.compileAssign(node.op, this.compile(node.left), this.compile(node.right));
      case 'array': {
        const b = node.body ? this.compile(node.body) : null;
        if (b?.one) return this.single(oneArrayOf(b.one));
        return this.single((i, env) => { const out: unknown[] = []; if (b) b.ev(i, env, (v) => { out.push(v); }); return out; });
      }
      case 'object': return this.compileObject(node.entries);
      case 'if': {
        const c = this.compile(node.cond);
        const t = this.compile(node.then);
        const e = node.else ? this.compile(node.else) : null;
        const pa: Filter['pa'] = (i, p, env, emit) => c.ev(i, env, (v) => { if (truthy(v)) t.pa(i, p, env, emit); else if (e) e.pa(i, p, env, emit); else emit(i, p); });
        if (c.one && t.one && (!e || e.one)) return this.single(oneIf(c.one, t.one, e?.one ?? null), pa);
        const cond = c.one;
        if (cond) return filter((i, env, emit) => { if (truthy(cond(i, env))) t.ev(i, env, emit); else if (e) e.ev(i, env, emit); else emit(i); }, pa);
        return filter((i, env, emit) => c.ev(i, env, (v) => { if (truthy(v)) t.ev(i, env, emit); else if (e) e.ev(i, env, emit); else emit(i); }), pa);
      }
      case 'try': {
        const b = this.compile(node.body);
        const c = node.catch ? this.compile(node.catch) : null;
        const handle = (err: JqRuntimeError | undefined, env: Env | null, emit: Emit): void => {
          if (err && c && !(err.value === null && err.message === '__jq_break__')) c.ev(err.value, env, emit);
        };
        const body = b.one;
        return filter(
          body
            ? (i, env, emit) => {
              let v: unknown;
              try { v = body(i, env); } catch (e) { if (!catchable(e)) throw e; handle(e, env, emit); return; }
              emit(v);
            }
            : (i, env, emit) => handle(tryRun((o) => b.ev(i, env, guarded(o, emit))), env, emit),
          (i, p, env, emit) => { tryRun((o) => b.pa(i, p, env, guardedPath(o, emit))); },
        );
      }
      case 'reduce': {
        const src = this.compile(node.source);
        const init = this.compile(node.init);
        const upd = this.compile(node.update);
        const pat = this.compilePattern(node.pattern);
        const update = upd.one;
        const varKey = node.pattern.type === 'var' ? '$' + node.pattern.name : null;
        const fold = (start: unknown, i: unknown, env: Env | null): unknown => {
          let acc: unknown = start;
          const next = (e2: Env | null): void => {
            step();
            if (update) { acc = update(acc, e2); return; }
            let last: unknown = null;
            upd.ev(acc, e2, (v) => { last = v; });
            acc = last;
          };
          src.ev(i, env, varKey ? (x) => next(bind(env, varKey, x)) : (x) => pat(x, i, env, next));
          return acc;
        };
        // One output per output of `init`: singular when `init` is.
        const first = init.one;
        if (first) return this.single((i, env) => fold(first(i, env), i, env));
        return filter((i, env, emit) => init.ev(i, env, (start) => emit(fold(start, i, env))));
      }
      case 'foreach': {
        const src = this.compile(node.source);
        const init = this.compile(node.init);
        const upd = this.compile(node.update);
        const ext = node.extract ? this.compile(node.extract) : null;
        const pat = this.compilePattern(node.pattern);
        return filter((i, env, emit) => init.ev(i, env, (start) => {
          let acc: unknown = start;
          src.ev(i, env, (x) => pat(x, i, env, (e2) => {
            step();
            upd.ev(acc, e2, (v) => { acc = v; if (ext) ext.ev(v, e2, emit); else emit(v); });
          }));
        }));
      }
      case 'bind': {
        const src = this.compile(node.source);
        const body = this.compile(node.body);
        const pats = node.patterns.map((p) => this.compilePattern(p));
        const allVars = node.patterns.flatMap(patternVars);
        if (pats.length === 1) {
          const pat = pats[0];
          const only = node.patterns[0];
          const value = src.one;
          if (value && only.type === 'var') {
            const key = '$' + only.name;
            const pa: Filter['pa'] = (i, p, env, emit) => body.pa(i, p, bind(env, key, value(i, env)), emit);
            const b = body.one;
            if (b) return this.single((i, env) => b(i, bind(env, key, value(i, env))), pa);
            return filter((i, env, emit) => body.ev(i, bind(env, key, value(i, env)), emit), pa);
          }
          return filter(
            (i, env, emit) => src.ev(i, env, (x) => pat(x, i, env, (e2) => body.ev(i, e2, emit))),
            (i, p, env, emit) => src.ev(i, env, (x) => pat(x, i, env, (e2) => body.pa(i, p, e2, emit))),
          );
        }
        return filter((i, env, emit) => src.ev(i, env, (x) => {
          let base = env;
          for (const v of allVars) base = bind(base, '$' + v, null);
          for (let k = 0; k < pats.length; k++) {
            const last = k === pats.length - 1;
            if (last) { pats[k](x, i, base, (e2) => body.ev(i, e2, emit)); return; }
            const err = tryRun((o) => { const g = guarded(o, emit); pats[k](x, i, base, (e2) => body.ev(i, e2, g)); });
            if (!err) return;
          }
        }));
      }
      case 'var': return this.single(oneVariable(node.name));
      case 'loc': return this.single(oneLocation(node.line));
      case 'label': {
        const b = this.compile(node.body);
        const key = '*label*' + node.name;
        const run = (go: (env: Env | null) => void, env: Env | null): void => {
          const token = {};
          try { go(bind(env, key, token)); } catch (e) { if (!(e instanceof Signal && e.token === token)) throw e; }
        };
        return filter((i, env, emit) => run((e2) => b.ev(i, e2, emit), env), (i, p, env, emit) => run((e2) => b.pa(i, p, e2, emit), env));
      }
      case 'break': {
        const key = '*label*' + node.name;
        const brk = (env: Env | null): never => {
          const e = lookup(env, key);
          if (!e) throw new JqRuntimeError(`$*label-${node.name} is not defined`);
          throw new Signal(e.value as object);
        };
        return filter((_i, env) => brk(env), (_i, _p, env) => brk(env));
      }
      case 'def': return this.compileDef(node.def, node.rest);
      case 'call': return this.compileCall(node.name, node.args);
      default: throw new JqRuntimeError(`unknown node ${(node as Node).type}`);
    }
  }

  private compileString(parts: ReadonlyArray<string | Node>, format: string | undefined): Filter {
    const compiled = parts.map((p) => (typeof p === 'string' ? p : this.compile(p)));
    const fmt = format ?? 'text';
    const ones = compiled.map((p) => (typeof p === 'string' ? p : p.one));
    if (ones.every((p) => p !== undefined)) return this.single(oneString(ones as ReadonlyArray<string | One>, fmt));
    return filter((i, env, emit) => {
      const go = (k: number, acc: string): void => {
        if (k === compiled.length) { emit(acc); return; }
        const part = compiled[k];
        if (typeof part === 'string') { go(k + 1, acc + part); return; }
        part.ev(i, env, (v) => go(k + 1, acc + (fmt === 'text' && typeof v === 'string' ? v : (applyFormat(fmt, v) as string))));
      };
      go(0, '');
    });
  }

  private compileObject(entries: ReadonlyArray<{ key: Node; value?: Node }>): Filter {
    const compiled = entries.map((e) => {
      const key = this.compile(e.key);
      const value = e.value ? this.compile(e.value) : (e.key.type === 'literal' && typeof e.key.value === 'string'
        ? this.compile({ type: 'index', target: { type: 'identity', pos: e.key.pos }, key: e.key, pos: e.key.pos })
        : null);
      return { key, value };
    });
    if (compiled.every((e) => e.key.one && (!e.value || e.value.one))) {
      return this.single(oneObject(compiled.map((e) => ({ key: e.key.one!, value: e.value?.one ?? null }))));
    }
    // Several outputs: the k-th key and value of the current combination are kept in two arrays and
    // the object is built once per output (first key outermost), not copied at every key.
    return filter((i, env, emit) => {
      const keys: string[] = [];
      const values: unknown[] = [];
      const go = (k: number): void => {
        if (k === compiled.length) {
          const out: Record<string, unknown> = {};
          for (let n = 0; n < k; n++) setField(out, keys[n], values[n]);
          emit(out);
          return;
        }
        const { key, value } = compiled[k];
        key.ev(i, env, (kv) => {
          if (typeof kv !== 'string') throw new JqRuntimeError(`Object keys must be strings`);
          keys[k] = kv;
          const add = (v: unknown): void => { values[k] = v; go(k + 1); };
          if (value) value.ev(i, env, add); else add(indexValue(i, kv));
        });
      };
      go(0);
    });
  }

  private compileAssign(op: string, lhs: Filter, rhs: Filter): Filter {
    const collectPaths = (i: unknown, env: Env | null): unknown[][] => { const out: unknown[][] = []; lhs.pa(i, [], env, (_v, p) => { out.push(p); }); return out; };
    if (op === '=') {
      return filter((i, env, emit) => rhs.ev(i, env, (v) => {
        let acc = i;
        for (const p of collectPaths(i, env)) acc = setPath(acc, p, v);
        emit(acc);
      }));
    }
    if (op === '|=') {
      return filter((i, env, emit) => {
        let acc = i;
        for (const p of collectPaths(i, env)) {
          const token = {};
          let got = false;
          try {
            rhs.ev(getPath(acc, p), env, (v) => { got = true; acc = setPath(acc, p, v); throw new Signal(token); });
          } catch (e) { if (!(e instanceof Signal && e.token === token)) throw e; }
          if (!got) acc = deletePaths(acc, [p]);
        }
        emit(acc);
      });
    }
    const arith = op.slice(0, -1);
    return filter((i, env, emit) => rhs.ev(i, env, (v) => {
      let acc = i;
      for (const p of collectPaths(i, env)) {
        const old = getPath(acc, p);
        acc = setPath(acc, p, arith === '//' ? (truthy(old) ? old : v) : binaryOp(arith, old, v));
      }
      emit(acc);
    }));
  }

  /** A pattern binder: calls `k` with the environment extended, once per binding. */
  private compilePattern(pattern: Pattern): (value: unknown, input: unknown, env: Env | null, k: (env: Env | null) => void) => void {
    switch (pattern.type) {
      case 'var': { const key = '$' + pattern.name; return (v, _i, env, k) => k(bind(env, key, v)); }
      case 'array': {
        const items = pattern.items.map((p) => this.compilePattern(p));
        return (v, i, env, k) => {
          if (v !== null && !Array.isArray(v)) throw new JqRuntimeError(`Cannot index ${v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v} with number`);
          const go = (n: number, e: Env | null): void => { if (n === items.length) k(e); else items[n](v === null ? null : (v as unknown[])[n] ?? null, i, e, (e2) => go(n + 1, e2)); };
          go(0, env);
        };
      }
      case 'object': {
        const entries = pattern.entries.map((e) => ({ key: this.compile(e.key), keyVar: e.keyVar, value: e.value ? this.compilePattern(e.value) : null }));
        return (v, i, env, k) => {
          const go = (n: number, e: Env | null): void => {
            if (n === entries.length) { k(e); return; }
            const { key, keyVar, value } = entries[n];
            key.ev(i, e, (kv) => {
              if (typeof kv !== 'string') throw new JqRuntimeError(`Cannot index ${v === null ? 'null' : 'object'} with ${kv === null ? 'null' : typeof kv}`);
              const x = indexValue(v, kv);
              const e1 = keyVar ? bind(e, '$' + keyVar, x) : e;
              if (value) value(x, i, e1, (e2) => go(n + 1, e2)); else go(n + 1, e1);
            });
          };
          go(0, env);
        };
      }
    }
  }

  private compileDef(def: FuncDef, rest: Node): Filter {
    const key = `${def.name}/${def.params.length}`;
    const keys = def.params.map(paramKey);
    const outer = this.locals;
    this.locals = { key, next: outer };
    const r = this.compile(rest);
    for (const p of def.params) this.locals = { key: `${p.startsWith('$') ? p.slice(1) : p}/0`, next: this.locals };
    const body = this.compile(def.body);
    this.locals = outer;
    const define = (env: Env | null): Env => {
      const closure: Closure = { params: def.params, keys, body, env: null };
      const e = bind(env, key, closure);
      closure.env = e;
      return e;
    };
    return filter((i, env, emit) => r.ev(i, define(env), emit), (i, p, env, emit) => r.pa(i, p, define(env), emit));
  }

  private compileCall(name: string, argNodes: readonly Node[]): Filter {
    const args = argNodes.map((a) => this.compile(a));
    const key = `${name}/${args.length}`;
    const native = this.builtins.natives.get(key);
    const builtins = this.builtins;
    // A builtin (prelude or native) is looked up once, on the first call that no local definition
    // shadows: the prelude is complete and immutable by the time any program runs.
    let global: Closure | Native | undefined | null = null;
    const resolve = (env: Env | null): Closure | ArgClosure | Native => {
      const hit = lookup(env, key);
      if (hit) return hit.value as Closure | ArgClosure;
      if (global === null) global = (lookup(builtins.prelude, key)?.value as Closure | undefined) ?? native;
      if (global) return global;
      throw new JqRuntimeError(`${key} is not defined`);
    };
    const call = (mode: 'ev' | 'pa', i: unknown, p: unknown[], env: Env | null, emit: Emit | PathEmit): void => {
      const f = resolve(env);
      if ('filter' in f) { // a filter parameter
        if (mode === 'ev') f.filter.ev(i, f.env, emit as Emit); else f.filter.pa(i, p, f.env, emit as PathEmit);
        return;
      }
      if ('params' in f) {
        step();
        if (++budget.depth > budget.maxDepth) { budget.depth = 0; throw new JqBudgetError(`jq evaluation exceeded its recursion depth of ${budget.maxDepth}`); }
        try {
          // Filter parameters bind as they are; a `$` parameter binds once per output of its argument.
          let start: Env | null = f.env;
          let first = 0;
          for (; first < f.params.length && !f.params[first].startsWith('$'); first++) start = bind(start, f.keys[first], { filter: args[first], env });
          if (first < f.params.length) bindValues(f, args, mode, i, p, env, emit, first, start);
          else if (mode === 'ev') f.body.ev(i, start, emit as Emit);
          else f.body.pa(i, p, start, emit as PathEmit);
        } finally { budget.depth--; }
        return;
      }
      if (mode === 'ev') f.ev(i, args, env, emit as Emit);
      else if (f.pa) f.pa(i, p, args, env, emit as PathEmit);
      else f.ev(i, args, env, (v) => { throw new JqRuntimeError(`Invalid path expression with result ${errorDump(v)}`); });
    };
    const pa: Filter['pa'] = (i, p, env, emit) => call('pa', i, p, env, emit);
    const one = isLocal(this.locals, key) ? undefined : this.singularBuiltin(key, args);
    if (one) return this.single(one, pa);
    return filter((i, env, emit) => call('ev', i, NO_PATH, env, emit), pa);
  }

  /** The direct evaluator of a call to a builtin (not shadowed by a local definition) when the call is singular. */
  private singularBuiltin(key: string, args: readonly Filter[]): One | undefined {
    const { natives, prelude, preludeNames } = this.builtins;
    if (preludeNames.has(key)) {
      // Not found yet: a prelude def calling one defined after it, resolved when it runs.
      const closure = lookup(prelude, key)?.value as Closure | undefined;
      return closure ? singularClosureCall(closure, args) : undefined;
    }
    const fn = natives.get(key)?.fn;
    const ones = args.map((a) => a.one);
    if (!fn || !ones.every((a) => a !== undefined)) return undefined;
    return oneNative(fn, ones as One[]);
  }
}

/**
 * A call to a jq-defined builtin whose body is singular, with singular `$` arguments: the budget,
 * the depth and the parameter bindings of the general call, then the body's direct evaluator.
 */
function singularClosureCall(f: Closure, args: readonly Filter[]): One | undefined {
  const body = f.body.one;
  if (!body || f.params.some((p, n) => p.startsWith('$') && !args[n].one)) return undefined;
  const params = f.params.map((p, n) => ({ value: p.startsWith('$') ? p : null, filterKey: f.keys[n], arg: args[n] }));
  return (i, env) => {
    step();
    if (++budget.depth > budget.maxDepth) { budget.depth = 0; throw new JqBudgetError(`jq evaluation exceeded its recursion depth of ${budget.maxDepth}`); }
    try {
      let e = f.env;
      for (const { value, filterKey, arg } of params) {
        if (value) { const v = arg.one!(i, env); e = bind(bind(e, value, v), filterKey, { filter: constant(v), env: null }); }
        else e = bind(e, filterKey, { filter: arg, env });
      }
      return body(i, e);
    } finally { budget.depth--; }
  };
}

/**
 * The rest of a call from its first `$` parameter: the body once per combination of argument
 * values. Module-level and positional on purpose: a closure declared inside the call would make
 * every call allocate its context (and an options object would be one more allocation per call).
 */
function bindValues(f: Closure, args: readonly Filter[], mode: 'ev' | 'pa', i: unknown, p: unknown[], env: Env | null, emit: Emit | PathEmit, from: number, start: Env | null): void {
  const { params, keys } = f;
  const withValues = (n: number, e: Env | null): void => {
    if (n === params.length) {
      if (mode === 'ev') f.body.ev(i, e, emit as Emit); else f.body.pa(i, p, e, emit as PathEmit);
      return;
    }
    const param = params[n];
    if (param.startsWith('$')) {
      args[n].ev(i, env, (v) => withValues(n + 1, bind(bind(e, param, v), keys[n], { filter: constant(v), env: null })));
    } else withValues(n + 1, bind(e, keys[n], { filter: args[n], env }));
  };
  withValues(from, start);
}

function constant(v: unknown): Filter {
  return filter((_i, _e, emit) => emit(v));
}

function patternVars(p: Pattern): string[] {
  if (p.type === 'var') return [p.name];
  if (p.type === 'array') return p.items.flatMap(patternVars);
  return p.entries.flatMap((e) => [...(e.keyVar ? [e.keyVar] : []), ...(e.value ? patternVars(e.value) : [])]);
}
