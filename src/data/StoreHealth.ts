/**
 * StoreHealth: whether the store answers, for `/readyz`. Redis: a PING on its own connection,
 * bounded by the command timeout, so a paused or unreachable Redis makes the gateway not ready
 * (503 with the reason) instead of ok. In-process stores are always healthy.
 */
export type StoreHealthResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface StoreHealth {
  check(): Promise<StoreHealthResult>;
}

export const ALWAYS_HEALTHY: StoreHealth = { check: async () => ({ ok: true }) };
