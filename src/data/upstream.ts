/**
 * Upstream calls: the one wrapper every datasource client (and the webhook invoker) calls its
 * upstream through. Every attempt is counted for its source, per request (through
 * AsyncLocalStorage: a response's `extensions.upstreamCalls`) and for `/metrics` (listeners,
 * `lattice_upstream_calls_total{source}`), retries included, so tests and benchmarks can assert
 * batching; retries come from p-retry.
 *
 * - `callUpstream(source, attempt, policy)`: runs `attempt` (one request), counted, and again for
 *   each retry the policy allows. What a retry is and when it happens is the caller's policy:
 *   bounded `retries`, p-retry's exponential `backoff` with jitter, `shouldRetry`, a wait the
 *   upstream asked for (`waitMs`: retry-after), an AbortSignal. A failure that is not retried
 *   rejects with the attempt's own error, so the caller's typed errors (LatticeErrors naming the
 *   source, never a token) reach its callers unchanged. As in p-retry, a TypeError that is not a
 *   network error is a bug, and never retried.
 * - `retry(attempt, policy)`: the same policy without counting, for loops whose attempts are
 *   several counted calls (the Kubernetes reflector: one attempt = one list and watch).
 * - `countUpstreamCall(source)`: for clients whose library sends the request itself (an SDK
 *   middleware, client-node's HTTP library): one call per HTTP request.
 *
 * - With a Circuit (circuit.ts), each attempt goes through the source's breaker: while it is open
 *   the attempt fails at once, uncounted, and is not retried.
 *
 * Only `datasources/<kind>/client.ts` (and src/runs/invokers/webhook.ts, source `webhook`) call
 * these.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { isCircuitOpen, type Circuit } from './circuit.ts';

const perRequest = new AsyncLocalStorage<Map<string, number>>();
const listeners = new Set<(source: string) => void>();

export function countUpstreamCall(source: string): void {
  const request = perRequest.getStore();
  if (request) request.set(source, (request.get(source) ?? 0) + 1);
  for (const l of listeners) l(source);
}

/** Runs `fn` with its own per-request counters (what the HTTP layer wraps each request in). */
export function runWithCallCounting<T>(fn: () => T): T {
  return perRequest.run(new Map(), fn);
}

/** The calls the current request has made so far, by source. */
export function currentRequestCalls(): Readonly<Record<string, number>> {
  return Object.fromEntries(perRequest.getStore() ?? []);
}

export function onUpstreamCall(listener: (source: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface RetryPolicy {
  /** Retries after the first attempt: 0 is one attempt; `Infinity` retries until `signal` aborts. */
  readonly retries: number;
  /**
   * Exponential backoff (p-retry): `minMs` before the first retry, doubling, at most `maxMs`;
   * `jitter` multiplies each delay by a random factor in [1, 2) (then capped). None: no delay.
   */
  readonly backoff?: { readonly minMs: number; readonly maxMs: number; readonly jitter: boolean };
  /** Whether the failed attempt `attempt` (from 1) is retried; default: every failure (within `retries`). */
  readonly shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** A wait before retrying after this failure, before the backoff: what the upstream asked for (retry-after), or the caller's own schedule. */
  readonly waitMs?: (error: unknown, attempt: number) => number;
  /** Stops retrying, and any wait: the call rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** How `waitMs` is waited (tests record it instead). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** One attempt, no retry. */
export const ONCE: RetryPolicy = { retries: 0 };

/** Runs `attempt` under the policy; nothing is counted (each attempt counts its own calls). */
export function retry<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  const { backoff, signal } = policy;
  const wait = policy.sleep ?? ((ms: number) => sleep(ms, undefined, { signal }));
  return pRetry(attempt, {
    retries: policy.retries,
    signal,
    // minTimeout 0: p-retry sets no timer.
    ...(backoff ? { minTimeout: backoff.minMs, maxTimeout: backoff.maxMs, factor: 2, randomize: backoff.jitter } : { minTimeout: 0 }),
    shouldRetry: async ({ error, attemptNumber }) => {
      if (policy.shouldRetry && !policy.shouldRetry(error, attemptNumber)) return false;
      const ms = policy.waitMs?.(error, attemptNumber) ?? 0;
      if (ms > 0) await wait(ms);
      return true;
    },
  });
}

/** One upstream call of `source`: `attempt` sends one request; every attempt is counted. */
export function callUpstream<T>(source: string, attempt: (n: number) => Promise<T>, policy: RetryPolicy = ONCE, circuit?: Circuit): Promise<T> {
  const counted = (n: number) => {
    countUpstreamCall(source);
    return attempt(n);
  };
  if (!circuit) return retry(counted, policy);
  return retry((n) => circuit.run(() => counted(n)), { ...policy, shouldRetry: (err, n) => !isCircuitOpen(err) && (policy.shouldRetry?.(err, n) ?? true) });
}
