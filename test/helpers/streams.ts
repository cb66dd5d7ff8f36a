/**
 * Test helpers for streaming transports: a queue over any async iterable (`take` waits for the
 * first value that matches), and `writeUntilSeen`, which writes until a subscriber sees a write
 * (so a test never sleeps to guess when the server holds the subscription).
 */
import { ADMIN_TOKEN, gql } from './lattice.ts';

export interface Pulled<T> {
  readonly values: T[];
  /** The first value not yet taken that matches, waiting up to `timeoutMs` (default 10 s). */
  take(match: (v: T) => boolean, timeoutMs?: number): Promise<T>;
  readonly done: Promise<void>;
}

export function pull<T>(iterable: AsyncIterable<T>): Pulled<T> {
  const values: T[] = [];
  let wake = () => undefined as void;
  const done = (async () => {
    for await (const v of iterable) {
      values.push(v);
      wake();
    }
    wake();
  })();
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => undefined);
  return {
    values,
    done,
    async take(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = values.findIndex(match);
        if (i >= 0) return values.splice(i, 1)[0];
        if (finished) throw new Error(`the stream ended without a matching value; got ${JSON.stringify(values)}`);
        if (Date.now() > deadline) throw new Error(`no matching value; got ${JSON.stringify(values)}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 100);
        });
      }
    },
  };
}

/** An upsert of the Domain `identifier` with `title` (an entityChanged event), as the admin. */
export async function writeDomain(url: string, identifier: string, title: string): Promise<void> {
  const res = await gql(url, `mutation { upsertEntity(blueprint: DOMAIN, identifier: "${identifier}", title: "${title}") { identifier } }`, undefined, { token: ADMIN_TOKEN });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

/** Writes (`write(i)`, i = 0, 1, …) until `seen` resolves for one of the writes (each waited up to 2 s). */
export async function writeUntilSeen(write: (i: number) => Promise<void>, seen: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await write(i);
    if (await seen().then(() => true, () => false)) return;
  }
  throw new Error('the subscriber never saw a write');
}
