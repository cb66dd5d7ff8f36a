/**
 * SeedMarker: whether the store still holds the catalog files' entities. Set after the catalog is
 * applied; a store that lost it (Redis restarted without data, FLUSHALL) has no marker, and the
 * gateway seeds it again (reseed.ts). `claim` is a short lock so that of several replicas seeing
 * the same empty Redis one seeds at a time (seeding is idempotent anyway: it replaces the files'
 * entities with the same ones).
 */
export interface SeedMarker {
  /** Whether the marker is there. */
  seeded(): Promise<boolean>;
  /** Takes the seeding lock for `ttlMs`; false when another replica holds it. */
  claim(ttlMs: number): Promise<boolean>;
  /** Sets the marker (and releases the lock). */
  mark(): Promise<void>;
  /** Calls `listener` each time the connection is (re)established. */
  onReconnect(listener: () => void): void;
}
