/**
 * Small statistics shared by the benchmarks: nearest-rank percentiles over sorted samples, and
 * rounding for the recorded tables.
 */

/** The nearest-rank p-th percentile of ascending samples (NaN when there are none). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
