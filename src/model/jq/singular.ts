/**
 * The fast path for singular jq expressions: those that give exactly one output or throw (`.a.b`,
 * `.x + "/" + .y`, `.n // 0`, `[f]`, `{type, status}`, `if … then … else … end`, `length`…).
 * The compiler (compile.ts) gives such a node's Filter `one(input, env)`, built here from its
 * children's: it returns the value instead of pushing it to a callback, so an evaluation allocates
 * its result and nothing else (no continuation closures per node, no copy of an object per key).
 * Each builder keeps the order of evaluation and the errors of the callback form exactly: a binary
 * operator's right operand first, an object's key before its value, `//` ignoring the errors of
 * its left side that `try` would catch. Streams (`.[]`, `,`, `empty`, `?`, `label`…) never get
 * here; test/model/jq/singular.test.ts runs every builder both ways.
 */
import { JqRuntimeError } from './errors.ts';
import { applyFormat } from './formats.ts';
import { binaryOp, negate } from './ops.ts';
import { indexValue, sliceValue } from './paths.ts';
import { catchable, lookup, type One } from './runtime.ts';
import { truthy } from './values.ts';

/** `.` */
export const oneIdentity: One = (i) => i;

/** A literal: the same value every time, as the callback form emits it. */
export function oneConstant(v: unknown): One {
  return () => v;
}

/** `$name` (`$ENV` is `{}` unless the run binds it). */
export function oneVariable(name: string): One {
  const key = '$' + name;
  if (name === 'ENV') return (_i, env) => { const e = lookup(env, key); return e ? e.value : {}; };
  return (_i, env) => {
    const e = lookup(env, key);
    if (!e) throw new JqRuntimeError(`$${name} is not defined`);
    return e.value;
  };
}

/** `target[key]`: the target first, then the key (against the same input). `target` null is `.`; `constantKey` a literal key. */
export function oneIndex(target: One | null, key: One, constantKey: { readonly value: unknown } | null): One {
  if (constantKey) {
    const k = constantKey.value;
    return target ? (i, env) => indexValue(target(i, env), k) : (i) => indexValue(i, k);
  }
  if (!target) return (i, env) => indexValue(i, key(i, env));
  return (i, env) => { const v = target(i, env); return indexValue(v, key(i, env)); };
}

/** `target[from:to]`: target, then from, then to. */
export function oneSlice(target: One, from: One | null, to: One | null): One {
  return (i, env) => {
    const v = target(i, env);
    const a = from ? from(i, env) : null;
    return sliceValue(v, a, to ? to(i, env) : null);
  };
}

/** `-f` */
export function oneNegate(body: One): One {
  return (i, env) => negate(body(i, env));
}

/** `a op b`: `b` is evaluated before `a`, as the callback form nests them. */
export function oneBinary(op: string, left: One, right: One): One {
  return (i, env) => { const b = right(i, env); return binaryOp(op, left(i, env), b); };
}

/** `a and b`, `a or b`: `b` only when `a` does not decide. */
export function oneLogic(isAnd: boolean, left: One, right: One): One {
  return isAnd
    ? (i, env) => (truthy(left(i, env)) ? truthy(right(i, env)) : false)
    : (i, env) => (truthy(left(i, env)) ? true : truthy(right(i, env)));
}

/** `a // b`: `a` unless it is false, null or fails (with an error `try` catches), else `b`. */
export function oneAlternative(left: One, right: One): One {
  return (i, env) => {
    let v: unknown = null;
    try { v = left(i, env); } catch (e) { if (!catchable(e)) throw e; }
    return truthy(v) ? v : right(i, env);
  };
}

/** `a | b` */
export function onePipe(left: One, right: One): One {
  return (i, env) => right(left(i, env), env);
}

/** `if c then t else e end` (no `else`: the input). */
export function oneIf(cond: One, then: One, otherwise: One | null): One {
  return (i, env) => (truthy(cond(i, env)) ? then(i, env) : otherwise ? otherwise(i, env) : i);
}

/** `[f]` with `f` singular: an array of its one value. */
export function oneArrayOf(body: One): One {
  return (i, env) => [body(i, env)];
}

/** `"a\(.x)b"`, `@base64 "…\(.x)"`: parts left to right, each interpolation formatted. */
export function oneString(parts: ReadonlyArray<string | One>, format: string): One {
  return (i, env) => {
    let out = '';
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k];
      if (typeof part === 'string') { out += part; continue; }
      const v = part(i, env);
      out += format === 'text' && typeof v === 'string' ? v : (applyFormat(format, v) as string);
    }
    return out;
  };
}

/** One entry of an object construction: `value` null takes the input's field named by the key. */
export interface OneEntry { readonly key: One; readonly value: One | null }

/** `{k: v, …}` with every key and value singular: one object, keys in order, a later duplicate replacing the earlier value. */
export function oneObject(entries: readonly OneEntry[]): One {
  return (i, env) => {
    const out: Record<string, unknown> = {};
    for (let k = 0; k < entries.length; k++) {
      const { key, value } = entries[k];
      const kv = key(i, env);
      if (typeof kv !== 'string') throw new JqRuntimeError(`Object keys must be strings`);
      setField(out, kv, value ? value(i, env) : indexValue(i, kv));
    }
    return out;
  };
}

/** `o[k] = v` as an own data property even for `__proto__` (as `{ ...acc, [k]: v }` defines it). */
export function setField(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** A native over values (`length`, `split(s)`, `test(re)`…) with singular arguments: first argument first. */
export function oneNative(fn: (input: unknown, ...args: unknown[]) => unknown, args: readonly One[]): One {
  switch (args.length) {
    case 0: return (i) => fn(i);
    case 1: { const [a] = args; return (i, env) => fn(i, a(i, env)); }
    case 2: { const [a, b] = args; return (i, env) => { const x = a(i, env); return fn(i, x, b(i, env)); }; }
    default: return (i, env) => { const vals: unknown[] = []; for (const a of args) vals.push(a(i, env)); return fn(i, ...vals); };
  }
}

/** `$__loc__`: a new object each time, as the callback form builds one. */
export function oneLocation(line: number): One {
  return () => ({ file: '<top-level>', line });
}

/** `@name` on the input. */
export function oneFormat(name: string): One {
  return (i) => applyFormat(name, i);
}
