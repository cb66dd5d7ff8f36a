/**
 * EntityStates: the last state of each entity that automations have seen, so a change becomes
 * an event with its `diff { before, after }` exactly once, however many replicas observe it (a
 * Kubernetes watch event reaches every replica; a catalog reload runs on every replica).
 *
 * A state is `{ seq, json }` per entity (`json` "" when the entity is gone). An observer reads it,
 * names its event after (entity, seq, new content), schedules that event (the job id dedups
 * replicas that observed the same change), then `advance`s: a compare-and-set on `seq`, so two
 * replicas racing on one change advance it once, and A→B→A→B are four events, not two.
 * Memory (memory/MemoryEntityStates.ts) and Redis (redis/RedisEntityStates.ts) implementations.
 */
export interface EntityState {
  readonly seq: number;
  /** The entity as automations saw it (JSON), "" when it does not exist. */
  readonly json: string;
}

export interface EntityStates {
  read(key: string): Promise<EntityState>;
  /** Sets `json` with seq + 1 if the seq is still `seq`; false when another observer moved it. */
  advance(key: string, seq: number, json: string): Promise<boolean>;
  /** Records `json` at seq 0 for keys never seen (the catalog as the gateway finds it at start). */
  prime(entries: readonly (readonly [key: string, json: string])[]): Promise<void>;
}
