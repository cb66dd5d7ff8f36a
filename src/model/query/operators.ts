/**
 * Port's comparison operators over one entity value, as pure functions.
 *
 * - Dates compare as instants when both sides are ISO 8601 strings ("2026-01-01" equals
 *   "2026-01-01T00:00:00.000Z"); numbers as numbers; other strings as strings. Values of
 *   different kinds never compare (a number is neither below nor above a string).
 * - Array values (tags, `$team`) match `=`, `in`, `containsAny`, `contains`, `beginsWith` and
 *   `endsWith` when any element does.
 * - Every negative operator (`!=`, `notIn`, `notBetween`, `doesNotContains`, `doesNotBeginsWith`,
 *   `doesNotEndsWith`, `isNotEmpty`, `isNotExpired`) is exactly the negation of its positive one,
 *   so an empty value matches it.
 * - Empty means null, missing, "" or [].
 */
import type { ComparisonOperator } from './ruleSyntax.ts';
import { presetRange, type InstantRange } from './datePresets.ts';

const ISO_DATE = /^\d{4}-\d\d-\d\d/;

/** An ISO 8601 string as an instant, or undefined. */
export function instantOf(v: unknown): number | undefined {
  if (typeof v !== 'string' || !ISO_DATE.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = instantOf(a);
  if (ta !== undefined) return ta === instantOf(b);
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** a - b for values of one kind, NaN when they do not compare. */
function order(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a !== 'string' || typeof b !== 'string') return NaN;
  const ta = instantOf(a);
  const tb = instantOf(b);
  if (ta !== undefined && tb !== undefined) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `{ preset }` or `{ from, to }` (dates or numbers) as a test on one value. */
function within(value: unknown, range: Readonly<Record<string, unknown>>, now: number): boolean {
  if (typeof range.preset === 'string') {
    const t = instantOf(value);
    const r: InstantRange = presetRange(range.preset, now);
    return t !== undefined && t >= r.from && t <= r.to;
  }
  return (range.from === undefined || order(value, range.from) >= 0) && (range.to === undefined || order(value, range.to) <= 0);
}

const anyElement = (value: unknown, test: (x: unknown) => boolean) => (Array.isArray(value) ? value.some(test) : test(value));

/** Does `value` satisfy `operator` with `operand`? `now` (ms) serves date presets and timers. */
export function matchComparison(operator: ComparisonOperator, value: unknown, operand: unknown, now: number): boolean {
  switch (operator) {
    case 'isEmpty':
      return isEmptyValue(value);
    case 'isNotEmpty':
      return !isEmptyValue(value);
    case '=':
      return anyElement(value, (x) => equal(x, operand));
    case '!=':
      return !matchComparison('=', value, operand, now);
    case 'in':
    case 'containsAny':
      return anyElement(value, (x) => (operand as readonly unknown[]).some((o) => equal(x, o)));
    case 'notIn':
      return !matchComparison('in', value, operand, now);
    case 'contains':
      return Array.isArray(value) ? value.some((x) => equal(x, operand)) : typeof value === 'string' && value.includes(String(operand));
    case 'doesNotContains':
      return !matchComparison('contains', value, operand, now);
    case 'beginsWith':
      return anyElement(value, (x) => typeof x === 'string' && x.startsWith(operand as string));
    case 'doesNotBeginsWith':
      return !matchComparison('beginsWith', value, operand, now);
    case 'endsWith':
      return anyElement(value, (x) => typeof x === 'string' && x.endsWith(operand as string));
    case 'doesNotEndsWith':
      return !matchComparison('endsWith', value, operand, now);
    case '>':
      return order(value, operand) > 0;
    case '>=':
      return order(value, operand) >= 0;
    case '<':
      return order(value, operand) < 0;
    case '<=':
      return order(value, operand) <= 0;
    case 'between':
      return !isEmptyValue(value) && within(value, operand as Readonly<Record<string, unknown>>, now);
    case 'notBetween':
      return !matchComparison('between', value, operand, now);
    case 'isExpired': {
      const t = instantOf(value);
      return t !== undefined && t <= now;
    }
    case 'isNotExpired':
      return !matchComparison('isExpired', value, operand, now);
  }
}
