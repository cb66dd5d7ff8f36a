/**
 * A run whose action uses `.secrets.NAME` while the gateway has no LATTICE_SECRET_NAME fails
 * before anything is called, and its summary names the variable to set (it used to call the URL
 * "null" and fail with `invalid URL null`). Secrets that are set are never named or shown.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryPubSub } from '../../src/data/memory/MemoryPubSub.ts';
import { MemoryRunStore } from '../../src/data/memory/MemoryRunStore.ts';
import type { Run } from '../../src/data/run.ts';
import { loadActions } from '../../src/model/actions/load.ts';
import { missingSecrets, secretsUsed } from '../../src/model/actions/invocation.ts';
import { ActionEngine } from '../../src/runs/engine.ts';
import { webhookInvoker } from '../../src/runs/invokers/webhook.ts';
import { caller, makeCatalog, model, scaffoldAction } from './fixtures.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const SIGNING = 'whsec-missing-secret';
const API_KEY = 'api-key-7c6b5a4f3e2d';

let receiver: Receiver;
beforeEach(async () => (receiver = await startReceiver(SIGNING)));
afterEach(() => receiver.close());

function engineWith(definition: Record<string, unknown>, secrets: Record<string, string>) {
  const { actions } = loadActions([{ file: 'actions.json', text: JSON.stringify([definition]) }], model);
  const store = new MemoryRunStore();
  const catalog = makeCatalog();
  const engine = new ActionEngine({
    actions: () => actions,
    store,
    events: new MemoryPubSub(),
    catalog: () => catalog.context,
    invokers: { WEBHOOK: webhookInvoker({ signingSecret: SIGNING, sleep: async () => undefined }) },
    secrets: () => secrets,
  });
  return { engine, store, action: actions.get(String(definition.identifier)) };
}

describe('missing action secrets', () => {
  const definition = scaffoldAction('{{ .secrets.PROVISIONER_URL }}', {});
  const withUrlSecret = { ...definition, invocationMethod: { ...(definition.invocationMethod as object), url: '{{ .secrets.PROVISIONER_URL }}/jobs', headers: { 'X-Api-Key': '{{ .secrets["API_KEY"] }}' } } };

  it('finds every secret a method names, in each spelling', () => {
    const { action } = engineWith(withUrlSecret, {});
    expect(secretsUsed(action!)).toEqual(['API_KEY', 'PROVISIONER_URL']);
    expect(missingSecrets(action!, { API_KEY })).toEqual(['PROVISIONER_URL']);
    expect(missingSecrets(action!, { API_KEY, PROVISIONER_URL: receiver.url })).toEqual([]);
  });

  it('fails the run naming LATTICE_SECRET_<NAME>, calls nothing, and shows no secret that is set', async () => {
    const { engine, store } = engineWith(withUrlSecret, { API_KEY });
    const { run } = await engine.execute({ action: 'scaffold', inputs: { name: 'orders-db' }, caller: caller('ann@example.com') });
    await engine.idle();
    const failed = (await store.get(run.id)) as Run;
    expect(failed.status).toBe('FAILURE');
    expect(failed.summary).toBe('action "scaffold" uses .secrets.PROVISIONER_URL: set LATTICE_SECRET_PROVISIONER_URL in the gateway\'s environment');
    expect(JSON.stringify(failed)).not.toContain(API_KEY);
    expect(receiver.received).toEqual([]);
  });

  it('runs as before once the variable is set', async () => {
    const { engine, store } = engineWith(withUrlSecret, { API_KEY, PROVISIONER_URL: receiver.url });
    const { run } = await engine.execute({ action: 'scaffold', inputs: { name: 'orders-db' }, caller: caller('ann@example.com') });
    await engine.idle();
    expect((await store.get(run.id))?.status).toBe('SUCCESS');
    expect(receiver.received.map((r) => [r.path, r.headers['x-api-key']])).toEqual([['/jobs', API_KEY]]);
  });
});
