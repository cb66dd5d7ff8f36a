/**
 * keyBatcher (src/context/keyBatcher.ts): DataLoader's batches and cache without a promise per
 * key. Asserted by the fetch calls it makes: keys asked in one tick share one fetch, a known or
 * in-flight key is not fetched again, batches split at the bound, and a failed batch fails only
 * its own keys and leaves them to be asked again.
 */
import { describe, expect, it } from 'vitest';
import { keyBatcher } from '../../src/context/keyBatcher.ts';

/** A fetch that records its calls and answers `v:<key>` (or fails for the keys in `failing`). */
function recordingFetch(failing: ReadonlySet<string> = new Set()) {
  const calls: string[][] = [];
  const fetch = async (keys: readonly string[]) => {
    calls.push([...keys]);
    if (keys.some((k) => failing.has(k))) throw new Error(`store down for ${keys.join(',')}`);
    return keys.map((k) => `v:${k}`);
  };
  return { calls, fetch };
}

describe('keyBatcher', () => {
  it('fetches the keys asked in one tick in one call, in order, each key once', async () => {
    const { calls, fetch } = recordingFetch();
    const values = new Map<string, string>();
    const b = keyBatcher(fetch, values, 100);
    const [many, one, again] = await Promise.all([b.loadMany(['a', 'b', 'a'], () => 'failed'), b.load('c'), b.loadMany(['b', 'c'], () => 'failed')]);
    expect(calls).toEqual([['a', 'b', 'c']]);
    expect(many).toEqual(['v:a', 'v:b', 'v:a']);
    expect(one).toBe('v:c');
    expect(again).toEqual(['v:b', 'v:c']);
    expect([...values]).toEqual([['a', 'v:a'], ['b', 'v:b'], ['c', 'v:c']]);
  });

  it('answers known keys without fetching, and a key primed into the values is not fetched', async () => {
    const { calls, fetch } = recordingFetch();
    const values = new Map<string, string>([['primed', 'p']]);
    const b = keyBatcher(fetch, values, 100);
    await b.load('a');
    expect(await b.loadMany(['a', 'primed'], () => 'failed')).toEqual(['v:a', 'p']);
    expect(await b.load('primed')).toBe('p');
    expect(calls).toEqual([['a']]);
  });

  it('joins a key already in flight instead of fetching it again', async () => {
    const { calls, fetch } = recordingFetch();
    const b = keyBatcher(fetch, new Map(), 100);
    const first = b.load('a');
    await Promise.resolve(); // the batch is still queued: DataLoader's schedule waits for the next tick
    await new Promise<void>((r) => process.nextTick(r));
    const second = b.loadMany(['a', 'b'], () => 'failed');
    expect(await first).toBe('v:a');
    expect(await second).toEqual(['v:a', 'v:b']);
    expect(calls).toEqual([['a'], ['b']]);
  });

  it('splits a batch at maxBatchSize', async () => {
    const { calls, fetch } = recordingFetch();
    const b = keyBatcher(fetch, new Map(), 2);
    expect(await b.loadMany(['a', 'b', 'c', 'd', 'e'], () => 'failed')).toEqual(['v:a', 'v:b', 'v:c', 'v:d', 'v:e']);
    expect(calls).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('fails only the keys of a failed batch, with its error, and asks for them again later', async () => {
    const failing = new Set(['bad']);
    const { calls, fetch } = recordingFetch(failing);
    const b = keyBatcher(fetch, new Map(), 2);
    const answers = await b.loadMany(['ok1', 'ok2', 'bad', 'x'], (e) => `failed: ${(e as Error).message}`);
    expect(answers).toEqual(['v:ok1', 'v:ok2', 'failed: store down for bad,x', 'failed: store down for bad,x']);
    await expect(b.load('x')).resolves.toBe('v:x'); // not cached as failed: fetched again, alone
    await expect(b.load('bad')).rejects.toThrow('store down for bad');
    failing.clear();
    await expect(b.load('bad')).resolves.toBe('v:bad');
    expect(calls).toEqual([['ok1', 'ok2'], ['bad', 'x'], ['x'], ['bad'], ['bad']]);
  });

  it('fails a batch whose fetch answers the wrong number of values', async () => {
    const b = keyBatcher(async () => ['only one'], new Map<string, string>(), 10);
    await expect(b.load('a')).resolves.toBe('only one');
    const answers = await b.loadMany(['b', 'c'], (e) => (e as Error).message);
    expect(answers).toEqual(['a batch read answered 1 values for 2 keys', 'a batch read answered 1 values for 2 keys']);
  });
});
