/**
 * The ActionEngine end to end, over real stores and a real webhook receiver (signatures checked
 * with its own HMAC, calls counted per idempotency key): refusals create nothing and invoke
 * nothing; a run is stored before it is invoked; idempotency keys; approvals (ANY, ALL, decline,
 * self-approval, concurrent approvals) gate invocation; executors report with the run's token; a
 * report faster than the invoker finds what it kept before sending, and stands;
 * secrets and secret inputs reach the receiver and never the store, the logs or the events; and
 * two engines sharing Redis act as two replicas.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActionEngine, type EngineOptions } from '../../src/runs/engine.ts';
import { followLogs, followRun } from '../../src/runs/follow.ts';
import { upsertEntityInvoker } from '../../src/runs/invokers/upsertEntity.ts';
import { webhookInvoker } from '../../src/runs/invokers/webhook.ts';
import { loadActions } from '../../src/model/actions/load.ts';
import { MemoryPubSub } from '../../src/data/memory/MemoryPubSub.ts';
import { MemoryRunStore } from '../../src/data/memory/MemoryRunStore.ts';
import { RedisPubSub } from '../../src/data/redis/RedisPubSub.ts';
import { RedisRunStore } from '../../src/data/redis/RedisRunStore.ts';
import type { Run } from '../../src/data/run.ts';
import type { Invoker, UpstreamRunUpdate } from '../../src/data/Invoker.ts';
import { RUN_CHANGES, runTopic, type RunEvent } from '../../src/data/topics.ts';
import type { RunStore } from '../../src/data/RunStore.ts';
import { caller, lockAction, makeCatalog, model, scaffoldAction, scaleAction, type Catalog } from './fixtures.ts';
import { startReceiver, type Receiver } from './receiver.ts';
import { LatticeError } from '../../src/errors/index.ts';
import { testRedisUrl } from '../helpers/redis.ts';

const SIGNING = 'whsec-engine-test';
const API_KEY = 'api-key-0f9e8d7c6b5a';
const SECRET_INPUT = 'input-secret-5a4b3c2d';

let receiver: Receiver;
let catalog: Catalog;

beforeEach(async () => {
  receiver = await startReceiver(SIGNING);
  catalog = makeCatalog();
  await catalog.put({ blueprint: 'System', identifier: 'Checkout' }, { identifier: 'cart', team: ['payments'], properties: { language: 'go', namespace: 'shop' } }, { identifier: 'legacy', properties: { language: 'rust' } });
});
afterEach(() => receiver.close());

interface Setup {
  engine: ActionEngine;
  options: EngineOptions;
  store: RunStore;
  events: MemoryPubSub;
  seen: RunEvent[];
}

async function setup(definitions: Record<string, unknown>[], extra: Partial<EngineOptions> = {}): Promise<Setup> {
  const { actions } = loadActions([{ file: 'actions.json', text: JSON.stringify(definitions) }], model);
  const store = new MemoryRunStore();
  const events = new MemoryPubSub();
  const seen: RunEvent[] = [];
  await events.subscribe(RUN_CHANGES, (e) => seen.push(e));
  const options: EngineOptions = {
    actions: () => actions,
    store,
    events,
    catalog: () => catalog.context,
    invokers: {
      WEBHOOK: webhookInvoker({ signingSecret: SIGNING, sleep: async () => undefined }),
      UPSERT_ENTITY: upsertEntityInvoker({
        read: async (bp, id) => (await catalog.store.getMany(bp, [id]))[0],
        write: (input) => catalog.store.put([input]),
      }),
    },
    secrets: () => ({ API_KEY }),
    ...extra,
  };
  return { engine: new ActionEngine(options), options, store, events, seen };
}

async function refusal(p: Promise<unknown>): Promise<LatticeError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LatticeError);
  return err as LatticeError;
}

const ann = caller('ann', { teams: ['payments'] });
const sre1 = caller('sre1', { teams: ['sre'] });
const sre2 = caller('sre2', { teams: ['sre'] });

describe('execute', () => {
  it('refuses invalid inputs with JSON pointers, creating no run and invoking nothing', async () => {
    const { engine, store, seen } = await setup([scaleAction(receiver.url)]);
    const err = await refusal(engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 99, colour: 'red' }, caller: ann }));
    expect(err.code).toBe('INVALID_INPUTS');
    expect(err.toExtensions()).toMatchObject({
      code: 'INVALID_INPUTS',
      pointer: '/inputs/colour',
      problems: [
        { pointer: '/inputs/colour', message: 'unknown input "colour"' },
        { pointer: '/inputs/replicas', message: 'must be <= 50' },
      ],
    });
    await engine.idle();
    expect((await store.list()).runs).toEqual([]);
    expect(seen).toEqual([]);
    expect(receiver.received).toEqual([]);
  });

  it('refuses unknown actions and entities, missing or extra entities, conditions not met, and callers without permission', async () => {
    const guarded = scaleAction(receiver.url, {
      identifier: 'scaleGo',
      trigger: { ...(scaleAction('').trigger as object), condition: { type: 'SEARCH', combinator: 'and', rules: [{ property: 'language', operator: '=', value: 'go' }] } },
      permissions: { execute: { ownedByTeam: true } },
    });
    const { engine, store } = await setup([scaleAction(receiver.url), guarded, scaffoldAction(receiver.url)]);
    const reasons = async (p: Promise<unknown>) => [(await refusal(p)).code, (await refusal(p)).location?.pointer];
    expect(await reasons(engine.execute({ action: 'nope', inputs: {}, caller: ann }))).toEqual(['UNKNOWN_ACTION', '/action']);
    expect(await reasons(engine.execute({ action: 'scale', inputs: { replicas: 1 }, caller: ann }))).toEqual(['INVALID_ENTITY', '/entity']);
    expect(await reasons(engine.execute({ action: 'scale', entity: 'ghost', inputs: { replicas: 1 }, caller: ann }))).toEqual(['INVALID_ENTITY', '/entity']);
    expect(await reasons(engine.execute({ action: 'scaffold', entity: 'cart', inputs: { name: 'x' }, caller: ann }))).toEqual(['INVALID_ENTITY', '/entity']);
    expect(await reasons(engine.execute({ action: 'scaleGo', entity: 'cart', inputs: { replicas: 1 }, caller: caller('bob', { teams: ['sales'] }) }))).toEqual(['FORBIDDEN', undefined]);
    await catalog.put({ identifier: 'legacy', team: ['payments'], properties: { language: 'rust' } });
    expect(await reasons(engine.execute({ action: 'scaleGo', entity: 'legacy', inputs: { replicas: 1 }, caller: ann }))).toEqual(['INVALID_ENTITY', '/entity']);
    expect(await reasons(engine.execute({ action: 'scaffold', inputs: { name: 'x', system: 'Nowhere' }, caller: ann }))).toEqual(['INVALID_INPUTS', '/inputs/system']);
    await engine.idle();
    expect((await store.list()).runs).toEqual([]);
    expect(receiver.received).toEqual([]);
    const { run } = await engine.execute({ action: 'scaleGo', entity: 'cart', inputs: { replicas: 1 }, caller: ann });
    expect(run).toMatchObject({ blueprint: 'Service', entity: 'cart', status: 'IN_PROGRESS' });
  });

  it('runs a DAY-2 action that names no blueprint on no entity (Port allows one), and refuses an entity for it', async () => {
    const { blueprintIdentifier: _b, ...trigger } = scaleAction('').trigger as Record<string, unknown>;
    const loose = scaleAction(receiver.url, { identifier: 'scaleAny', trigger, invocationMethod: { type: 'WEBHOOK', url: receiver.url, synchronized: true, body: { entity: '{{ .entity.identifier }}', replicas: '{{ .inputs.replicas }}' } } });
    const { engine, store } = await setup([loose]);
    const refused = await refusal(engine.execute({ action: 'scaleAny', entity: 'cart', inputs: { replicas: 2 }, caller: ann }));
    expect([refused.code, refused.location?.pointer, refused.message]).toEqual(['INVALID_ENTITY', '/entity', 'action "scaleAny" is a DAY-2 action that names no blueprint: it runs on no entity']);
    expect((await store.list()).runs).toEqual([]);
    receiver.script({ status: 200, body: {} });
    const { run } = await engine.execute({ action: 'scaleAny', inputs: { replicas: 2 }, caller: ann });
    expect(run).toMatchObject({ blueprint: null, entity: null, trigger: { operation: 'DAY-2' } });
    await engine.idle();
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0].body)).toEqual({ entity: null, replicas: 2 });
    expect(await store.get(run.id)).toMatchObject({ status: 'SUCCESS' });
  });

  it('stores the run before invoking it, then records the synchronized answer, publishing every change in order', async () => {
    const { engine, store, events, seen } = await setup([scaleAction(`${receiver.url}/scale`)]);
    const atInvocation: (Run | undefined)[] = [];
    receiver.onRequest(async (r) => void atInvocation.push(await store.get(r.headers['idempotency-key'] as string)));
    receiver.script({ status: 200, body: { replicas: 4 } });
    const { run, created } = await engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 4 }, caller: ann });
    expect(created).toBe(true);
    expect(run).toMatchObject({ status: 'IN_PROGRESS', revision: 1, inputs: { replicas: 4 }, createdBy: 'ann', trigger: { by: ann, operation: 'DAY-2' } });
    const logs: RunEvent[] = [];
    await events.subscribe(runTopic(run.id), (e) => e.type === 'log' && logs.push(e));
    await engine.idle();
    expect(atInvocation).toEqual([run]);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].verified).toBe(true);
    expect(JSON.parse(receiver.received[0].body)).toEqual({ service: 'cart', replicas: 4 });
    const ended = await store.get(run.id);
    expect(ended).toMatchObject({ status: 'SUCCESS', summary: 'webhook answered 200', response: { replicas: 4 }, revision: 2 });
    expect(seen.map((e) => (e.type === 'run' ? `${e.run.revision} ${e.run.status}` : 'log'))).toEqual(['1 IN_PROGRESS', '2 SUCCESS']);
    expect((await store.logs(run.id)).map((l) => l.message)).toEqual(['invoking WEBHOOK', 'webhook POST attempt 1: 200']);
    expect(logs.map((e) => (e.type === 'log' ? e.line.cursor : 0))).toEqual([1, 2]);
  });

  it('ends the run FAILURE when the webhook fails for good', async () => {
    const { engine, store } = await setup([scaleAction(receiver.url)]);
    receiver.script({ status: 400, body: 'replicas too high for this cluster' });
    const { run } = await engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 40 }, caller: ann });
    await engine.idle();
    expect(await store.get(run.id)).toMatchObject({ status: 'FAILURE', summary: 'webhook answered 400 after 1 attempt', response: 'replicas too high for this cluster' });
  });

  it('returns the same run for a repeated idempotency key, even raced, and invokes once', async () => {
    const { engine, store } = await setup([scaleAction(receiver.url), scaffoldAction(receiver.url)]);
    const calls = await Promise.all(Array.from({ length: 5 }, () => engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 2 }, caller: ann, idempotencyKey: 'retry-1' })));
    const later = await engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 2 }, caller: ann, idempotencyKey: 'retry-1' });
    await engine.idle();
    const ids = new Set([...calls, later].map((c) => c.run.id));
    expect(ids.size).toBe(1);
    expect([...calls, later].filter((c) => c.created)).toHaveLength(1);
    expect(later.created).toBe(false);
    expect(receiver.callsPerKey).toEqual(new Map([[[...ids][0], 1]]));
    const bobs = await engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 2 }, caller: caller('bob'), idempotencyKey: 'retry-1' });
    expect(bobs.created).toBe(true);
    expect((await refusal(engine.execute({ action: 'scaffold', inputs: { name: 'x' }, caller: ann, idempotencyKey: 'retry-1' }))).code).toBe('RUN_CONFLICT');
    await engine.idle();
    expect((await store.list()).runs).toHaveLength(2);
  });

  it('refuses a reused idempotency key with other inputs or another entity: RUN_CONFLICT naming the key and the first run; same inputs (any key order) return it', async () => {
    const { engine, store } = await setup([scaleAction(receiver.url)]);
    const first = await engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 2 }, caller: ann, idempotencyKey: 'deploy-42' });
    for (const [entity, inputs, what] of [
      ['cart', { replicas: 3 }, 'other inputs'],
      ['cart', {}, 'other inputs'],
      ['legacy', { replicas: 2 }, 'entity "cart", not "legacy"'],
    ] as const) {
      const err = await refusal(engine.execute({ action: 'scale', entity, inputs, caller: ann, idempotencyKey: 'deploy-42' }));
      expect(err.code).toBe('RUN_CONFLICT');
      expect(err.message).toBe(`idempotency key "deploy-42" was used for run ${first.run.id} with ${what}: use a new key for a new request`);
      expect(err.details).toMatchObject({ idempotencyKey: 'deploy-42', runId: first.run.id });
    }
    const again = await engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 2 }, caller: ann, idempotencyKey: 'deploy-42' });
    expect(again).toMatchObject({ created: false, run: { id: first.run.id } });
    await engine.idle();
    expect((await store.list()).runs).toHaveLength(1);
  });
});

describe('approvals', () => {
  const runbook = () =>
    scaleAction(receiver.url, { identifier: 'runbook', title: 'Incident runbook', requiredApproval: { type: 'ALL' }, permissions: { approve: { users: ['sre1', 'sre2'] } } });

  it('ANY: waits without invoking, refuses non-approvers and self-approval, then runs on one approval', async () => {
    const { engine, store } = await setup([scaleAction(receiver.url, { requiredApproval: true, permissions: { approve: { teams: ['sre', 'payments'] } } })]);
    const { run } = await engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 3 }, caller: ann });
    expect(run.status).toBe('WAITING_FOR_APPROVAL');
    await engine.idle();
    expect(receiver.received).toEqual([]);
    expect((await refusal(engine.approve({ runId: run.id, caller: caller('bob') }))).code).toBe('FORBIDDEN');
    expect((await refusal(engine.approve({ runId: run.id, caller: ann }))).code).toBe('SELF_APPROVAL');
    const approved = await engine.approve({ runId: run.id, caller: sre1, reason: 'looks fine' });
    expect(approved).toMatchObject({ status: 'IN_PROGRESS', approvals: [{ user: 'sre1', decision: 'APPROVE', reason: 'looks fine', satisfies: ['team:sre'] }] });
    await engine.idle();
    expect(receiver.callsPerKey.get(run.id)).toBe(1);
    expect((await store.get(run.id))?.status).toBe('SUCCESS');
  });

  it('ALL: an incident runbook waits for both SREs; a decline with a reason ends it DECLINED, never invoked', async () => {
    const { engine, store } = await setup([runbook()]);
    const first = (await engine.execute({ action: 'runbook', entity: 'cart', inputs: { replicas: 0 }, caller: ann })).run;
    expect((await engine.approve({ runId: first.id, caller: sre1 })).status).toBe('WAITING_FOR_APPROVAL');
    await engine.idle();
    expect(receiver.received).toEqual([]);
    expect((await refusal(engine.approve({ runId: first.id, caller: sre1 }))).code).toBe('ALREADY_DECIDED');
    expect((await engine.approve({ runId: first.id, caller: sre2 })).status).toBe('IN_PROGRESS');
    await engine.idle();
    expect(receiver.callsPerKey.get(first.id)).toBe(1);

    const second = (await engine.execute({ action: 'runbook', entity: 'cart', inputs: { replicas: 0 }, caller: ann })).run;
    await engine.approve({ runId: second.id, caller: sre1 });
    expect((await refusal(engine.decline({ runId: second.id, caller: sre2, reason: '' }))).code).toBe('INVALID_INPUTS');
    const declined = await engine.decline({ runId: second.id, caller: sre2, reason: 'not during the incident review' });
    expect(declined).toMatchObject({ status: 'DECLINED', summary: 'declined by sre2: not during the incident review' });
    expect(declined.endedAt).not.toBeNull();
    expect((await refusal(engine.approve({ runId: second.id, caller: sre2 }))).code).toBe('ILLEGAL_TRANSITION');
    await engine.idle();
    expect(receiver.callsPerKey.has(second.id)).toBe(false);
    expect((await store.get(second.id))?.approvals.map((a) => a.decision)).toEqual(['APPROVE', 'DECLINE']);
  });

  it('ALL: two approvals at once both count, and the run is dispatched exactly once', async () => {
    const { engine, store } = await setup([runbook()]);
    const { run } = await engine.execute({ action: 'runbook', entity: 'cart', inputs: { replicas: 1 }, caller: ann });
    const results = await Promise.all([engine.approve({ runId: run.id, caller: sre1 }), engine.approve({ runId: run.id, caller: sre2 })]);
    expect(results.map((r) => r.status).sort()).toEqual(['IN_PROGRESS', 'WAITING_FOR_APPROVAL']);
    await engine.idle();
    expect(receiver.callsPerKey.get(run.id)).toBe(1);
    const stored = (await store.get(run.id)) as Run;
    expect(stored.status).toBe('SUCCESS');
    expect(stored.approvals.map((a) => a.user).sort()).toEqual(['sre1', 'sre2']);
  });

  it('lets the creator or an admin cancel a waiting run, and no one cancel an ended one', async () => {
    const { engine } = await setup([runbook()]);
    const { run } = await engine.execute({ action: 'runbook', entity: 'cart', inputs: { replicas: 1 }, caller: ann });
    expect((await refusal(engine.cancel({ runId: run.id, caller: sre1 }))).code).toBe('FORBIDDEN');
    expect(await engine.cancel({ runId: run.id, caller: ann, reason: 'wrong service' })).toMatchObject({ status: 'CANCELLED', summary: 'cancelled by ann: wrong service' });
    expect((await refusal(engine.cancel({ runId: run.id, caller: caller('root', { roles: ['Admin'] }) }))).code).toBe('ILLEGAL_TRANSITION');
    expect((await refusal(engine.approve({ runId: 'run_nope', caller: sre1 }))).code).toBe('RUN_NOT_FOUND');
  });
});

describe('executors', () => {
  const asyncScale = () => scaleAction(receiver.url, { invocationMethod: { type: 'WEBHOOK', url: receiver.url, body: { replicas: '{{ .inputs.replicas }}', report: '{{ .run.id }}' } } });

  it('report status, links and logs with the token they were given, ending the run', async () => {
    const { engine, store } = await setup([asyncScale()]);
    receiver.script({ status: 202 });
    const { run } = await engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 5 }, caller: ann });
    await engine.idle();
    expect((await store.get(run.id))?.status).toBe('IN_PROGRESS');
    const token = receiver.received[0].headers['x-lattice-run-token'] as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await refusal(engine.report({ runId: run.id, token: 'forged', statusLabel: 'x' }))).code).toBe('FORBIDDEN');
    expect((await refusal(engine.report({ runId: run.id, token, status: 'DECLINED' }))).code).toBe('FORBIDDEN');
    expect(await engine.report({ runId: run.id, token, statusLabel: 'rolling out', links: ['https://argo/cart'] })).toMatchObject({ status: 'IN_PROGRESS', statusLabel: 'rolling out', links: ['https://argo/cart'] });
    await engine.appendLog({ runId: run.id, token, message: 'scaled to 5' });
    const { line, run: ended } = await engine.appendLog({ runId: run.id, token, message: 'all pods ready', terminationStatus: 'SUCCESS' });
    expect(line.message).toBe('all pods ready');
    expect(ended.status).toBe('SUCCESS');
    expect((await store.logs(run.id)).map((l) => l.message)).toEqual(['invoking WEBHOOK', 'webhook POST attempt 1: 202', 'scaled to 5', 'all pods ready']);
    expect((await refusal(engine.appendLog({ runId: run.id, token, message: 'late' }))).code).toBe('ILLEGAL_TRANSITION');
    expect((await refusal(engine.report({ runId: run.id, token, status: 'FAILURE' }))).code).toBe('ILLEGAL_TRANSITION');
  });

  it('ends runs FAILURE when no invoker is registered for the method, or a template fails', async () => {
    const github = scaleAction('', { identifier: 'gh', invocationMethod: { type: 'GITHUB', org: 'acme', repo: 'ops', workflow: 'scale.yml' } });
    const broken = scaleAction(receiver.url, { identifier: 'broken', invocationMethod: { type: 'WEBHOOK', url: receiver.url, headers: { 'X-Key': '{{ .secrets.API_KEY | tonumber }}' } } });
    const { engine, store } = await setup([github, broken]);
    const a = (await engine.execute({ action: 'gh', entity: 'cart', inputs: { replicas: 1 }, caller: ann })).run;
    const b = (await engine.execute({ action: 'broken', entity: 'cart', inputs: { replicas: 1 }, caller: ann })).run;
    await engine.idle();
    expect(await store.get(a.id)).toMatchObject({ status: 'FAILURE', summary: 'no invoker is registered for GITHUB actions' });
    const failed = (await store.get(b.id)) as Run;
    expect(failed.status).toBe('FAILURE');
    expect(failed.summary).toMatch(/^template at \/invocationMethod\/headers\/X-Key: .*\*\*\*/);
    expect(JSON.stringify(failed)).not.toContain(API_KEY);
    expect(receiver.received).toEqual([]);
  });

  it('a run that succeeds refreshes its blueprint\'s sources before it is stored SUCCESS; a failed one does not; a refresh that fails is reported, the run still ends', async () => {
    const refreshed: { blueprint: string; statusThen: string | undefined }[] = [];
    const errors: unknown[] = [];
    let failRefresh = false;
    let reporting = '';
    const s = await setup([asyncScale()], {
      refresh: async (blueprint) => {
        refreshed.push({ blueprint, statusThen: (await s.store.get(reporting))?.status });
        if (failRefresh) throw new Error('redis down');
      },
      onError: (err) => errors.push(err),
    });
    receiver.script({ status: 202 });
    const execute = async () => {
      const { run } = await s.engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 2 }, caller: ann });
      reporting = run.id;
      return run;
    };
    const failed = await execute();
    await s.engine.idle();
    await s.engine.report({ runId: failed.id, token: receiver.received.at(-1)?.headers['x-lattice-run-token'] as string, status: 'FAILURE' });
    expect(refreshed).toEqual([]);
    const ok = await execute();
    await s.engine.idle();
    await s.engine.report({ runId: ok.id, token: receiver.received.at(-1)?.headers['x-lattice-run-token'] as string, status: 'SUCCESS' });
    // Called once, with the entity's blueprint, while the run was still IN_PROGRESS in the store.
    expect(refreshed).toEqual([{ blueprint: 'Service', statusThen: 'IN_PROGRESS' }]);
    failRefresh = true;
    const third = await execute();
    await s.engine.idle();
    expect(await s.engine.report({ runId: third.id, token: receiver.received.at(-1)?.headers['x-lattice-run-token'] as string, status: 'SUCCESS' })).toMatchObject({ status: 'SUCCESS' });
    expect(errors.map((e) => (e as Error).message)).toEqual(['redis down']);
  });

  describe('a backend that reports (a webhook) before its invoker returns', () => {
    const followed = scaleAction('', { identifier: 'gh', invocationMethod: { type: 'GITHUB', org: 'acme', repo: 'ops', workflow: 'scale.yml', workflowInputs: { key: '{{ .secrets.API_KEY }}' }, reportWorkflowStatus: true } });
    /** A GITHUB stand-in: keeps (or not) what it sends, then the upstream's report lands before it returns. */
    function invoker(engine: () => ActionEngine, options: { keep: boolean; report: Omit<UpstreamRunUpdate, 'runId' | 'reject'> }): Invoker {
      return async (ctx) => {
        if (options.keep) await ctx.keep({ sent: ctx.method });
        const seen = await engine().followUpstream({ runId: ctx.run.id, ...options.report, reject: (run) => (run.response === null ? 'the run has no record of a workflow dispatch' : undefined) });
        reports.push(seen);
        return { kind: 'accepted', statusLabel: 'workflow dispatched', links: ['https://github.com/acme/ops/actions/workflows/scale.yml'] };
      };
    }
    let reports: ({ run: Run } | { ignored: string })[];
    beforeEach(() => void (reports = []));

    async function runWith(options: Parameters<typeof invoker>[1]): Promise<Run> {
      const s = await setup([followed], { invokers: { GITHUB: invoker(() => s.engine, options) } });
      const { engine } = s;
      const { run } = await engine.execute({ action: 'gh', entity: 'cart', inputs: { replicas: 1 }, caller: ann });
      await engine.idle();
      return (await s.store.get(run.id)) as Run;
    }

    it('the record kept before sending is there for the report, masked; a report that ended the run stands', async () => {
      const run = await runWith({ keep: true, report: { status: 'SUCCESS', statusLabel: 'workflow success' } });
      expect(reports).toEqual([{ run: expect.objectContaining({ status: 'SUCCESS' }) }]);
      expect(run).toMatchObject({ status: 'SUCCESS', statusLabel: 'workflow success', response: { sent: { workflowInputs: { key: '***' } } } });
      expect(JSON.stringify(run)).not.toContain(API_KEY);
    });

    it('a progress report that came first is not overwritten by the invoker\'s accepted outcome', async () => {
      const run = await runWith({ keep: true, report: { statusLabel: 'workflow in_progress', links: ['https://github.com/acme/ops/actions/runs/7'] } });
      expect(run).toMatchObject({ status: 'IN_PROGRESS', statusLabel: 'workflow in_progress', links: ['https://github.com/acme/ops/actions/runs/7'] });
    });

    it('without keep, the early report has nothing to be checked against and is ignored (the race keep closes)', async () => {
      const run = await runWith({ keep: false, report: { status: 'SUCCESS', statusLabel: 'workflow success' } });
      expect(reports).toEqual([{ ignored: `run ${run.id}: the run has no record of a workflow dispatch` }]);
      expect(run).toMatchObject({ status: 'IN_PROGRESS', statusLabel: 'workflow dispatched' });
    });
  });

  it('UPSERT_ENTITY writes the mapped entity into the catalog and ends SUCCESS', async () => {
    const { engine, store } = await setup([lockAction()]);
    const { run } = await engine.execute({ action: 'lock', entity: 'cart', inputs: { reason: 'release freeze' }, caller: ann });
    await engine.idle();
    expect(await store.get(run.id)).toMatchObject({ status: 'SUCCESS', summary: 'updated Service "cart"', inputs: { reason: 'release freeze', hours: 24 } });
    const [cart] = await catalog.store.getMany('Service', ['cart']);
    expect(cart?.properties).toMatchObject({ namespace: 'shop', language: 'go', locked: true, lockedReason: 'release freeze', lockedUntil: new Date(Math.floor(Date.parse(run.createdAt) / 1000) * 1000 + 24 * 3600_000).toISOString().replace('.000Z', 'Z') });
  });
});

describe('secrets', () => {
  it('reach the receiver, and never the stored run, its logs or the events — also after an approval', async () => {
    const scaffold = scaffoldAction(receiver.url, { requiredApproval: true, permissions: { approve: { users: ['sre1'] } } });
    const { engine, store, events, seen } = await setup([scaffold]);
    const logged: RunEvent[] = [];
    const { run } = await engine.execute({ action: 'scaffold', inputs: { name: 'cart', system: 'Checkout', token: SECRET_INPUT }, caller: ann });
    await events.subscribe(runTopic(run.id), (e) => logged.push(e));
    await engine.approve({ runId: run.id, caller: sre1 });
    await engine.idle();
    const [r] = receiver.received;
    expect(r.headers['x-api-key']).toBe(API_KEY);
    expect(JSON.parse(r.body)).toMatchObject({ name: 'cart', system: 'Checkout', token: SECRET_INPUT, runId: run.id });
    const stored = (await store.get(run.id)) as Run;
    expect(stored.status).toBe('SUCCESS');
    expect(stored.inputs).toEqual({ name: 'cart', language: 'go', system: 'Checkout', token: '***' });
    expect(stored.sealedInputs).toMatch(/^v1\./);
    expect(logged.filter((e) => e.type === 'log')).toHaveLength(2);
    const everything = JSON.stringify([stored, await store.logs(run.id), seen, logged]);
    for (const secret of [API_KEY, SECRET_INPUT, r.headers['x-lattice-run-token'] as string]) expect(everything).not.toContain(secret);
  });

  it('cannot open sealed inputs with another key: the run fails instead of leaking or sending "***"', async () => {
    const definitions = [scaffoldAction(receiver.url, { requiredApproval: true, permissions: { approve: { users: ['sre1'] } } })];
    const first = await setup(definitions, { secretKey: randomBytes(32) });
    const { run } = await first.engine.execute({ action: 'scaffold', inputs: { name: 'cart', token: SECRET_INPUT }, caller: ann });
    const other = new ActionEngine({ ...first.options, secretKey: randomBytes(32) });
    await other.approve({ runId: run.id, caller: sre1 });
    await other.idle();
    expect(await first.store.get(run.id)).toMatchObject({ status: 'FAILURE', summary: expect.stringMatching(/cannot open the run's secret inputs/) });
    expect(receiver.received).toEqual([]);
  });

  it('refuses a secret key shorter than 32 bytes', () => {
    expect(() => new ActionEngine({ actions: () => ({ actions: [], get: () => undefined }), store: new MemoryRunStore(), events: new MemoryPubSub(), catalog: () => catalog.context, invokers: {}, secretKey: randomBytes(16) })).toThrow(
      /at least 32 bytes/,
    );
  });
});

describe('two replicas over Redis', () => {
  const URL = testRedisUrl();
  const PREFIX = `lattice-test:${randomUUID()}:`;
  const closers: (() => Promise<void>)[] = [];

  afterAll(async () => {
    const raw = new Redis(URL);
    const store = await RedisRunStore.connect(URL, PREFIX);
    await store.clear();
    await store.close();
    for (const close of closers) await close();
    const left = await raw.keys(`${PREFIX}*`);
    await raw.quit();
    expect(left).toEqual([]);
  });

  async function replica(actions: ReturnType<typeof loadActions>['actions'], secretKey: Uint8Array) {
    const store = await RedisRunStore.connect(URL, PREFIX);
    const events = await RedisPubSub.connect(URL, PREFIX);
    closers.push(() => store.close(), () => events.close());
    const engine = new ActionEngine({ actions: () => actions, store, events, catalog: () => catalog.context, invokers: { WEBHOOK: webhookInvoker({ signingSecret: SIGNING }) }, secretKey, secrets: () => ({ API_KEY }) });
    return { engine, store, events };
  }

  it('a subscriber on A sees every status change and log line of a run executed on B and reported through A, in order', async () => {
    const { actions } = loadActions([{ file: 'a.json', text: JSON.stringify([scaleAction(receiver.url, { requiredApproval: true, permissions: { approve: { users: ['sre1'] } }, invocationMethod: { type: 'WEBHOOK', url: receiver.url } })]) }], model);
    const key = randomBytes(32);
    const a = await replica(actions, key);
    const b = await replica(actions, key);
    receiver.script({ status: 202 });

    const { run } = await b.engine.execute({ action: 'scale', entity: 'cart', inputs: { replicas: 6 }, caller: ann });
    const show = (r: Run) => `${r.revision} ${r.status}${r.statusLabel ? ` ${r.statusLabel}` : ''}`;
    const updates = followRun({ store: a.store, events: a.events, runId: run.id });
    // The follower starts from the run as it is: let it read it before anything changes.
    const first = await updates.next();
    const statuses = (async () => {
      const out = [show(first.value as Run)];
      for await (const r of updates) out.push(show(r));
      return out;
    })();
    const lines = (async () => {
      const out: string[] = [];
      for await (const l of followLogs({ store: a.store, events: a.events, runId: run.id })) out.push(`${l.cursor} ${l.message}`);
      return out;
    })();

    await b.engine.approve({ runId: run.id, caller: sre1 });
    await b.engine.idle();
    const token = receiver.received[0].headers['x-lattice-run-token'] as string;
    await a.engine.report({ runId: run.id, token, statusLabel: 'scaling' });
    for (let i = 1; i <= 20; i++) await a.engine.appendLog({ runId: run.id, token, message: `pod ${i} ready` });
    await a.engine.appendLog({ runId: run.id, token, message: 'done', terminationStatus: 'SUCCESS' });

    expect(await statuses).toEqual(['1 WAITING_FOR_APPROVAL', '2 IN_PROGRESS', '3 IN_PROGRESS scaling', '4 SUCCESS scaling']);
    expect(await lines).toEqual(['1 invoking WEBHOOK', '2 webhook POST attempt 1: 202', ...Array.from({ length: 20 }, (_, i) => `${i + 3} pod ${i + 1} ready`), '23 done']);
    expect(receiver.callsPerKey.get(run.id)).toBe(1);
    expect(receiver.received[0].verified).toBe(true);
  });
});
