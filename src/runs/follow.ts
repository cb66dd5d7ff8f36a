/**
 * Following a run: what the `runUpdated`, `runLogs` and `runs` subscriptions stream, as async
 * generators over a RunStore and the PubSub's run topics (src/data/topics.ts). Pub/sub alone can lose or repeat nothing only while
 * connected; these merge it with the store so a follower misses nothing and sees nothing twice:
 *
 * - `followLogs(after)` subscribes first, then reads the store's lines after the cursor, then
 *   yields live lines. A live line whose cursor is not the next one (a gap: an event lost, or
 *   published by another replica ahead of one still in flight) makes it read the gap from the
 *   store, where every line is before it is published; lines at or below the last cursor are
 *   dropped. It ends once the run has ended and every line is out.
 * - `followRun` yields the run now, then each newer revision (older or repeated ones are
 *   dropped); it ends after a final status.
 * - `followRuns(filter)` yields run changes matching the filter, until aborted.
 *
 * Pass an AbortSignal to stop a follower that is waiting (a generator cannot be returned while
 * it awaits); breaking out of `for await` also unsubscribes.
 */
import type { Run, RunLogLine } from '../data/run.ts';
import { AsyncQueue } from '../data/AsyncQueue.ts';
import type { PubSub } from '../data/PubSub.ts';
import { RUN_CHANGES, runTopic, type RunEvent } from '../data/topics.ts';
import { matchesFilter, type RunFilter, type RunStore } from '../data/RunStore.ts';
import { isFinal } from '../data/runStatus.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';

export interface FollowOptions {
  readonly store: RunStore;
  readonly events: PubSub;
  readonly runId: string;
  readonly signal?: AbortSignal;
}

export async function* followLogs(options: FollowOptions & { readonly after?: number }): AsyncGenerator<RunLogLine> {
  const { store, events, runId, signal } = options;
  const queue = new AsyncQueue<RunEvent>(signal);
  const unsubscribe = await events.subscribe(runTopic(runId), (e) => queue.push(e));
  try {
    let last = Math.max(0, options.after ?? 0);
    async function* fromStore(): AsyncGenerator<RunLogLine> {
      for (;;) {
        const lines = await store.logs(runId, { after: last });
        if (lines.length === 0) return;
        for (const line of lines) {
          last = line.cursor;
          yield line;
        }
      }
    }
    const run = await store.get(runId);
    if (!run) throw new LatticeError(ErrorCodes.RUN_NOT_FOUND, `no run ${runId}`, { details: { runId } });
    yield* fromStore();
    if (isFinal(run.status)) return;
    for (;;) {
      const event = await queue.next();
      if (event === undefined) return;
      if (event.type === 'run') {
        if (!isFinal(event.run.status)) continue;
        yield* fromStore();
        return;
      }
      if (event.line.cursor <= last) continue;
      if (event.line.cursor === last + 1) {
        last = event.line.cursor;
        yield event.line;
      } else {
        yield* fromStore();
      }
    }
  } finally {
    queue.close();
    await unsubscribe();
  }
}

export async function* followRun(options: FollowOptions): AsyncGenerator<Run> {
  const { store, events, runId, signal } = options;
  const queue = new AsyncQueue<RunEvent>(signal);
  const unsubscribe = await events.subscribe(runTopic(runId), (e) => {
    if (e.type === 'run') queue.push(e);
  });
  try {
    let current = await store.get(runId);
    if (!current) throw new LatticeError(ErrorCodes.RUN_NOT_FOUND, `no run ${runId}`, { details: { runId } });
    yield current;
    while (!isFinal(current.status)) {
      const event = await queue.next();
      if (event === undefined) return;
      if (event.type !== 'run' || event.run.revision <= current.revision) continue;
      current = event.run;
      yield current;
    }
  } finally {
    queue.close();
    await unsubscribe();
  }
}

export async function* followRuns(options: { readonly events: PubSub; readonly filter?: RunFilter; readonly signal?: AbortSignal }): AsyncGenerator<Run> {
  const queue = new AsyncQueue<RunEvent>(options.signal);
  const unsubscribe = await options.events.subscribe(RUN_CHANGES, (e) => {
    if (e.type === 'run' && matchesFilter(e.run, options.filter ?? {})) queue.push(e);
  });
  try {
    for (;;) {
      const event = await queue.next();
      if (event === undefined) return;
      if (event.type === 'run') yield event.run;
    }
  } finally {
    queue.close();
    await unsubscribe();
  }
}
