/**
 * jq's value model on plain JSON values: type names, the total order
 * (null < false < true < numbers < strings < arrays < objects), equality, and `tojson`
 * number printing as jq does (shortest round-trip digits, exponent past 1e17 or below 1e-5).
 */
export type JqObject = { [key: string]: unknown };

/** jq's type name of a value. */
export function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

const RANK: Record<string, number> = { null: 0, boolean: 1, number: 3, string: 4, array: 5, object: 6 };

function rank(v: unknown): number {
  if (v === false) return 1;
  if (v === true) return 2;
  return RANK[typeOf(v)];
}

/** True unless null or false. */
export function truthy(v: unknown): boolean {
  return v !== null && v !== false && v !== undefined;
}

/** Code-point order of two strings (jq compares UTF-8 bytes, which sorts like code points). */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** jq's total order: negative, zero or positive. */
export function compare(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return a < (b as number) ? -1 : a > (b as number) ? 1 : 0;
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    for (let i = 0; i < a.length && i < bb.length; i++) { const c = compare(a[i], bb[i]); if (c) return c; }
    return a.length - bb.length;
  }
  if (ra === 6) {
    const ka = Object.keys(a as JqObject).sort(compareStrings);
    const kb = Object.keys(b as JqObject).sort(compareStrings);
    const c = compare(ka, kb);
    if (c) return c;
    for (const k of ka) { const d = compare((a as JqObject)[k], (b as JqObject)[k]); if (d) return d; }
  }
  return 0;
}

/** Sorted keys as jq sorts them (by code point). */
export function sortedKeys(o: JqObject): string[] {
  return Object.keys(o).sort(compareStrings);
}

/** jq's number text: shortest round-trip digits, `1e+17` style exponent like jq's dtoa. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'null';
  if (n === Infinity) return '1.7976931348623157e+308';
  if (n === -Infinity) return '-1.7976931348623157e+308';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expText] = Math.abs(n).toExponential().split('e');
  const digits = mant.replace('.', '');
  const decpt = Number(expText) + 1;
  const sign = n < 0 ? '-' : '';
  if (decpt <= -4 || decpt > digits.length + 15) {
    const e = decpt - 1;
    const mm = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mm}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return sign + digits + '0'.repeat(decpt - digits.length);
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** Compact JSON as `jq -c` prints it (object keys in insertion order). */
export function toJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return JSON.stringify(v).replace(/\u007f/g, '\\u007f');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  return `{${Object.entries(v as JqObject).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`;
}

/** A value as jq quotes it inside an error message (past 14 characters, cut to 11 then "..."). */
export function errorDump(v: unknown): string {
  const s = toJson(v);
  return s.length > 14 ? `${s.slice(0, 11)}...` : s;
}

/** `type (value)` as jq's error messages show an operand. */
export function describe(v: unknown): string {
  return `${typeOf(v)} (${errorDump(v)})`;
}

/** Deep structural equality in jq's sense. */
export function equals(a: unknown, b: unknown): boolean {
  return a === b || compare(a, b) === 0;
}
