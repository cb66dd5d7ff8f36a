/**
 * Durations as configuration writes them: a number and a unit, `90s`, `15m`, `12h`, `5d` (or a
 * sum, `1d12h`). Used by timer policies (`extendBy`, `maxLifetime`) and by the warning before a
 * timer expires (`TIMER_PROPERTY_EXPIRING`'s `before`). Returns milliseconds, or undefined when
 * the text is not a duration (the caller reports where).
 */
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)([smhd])/g;
const WHOLE = /^(?:\d+(?:\.\d+)?[smhd])+$/;

export function parseDuration(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  let ms = 0;
  for (const [, n, unit] of text.matchAll(PART)) ms += Number(n) * UNIT_MS[unit];
  return ms > 0 ? ms : undefined;
}

/** The pattern a JSON Schema uses for such durations. */
export const DURATION_PATTERN = '^(?:\\d+(?:\\.\\d+)?[smhd])+$';
