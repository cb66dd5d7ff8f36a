/**
 * keyBatcher: the batching and per-request cache of a request's loaders (loaders.ts), without a
 * promise per key (issue 11: DataLoader made two promises and two closures per key loaded, and
 * the look-ahead loads every entity of an answer). The same batches as DataLoader: keys asked in
 * one tick go to one `fetch` call (at most `maxBatchSize` keys each), scheduled the way DataLoader
 * schedules (after the promise jobs then queued, on the next tick); a key is fetched at most once
 * while its value is known or its batch is in flight; a failed batch fails only its own keys and
 * leaves them unknown, so a later load asks again (as DataLoader clears them).
 *
 * The values are kept in a plain Map the caller owns (`values`): what `peek` reads synchronously.
 */

/** One fetch in preparation or in flight: its keys, and how it ended (undefined: fetched). */
interface Batch {
  readonly keys: string[];
  outcome?: Promise<Failure | undefined>;
}

interface Failure {
  readonly error: unknown;
}

export interface KeyBatcher<V> {
  /** The values of `keys` in order; a key whose batch failed gets `onFailure(error)`. One promise per call. */
  loadMany<F>(keys: readonly string[], onFailure: (error: unknown) => F): Promise<(V | F)[]>;
  /** The value of one key; rejects with the error of its batch when that failed. */
  load(key: string): Promise<V>;
}

let resolved: Promise<void> | undefined;

/** DataLoader's schedule: after the promise jobs queued now, then on the next tick. */
function afterPromiseJobs(fn: () => void): void {
  (resolved ??= Promise.resolve()).then(() => process.nextTick(fn));
}

/**
 * `fetch` answers values in key order (what the store's batch reads do); `values` is where they
 * are kept (and may be filled by others: a primed value is not fetched again).
 */
export function keyBatcher<V>(fetch: (keys: readonly string[]) => Promise<readonly V[]>, values: Map<string, V>, maxBatchSize: number): KeyBatcher<V> {
  const inFlight = new Map<string, Batch>();
  let current: Batch | undefined;

  /** Fetches the batch when DataLoader would; its outcome settles as the fetch does (never rejects). */
  const dispatch = (batch: Batch): Promise<Failure | undefined> =>
    new Promise((settle) =>
      afterPromiseJobs(() => {
        if (current === batch) current = undefined;
        const ended = (outcome: Failure | undefined) => {
          for (const key of batch.keys) if (inFlight.get(key) === batch) inFlight.delete(key);
          settle(outcome);
        };
        let fetched: Promise<readonly V[]>;
        try {
          fetched = fetch(batch.keys);
        } catch (error) {
          fetched = Promise.reject(error);
        }
        fetched.then(
          (found) => {
            if (found.length !== batch.keys.length) return ended({ error: new TypeError(`a batch read answered ${found.length} values for ${batch.keys.length} keys`) });
            batch.keys.forEach((key, i) => values.set(key, found[i]));
            ended(undefined);
          },
          (error: unknown) => ended({ error }),
        );
      }),
    );

  /** The batch `key` waits on (queued in the current one when neither known nor in flight), or undefined when known. */
  const batchOf = (key: string): Batch | undefined => {
    if (values.has(key)) return undefined;
    const waiting = inFlight.get(key);
    if (waiting) return waiting;
    if (!current || current.keys.length >= maxBatchSize) {
      current = { keys: [] };
      current.outcome = dispatch(current);
    }
    current.keys.push(key);
    inFlight.set(key, current);
    return current;
  };

  const loadMany = <F>(keys: readonly string[], onFailure: (error: unknown) => F): Promise<(V | F)[]> => {
    let batches: Batch[] | undefined;
    for (const key of keys) {
      const batch = batchOf(key);
      if (batch && !batches?.includes(batch)) (batches ??= []).push(batch);
    }
    if (!batches) return Promise.resolve(keys.map((key) => values.get(key) as V));
    const waited = batches;
    const read = (outcomes: readonly (Failure | undefined)[]): (V | F)[] => {
      let failed: Map<string, unknown> | undefined;
      outcomes.forEach((outcome, i) => {
        if (outcome) for (const key of waited[i].keys) (failed ??= new Map()).set(key, outcome.error);
      });
      return keys.map((key) => (failed?.has(key) ? onFailure(failed.get(key)) : (values.get(key) as V)));
    };
    // One batch (the usual case): no Promise.all, so the values come one step sooner, as DataLoader's do.
    if (waited.length === 1) return (waited[0].outcome as Promise<Failure | undefined>).then((outcome) => read([outcome]));
    return Promise.all(waited.map((b) => b.outcome)).then(read);
  };

  return {
    loadMany,
    load: (key) => {
      const batch = batchOf(key);
      if (!batch) return Promise.resolve(values.get(key) as V);
      return (batch.outcome as Promise<Failure | undefined>).then((outcome) => {
        if (outcome) throw outcome.error;
        return values.get(key) as V;
      });
    },
  };
}
