/**
 * The counted upstream wrapper: every attempt is counted for its source (per request and for
 * listeners), retries are bounded by the policy, `shouldRetry` makes a failure final with the
 * attempt's own error, `waitMs` is waited before a retry, and an aborted signal stops retrying.
 */
import { describe, expect, it } from 'vitest';
import { callUpstream, currentRequestCalls, onUpstreamCall, retry, runWithCallCounting } from '../../src/data/upstream.ts';

/** An attempt that fails `failures` times, then answers `ok`. */
function flaky(failures: number) {
  const seen: number[] = [];
  return {
    seen,
    attempt: async (n: number) => {
      seen.push(n);
      if (seen.length <= failures) throw new Error(`failure ${seen.length}`);
      return 'ok';
    },
  };
}

const fast = { minMs: 1, maxMs: 2, jitter: true };

describe('callUpstream', () => {
  it('counts every attempt, retries included, in the request and for listeners', async () => {
    const heard: string[] = [];
    const stop = onUpstreamCall((source) => heard.push(source));
    try {
      const { attempt, seen } = flaky(2);
      const { result, calls } = await runWithCallCounting(async () => ({ result: await callUpstream('gh', attempt, { retries: 3, backoff: fast }), calls: currentRequestCalls() }));
      expect(result).toBe('ok');
      expect(seen).toEqual([1, 2, 3]);
      expect(calls).toEqual({ gh: 3 });
      expect(heard).toEqual(['gh', 'gh', 'gh']);
    } finally {
      stop();
    }
  });

  it('gives up after `retries`, with the last attempt\'s error; one attempt by default', async () => {
    const bounded = flaky(10);
    await expect(callUpstream('s', bounded.attempt, { retries: 2, backoff: fast })).rejects.toThrow('failure 3');
    expect(bounded.seen).toEqual([1, 2, 3]);
    const once = flaky(10);
    await expect(callUpstream('s', once.attempt)).rejects.toThrow('failure 1');
    expect(once.seen).toEqual([1]);
  });

  it('shouldRetry false makes the failure final; waitMs is waited (through sleep) before a retry', async () => {
    const final = flaky(10);
    await expect(callUpstream('s', final.attempt, { retries: 5, shouldRetry: (err) => !(err as Error).message.endsWith('2') })).rejects.toThrow('failure 2');
    expect(final.seen).toEqual([1, 2]);
    const waits: number[] = [];
    const waited = flaky(2);
    expect(await callUpstream('s', waited.attempt, { retries: 5, waitMs: (_err, n) => 100 * n, sleep: async (ms) => void waits.push(ms) })).toBe('ok');
    expect(waits).toEqual([100, 200]);
  });

  it('an aborted signal stops retrying, with its reason', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const stopped = retry(
      async (n) => {
        seen.push(n);
        if (n === 2) controller.abort(new Error('stopped'));
        throw new Error('down');
      },
      { retries: Infinity, backoff: fast, signal: controller.signal },
    );
    await expect(stopped).rejects.toThrow('stopped');
    expect(seen).toEqual([1, 2]);
  });
});
