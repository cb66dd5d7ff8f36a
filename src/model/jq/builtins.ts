/**
 * The builtins written in TypeScript (length, keys, split, test, dates…). Those jq itself defines
 * in jq (map, select, recurse, to_entries…) are in prelude.ts.
 */
import type { Native } from './compile.ts';
import { JqRuntimeError } from './errors.ts';
import { applyFormat } from './formats.ts';
import { binaryOp, splitString } from './ops.ts';
import { deletePaths, getPath, indicesOf, setPath } from './paths.ts';
import { regexMatches, type RegexMatch } from './regex.ts';
import { step } from './runtime.ts';
import { compare, describe, type JqObject, sortedKeys, toJson, truthy, typeOf } from './values.ts';
import { dateBuiltins } from './dates.ts';
import { substituteBuiltins } from './substitute.ts';

type Impl = (input: unknown, ...args: unknown[]) => unknown;

/** A builtin over values: arguments are evaluated (first argument outermost) and combined. */
function valueFn(impl: Impl): Native {
  return {
    fn: impl,
    ev(input, args, env, emit) {
      if (args.length === 0) { emit(impl(input)); return; }
      const vals: unknown[] = [];
      const go = (n: number): void => {
        if (n === args.length) { emit(impl(input, ...vals)); return; }
        args[n].ev(input, env, (v) => { vals[n] = v; go(n + 1); });
      };
      go(0);
    },
  };
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new JqRuntimeError(`${describe(v)} ${what}`);
  return v;
}

function length(v: unknown): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') throw new JqRuntimeError(`${describe(v)} has no length`);
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'string') return Array.from(v).length;
  if (Array.isArray(v)) return v.length;
  return Object.keys(v as JqObject).length;
}

function keys(v: unknown, sorted: boolean): unknown[] {
  if (Array.isArray(v)) return v.map((_x, i) => i);
  if (v !== null && typeof v === 'object') return sorted ? sortedKeys(v as JqObject) : Object.keys(v);
  throw new JqRuntimeError(`${describe(v)} has no keys`);
}

function has(v: unknown, k: unknown): boolean {
  if (v === null) return false;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof k === 'string') return Object.hasOwn(v, k);
  if (Array.isArray(v) && typeof k === 'number') return k >= 0 && k < v.length;
  throw new JqRuntimeError(`Cannot check whether ${typeOf(v)} has a ${typeOf(k)} key`);
}

function contains(a: unknown, b: unknown): boolean {
  if (typeOf(a) !== typeOf(b)) throw new JqRuntimeError(`${describe(a)} and ${describe(b)} cannot have their containment checked`);
  if (typeof a === 'string') return a.includes(b as string);
  if (Array.isArray(a)) return (b as unknown[]).every((y) => a.some((x) => typeOf(x) === typeOf(y) && contains(x, y)));
  if (a !== null && typeof a === 'object') return Object.entries(b as JqObject).every(([k, y]) => Object.hasOwn(a, k) && typeOf((a as JqObject)[k]) === typeOf(y) && contains((a as JqObject)[k], y));
  return compare(a, b) === 0;
}

function sortArray(v: unknown, what = 'sorted'): unknown[] {
  if (!Array.isArray(v)) throw new JqRuntimeError(`${describe(v)} cannot be ${what}, as it is not an array`);
  return [...v].sort(compare);
}

function flatten(v: unknown, depth: unknown): unknown[] {
  if (typeof depth !== 'number' || depth < 0) throw new JqRuntimeError('flatten depth must not be negative');
  if (!Array.isArray(v)) throw new JqRuntimeError(`Cannot iterate over ${typeOf(v)}`);
  const out: unknown[] = [];
  for (const x of v) if (Array.isArray(x) && depth > 0) out.push(...flatten(x, depth - 1)); else out.push(x);
  return out;
}

function tonumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  if (typeof v === 'string' && /^\s*(nan|-?infinity)\s*$/i.test(v)) return Number(v.replace(/nan/i, 'NaN').replace(/infinity/i, 'Infinity'));
  throw new JqRuntimeError(`Cannot parse '${typeof v === 'string' ? v : toJson(v)}' as JSON`);
}

function indices(v: unknown, x: unknown): unknown {
  if (v === null) return null;
  if (typeof v === 'string' && typeof x === 'string') {
    if (x === '') return null;
    const cps = Array.from(v);
    const sub = Array.from(x);
    const out: number[] = [];
    for (let i = 0; i + sub.length <= cps.length; i++) if (sub.every((c, k) => cps[i + k] === c)) out.push(i);
    return out;
  }
  if (Array.isArray(v) && Array.isArray(x)) return indicesOf(v, x);
  if (Array.isArray(v)) return indicesOf(v, [x]);
  throw new JqRuntimeError(`Cannot determine indices of ${typeOf(x)} in ${typeOf(v)}`);
}

function implode(v: unknown): string {
  if (!Array.isArray(v)) throw new JqRuntimeError('Cannot implode: expected an array of codepoints');
  return String.fromCodePoint(...v.map((c) => { if (typeof c !== 'number') throw new JqRuntimeError('Unicode codepoint must be numeric'); return c; }));
}

function fromjson(v: unknown): unknown {
  const s = str(v, 'cannot be parsed as JSON');
  try { return JSON.parse(s.replace(/\bnan\b/g, 'null')); } catch { throw new JqRuntimeError(`${s} (while parsing '${s}')`); }
}

function minMax(v: unknown, max: boolean): unknown {
  const arr = sortArray(v);
  if (arr.length === 0) return null;
  return max ? arr[arr.length - 1] : arr[0];
}

function tostring(v: unknown): string { return typeof v === 'string' ? v : toJson(v); }

function ltrimstr(v: unknown, p: unknown): unknown { return typeof v === 'string' && typeof p === 'string' && v.startsWith(p) ? v.slice(p.length) : v; }
function rtrimstr(v: unknown, p: unknown): unknown { return typeof v === 'string' && typeof p === 'string' && v.endsWith(p) && p !== '' ? v.slice(0, v.length - p.length) : v; }

function matchObject(m: RegexMatch): JqObject { return m as unknown as JqObject; }

function math1(f: (x: number) => number): Native {
  return valueFn((v) => { if (typeof v !== 'number') throw new JqRuntimeError(`${describe(v)} number required`); return f(v); });
}

function splits(input: unknown, re: unknown, flags: unknown): string[] {
  const s = str(input, 'cannot be matched, as it is not a string');
  const ms = regexMatches(s, str(re, 'cannot be matched, as it is not a string'), `g${flags ?? ''}`);
  const out: string[] = [];
  let prev = 0;
  for (const m of ms) { out.push(sliceCp(s, prev, m.offset)); prev = m.offset + m.length; }
  out.push(sliceCp(s, prev, Infinity));
  return out;
}

function sliceCp(s: string, a: number, b: number): string { return Array.from(s).slice(a, b).join(''); }

/** All native builtins by `name/arity`. */
export function nativeBuiltins(): Map<string, Native> {
  const m = new Map<string, Native>();
  const def = (key: string, impl: Impl): void => { m.set(key, valueFn(impl)); };
  m.set('empty/0', { ev() {}, pa() {} });
  m.set('not/0', valueFn((v) => !truthy(v)));
  m.set('error/0', { ev(i) { throw new JqRuntimeError(i); } });
  m.set('error/1', { ev(i, args, env) { args[0].ev(i, env, (v) => { throw new JqRuntimeError(v); }); } });
  m.set('path/1', { ev(i, args, env, emit) { args[0].pa(i, [], env, (_v, p) => emit(p)); } });
  m.set('getpath/1', {
    ev(i, args, env, emit) { args[0].ev(i, env, (p) => { if (!Array.isArray(p)) throw new JqRuntimeError('Path must be specified as an array'); try { emit(getPath(i, p)); } catch (e) { if (e instanceof JqRuntimeError) emit(null); else throw e; } }); },
    pa(i, path, args, env, emit) { args[0].ev(i, env, (p) => { if (!Array.isArray(p)) throw new JqRuntimeError('Path must be specified as an array'); emit(getPath(i, p), [...path, ...p]); }); },
  });
  m.set('range/2', { ev(i, args, env, emit) { args[0].ev(i, env, (a) => args[1].ev(i, env, (b) => { if (typeof a !== 'number' || typeof b !== 'number') throw new JqRuntimeError('Range bounds must be numeric'); for (let x = a; x < b; x++) { step(); emit(x); } })); } });
  m.set('range/3', { ev(i, args, env, emit) { args[0].ev(i, env, (a) => args[1].ev(i, env, (b) => args[2].ev(i, env, (s) => { if (typeof a !== 'number' || typeof b !== 'number' || typeof s !== 'number') throw new JqRuntimeError('Range bounds must be numeric'); if (s > 0) for (let x = a; x < b; x += s) { step(); emit(x); } else if (s < 0) for (let x = a; x > b; x += s) { step(); emit(x); } }))); } });
  m.set('limit/2', {
    ev(i, args, env, emit) { args[0].ev(i, env, (n) => { if (typeof n !== 'number' || n <= 0) return; let k = 0; const token = {}; try { args[1].ev(i, env, (v) => { emit(v); if (++k >= n) throw token; }); } catch (e) { if (e !== token) throw e; } }); },
    pa(i, p, args, env, emit) { args[0].ev(i, env, (n) => { if (typeof n !== 'number' || n <= 0) return; let k = 0; const token = {}; try { args[1].pa(i, p, env, (v, vp) => { emit(v, vp); if (++k >= n) throw token; }); } catch (e) { if (e !== token) throw e; } }); },
  });
  m.set('sort_by_impl/1', valueFn((v, keysArr) => (v as unknown[]).map((x, k) => [(keysArr as unknown[][])[k], x] as const).sort((a, b) => compare(a[0], b[0])).map((p) => p[1])));
  m.set('group_by_impl/1', valueFn((v, keysArr) => {
    const pairs = (v as unknown[]).map((x, k) => [(keysArr as unknown[][])[k], x] as const).sort((a, b) => compare(a[0], b[0]));
    const out: unknown[][] = [];
    pairs.forEach((p, k) => { if (k > 0 && compare(pairs[k - 1][0], p[0]) === 0) out[out.length - 1].push(p[1]); else out.push([p[1]]); });
    return out;
  }));
  def('length/0', length);
  def('utf8bytelength/0', (v) => Buffer.byteLength(str(v, 'only strings have UTF-8 byte length')));
  def('keys/0', (v) => keys(v, true));
  def('keys_unsorted/0', (v) => keys(v, false));
  def('has/1', has);
  def('contains/1', contains);
  def('add/0', (v) => { if (v !== null && typeof v === 'object' && !Array.isArray(v)) v = Object.values(v); if (!Array.isArray(v)) throw new JqRuntimeError(`Cannot iterate over ${typeOf(v)}`); return v.reduce((a: unknown, b) => binaryOp('+', a, b), null); });
  def('floor/0', (v) => Math.floor(v as number));
  def('sqrt/0', (v) => Math.sqrt(v as number));
  m.set('floor/0', math1(Math.floor));
  m.set('sqrt/0', math1(Math.sqrt));
  m.set('ceil/0', math1(Math.ceil));
  m.set('round/0', math1((x) => (x < 0 ? -Math.round(-x) : Math.round(x))));
  m.set('fabs/0', math1(Math.abs));
  m.set('log/0', math1(Math.log));
  m.set('log10/0', math1(Math.log10));
  m.set('log2/0', math1(Math.log2));
  m.set('exp/0', math1(Math.exp));
  m.set('exp10/0', math1((x) => 10 ** x));
  m.set('trunc/0', math1(Math.trunc));
  def('pow/2', (_v, a, b) => Math.pow(a as number, b as number));
  def('tostring/0', tostring);
  def('tonumber/0', tonumber);
  def('type/0', typeOf);
  def('infinite/0', () => Infinity);
  def('nan/0', () => NaN);
  def('isinfinite/0', (v) => typeof v === 'number' && !Number.isFinite(v) && !Number.isNaN(v));
  def('isnan/0', (v) => typeof v === 'number' && Number.isNaN(v));
  def('isnormal/0', (v) => typeof v === 'number' && Number.isFinite(v) && v !== 0);
  def('ascii_downcase/0', (v) => str(v, 'cannot be ascii_downcased').replace(/[A-Z]/g, (c) => c.toLowerCase()));
  def('ascii_upcase/0', (v) => str(v, 'cannot be ascii_upcased').replace(/[a-z]/g, (c) => c.toUpperCase()));
  def('explode/0', (v) => Array.from(str(v, 'cannot be exploded')).map((c) => c.codePointAt(0)));
  def('implode/0', implode);
  def('ltrimstr/1', ltrimstr);
  def('rtrimstr/1', rtrimstr);
  def('startswith/1', (v, p) => { if (typeof v !== 'string' || typeof p !== 'string') throw new JqRuntimeError('startswith() requires string inputs'); return v.startsWith(p); });
  def('endswith/1', (v, p) => { if (typeof v !== 'string' || typeof p !== 'string') throw new JqRuntimeError('endswith() requires string inputs'); return v.endsWith(p); });
  def('split/1', (v, sep) => { if (typeof v !== 'string' || typeof sep !== 'string') throw new JqRuntimeError('split input and separator must be strings'); return splitString(v, sep); });
  def('split/2', (v, re, flags) => splits(v, re, flags));
  def('join/1', (v, sep) => {
    if (!Array.isArray(v)) throw new JqRuntimeError(`Cannot iterate over ${typeOf(v)}`);
    return v.map((x) => { if (x === null) return ''; if (typeof x === 'object') throw new JqRuntimeError(`Cannot join with ${typeOf(x)}`); return String(typeof x === 'number' ? toJson(x) : x); }).join(str(sep, 'separator must be a string'));
  });
  def('tojson/0', toJson);
  def('fromjson/0', fromjson);
  def('sort/0', (v) => sortArray(v));
  def('min/0', (v) => minMax(v, false));
  def('max/0', (v) => minMax(v, true));
  def('reverse/0', (v) => (v === null ? [] : typeof v === 'string' ? Array.from(v).reverse().join('') : Array.isArray(v) ? [...v].reverse() : (() => { throw new JqRuntimeError(`Cannot reverse ${typeOf(v)}`); })()));
  def('unique/0', (v) => sortArray(v).filter((x, k, arr) => k === 0 || compare(arr[k - 1], x) !== 0));
  def('flatten/0', (v) => flatten(v, 1e9));
  def('flatten/1', flatten);
  def('indices/1', indices);
  def('setpath/2', (v, p, x) => { if (!Array.isArray(p)) throw new JqRuntimeError('Path must be specified as an array'); return setPath(v, p, x); });
  def('delpaths/1', (v, ps) => { if (!Array.isArray(ps)) throw new JqRuntimeError('Paths must be specified as an array'); return deletePaths(v, ps as unknown[][]); });
  def('ltrim/0', (v) => str(v, 'trim input must be a string').replace(/^\s+/, ''));
  def('rtrim/0', (v) => str(v, 'trim input must be a string').replace(/\s+$/, ''));
  def('toboolean/0', (v) => { if (v === 'true' || v === true) return true; if (v === 'false' || v === false) return false; throw new JqRuntimeError(`${describe(v)} cannot be parsed as a boolean`); });
  def('trimstr/1', (v, p) => rtrimstr(ltrimstr(v, p), p));
  def('ascii/0', (v) => String.fromCharCode(v as number));
  def('now/0', () => Date.now() / 1000);
  def('env/0', () => ({}));
  def('input/0', () => { throw new JqRuntimeError('No more inputs'); });
  def('builtins/0', () => [...m.keys()]);
  def('input_filename/0', () => null);
  def('splits_impl/2', (v, re, flags) => splits(v, re, flags));
  def('tostream_impl/0', (v) => v);
  def('getpath_safe/1', (v, p) => getPath(v, p as unknown[]));
  def('format/1', (v, f) => applyFormat(str(f, 'is not a valid format'), v));
  def('test/1', (v, re) => regexMatches(str(v, 'cannot be matched, as it is not a string'), str(re, 'is not a string'), '').length > 0);
  def('test/2', (v, re, fl) => regexMatches(str(v, 'cannot be matched, as it is not a string'), str(re, 'is not a string'), (fl as string | null) ?? '').length > 0);
  def('match_impl/3', (v, re, fl, _t) => regexMatches(str(v, 'cannot be matched, as it is not a string'), str(re, 'is not a string'), (fl as string | null) ?? '').map(matchObject));
  def('min_by_impl/1', (v, ks) => { const a = v as unknown[]; if (!a.length) return null; let best = 0; (ks as unknown[]).forEach((k, i) => { if (compare(k, (ks as unknown[])[best]) < 0) best = i; }); return a[best]; });
  def('max_by_impl/1', (v, ks) => { const a = v as unknown[]; if (!a.length) return null; let best = 0; (ks as unknown[]).forEach((k, i) => { if (compare(k, (ks as unknown[])[best]) >= 0) best = i; }); return a[best]; });
  def('unique_by_impl/1', (v, ks) => {
    const pairs = (v as unknown[]).map((x, k) => [(ks as unknown[])[k], x] as const).sort((a, b) => compare(a[0], b[0]));
    return pairs.filter((p, k) => k === 0 || compare(pairs[k - 1][0], p[0]) !== 0).map((p) => p[1]);
  });
  for (const [key, impl] of Object.entries(dateBuiltins)) def(key, impl);
  for (const [key, native] of substituteBuiltins()) m.set(key, native);
  return m;
}
