/**
 * Indexing and paths on values: `.[k]`, `.[a:b]`, `.[]`, and `getpath`/`setpath`/`delpaths`
 * (immutable: every update copies the containers on the path), with jq's error wording.
 */
import { JqRuntimeError } from './errors.ts';
import { compare, errorDump, type JqObject, typeOf } from './values.ts';

function isObject(v: unknown): v is JqObject { return typeof v === 'object' && v !== null && !Array.isArray(v); }

function cannotIndex(v: unknown, key: unknown): never {
  const k = typeof key === 'string' ? `string "${key}"` : typeOf(key);
  throw new JqRuntimeError(`Cannot index ${typeOf(v)} with ${k}`);
}

/** `.[key]` on a value. */
export function indexValue(v: unknown, key: unknown): unknown {
  if (typeof key === 'string') {
    if (isObject(v)) return Object.hasOwn(v, key) ? v[key] : null;
    if (v === null) return null;
    return cannotIndex(v, key);
  }
  if (typeof key === 'number') {
    if (Array.isArray(v)) {
      if (Number.isNaN(key)) return null;
      const i = Math.floor(key);
      const j = i < 0 ? v.length + i : i;
      return j >= 0 && j < v.length ? v[j] : null;
    }
    if (v === null) return null;
    return cannotIndex(v, key);
  }
  if (isObject(key) && (v === null || Array.isArray(v) || typeof v === 'string')) {
    return v === null ? null : sliceValue(v, key.start ?? null, key.end ?? null);
  }
  if (Array.isArray(key) && Array.isArray(v)) return indicesOf(v, key);
  if (v === null && (key === null || isObject(key))) return null;
  return cannotIndex(v, key);
}

/** Positions where `sub` occurs in `arr` (`indices` on arrays). */
export function indicesOf(arr: unknown[], sub: unknown[]): number[] | null {
  if (sub.length === 0) return null;
  const out: number[] = [];
  for (let i = 0; i + sub.length <= arr.length; i++) if (sub.every((x, k) => compare(arr[i + k], x) === 0)) out.push(i);
  return out;
}

function clampSlice(len: number, from: unknown, to: unknown): [number, number] {
  const norm = (x: unknown, dflt: number): number => {
    if (x === null) return dflt;
    if (typeof x !== 'number') throw new JqRuntimeError('Start and end indices of an array slice must be numbers');
    let n = x < 0 ? len + x : x;
    n = n < 0 ? 0 : n > len ? len : n;
    return n;
  };
  const a = Math.floor(norm(from, 0));
  const b = Math.ceil(norm(to, len));
  return [a, Math.max(a, b)];
}

/** `.[from:to]` on an array, a string (by code point) or null. */
export function sliceValue(v: unknown, from: unknown, to: unknown): unknown {
  if (v === null) return null;
  if (Array.isArray(v)) { const [a, b] = clampSlice(v.length, from, to); return v.slice(a, b); }
  if (typeof v === 'string') { const cps = Array.from(v); const [a, b] = clampSlice(cps.length, from, to); return cps.slice(a, b).join(''); }
  throw new JqRuntimeError(`Cannot index ${typeOf(v)} with object`);
}

/** `.[]`: calls `each` with every element and its key. */
export function iterate(v: unknown, each: (x: unknown, key: string | number) => void): void {
  if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) each(v[i], i); return; }
  if (isObject(v)) { for (const k of Object.keys(v)) each(v[k], k); return; }
  throw new JqRuntimeError(`Cannot iterate over ${typeOf(v)}${v === null ? '' : ` (${errorDump(v)})`}`);
}

/** `getpath(p)`: null where the path leaves the value. */
export function getPath(v: unknown, path: readonly unknown[]): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null) return null;
    cur = indexValue(cur, k);
  }
  return cur;
}

/** `setpath(p; x)`: a copy with the value at `p` replaced (containers created as needed). */
export function setPath(v: unknown, path: readonly unknown[], x: unknown, at = 0): unknown {
  if (at === path.length) return x;
  const k = path[at];
  if (typeof k === 'string') {
    if (v !== null && !isObject(v)) cannotIndex(v, k);
    const o: JqObject = { ...(v as JqObject | null) };
    o[k] = setPath(o[k] ?? null, path, x, at + 1);
    return o;
  }
  if (typeof k === 'number') {
    if (v !== null && !Array.isArray(v)) cannotIndex(v, k);
    const arr = [...((v as unknown[] | null) ?? [])];
    let i = Math.floor(k);
    if (i < 0) { i += arr.length; if (i < 0) throw new JqRuntimeError('Out of bounds negative array index'); }
    if (i > 10_000_000) throw new JqRuntimeError('Array index too large');
    while (arr.length < i) arr.push(null);
    arr[i] = setPath(arr[i] ?? null, path, x, at + 1);
    return arr;
  }
  if (isObject(k)) {
    if (v !== null && !Array.isArray(v)) cannotIndex(v, k);
    const arr = (v as unknown[] | null) ?? [];
    const [a, b] = clampSlice(arr.length, k.start ?? null, k.end ?? null);
    const repl = setPath(arr.slice(a, b), path, x, at + 1);
    if (!Array.isArray(repl)) throw new JqRuntimeError('A slice of an array can only be assigned another array');
    return [...arr.slice(0, a), ...repl, ...arr.slice(b)];
  }
  return cannotIndex(v, k);
}

function deletePath(v: unknown, path: readonly unknown[], at: number): unknown {
  if (v === null) return null;
  const k = path[at];
  const last = at === path.length - 1;
  if (typeof k === 'string') {
    if (!isObject(v)) return cannotIndex(v, k);
    if (!Object.hasOwn(v, k)) return v;
    const o = { ...v };
    if (last) delete o[k]; else o[k] = deletePath(o[k], path, at + 1);
    return o;
  }
  if (typeof k === 'number') {
    if (!Array.isArray(v)) return cannotIndex(v, k);
    const i = k < 0 ? v.length + Math.floor(k) : Math.floor(k);
    if (i < 0 || i >= v.length) return v;
    const arr = [...v];
    if (last) arr.splice(i, 1); else arr[i] = deletePath(arr[i], path, at + 1);
    return arr;
  }
  if (isObject(k) && Array.isArray(v)) {
    const [a, b] = clampSlice(v.length, k.start ?? null, k.end ?? null);
    if (last) return [...v.slice(0, a), ...v.slice(b)];
    const inner = deletePath(v.slice(a, b), path, at + 1) as unknown[];
    return [...v.slice(0, a), ...inner, ...v.slice(b)];
  }
  return cannotIndex(v, k);
}

/** `delpaths(ps)`: deletes the longest paths first so earlier deletions do not shift later ones. */
export function deletePaths(v: unknown, paths: ReadonlyArray<readonly unknown[]>): unknown {
  const sorted = [...paths].sort(compare).reverse();
  let acc = v;
  for (const p of sorted) {
    if (!Array.isArray(p)) throw new JqRuntimeError('Path must be specified as an array');
    acc = p.length === 0 ? null : deletePath(acc, p, 0);
  }
  return acc;
}
