/**
 * The PubSub contract (src/data/PubSub.ts) with the run topics (src/data/topics.ts), plus the
 * followers built on them (src/runs/follow.ts), run over a RunStore of the same kind.
 * memoryPubSub.test.ts and redisPubSub.test.ts call it.
 *
 * `open()` gives an events handle and a store handle on this test's data; called twice, the two
 * handles are two replicas for Redis and the same objects in process. Publishing follows the
 * engine's rule: store first, then publish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { followLogs, followRun, followRuns } from '../../src/runs/follow.ts';
import { newRun, type Run, type RunLogLine } from '../../src/data/run.ts';
import { iterate, type PubSub } from '../../src/data/PubSub.ts';
import { ENTITY_CHANGES, publishRunEvent, RUN_CHANGES, runTopic, type EntityChange, type RunEvent } from '../../src/data/topics.ts';
import type { RunStore } from '../../src/data/RunStore.ts';

export interface Handles {
  readonly events: PubSub;
  readonly store: RunStore;
}

function makeRun(action = 'deploy'): Run {
  return newRun({
    action,
    blueprint: null,
    entity: null,
    inputs: {},
    status: 'IN_PROGRESS',
    trigger: { by: { user: 'ann', teams: [], roles: [] }, at: new Date().toISOString(), operation: 'CREATE' },
    requiredApproval: null,
  });
}

/** Collects events until `count` arrived; resolves with them. */
function collector(count: number): { listener: (e: RunEvent) => void; done: Promise<RunEvent[]>; got: RunEvent[] } {
  const got: RunEvent[] = [];
  let resolve: (e: RunEvent[]) => void = () => undefined;
  const done = new Promise<RunEvent[]>((r) => (resolve = r));
  return {
    got,
    done,
    listener: (e) => {
      got.push(e);
      if (got.length === count) resolve(got);
    },
  };
}

/** Stores then publishes log lines, as the engine does. */
async function log(h: Handles, runId: string, ...messages: string[]): Promise<RunLogLine[]> {
  const lines = await h.store.appendLog(runId, messages);
  for (const line of lines) await publishRunEvent(h.events, { type: 'log', runId, line });
  return lines;
}

async function end(h: Handles, runId: string) {
  const run = await h.store.update(runId, { status: 'SUCCESS' });
  await publishRunEvent(h.events, { type: 'run', run });
  return run;
}

export function pubSubContract(name: string, open: () => Promise<Handles>, cleanup: () => Promise<void>) {
  describe(`${name} (PubSub contract)`, () => {
    afterEach(cleanup);

    it('delivers a run’s run and log events to its subscribers, in publish order, from another replica', async () => {
      const [a, b] = [await open(), await open()];
      const { run } = await b.store.create(makeRun());
      const { run: other } = await b.store.create(makeRun());
      const c = collector(300);
      const unsubscribe = await a.events.subscribe(runTopic(run.id), c.listener);
      for (let i = 0; i < 300; i++) {
        const line = { cursor: i + 1, message: `line ${i}`, at: '' };
        await publishRunEvent(b.events, { type: 'log', runId: other.id, line });
        await publishRunEvent(b.events, i % 10 === 9 ? { type: 'run', run: { ...run, revision: i } } : { type: 'log', runId: run.id, line });
      }
      const got = await c.done;
      expect(got.map((e) => (e.type === 'log' ? `log ${e.line.cursor}` : `run ${e.run.revision}`))).toEqual(
        Array.from({ length: 300 }, (_, i) => (i % 10 === 9 ? `run ${i}` : `log ${i + 1}`)),
      );
      expect(got.every((e) => (e.type === 'log' ? e.runId : e.run.id) === run.id)).toBe(true);
      await unsubscribe();
    });

    it('delivers every run’s run events, and no log lines, to "runs" subscribers', async () => {
      const [a, b] = [await open(), await open()];
      const runs = [makeRun('x'), makeRun('y')];
      const c = collector(2);
      const unsubscribe = await a.events.subscribe(RUN_CHANGES, c.listener);
      await publishRunEvent(b.events, { type: 'log', runId: runs[0].id, line: { cursor: 1, message: 'not for lists', at: '' } });
      await publishRunEvent(b.events, { type: 'run', run: runs[0] });
      await publishRunEvent(b.events, { type: 'run', run: runs[1] });
      expect((await c.done).map((e) => (e.type === 'run' ? e.run.action : 'log'))).toEqual(['x', 'y']);
      await unsubscribe();
    });

    it('stops delivering to a listener once it unsubscribes, and keeps delivering to the others', async () => {
      const [a, b] = [await open(), await open()];
      const run = makeRun();
      const first: RunEvent[] = [];
      const second = collector(2);
      const unsubscribeFirst = await a.events.subscribe(runTopic(run.id), (e) => first.push(e));
      const unsubscribeSecond = await a.events.subscribe(runTopic(run.id), second.listener);
      await unsubscribeFirst();
      await publishRunEvent(b.events, { type: 'run', run });
      await publishRunEvent(b.events, { type: 'run', run: { ...run, revision: 2 } });
      await second.done;
      expect(first).toEqual([]);
      await unsubscribeSecond();
    });

    it('keeps delivering to other listeners when one throws', async () => {
      const [a, b] = [await open(), await open()];
      const run = makeRun();
      const c = collector(1);
      const u1 = await a.events.subscribe(runTopic(run.id), () => {
        throw new Error('subscriber bug');
      });
      const u2 = await a.events.subscribe(runTopic(run.id), c.listener);
      await publishRunEvent(b.events, { type: 'run', run });
      expect(await c.done).toHaveLength(1);
      await u1();
      await u2();
    });

    it('carries entity changes on their own topic, as copies, and not on the run topics', async () => {
      const [a, b] = [await open(), await open()];
      const got: EntityChange[] = [];
      const runs: RunEvent[] = [];
      let arrived: () => void = () => undefined;
      const both = new Promise<void>((r) => (arrived = r));
      const u1 = await a.events.subscribe(ENTITY_CHANGES, (c) => {
        got.push(c);
        if (got.length === 2) arrived();
      });
      const u2 = await a.events.subscribe(RUN_CHANGES, (e) => runs.push(e));
      const change: EntityChange = { blueprint: 'Component', identifier: 'CartService', change: 'UPSERTED' };
      await b.events.publish(ENTITY_CHANGES, change);
      await b.events.publish(ENTITY_CHANGES, { ...change, change: 'DELETED' });
      await both;
      expect(got).toEqual([change, { ...change, change: 'DELETED' }]);
      expect(got[0]).not.toBe(change);
      expect(runs).toEqual([]);
      await u1();
      await u2();
    });

    it('iterate(): a topic as an async iterator of the accepted messages; return() unsubscribes', async () => {
      const [a, b] = [await open(), await open()];
      const it = iterate(a.events, ENTITY_CHANGES, (c) => c.blueprint === 'API');
      const first = it.next();
      // The subscription is made when iterate() is called; publish until it has seen one.
      let got: IteratorResult<EntityChange> | undefined;
      void first.then((r) => (got = r));
      while (!got) {
        await b.events.publish(ENTITY_CHANGES, { blueprint: 'Component', identifier: 'x', change: 'UPSERTED' });
        await b.events.publish(ENTITY_CHANGES, { blueprint: 'API', identifier: 'CartAPI', change: 'UPSERTED' });
        await new Promise((r) => setImmediate(r));
      }
      expect(got.value).toEqual({ blueprint: 'API', identifier: 'CartAPI', change: 'UPSERTED' });
      expect(await it.return?.()).toEqual({ value: undefined, done: true });
      expect((await it.next()).done).toBe(true);
    });

    describe('followLogs', () => {
      it('resumes after a cursor with no gap and no duplicate while another replica appends, and ends with the run', async () => {
        const [a, b] = [await open(), await open()];
        const { run } = await b.store.create(makeRun());
        await log(b, run.id, 'l1', 'l2', 'l3', 'l4', 'l5');
        const follower = (async () => {
          const seen: RunLogLine[] = [];
          for await (const line of followLogs({ store: a.store, events: a.events, runId: run.id, after: 2 })) seen.push(line);
          return seen;
        })();
        for (let i = 6; i <= 60; i++) await log(b, run.id, `l${i}`);
        await end(b, run.id);
        const seen = await follower;
        expect(seen.map((l) => l.cursor)).toEqual(Array.from({ length: 58 }, (_, i) => i + 3));
        expect(seen.map((l) => l.message)).toEqual(Array.from({ length: 58 }, (_, i) => `l${i + 3}`));
      });

      it('reads a gap from the store when a live line skips cursors, and drops repeated lines', async () => {
        const [a, b] = [await open(), await open()];
        const { run } = await b.store.create(makeRun());
        // Know when the follower has drained the store (and so is subscribed and following live).
        let drained: () => void = () => undefined;
        const isDrained = new Promise<void>((r) => (drained = r));
        const store: RunStore = Object.assign(Object.create(a.store) as RunStore, {
          logs: async (id: string, options?: { after?: number; limit?: number }) => {
            const lines = await a.store.logs(id, options);
            if (lines.length === 0) drained();
            return lines;
          },
        });
        const lines = followLogs({ store, events: a.events, runId: run.id });
        const pending = lines.next();
        await isDrained;
        const [first] = await log(b, run.id, 'one');
        expect((await pending).value).toEqual(first);
        // Two lines stored but never published (lost events), then a later one published, twice,
        // then an old one again.
        await b.store.appendLog(run.id, ['two', 'three']);
        const [fourth] = await log(b, run.id, 'four');
        await publishRunEvent(b.events, { type: 'log', runId: run.id, line: fourth });
        await publishRunEvent(b.events, { type: 'log', runId: run.id, line: first });
        await log(b, run.id, 'five');
        const rest: string[] = [];
        for (let i = 0; i < 4; i++) rest.push(((await lines.next()).value as RunLogLine).message);
        expect(rest).toEqual(['two', 'three', 'four', 'five']);
        await end(b, run.id);
        expect((await lines.next()).done).toBe(true);
      });

      it('gives the whole log of an ended run and ends, and stops waiting when aborted', async () => {
        const [a, b] = [await open(), await open()];
        const { run } = await b.store.create(makeRun());
        await log(b, run.id, 'a', 'b');
        await end(b, run.id);
        const all: string[] = [];
        for await (const line of followLogs({ store: a.store, events: a.events, runId: run.id })) all.push(line.message);
        expect(all).toEqual(['a', 'b']);

        const { run: live } = await b.store.create(makeRun());
        const controller = new AbortController();
        const waiting = followLogs({ store: a.store, events: a.events, runId: live.id, signal: controller.signal });
        const next = waiting.next();
        controller.abort();
        expect(await next).toEqual({ done: true, value: undefined });
      });
    });

    describe('followRun', () => {
      it('yields the run now, then each newer revision once, and ends at a final status', async () => {
        const [a, b] = [await open(), await open()];
        const { run } = await b.store.create(makeRun());
        const updates = followRun({ store: a.store, events: a.events, runId: run.id });
        expect((await updates.next()).value).toEqual(run);
        const labelled = await b.store.update(run.id, { statusLabel: 'building' });
        await publishRunEvent(b.events, { type: 'run', run: labelled });
        await publishRunEvent(b.events, { type: 'run', run: labelled });
        await publishRunEvent(b.events, { type: 'run', run });
        const ended = await end(b, run.id);
        expect((await updates.next()).value).toEqual(labelled);
        expect((await updates.next()).value).toEqual(ended);
        expect((await updates.next()).done).toBe(true);
      });
    });

    describe('followRuns', () => {
      it('yields run changes that match the filter', async () => {
        const [a, b] = [await open(), await open()];
        const controller = new AbortController();
        const changes = followRuns({ events: a.events, filter: { action: 'scale' }, signal: controller.signal });
        const first = changes.next();
        // The subscription is made on the first next(); publish until it has seen one.
        const scale = makeRun('scale');
        let got: IteratorResult<Run> | undefined;
        void first.then((r) => (got = r));
        while (!got) {
          await publishRunEvent(b.events, { type: 'run', run: makeRun('deploy') });
          await publishRunEvent(b.events, { type: 'run', run: scale });
          await new Promise((r) => setImmediate(r));
        }
        expect(got.value).toEqual(scale);
        controller.abort();
        expect((await changes.next()).done).toBe(true);
      });
    });
  });
}
