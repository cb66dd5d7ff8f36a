/**
 * Masking in the run engine: whatever comes back from outside (an invoker's outcome: summary,
 * label, links, the kept response; an executor's log lines and reports) is stored with `***` in
 * place of the run's executor token, its secret inputs, `secrets.*`, the other configured secrets
 * (`hidden`) and any API token found by its hash (`tokenHashes`).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InvocationContext } from '../../src/data/Invoker.ts';
import { MemoryPubSub } from '../../src/data/memory/MemoryPubSub.ts';
import { MemoryRunStore } from '../../src/data/memory/MemoryRunStore.ts';
import { ActionEngine } from '../../src/runs/engine.ts';
import { loadActions } from '../../src/model/actions/load.ts';
import { caller, makeCatalog, model, scaffoldAction } from './fixtures.ts';

const API_KEY = 'secret-api-key-123';
const HIDDEN = 'gh-source-token-456';
const API_TOKEN = 'lat_api_token_789xyz';
const SECRET_INPUT = 'sealed-input-value-abc';
const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

function engineEchoing(echo: (ctx: InvocationContext) => string) {
  const { actions } = loadActions([{ file: 'a.json', text: JSON.stringify([scaffoldAction('http://127.0.0.1:9/never')]) }], model);
  const store = new MemoryRunStore();
  const engine = new ActionEngine({
    actions: () => actions,
    store,
    events: new MemoryPubSub(),
    catalog: () => makeCatalog().context,
    invokers: {
      WEBHOOK: async (ctx) => {
        const text = echo(ctx);
        return { kind: 'completed', status: 'SUCCESS', summary: text, statusLabel: text, links: [`https://ci.example/${text}`], response: { echoed: text, nested: [text] } };
      },
    },
    secrets: () => ({ API_KEY }),
    hidden: () => [HIDDEN],
    tokenHashes: () => new Set([sha256(API_TOKEN)]),
  });
  return { engine, store };
}

describe('masking in the run engine', () => {
  it("masks an invoker's outcome: summary, label, links and the kept response", async () => {
    const { engine, store } = engineEchoing((ctx) => `${ctx.executorToken} ${API_KEY} ${HIDDEN} ${API_TOKEN} ${SECRET_INPUT}`);
    const { run } = await engine.execute({ action: 'scaffold', inputs: { name: 'svc', token: SECRET_INPUT }, caller: caller('ann') });
    await engine.idle();
    const stored = await store.get(run.id);
    const all = JSON.stringify([stored, await store.logs(run.id)]);
    for (const secret of [API_KEY, HIDDEN, API_TOKEN, SECRET_INPUT]) expect(all).not.toContain(secret);
    expect(stored).toMatchObject({ status: 'SUCCESS', summary: '*** *** *** *** ***', statusLabel: '*** *** *** *** ***', links: ['https://ci.example/*** *** *** *** ***'] });
    expect(stored?.response).toEqual({ echoed: '*** *** *** *** ***', nested: ['*** *** *** *** ***'] });
  });

  it("masks an executor's log lines and reports with its own token", async () => {
    let token = '';
    const { actions } = loadActions([{ file: 'a.json', text: JSON.stringify([scaffoldAction('http://127.0.0.1:9/never', { invocationMethod: { type: 'WEBHOOK', url: 'http://127.0.0.1:9/x' } })]) }], model);
    const store = new MemoryRunStore();
    const engine = new ActionEngine({
      actions: () => actions,
      store,
      events: new MemoryPubSub(),
      catalog: () => makeCatalog().context,
      invokers: {
        WEBHOOK: async (ctx) => {
          token = ctx.executorToken;
          return { kind: 'accepted' };
        },
      },
      hidden: () => [HIDDEN],
      tokenHashes: () => new Set([sha256(API_TOKEN)]),
    });
    const { run } = await engine.execute({ action: 'scaffold', inputs: { name: 'svc', token: SECRET_INPUT }, caller: caller('ann') });
    await engine.idle();
    const echo = `got ${token}; input ${SECRET_INPUT}; gh ${HIDDEN}; api "${API_TOKEN}"`;
    const { line } = await engine.appendLog({ runId: run.id, token, message: echo });
    expect(line.message).toBe('got ***; input ***; gh ***; api "***"');
    const reported = await engine.report({ runId: run.id, token, summary: echo, statusLabel: echo, links: [echo] });
    expect([reported.summary, reported.statusLabel, reported.links[0]]).toEqual(Array(3).fill('got ***; input ***; gh ***; api "***"'));
  });
});
