/**
 * jq's date builtins in UTC: gmtime/mktime ("broken down time" arrays), strftime/strptime for the
 * common conversion specifiers, and the ISO 8601 shorthands (todate, fromdate, dateadd…).
 */
import { JqRuntimeError } from './errors.ts';
import { describe } from './values.ts';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function gmtime(v: unknown): number[] {
  if (typeof v !== 'number') throw new JqRuntimeError('gmtime() requires a number');
  const d = new Date(Math.floor(v) * 1000);
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds() + (v - Math.floor(v)), d.getUTCDay(), yday];
}

/** A broken-down time as jq 1.8 reads it: missing trailing fields are the start of their unit. */
function brokenDown(v: unknown[]): number[] {
  const t = v as number[];
  return [t[0], t[1] ?? 0, t[2] ?? 1, t[3] ?? 0, t[4] ?? 0, t[5] ?? 0, t[6] ?? 0, t[7] ?? 0];
}

function mktime(v: unknown): number {
  if (!Array.isArray(v) || v.length < 1 || v.some((x) => typeof x !== 'number')) throw new JqRuntimeError('mktime requires array of 6 numbers');
  const [Y, M, D, h, m, s] = brokenDown(v);
  return Math.floor(Date.UTC(Y, M, D, h, m, Math.floor(s)) / 1000);
}

const pad = (n: number, w = 2): string => String(Math.floor(n)).padStart(w, '0');

function strftime(v: unknown, fmt: unknown): string {
  const t = typeof v === 'number' ? gmtime(v) : v;
  if (!Array.isArray(t)) throw new JqRuntimeError('strftime/1 requires parsed datetime inputs');
  if (typeof fmt !== 'string') throw new JqRuntimeError('strftime/1 requires a string format');
  const [Y, M, D, h, m, s, wd, yd] = t.length < 8 ? gmtime(mktime(t)) : (t as number[]);
  return fmt.replace(/%([a-zA-Z%])/g, (_x, c: string) => {
    switch (c) {
      case 'Y': return String(Y);
      case 'm': return pad(M + 1);
      case 'd': return pad(D);
      case 'e': return String(D).padStart(2, ' ');
      case 'H': return pad(h);
      case 'I': return pad(((h + 11) % 12) + 1);
      case 'M': return pad(m);
      case 'S': return pad(s);
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'j': return pad(yd + 1, 3);
      case 'a': return DAYS[wd].slice(0, 3);
      case 'A': return DAYS[wd];
      case 'b': case 'h': return MONTHS[M].slice(0, 3);
      case 'B': return MONTHS[M];
      case 'p': return h < 12 ? 'AM' : 'PM';
      case 'y': return pad(Y % 100);
      case 'C': return pad(Math.floor(Y / 100));
      case 'u': return String(wd === 0 ? 7 : wd);
      case 'w': return String(wd);
      case 's': return String(mktime(t));
      case 'T': return `${pad(h)}:${pad(m)}:${pad(s)}`;
      case 'D': return `${pad(M + 1)}/${pad(D)}/${pad(Y % 100)}`;
      case 'F': return `${Y}-${pad(M + 1)}-${pad(D)}`;
      case 'R': return `${pad(h)}:${pad(m)}`;
      case 'c': return `${DAYS[wd].slice(0, 3)} ${MONTHS[M].slice(0, 3)} ${String(D).padStart(2, ' ')} ${pad(h)}:${pad(m)}:${pad(s)} ${Y}`;
      case '%': return '%';
      default: return `%${c}`;
    }
  });
}

/** The regular expression of each `%` conversion strptime reads. */
const SPECS: Readonly<Record<string, string>> = { Y: '([+-]?\\d{1,4})', m: '(\\d{1,2})', d: '(\\d{1,2})', e: '\\s*(\\d{1,2})', H: '(\\d{1,2})', M: '(\\d{1,2})', S: '(\\d{1,2})', j: '(\\d{1,3})', y: '(\\d{2})', Z: '([A-Za-z]+)', z: '([+-]\\d{4}|Z)', b: '([A-Za-z]{3})', B: '([A-Za-z]+)', a: '([A-Za-z]+)', A: '([A-Za-z]+)', '%': '(%)', T: '(\\d{1,2}:\\d{1,2}:\\d{1,2})' };

/** A strptime format as a regular expression and the conversions of its groups, in order. */
interface StrptimePattern { readonly re: RegExp; readonly order: readonly string[] }

/** Formats already turned into patterns (a few per configuration: they are literals in expressions). */
const patterns = new Map<string, StrptimePattern>();

function strptimePattern(fmt: string): StrptimePattern {
  const known = patterns.get(fmt);
  if (known) return known;
  let re = '^';
  const order: string[] = [];
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') { re += /\s/.test(c) ? '\\s*' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); continue; }
    const k = fmt[++i];
    if (!Object.hasOwn(SPECS, k)) throw new JqRuntimeError(`strptime/1: unsupported conversion %${k}`);
    re += SPECS[k];
    order.push(k);
  }
  const pattern = { re: new RegExp(re + '$'), order };
  if (patterns.size >= 100) patterns.clear();
  patterns.set(fmt, pattern);
  return pattern;
}

function strptime(v: unknown, fmt: unknown): number[] {
  if (typeof v !== 'string') throw new JqRuntimeError(`strptime/1 requires string inputs and arguments`);
  if (typeof fmt !== 'string') throw new JqRuntimeError('strptime/1 requires string inputs and arguments');
  const parts: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0 };
  const { re, order } = strptimePattern(fmt);
  const m = re.exec(v);
  if (!m) throw new JqRuntimeError(`date "${v}" does not match format "${fmt}"`);
  order.forEach((k, n) => {
    const x = m[n + 1];
    if (k === 'b' || k === 'B') parts.m = MONTHS.findIndex((mm) => mm.slice(0, 3).toLowerCase() === x.slice(0, 3).toLowerCase()) + 1;
    else if (k === 'y') parts.Y = Number(x) + (Number(x) < 69 ? 2000 : 1900);
    else if (k === 'e') parts.d = Number(x);
    else if (k === 'T') { const [H, M, S] = x.split(':').map(Number); Object.assign(parts, { H, M, S }); }
    else if ('YmdHMS'.includes(k)) parts[k] = Number(x);
  });
  return gmtime(Date.UTC(parts.Y, parts.m - 1, parts.d, parts.H, parts.M, parts.S) / 1000);
}

function fromIso(v: unknown): number {
  if (typeof v !== 'string') throw new JqRuntimeError(`${describe(v)} cannot be parsed as a date`);
  return mktime(strptime(v, '%Y-%m-%dT%H:%M:%SZ'));
}

function toIso(v: unknown): string {
  return strftime(v, '%Y-%m-%dT%H:%M:%SZ');
}

/** Date builtins by `name/arity`. */
export const dateBuiltins: Record<string, (input: unknown, ...args: unknown[]) => unknown> = {
  'gmtime/0': gmtime,
  'localtime/0': gmtime,
  'mktime/0': mktime,
  'strftime/1': strftime,
  'strflocaltime/1': strftime,
  'strptime/1': strptime,
  'fromdateiso8601/0': fromIso,
  'todateiso8601/0': toIso,
  'fromdate/0': fromIso,
  'todate/0': toIso,
  'dateadd/2': (v, unit, n) => (v as number) + (n as number) * (unit === 'seconds' ? 1 : 1),
  'datesub/2': (v, unit, n) => (v as number) - (n as number) * (unit === 'seconds' ? 1 : 1),
  'date/0': toIso,
};
