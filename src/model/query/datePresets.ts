/**
 * Port's date presets for `between` / `notBetween` (`{ "preset": "lastWeek" }`), as ranges of
 * instants around a given time. Days are UTC days; "months" and "years" are Port's fixed spans
 * (lastMonth = the past 30 days, last12Months = the past 365 days).
 */

const DAY = 86_400_000;

/** Spans back (negative) or forward (positive) from now, in days. */
const SPANS: Readonly<Record<string, number>> = {
  lastDay: -1,
  lastWeek: -7,
  last2Weeks: -14,
  lastMonth: -30,
  last3Months: -90,
  last6Months: -180,
  last12Months: -365,
  last2Years: -730,
  last3Years: -1095,
  nextDay: 1,
  nextWeek: 7,
  next2Weeks: 14,
  nextMonth: 30,
  next3Months: 90,
  next6Months: 180,
  next12Months: 365,
};

/** Calendar days relative to today (UTC): yesterday = -1. */
const DAYS: Readonly<Record<string, number>> = { yesterday: -1, today: 0, tomorrow: 1 };

export const DATE_PRESETS = [...Object.keys(DAYS), ...Object.keys(SPANS)] as readonly string[];

/** An inclusive range of instants (ms since the epoch). */
export interface InstantRange {
  readonly from: number;
  readonly to: number;
}

/** The range a preset stands for at `now`. The preset must be one of DATE_PRESETS. */
export function presetRange(preset: string, now: number): InstantRange {
  const day = DAYS[preset];
  if (day !== undefined) {
    const start = Math.floor(now / DAY) * DAY + day * DAY;
    return { from: start, to: start + DAY - 1 };
  }
  const span = SPANS[preset] * DAY;
  return span < 0 ? { from: now + span, to: now } : { from: now, to: now + span };
}
