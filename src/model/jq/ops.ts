/**
 * jq's arithmetic and comparison operators on values (`+ - * / %`, `== != < <= > >=`), with
 * jq's error wording ("number (1) and string ("a") cannot be added").
 */
import { JqRuntimeError } from './errors.ts';
import { compare, describe, equals, type JqObject } from './values.ts';

const MAX_STRING = 64 * 1024 * 1024;

function isObject(v: unknown): v is JqObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(a: unknown, b: unknown, verb: string): never {
  throw new JqRuntimeError(`${describe(a)} and ${describe(b)} cannot be ${verb}`);
}

/** Deep merge of objects, as `*` does. */
function deepMerge(a: JqObject, b: JqObject): JqObject {
  const out: JqObject = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObject(out[k]) && isObject(v) ? deepMerge(out[k] as JqObject, v) : v;
  return out;
}

/** Applies a binary operator. */
export function binaryOp(op: string, a: unknown, b: unknown): unknown {
  switch (op) {
    case '+':
      if (a === null) return b;
      if (b === null) return a;
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      if (typeof a === 'string' && typeof b === 'string') {
        if (a.length + b.length > MAX_STRING) throw new JqRuntimeError('string too long');
        return a + b;
      }
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
      if (isObject(a) && isObject(b)) return { ...a, ...b };
      return fail(a, b, 'added');
    case '-':
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => equals(x, y)));
      return fail(a, b, 'subtracted');
    case '*':
      if (typeof a === 'number' && typeof b === 'number') return a * b;
      if ((typeof a === 'string' && typeof b === 'number') || (typeof a === 'number' && typeof b === 'string')) {
        const s = typeof a === 'string' ? a : (b as string);
        const n = typeof a === 'number' ? a : (b as number);
        if (n < 0 || Number.isNaN(n)) return null;
        const times = Math.floor(n);
        if (s.length * times > MAX_STRING) throw new JqRuntimeError('string too long');
        return s.repeat(times);
      }
      if (isObject(a) && isObject(b)) return deepMerge(a, b);
      return fail(a, b, 'multiplied');
    case '/':
      if (typeof a === 'number' && typeof b === 'number') {
        if (b === 0) throw new JqRuntimeError(`${describe(a)} and ${describe(b)} cannot be divided because the divisor is zero`);
        return a / b;
      }
      if (typeof a === 'string' && typeof b === 'string') return splitString(a, b);
      return fail(a, b, 'divided');
    case '%': {
      if (typeof a === 'number' && typeof b === 'number') {
        const bi = Math.trunc(b);
        if (bi === 0) throw new JqRuntimeError(`${describe(a)} and ${describe(b)} cannot be divided because the divisor is zero`);
        const r = Math.trunc(a) % Math.abs(bi);
        return r === 0 ? 0 : r;
      }
      return fail(a, b, 'divided');
    }
    case '==': return equals(a, b);
    case '!=': return !equals(a, b);
    case '<': return compare(a, b) < 0;
    case '<=': return compare(a, b) <= 0;
    case '>': return compare(a, b) > 0;
    case '>=': return compare(a, b) >= 0;
    default: throw new JqRuntimeError(`unknown operator ${op}`);
  }
}

/** `"a,b" / ","` and `split/1`: an empty string gives [], an empty separator splits characters. */
export function splitString(s: string, sep: string): string[] {
  if (s === '') return [];
  return s.split(sep);
}

/** Negation (`-x`). */
export function negate(v: unknown): number {
  if (typeof v !== 'number') throw new JqRuntimeError(`${describe(v)} cannot be negated`);
  return -v;
}
