/**
 * `until`: waits for something the system under test does (a run appears, a timer fires), by
 * asking again every 25 ms until it holds (not undefined, null, false or an empty list) or a generous timeout passes. Tests wait on events this
 * way; they never assert how long something took.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<Exclude<T, false | null | undefined>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false && !(Array.isArray(value) && value.length === 0)) return value as Exclude<T, false | null | undefined>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(25);
  }
}
