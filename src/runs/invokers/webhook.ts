/**
 * The WEBHOOK invoker: an HTTP request (fetch) with the rendered url, method, headers and body,
 * signed the way Port signs its webhooks so receivers written for Port verify it unchanged:
 *
 *   X-Port-Timestamp: seconds since the epoch, as a decimal string
 *   X-Port-Signature: "v1," + base64( HMAC-SHA256( secret, `${timestamp}.${body}` ) )
 *
 * where `body` is the exact request body sent. Also sent: `Idempotency-Key` (the run id, the
 * same on every attempt), `X-Lattice-Run-Id`, and `X-Lattice-Run-Token` (the executor token the
 * receiver reports back with). A templated header cannot override these.
 *
 * Every attempt goes through the counted upstream wrapper (src/data/upstream.ts) under the source
 * name `webhook` (`lattice_upstream_calls_total{source="webhook"}`, and the request's
 * `extensions.upstreamCalls` when a request invokes it).
 *
 * Retries (p-retry, through the wrapper): on a 5xx answer or a network error (connection refused
 * or reset, timeout) only, `maxAttempts` in all, each attempt signed afresh with its own
 * timestamp; a 4xx is final. An invalid URL fails at once. The delay before each retry is the
 * invoker's own schedule (`backoffMs`: 250 ms doubling to 10 s, no jitter), waited through
 * `sleep`, because tests record those delays instead of waiting them; p-retry's own timers are
 * therefore off here.
 *
 * `synchronized: true`: the answer decides the run (2xx SUCCESS, anything else FAILURE) and is
 * kept as the run's `response`. Otherwise a 2xx means "accepted": the receiver reports back.
 * `agent` is accepted and ignored: Lattice calls the URL itself.
 */
import { createHmac } from 'node:crypto';
import { callUpstream } from '../../data/upstream.ts';
import { defaultWebhookBody } from '../../model/actions/invocation.ts';
import type { WebhookMethod } from '../../model/actions/model.ts';
import type { InvocationContext, InvocationOutcome, Invoker } from '../../data/Invoker.ts';
import { RUN_TOKEN_HEADER } from '../executorToken.ts';

export interface WebhookRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

export interface RetryOptions {
  /** Attempts in all, the first included (default 4). */
  readonly maxAttempts?: number;
  /** Delay before attempt n + 1 after attempt n failed (default 250 ms × 2^(n−1), at most 10 s). */
  readonly backoffMs?: (attempt: number) => number;
  /** Per attempt (default 30 s); running out counts as a network error. */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch (for the signature timestamp). */
  readonly now?: () => number;
}

export interface WebhookCallOptions extends RetryOptions {
  readonly signingSecret: string;
  readonly idempotencyKey: string;
  /** Added after the request's own headers (and so winning over them). */
  readonly extraHeaders?: Readonly<Record<string, string>>;
  readonly onAttempt?: (attempt: { readonly n: number; readonly status?: number; readonly error?: string }) => void | Promise<void>;
}

export interface WebhookResult {
  readonly ok: boolean;
  readonly attempts: number;
  /** The last answer, when there was one. */
  readonly status?: number;
  readonly body?: unknown;
  /** The last network error, when the last attempt got no answer. */
  readonly error?: string;
}

const MAX_RESPONSE_CHARS = 64 * 1024;

/** Port's signature of a body sent at `timestamp` (seconds, as sent in X-Port-Timestamp). */
export function signPortWebhook(secret: string, timestamp: string, body: string): string {
  return `v1,${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('base64')}`;
}

/** The source name webhook calls are counted under. */
export const WEBHOOK_SOURCE = 'webhook';

/** An attempt that got a 5xx or no answer: retried; the last one is the result. */
class Unanswered extends Error {
  readonly result: WebhookResult;
  constructor(result: WebhookResult) {
    super(result.error ?? `HTTP ${result.status}`);
    this.result = result;
  }
}

export async function callWebhook(request: WebhookRequest, options: WebhookCallOptions): Promise<WebhookResult> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const backoff = options.backoffMs ?? ((n: number) => Math.min(10_000, 250 * 2 ** (n - 1)));
  const now = options.now ?? Date.now;
  try {
    new URL(request.url);
  } catch {
    return { ok: false, attempts: 0, error: `invalid URL ${JSON.stringify(request.url)}` };
  }
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  const attempt = async (n: number): Promise<WebhookResult> => {
    const timestamp = String(Math.floor(now() / 1000));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const [k, v] of Object.entries(request.headers)) if (v !== null && v !== undefined) headers[k.toLowerCase()] = typeof v === 'string' ? v : JSON.stringify(v);
    for (const [k, v] of Object.entries(options.extraHeaders ?? {})) headers[k.toLowerCase()] = v;
    headers['x-port-timestamp'] = timestamp;
    headers['x-port-signature'] = signPortWebhook(options.signingSecret, timestamp, body);
    headers['idempotency-key'] = options.idempotencyKey;
    let result: WebhookResult;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers,
        body: request.method === 'GET' ? undefined : body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        redirect: 'manual',
      });
      const answer = await readBody(response);
      result = { ok: response.status >= 200 && response.status < 300, attempts: n, status: response.status, body: answer };
    } catch (err) {
      result = { ok: false, attempts: n, error: describeNetworkError(err) };
    }
    await options.onAttempt?.({ n, status: result.status, error: result.error });
    if (result.status !== undefined && result.status < 500) return result;
    throw new Unanswered(result);
  };
  try {
    return await callUpstream(WEBHOOK_SOURCE, attempt, {
      retries: maxAttempts - 1,
      shouldRetry: (err) => err instanceof Unanswered,
      waitMs: (_err, n) => backoff(n),
      sleep: options.sleep,
    });
  } catch (err) {
    if (err instanceof Unanswered) return err.result;
    throw err;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = (await response.text()).slice(0, MAX_RESPONSE_CHARS);
  if (text === '') return null;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function describeNetworkError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'no answer in time';
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message ?? 'network error'} (${cause})` : (e.message ?? String(err));
}

export interface WebhookInvokerOptions extends RetryOptions {
  /** The secret receivers verify X-Port-Signature with (Port: the organization's client secret). */
  readonly signingSecret: string;
}

export function webhookInvoker(options: WebhookInvokerOptions): Invoker {
  return async (ctx: InvocationContext): Promise<InvocationOutcome> => {
    const method = ctx.method as WebhookMethod;
    const definedBody = (ctx.action.invocationMethod as WebhookMethod).body;
    const body =
      definedBody === undefined
        ? defaultWebhookBody({ action: ctx.action, context: ctx.templateContext, runId: ctx.run.id, entity: ctx.run.entity === null ? null : { blueprint: ctx.run.blueprint ?? '', identifier: ctx.run.entity } })
        : method.body;
    const result = await callWebhook(
      { url: method.url, method: method.method, headers: method.headers, body },
      {
        ...options,
        idempotencyKey: ctx.run.id,
        extraHeaders: { 'x-lattice-run-id': ctx.run.id, [RUN_TOKEN_HEADER]: ctx.executorToken },
        onAttempt: (a) => ctx.log(`webhook ${method.method} attempt ${a.n}: ${a.status ?? ctx.mask(a.error ?? 'no answer')}`),
      },
    );
    if (!result.ok) {
      const why = result.status !== undefined ? `answered ${result.status}` : `could not be reached: ${ctx.mask(result.error ?? 'no answer')}`;
      return { kind: 'completed', status: 'FAILURE', summary: `webhook ${why} after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`, response: method.synchronized ? (result.body ?? null) : undefined };
    }
    if (!method.synchronized) return { kind: 'accepted' };
    return { kind: 'completed', status: 'SUCCESS', summary: `webhook answered ${result.status}`, response: result.body ?? null };
  };
}
