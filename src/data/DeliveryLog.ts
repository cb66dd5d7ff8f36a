/**
 * DeliveryLog: the webhook deliveries already taken, by delivery id (GitHub's
 * `x-github-delivery`), so a replayed delivery (the same signed bytes sent again) does nothing.
 * `claim(id)` is atomic: true for the first caller only, on any replica sharing the store, for
 * `webhooks.deliveryTtlSeconds` (default 24 h; GitHub redelivers by hand within days, a replay
 * after the TTL is still signed but its effects are idempotent or refused by the run checks).
 *
 * A delivery is claimed before it is handled: one whose handling fails is not retried by a
 * redelivery of the same id.
 */
export interface DeliveryLog {
  /** True when `id` was not seen within the TTL (and it is now recorded); false for a replay. */
  claim(id: string): Promise<boolean>;
}
