/**
 * The engine's dry runs, retries and waivers, over real stores and a real webhook receiver:
 * a dry run renders the invocation with every secret and secret input masked, and stores,
 * invokes and publishes nothing; a retry of a FAILURE run is a new run linked to it that reaches
 * the receiver with the first run's secret inputs; a waiver is valid for its duration from its
 * approval and for one execution only (expired: marked FAILURE, never used).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadActions } from '../../src/model/actions/load.ts';
import { MemoryPubSub } from '../../src/data/memory/MemoryPubSub.ts';
import { MemoryRunStore } from '../../src/data/memory/MemoryRunStore.ts';
import { newRun } from '../../src/data/run.ts';
import { RUN_CHANGES, type RunEvent } from '../../src/data/topics.ts';
import { ActionEngine } from '../../src/runs/engine.ts';
import { webhookInvoker } from '../../src/runs/invokers/webhook.ts';
import { useWaiver } from '../../src/runs/waivers.ts';
import { caller, makeCatalog, model, scaffoldAction, type Catalog } from './fixtures.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const SIGNING = 'whsec-dry-run-test';
const API_KEY = 'api-key-dry-7c6b5a4d';
const SECRET_INPUT = 'input-secret-9f8e7d6c';

let receiver: Receiver;
let catalog: Catalog;
beforeEach(async () => {
  receiver = await startReceiver(SIGNING);
  catalog = makeCatalog();
  await catalog.put({ blueprint: 'System', identifier: 'Checkout' });
});
afterEach(() => receiver.close());

async function setup() {
  const { actions } = loadActions([{ file: 'actions.json', text: JSON.stringify([scaffoldAction(receiver.url)]) }], model);
  const store = new MemoryRunStore();
  const events = new MemoryPubSub();
  const seen: RunEvent[] = [];
  await events.subscribe(RUN_CHANGES, (e) => seen.push(e));
  const engine = new ActionEngine({
    actions: () => actions,
    store,
    events,
    catalog: () => catalog.context,
    invokers: { WEBHOOK: webhookInvoker({ signingSecret: SIGNING, sleep: async () => undefined }) },
    secrets: () => ({ API_KEY }),
  });
  return { engine, store, seen };
}

const ann = caller('ann');

describe('dry runs', () => {
  it('renders the invocation with secrets and secret inputs masked, and stores, invokes and publishes nothing', async () => {
    const { engine, store, seen } = await setup();
    const result = await engine.execute({ action: 'scaffold', inputs: { name: 'cart', system: 'Checkout', token: SECRET_INPUT }, caller: ann, dryRun: true });
    expect(result.created).toBe(false);
    expect(result.dryRun?.invocation).toMatchObject({
      type: 'WEBHOOK',
      url: receiver.url,
      headers: { 'X-Api-Key': '***' },
      body: { name: 'cart', language: 'go', system: 'Checkout', token: '***', runId: result.run.id },
    });
    expect(result.run).toMatchObject({ action: 'scaffold', status: 'IN_PROGRESS', inputs: { name: 'cart', token: '***' } });
    const text = JSON.stringify(result);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(SECRET_INPUT);
    await engine.idle();
    expect((await store.list()).runs).toEqual([]);
    expect(receiver.received).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('refuses what the execution would refuse (inputs), creating nothing', async () => {
    const { engine, store } = await setup();
    await expect(engine.execute({ action: 'scaffold', inputs: { name: 'Not Valid' }, caller: ann, dryRun: true })).rejects.toMatchObject({ code: 'INVALID_INPUTS' });
    expect((await store.list()).runs).toEqual([]);
  });
});

describe('retries', () => {
  it('executes a FAILURE run again as a new run linked to it, with its secret inputs', async () => {
    const { engine, store } = await setup();
    receiver.script({ status: 400, body: 'no' });
    const { run: first } = await engine.execute({ action: 'scaffold', inputs: { name: 'cart', token: SECRET_INPUT }, caller: ann });
    await engine.idle();
    expect((await store.get(first.id))?.status).toBe('FAILURE');
    const { run: second, created } = await engine.retry({ runId: first.id, caller: ann });
    await engine.idle();
    expect(created).toBe(true);
    expect(second.id).not.toBe(first.id);
    expect(second.retryOf).toBe(first.id);
    expect(await store.get(second.id)).toMatchObject({ status: 'SUCCESS', retryOf: first.id });
    expect(receiver.received).toHaveLength(2);
    expect(JSON.parse(receiver.received[1].body)).toMatchObject({ name: 'cart', token: SECRET_INPUT, runId: second.id });
    expect((await store.logs(second.id)).map((l) => l.message)).toContain(`retry of run ${first.id}`);
    await expect(engine.retry({ runId: second.id, caller: ann })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('waivers', () => {
  /** A granted waiver: approved at `approvedAt`, valid for `seconds`. */
  async function granted(store: MemoryRunStore, approvedAt: string, seconds: number) {
    const asked = newRun({
      action: 'deploy',
      blueprint: 'Service',
      entity: 'cart',
      inputs: {},
      status: 'WAITING_FOR_APPROVAL',
      trigger: { by: { user: 'ann', teams: [], roles: [] }, at: approvedAt, operation: 'DAY-2' },
      requiredApproval: 'ANY',
    });
    const { run } = await store.create({ ...asked, waiver: { reason: 'hotfix', durationSeconds: seconds } });
    return store.update(run.id, { status: 'IN_PROGRESS', addApproval: { user: 'sre', decision: 'APPROVE', reason: null, at: approvedAt, satisfies: ['role:SRE'] } });
  }
  const use = (store: MemoryRunStore, now: string, consume = true) => useWaiver({ store, action: 'deploy', blueprint: 'Service', entity: 'cart', user: 'ann', usedBy: 'run_next', now: new Date(now), consume });

  it('lets one execution through within its duration, and only one', async () => {
    const store = new MemoryRunStore();
    const w = await granted(store, '2026-12-05T10:00:00.000Z', 3600);
    expect((await use(store, '2026-12-05T10:30:00.000Z', false))?.id).toBe(w.id); // a dry run only looks
    expect((await store.get(w.id))?.status).toBe('IN_PROGRESS');
    expect(await use(store, '2026-12-05T10:30:00.000Z')).toMatchObject({ id: w.id, status: 'SUCCESS', summary: 'used by run run_next' });
    expect(await use(store, '2026-12-05T10:31:00.000Z')).toBeUndefined();
  });

  it('is never used once expired, and is marked so', async () => {
    const store = new MemoryRunStore();
    const w = await granted(store, '2026-12-05T10:00:00.000Z', 3600);
    expect(await use(store, '2026-12-05T11:00:00.000Z')).toBeUndefined();
    expect(await store.get(w.id)).toMatchObject({ status: 'FAILURE', summary: 'expired unused at 2026-12-05T11:00:00.000Z' });
  });

  it('belongs to its asker, action and entity', async () => {
    const store = new MemoryRunStore();
    await granted(store, '2026-12-05T10:00:00.000Z', 3600);
    const other = (o: Partial<Parameters<typeof useWaiver>[0]>) => useWaiver({ store, action: 'deploy', blueprint: 'Service', entity: 'cart', user: 'ann', usedBy: 'x', now: new Date('2026-12-05T10:10:00.000Z'), consume: true, ...o });
    expect(await other({ user: 'bob' })).toBeUndefined();
    expect(await other({ entity: 'orders' })).toBeUndefined();
    expect(await other({ action: 'rollback' })).toBeUndefined();
  });
});
