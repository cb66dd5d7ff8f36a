/**
 * Masking in the run engine: whatever comes back from outside (an invoker's outcome: summary,
 * label, links, the kept response; an executor's log lines and reports) is stored with `***` in
 * place of the run's executor token, its secret inputs, `secrets.*`, the other configured secrets
 * (`hidden`) and any API token found by its hash (`tokenHashes`).
 */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { loadConfig } from '../../src/config/index.ts';
import { apiTokenHashes, configuredSecrets } from '../../src/config/secrets.ts';
import type { Config } from '../../src/config/types.ts';
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

describe('every kind of configured secret is masked in run logs and responses', () => {
  // Wired as src/server/actions.ts wires the engine: secrets.* from LATTICE_SECRET_*, the other
  // configured secrets (configuredSecrets), API tokens by hash (apiTokenHashes).
  const env = { LATTICE_SECRET_DEPLOY_KEY: 'lattice-secret-value-1', LATTICE_WEBHOOK_SIGNING_SECRET: 'signing-secret-value-2', LATTICE_SECRET_KEY: 'ab'.repeat(32) };
  const base = loadConfig(env, tmpdir());
  const config: Config = {
    ...base,
    sources: [{ name: 'gh', kind: 'github', options: { org: 'acme', token: 'ghp_source_token_value_3', webhookSecret: 'gh-webhook-secret-4' }, resources: [], pointer: '/sources/0' }],
    auth: { ...base.auth, tokens: [{ name: 'ci', sha256: sha256('lat_api_token_value_5'), user: 'ci@example.com' }] },
  };
  const kinds: [string, (token: string) => string][] = [
    ['a LATTICE_SECRET_* value', () => 'lattice-secret-value-1'],
    ['the webhook signing secret', () => 'signing-secret-value-2'],
    ['LATTICE_SECRET_KEY (hex)', () => 'ab'.repeat(32)],
    ['a source token (sources[].options.token)', () => 'ghp_source_token_value_3'],
    ['a source webhook secret (sources[].options.webhookSecret)', () => 'gh-webhook-secret-4'],
    ['an API token (configured by hash)', () => 'lat_api_token_value_5'],
    ["the run's executor token", (token) => token],
  ];

  it.each(kinds)('%s', async (_kind, secretOf) => {
    const { actions } = loadActions([{ file: 'a.json', text: JSON.stringify([scaffoldAction('http://127.0.0.1:9/never', { invocationMethod: { type: 'WEBHOOK', url: 'http://127.0.0.1:9/x' } })]) }], model);
    const store = new MemoryRunStore();
    let token = '';
    const engine = new ActionEngine({
      actions: () => actions,
      store,
      events: new MemoryPubSub(),
      catalog: () => makeCatalog().context,
      invokers: {
        WEBHOOK: async (ctx) => {
          token = ctx.executorToken;
          const secret = secretOf(ctx.executorToken);
          await ctx.log(`invoker saw ${secret}`);
          return { kind: 'accepted', statusLabel: `label ${secret}`, response: { echoed: secret } };
        },
      },
      secretKey: config.secretKey,
      secrets: () => config.actionSecrets,
      hidden: () => configuredSecrets(config),
      tokenHashes: () => apiTokenHashes(config),
    });
    const { run } = await engine.execute({ action: 'scaffold', inputs: { name: 'svc', token: 'unused-input' }, caller: caller('ann') });
    await engine.idle();
    const secret = secretOf(token);
    await engine.appendLog({ runId: run.id, token, message: `executor says ${secret}` });
    await engine.report({ runId: run.id, token, summary: `summary ${secret}`, statusLabel: `status ${secret}`, links: [`https://ci.example/${secret}`] });
    const stored = await store.get(run.id);
    const logs = await store.logs(run.id);
    expect(JSON.stringify([stored, logs])).not.toContain(secret);
    expect(logs.map((l) => l.message)).toEqual(['invoking WEBHOOK', 'invoker saw ***', 'executor says ***']);
    expect(stored).toMatchObject({ summary: 'summary ***', statusLabel: 'status ***', links: expect.arrayContaining(['https://ci.example/***']), response: { echoed: '***' } });
  });
});
