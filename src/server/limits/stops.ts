/**
 * The operations the limits stopped, as a Prometheus counter on the server's registry
 * (`lattice_operations_limited_total{reason}`: cost/depth/aliases/rootFields before execution;
 * nodes, timeout, cancelled during it), so refusals can be watched and alerted on.
 */
import { Counter, type Registry } from 'prom-client';

export type CountStop = (reason: string) => void;

export function stopCounter(registry: Registry): CountStop {
  const counter = new Counter({ name: 'lattice_operations_limited_total', help: 'Operations refused or stopped by the operation limits, by reason', labelNames: ['reason'], registers: [registry] });
  return (reason) => counter.inc({ reason });
}
