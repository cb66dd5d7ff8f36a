/**
 * Prometheus metrics (prom-client): GraphQL request latency, store calls by method, process
 * defaults. One registry per server so tests can run several servers in one process.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly requestDuration: Histogram<'operation' | 'status'>;
  readonly storeCalls: Counter<'method'>;
  readonly reloads: Counter<'result'>;
  readonly upstreamCalls: Counter<'source'>;
  /** Operations compiled (compiledExecution.ts), by outcome: `compiled`, or `graphql-js` (refused by the compiler). */
  readonly compilations: Counter<'outcome'>;
  /** Dependents of entity changes left unobserved past `automation.maxDependents` (docs/orchestration.md). */
  readonly dependentsDropped: Counter;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'lattice_graphql_request_duration_seconds',
      help: 'GraphQL request latency, from parsing to response',
      labelNames: ['operation', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    storeCalls: new Counter({ name: 'lattice_store_calls_total', help: 'Calls to the entity store, by method', labelNames: ['method'], registers: [registry] }),
    upstreamCalls: new Counter({ name: 'lattice_upstream_calls_total', help: 'Requests to upstreams (sources and action invokers), retries included, by source', labelNames: ['source'], registers: [registry] }),
    compilations: new Counter({ name: 'lattice_operations_compiled_total', help: 'Operations compiled for execution (once per document and schema generation while cached), by outcome', labelNames: ['outcome'], registers: [registry] }),
    dependentsDropped: new Counter({ name: 'lattice_automation_dependents_dropped_total', help: 'Dependents of entity changes not observed by automations, past automation.maxDependents', registers: [registry] }),
    reloads: new Counter({ name: 'lattice_reloads_total', help: 'Schema and catalog reloads, by result', labelNames: ['result'], registers: [registry] }),
  };
}
