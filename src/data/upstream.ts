/**
 * Upstream call counting: every call a datasource client makes to its upstream is counted here,
 * per request (through AsyncLocalStorage: a response's `extensions.upstreamCalls`) and for
 * `/metrics` (listeners), so tests and benchmarks can assert batching. Only datasource clients call `countUpstreamCall`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

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
