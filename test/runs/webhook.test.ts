/**
 * The WEBHOOK invoker against a real local HTTP receiver that checks every signature with its own
 * HMAC and counts calls per Idempotency-Key: Port's signing scheme, headers that templates cannot
 * forge, retries with backoff on 5xx and network errors only (same key on every attempt), and
 * synchronized / asynchronous outcomes. Backoff sleeps are recorded, not waited.
 */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderInvocation } from '../../src/model/actions/invocation.ts';
import type { InvocationContext } from '../../src/data/Invoker.ts';
import { callWebhook, signPortWebhook, webhookInvoker, WEBHOOK_SOURCE } from '../../src/runs/invokers/webhook.ts';
import { onUpstreamCall } from '../../src/data/upstream.ts';
import { newRun } from '../../src/data/run.ts';
import type { TemplateContext } from '../../src/model/actions/templates.ts';
import { caller, loadOne, scaffoldAction } from './fixtures.ts';
import { startReceiver, verifyPortSignature, type Receiver } from './receiver.ts';

const SECRET = 'whsec-test-0123456789';
const NOW = Date.parse('2031-01-01T00:00:00.000Z');

let receiver: Receiver;
let sleeps: number[];

beforeEach(async () => {
  receiver = await startReceiver(SECRET);
  sleeps = [];
});
afterEach(() => receiver.close());

const options = (extra: Record<string, unknown> = {}) => ({
  signingSecret: SECRET,
  idempotencyKey: 'run_abc',
  now: () => NOW,
  sleep: async (ms: number) => void sleeps.push(ms),
  ...extra,
});

describe('callWebhook', () => {
  it('signs like Port: v1, base64 HMAC-SHA256 of "timestamp.body", timestamp in seconds', async () => {
    const result = await callWebhook({ url: `${receiver.url}/hook`, method: 'POST', headers: {}, body: { name: 'cart', n: 1 } }, options());
    expect(result).toMatchObject({ ok: true, attempts: 1, status: 200, body: { ok: true } });
    const [r] = receiver.received;
    expect(r.verified).toBe(true);
    expect(r.headers['x-port-timestamp']).toBe(String(NOW / 1000));
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body)).toEqual({ name: 'cart', n: 1 });
    // The receiver's check can fail: another body, timestamp or secret does not verify.
    expect(verifyPortSignature(SECRET, r.headers['x-port-timestamp'] as string, r.body + ' ', r.headers['x-port-signature'] as string)).toBe(false);
    expect(verifyPortSignature(SECRET, String(NOW / 1000 + 1), r.body, r.headers['x-port-signature'] as string)).toBe(false);
    expect(verifyPortSignature('other', r.headers['x-port-timestamp'] as string, r.body, r.headers['x-port-signature'] as string)).toBe(false);
    expect(signPortWebhook(SECRET, '1', 'x')).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  });

  it('sends the idempotency key and the request’s headers, which cannot override the signature or the key', async () => {
    await callWebhook(
      { url: receiver.url, method: 'PUT', headers: { 'X-Team': 'platform', 'X-Port-Signature': 'v1,forged', 'Idempotency-Key': 'other', 'X-Count': 3 }, body: { a: 1 } },
      options(),
    );
    const [r] = receiver.received;
    expect(r.method).toBe('PUT');
    expect(r.verified).toBe(true);
    expect(r.headers['idempotency-key']).toBe('run_abc');
    expect(r.headers['x-team']).toBe('platform');
    expect(r.headers['x-count']).toBe('3');
  });

  it('retries on 5xx with exponential backoff, the same idempotency key on every signed attempt', async () => {
    receiver.script({ status: 503 }, { status: 502, body: 'bad gateway' }, { status: 500 }, { status: 201, body: { id: 7 } });
    const attempts: unknown[] = [];
    const result = await callWebhook({ url: receiver.url, method: 'POST', headers: {}, body: {} }, options({ onAttempt: (a: unknown) => void attempts.push(a) }));
    expect(result).toMatchObject({ ok: true, attempts: 4, status: 201, body: { id: 7 } });
    expect(receiver.callsPerKey).toEqual(new Map([['run_abc', 4]]));
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(attempts).toEqual([
      { n: 1, status: 503, error: undefined },
      { n: 2, status: 502, error: undefined },
      { n: 3, status: 500, error: undefined },
      { n: 4, status: 201, error: undefined },
    ]);
  });

  it('retries when the connection is cut with no answer', async () => {
    receiver.script('drop', 'drop', { status: 200, body: { ok: 1 } });
    const result = await callWebhook({ url: receiver.url, method: 'POST', headers: {}, body: {} }, options());
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(receiver.callsPerKey.get('run_abc')).toBe(3);
  });

  it('does not retry a 4xx answer', async () => {
    receiver.script({ status: 422, body: { error: 'bad replicas' } });
    const result = await callWebhook({ url: receiver.url, method: 'POST', headers: {}, body: {} }, options());
    expect(result).toEqual({ ok: false, attempts: 1, status: 422, body: { error: 'bad replicas' } });
    expect(receiver.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('gives up after maxAttempts, with the last answer', async () => {
    receiver.script({ status: 500 }, { status: 500 }, { status: 504 }, { status: 200 });
    const result = await callWebhook({ url: receiver.url, method: 'POST', headers: {}, body: {} }, options({ maxAttempts: 3, backoffMs: () => 5 }));
    expect(result).toMatchObject({ ok: false, attempts: 3, status: 504 });
    expect(receiver.received).toHaveLength(3);
    expect(sleeps).toEqual([5, 5]);
  });

  it('every attempt is an upstream call of the source "webhook"; an invalid URL is none', async () => {
    receiver.script({ status: 503 }, { status: 500 }, { status: 200 });
    const calls: string[] = [];
    const stop = onUpstreamCall((source) => calls.push(source));
    try {
      expect(await callWebhook({ url: receiver.url, method: 'POST', headers: {}, body: {} }, options())).toMatchObject({ ok: true, attempts: 3 });
      await callWebhook({ url: 'not a url', method: 'POST', headers: {}, body: {} }, options());
    } finally {
      stop();
    }
    expect(WEBHOOK_SOURCE).toBe('webhook');
    expect(calls).toEqual(['webhook', 'webhook', 'webhook']);
    expect(receiver.received).toHaveLength(3);
  });

  it('retries a refused connection, and fails an invalid URL at once', async () => {
    const port = await closedPort();
    const refused = await callWebhook({ url: `http://127.0.0.1:${port}/`, method: 'POST', headers: {}, body: {} }, options({ maxAttempts: 2 }));
    expect(refused.ok).toBe(false);
    expect(refused.attempts).toBe(2);
    expect(refused.error).toMatch(/ECONNREFUSED/);
    expect(await callWebhook({ url: 'not a url', method: 'POST', headers: {}, body: {} }, options())).toEqual({ ok: false, attempts: 0, error: 'invalid URL "not a url"' });
  });
});

describe('webhookInvoker', () => {
  async function context(definition: Record<string, unknown>): Promise<{ ctx: InvocationContext; logs: string[] }> {
    const action = loadOne(definition);
    const run = newRun({ action: action.identifier, blueprint: null, entity: null, inputs: { name: 'cart' }, status: 'IN_PROGRESS', trigger: { by: caller('ann'), at: new Date(NOW).toISOString(), operation: 'CREATE' }, requiredApproval: null });
    const templateContext: TemplateContext = { inputs: { name: 'cart', language: 'go' }, entity: null, trigger: run.trigger, run: { id: run.id }, secrets: { API_KEY: 'k-secret' } };
    const logs: string[] = [];
    const ctx: InvocationContext = {
      action,
      run,
      method: await renderInvocation(action, templateContext),
      templateContext,
      executorToken: 'tok-123',
      log: async (m) => void logs.push(m),
      mask: (t) => t.split('k-secret').join('***'),
      keep: async () => undefined,
    };
    return { ctx, logs };
  }

  const invoker = webhookInvoker({ signingSecret: SECRET, sleep: async (ms) => void sleeps.push(ms), now: () => NOW });

  it('synchronized: a 2xx answer is SUCCESS with the answer kept; run id as idempotency key; executor token sent', async () => {
    receiver.script({ status: 200, body: { url: 'https://github.com/acme/cart' } });
    const { ctx, logs } = await context(scaffoldAction(`${receiver.url}/scaffold`));
    expect(await invoker(ctx)).toEqual({ kind: 'completed', status: 'SUCCESS', summary: 'webhook answered 200', response: { url: 'https://github.com/acme/cart' } });
    const [r] = receiver.received;
    expect(r.verified).toBe(true);
    expect(r.path).toBe('/scaffold');
    expect(r.headers['idempotency-key']).toBe(ctx.run.id);
    expect(r.headers['x-lattice-run-id']).toBe(ctx.run.id);
    expect(r.headers['x-lattice-run-token']).toBe('tok-123');
    expect(r.headers['x-api-key']).toBe('k-secret');
    expect(JSON.parse(r.body)).toMatchObject({ name: 'cart', language: 'go' });
    expect(logs).toEqual(['webhook POST attempt 1: 200']);
  });

  it('synchronized: a final error answer is FAILURE', async () => {
    receiver.script({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const { ctx } = await context(scaffoldAction(receiver.url));
    expect(await invoker(ctx)).toMatchObject({ kind: 'completed', status: 'FAILURE', summary: 'webhook answered 500 after 4 attempts' });
    expect(receiver.callsPerKey.get(ctx.run.id)).toBe(4);
  });

  it('asynchronous: a 2xx answer means accepted (the receiver reports back); an error answer is FAILURE', async () => {
    const asyncAction = scaffoldAction(receiver.url, { invocationMethod: { type: 'WEBHOOK', url: receiver.url } });
    receiver.script({ status: 202 }, { status: 404 });
    const { ctx } = await context(asyncAction);
    expect(await invoker(ctx)).toEqual({ kind: 'accepted' });
    expect(await invoker(ctx)).toMatchObject({ kind: 'completed', status: 'FAILURE', summary: 'webhook answered 404 after 1 attempt' });
  });

  it('sends Port’s default payload when the action defines no body', async () => {
    const { ctx } = await context(scaffoldAction(receiver.url, { invocationMethod: { type: 'WEBHOOK', url: receiver.url } }));
    await invoker(ctx);
    expect(JSON.parse(receiver.received[0].body)).toEqual({
      action: { identifier: 'scaffold', title: 'Scaffold a service' },
      resourceType: 'run',
      status: 'TRIGGERED',
      trigger: JSON.parse(JSON.stringify(ctx.run.trigger)),
      context: { blueprint: null, entity: null, runId: ctx.run.id },
      payload: { entity: null, action: { identifier: 'scaffold', operation: 'CREATE' }, properties: { name: 'cart', language: 'go' } },
    });
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
