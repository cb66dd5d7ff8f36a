/**
 * The RunStore contract: one suite that every run store must pass (see src/runs/RunStore.ts).
 * memoryRunStore.test.ts and redisRunStore.test.ts call it with their store.
 *
 * `makeStore` opens a store on this test's data. Called twice in one test it must give two handles
 * on the same data: two connections for Redis (as two replicas would have); the same object for
 * the in-process store. `cleanup` runs after each test: it closes what `makeStore` opened and
 * wipes the data. Concurrency tests spread their calls over two handles.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newRun, type Approval, type Run } from '../../src/data/run.ts';
import type { RunStore } from '../../src/data/RunStore.ts';
import { LatticeError } from '../../src/errors/index.ts';

const BASE = Date.parse('2031-01-01T00:00:00.000Z');
let clock = 0;

/** A run created one millisecond after the previous one (so "newest first" is predictable). */
function makeRun(overrides: { action?: string; entity?: string | null; blueprint?: string | null; user?: string; idempotencyKey?: string | null; status?: 'WAITING_FOR_APPROVAL' | 'IN_PROGRESS' } = {}): Run {
  const at = new Date(BASE + clock++).toISOString();
  return newRun({
    action: overrides.action ?? 'deploy',
    blueprint: overrides.blueprint === undefined ? (overrides.entity ? 'Service' : null) : overrides.blueprint,
    entity: overrides.entity ?? null,
    inputs: { n: 1 },
    status: overrides.status ?? 'IN_PROGRESS',
    trigger: { by: { user: overrides.user ?? 'ann', teams: ['t'], roles: ['Member'] }, at, operation: 'DAY-2' },
    requiredApproval: overrides.status === 'WAITING_FOR_APPROVAL' ? 'ALL' : null,
    idempotencyKey: overrides.idempotencyKey ?? null,
    executorTokenHash: 'ab'.repeat(32),
  });
}

async function reasonOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeError);
    return (err as LatticeError).code;
  }
  return undefined;
}

const ids = (runs: readonly Run[]) => runs.map((r) => r.id);

export function runStoreContract(name: string, makeStore: () => Promise<RunStore>, cleanup: () => Promise<void>) {
  describe(`${name} (RunStore contract)`, () => {
    afterEach(cleanup);

    describe('create and get', () => {
      it('persists a run and gets it back as created; an unknown id gives undefined', async () => {
        const store = await makeStore();
        const run = makeRun({ entity: 'cart' });
        const { run: created, created: isNew } = await store.create(run);
        expect(isNew).toBe(true);
        expect(created).toEqual(run);
        expect(await store.get(run.id)).toEqual(run);
        expect(await (await makeStore()).get(run.id)).toEqual(run);
        expect(await store.get('run_nope')).toBeUndefined();
      });

      it('hands out frozen values: what a caller got cannot change what is stored', async () => {
        const store = await makeStore();
        const { run } = await store.create(makeRun());
        expect(() => ((run.inputs as Record<string, unknown>).n = 2)).toThrow(TypeError);
        const got = (await store.get(run.id)) as Run;
        expect(() => (got as { status: string }).status = 'SUCCESS').toThrow(TypeError);
        expect((await store.get(run.id))?.status).toBe('IN_PROGRESS');
      });

      it('refuses a second run with an id already used', async () => {
        const store = await makeStore();
        const run = makeRun();
        await store.create(run);
        expect(await reasonOf(store.create({ ...run, action: 'other' }))).toBe('RUN_CONFLICT');
        expect((await store.get(run.id))?.action).toBe('deploy');
      });
    });

    describe('idempotency keys', () => {
      it('give the first run back to the same user, and are separate per user', async () => {
        const store = await makeStore();
        const first = await store.create(makeRun({ idempotencyKey: 'k1' }));
        const again = await store.create(makeRun({ idempotencyKey: 'k1' }));
        expect(again).toEqual({ run: first.run, created: false });
        const other = await store.create(makeRun({ idempotencyKey: 'k1', user: 'bob' }));
        expect(other.created).toBe(true);
        expect(other.run.id).not.toBe(first.run.id);
        expect(await store.findByIdempotencyKey('ann', 'k1')).toEqual(first.run);
        expect(await store.findByIdempotencyKey('bob', 'k1')).toEqual(other.run);
        expect(await store.findByIdempotencyKey('ann', 'k2')).toBeUndefined();
        expect(ids((await store.list()).runs).sort()).toEqual([first.run.id, other.run.id].sort());
      });

      it('create exactly one run when many calls with one key race on two handles', async () => {
        const stores = [await makeStore(), await makeStore()];
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2].create(makeRun({ idempotencyKey: 'race' }))));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.run.id)).size).toBe(1);
        expect((await stores[0].list()).runs).toHaveLength(1);
      });
    });

    describe('list', () => {
      it('lists newest first and filters by action, entity, blueprint, status and user', async () => {
        const store = await makeStore();
        const a = (await store.create(makeRun({ action: 'deploy', entity: 'cart', user: 'ann' }))).run;
        const b = (await store.create(makeRun({ action: 'deploy', entity: 'shop', user: 'bob' }))).run;
        const c = (await store.create(makeRun({ action: 'scale', entity: 'cart', user: 'ann', status: 'WAITING_FOR_APPROVAL' }))).run;
        const d = (await store.create(makeRun({ action: 'scaffold', entity: null, user: 'bob' }))).run;
        const e = (await store.create(makeRun({ action: 'scale', entity: 'cart', blueprint: 'Database', user: 'cy' }))).run;
        expect(ids((await store.list()).runs)).toEqual(ids([e, d, c, b, a]));
        expect(ids((await store.list({ action: 'deploy' })).runs)).toEqual(ids([b, a]));
        expect(ids((await store.list({ entity: 'cart' })).runs)).toEqual(ids([e, c, a]));
        expect(ids((await store.list({ entity: 'cart', blueprint: 'Service' })).runs)).toEqual(ids([c, a]));
        expect(ids((await store.list({ status: 'WAITING_FOR_APPROVAL' })).runs)).toEqual(ids([c]));
        expect(ids((await store.list({ user: 'bob' })).runs)).toEqual(ids([d, b]));
        expect(ids((await store.list({ action: 'scale', user: 'ann', status: 'WAITING_FOR_APPROVAL', entity: 'cart' })).runs)).toEqual(ids([c]));
        expect((await store.list({ action: 'nothing' })).runs).toEqual([]);
      });

      it('pages with first/after: every run exactly once, in order, and says when there is more', async () => {
        const store = await makeStore();
        const created: Run[] = [];
        for (let i = 0; i < 10; i++) created.push((await store.create(makeRun({ action: i % 2 ? 'odd' : 'even' }))).run);
        const seen: string[] = [];
        let after: string | null = null;
        let pages = 0;
        for (;;) {
          const page = await store.list({}, { first: 3, after });
          pages++;
          seen.push(...ids(page.runs));
          expect(page.endCursor).toBe(page.runs.at(-1)?.id ?? null);
          if (!page.hasNextPage) break;
          after = page.endCursor;
        }
        expect(pages).toBe(4);
        expect(seen).toEqual(ids([...created].reverse()));
        const even = await store.list({ action: 'even' }, { first: 2, after: created[8].id });
        expect(ids(even.runs)).toEqual(ids([created[6], created[4]]));
        expect(even.hasNextPage).toBe(true);
        expect(await store.list({}, { after: created[0].id })).toEqual({ runs: [], endCursor: null, hasNextPage: false });
        const exact = await store.list({}, { first: 10 });
        expect(exact.hasNextPage).toBe(false);
      });

      it('finds rare runs among many, and follows status changes', async () => {
        const store = await makeStore();
        const rare: Run[] = [];
        for (let i = 0; i < 260; i++) {
          const { run } = await store.create(makeRun({ action: i % 50 === 7 ? 'rare' : 'common', user: i % 50 === 7 ? 'ann' : 'bob' }));
          if (run.action === 'rare') rare.push(run);
        }
        // Two criteria: whichever index a store scans, the far-apart matches are all found.
        const page = await store.list({ action: 'rare', user: 'ann' }, { first: 4 });
        expect(ids(page.runs)).toEqual(ids([...rare].reverse().slice(0, 4)));
        expect(page.hasNextPage).toBe(true);
        const rest = await store.list({ action: 'rare', user: 'ann' }, { first: 4, after: page.endCursor });
        expect(ids(rest.runs)).toEqual(ids([...rare].reverse().slice(4)));
        expect(rest.hasNextPage).toBe(false);
        await store.update(rare[0].id, { status: 'SUCCESS' });
        expect(ids((await store.list({ status: 'SUCCESS' })).runs)).toEqual([rare[0].id]);
        expect((await store.list({ status: 'IN_PROGRESS', action: 'rare' })).runs).toHaveLength(rare.length - 1);
      });
    });

    describe('update', () => {
      it('applies a change at the next revision, and every handle sees it', async () => {
        const store = await makeStore();
        const { run } = await store.create(makeRun());
        const next = await store.update(run.id, { statusLabel: 'deploying', addLinks: ['https://ci/1'] });
        expect(next).toMatchObject({ revision: 2, statusLabel: 'deploying', links: ['https://ci/1'], status: 'IN_PROGRESS' });
        const ended = await store.update(run.id, { expectStatus: 'IN_PROGRESS', status: 'SUCCESS', summary: 'ok' });
        expect(ended).toMatchObject({ revision: 3, status: 'SUCCESS', summary: 'ok' });
        expect(ended.endedAt).not.toBeNull();
        expect(await (await makeStore()).get(run.id)).toEqual(ended);
      });

      it('refuses unknown runs, illegal transitions, changes to ended runs and stale expectations, leaving the run as it was', async () => {
        const store = await makeStore();
        const { run } = await store.create(makeRun({ status: 'WAITING_FOR_APPROVAL' }));
        expect(await reasonOf(store.update('run_nope', { status: 'SUCCESS' }))).toBe('RUN_NOT_FOUND');
        expect(await reasonOf(store.update(run.id, { status: 'SUCCESS' }))).toBe('ILLEGAL_TRANSITION');
        expect(await reasonOf(store.update(run.id, { expectStatus: 'IN_PROGRESS', status: 'CANCELLED' }))).toBe('RUN_CONFLICT');
        expect(await reasonOf(store.update(run.id, { expectRevision: 7, statusLabel: 'x' }))).toBe('RUN_CONFLICT');
        expect(await store.get(run.id)).toEqual(run);
        await store.update(run.id, { status: 'DECLINED' });
        expect(await reasonOf(store.update(run.id, { statusLabel: 'late' }))).toBe('ILLEGAL_TRANSITION');
        expect((await store.get(run.id))?.statusLabel).toBeNull();
      });

      it('lets exactly one of many racing transitions win (compare-and-set on the status)', async () => {
        const stores = [await makeStore(), await makeStore()];
        const { run } = await stores[0].create(makeRun());
        const outcomes = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            stores[i % 2].update(run.id, { expectStatus: 'IN_PROGRESS', status: i % 3 ? 'SUCCESS' : 'FAILURE', summary: `writer ${i}` }).then(
              (r) => ({ won: r }),
              (err: unknown) => ({ err: (err as LatticeError).code }),
            ),
          ),
        );
        const winners = outcomes.flatMap((o) => ('won' in o ? [o.won] : []));
        expect(winners).toHaveLength(1);
        expect(outcomes.flatMap((o) => ('err' in o ? [o.err] : []))).toEqual(Array(11).fill('RUN_CONFLICT'));
        const stored = await stores[1].get(run.id);
        expect(stored).toEqual(winners[0]);
        expect(stored?.revision).toBe(2);
      });

      it('lets exactly one of many updates pinned to one revision win', async () => {
        const stores = [await makeStore(), await makeStore()];
        const { run } = await stores[0].create(makeRun());
        const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => stores[i % 2].update(run.id, { expectRevision: 1, statusLabel: `label ${i}` })));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect((await stores[0].get(run.id))?.revision).toBe(2);
      });

      it('never loses an update: concurrent approvals are all kept', async () => {
        const stores = [await makeStore(), await makeStore()];
        const { run } = await stores[0].create(makeRun({ status: 'WAITING_FOR_APPROVAL' }));
        const approval = (i: number): Approval => ({ user: `u${i}`, decision: 'APPROVE', reason: null, at: new Date(BASE).toISOString(), satisfies: [`user:u${i}`] });
        await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2].update(run.id, { expectStatus: 'WAITING_FOR_APPROVAL', addApproval: approval(i) })));
        const stored = (await stores[1].get(run.id)) as Run;
        expect(stored.revision).toBe(21);
        expect(stored.approvals.map((a) => a.user).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `u${i}`).sort());
      });
    });

    describe('logs', () => {
      it('numbers lines 1, 2, 3… per run and reads them after a cursor', async () => {
        const store = await makeStore();
        const { run } = await store.create(makeRun());
        const { run: other } = await store.create(makeRun());
        expect((await store.appendLog(run.id, ['one', 'two'])).map((l) => [l.cursor, l.message])).toEqual([
          [1, 'one'],
          [2, 'two'],
        ]);
        expect((await store.appendLog(run.id, ['three'])).map((l) => l.cursor)).toEqual([3]);
        expect((await store.appendLog(other.id, ['elsewhere'])).map((l) => l.cursor)).toEqual([1]);
        expect(await store.appendLog(run.id, [])).toEqual([]);
        const all = await store.logs(run.id);
        expect(all.map((l) => [l.cursor, l.message])).toEqual([
          [1, 'one'],
          [2, 'two'],
          [3, 'three'],
        ]);
        expect(typeof all[0].at).toBe('string');
        expect((await store.logs(run.id, { after: 1 })).map((l) => l.message)).toEqual(['two', 'three']);
        expect((await store.logs(run.id, { after: 1, limit: 1 })).map((l) => l.cursor)).toEqual([2]);
        expect(await store.logs(run.id, { after: 3 })).toEqual([]);
        expect(await (await makeStore()).logs(run.id, { after: 2 })).toEqual([all[2]]);
      });

      it('gives concurrent appends from two handles distinct cursors with no gap, each batch contiguous', async () => {
        const stores = [await makeStore(), await makeStore()];
        const { run } = await stores[0].create(makeRun());
        const batches = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2].appendLog(run.id, [`${i}.a`, `${i}.b`])));
        for (const [a, b] of batches) {
          expect(b.cursor).toBe(a.cursor + 1);
          expect(b.message.split('.')[0]).toBe(a.message.split('.')[0]);
        }
        const lines = await stores[1].logs(run.id);
        expect(lines.map((l) => l.cursor)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
        expect(lines.map((l) => l.message).sort()).toEqual(batches.flat().map((l) => l.message).sort());
        expect(new Set(lines.map((l) => l.message)).size).toBe(80);
        for (const batch of batches) for (const line of batch) expect(lines[line.cursor - 1].message).toBe(line.message);
      });

      it('refuses lines for an unknown run and reads none', async () => {
        const store = await makeStore();
        expect(await reasonOf(store.appendLog('run_nope', ['x']))).toBe('RUN_NOT_FOUND');
        expect(await store.logs('run_nope')).toEqual([]);
      });
    });
  });
}
