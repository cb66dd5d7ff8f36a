/**
 * Circuit breakers for upstreams (cockatiel: a maintained, typed breaker with consecutive-failure
 * counting and half-open probing, rather than hand-written state). After `failures` consecutive
 * failed calls (`circuitBreaker.failures`, default 5) a source's circuit opens: for `cooldownMs`
 * (default 30 s) every call fails at once with UPSTREAM_UNAVAILABLE (`details.circuit: 'open'`)
 * and nothing is sent; then one call is let through (half-open): success closes the circuit, a
 * failure opens it again. Rate limits do not count as failures: the client waits them out itself.
 */
import { circuitBreaker, ConsecutiveBreaker, handleWhen, isBrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import { ErrorCodes, hasCode, LatticeError } from '../errors/index.ts';

export interface CircuitBreakerConfig {
  readonly failures: number;
  readonly cooldownMs: number;
}

export interface Circuit {
  /** Runs `call` unless the circuit is open; an open circuit throws UPSTREAM_UNAVAILABLE without calling. */
  run<T>(call: () => Promise<T>): Promise<T>;
}

export function createCircuit(source: string, config: CircuitBreakerConfig): Circuit {
  const policy: CircuitBreakerPolicy = circuitBreaker(
    handleWhen((err) => !hasCode(err, ErrorCodes.RATE_LIMITED)),
    { halfOpenAfter: config.cooldownMs, breaker: new ConsecutiveBreaker(config.failures) },
  );
  return {
    async run(call) {
      try {
        return await policy.execute(call);
      } catch (err) {
        if (!isBrokenCircuitError(err)) throw err;
        throw new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `source "${source}": ${config.failures} calls in a row failed; not calling it for up to ${config.cooldownMs} ms`, { details: { source, circuit: 'open' } });
      }
    },
  };
}

/** Whether an error is an open circuit's refusal (never worth retrying). */
export function isCircuitOpen(err: unknown): boolean {
  return hasCode(err, ErrorCodes.UPSTREAM_UNAVAILABLE) && (err.details as { circuit?: string } | undefined)?.circuit === 'open';
}
