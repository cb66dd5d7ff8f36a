/**
 * EntityStore: where catalog entities live. One interface, two implementations that pass the
 * same contract tests (test/stores/entityStore.contract.ts): in-process (MemoryEntityStore, the
 * default) and Redis (RedisEntityStore, when REDIS_URL is set, shared by replicas and durable).
 *
 * Reads are batch-shaped so DataLoader can use them directly: `getMany` keeps the order and the
 * length of its keys; `findByRelation` answers a reverse relation for many targets at once.
 */
import type { Entity, EntityInput, EntityKey } from '../model/entities/entity.ts';
import type { EntityPatch } from '../model/entities/upsert.ts';
import type { Caller } from './run.ts';

export interface EntityStore {
  /** Entities of one blueprint by identifier, in the keys' order; undefined where missing. */
  getMany(blueprint: string, identifiers: readonly string[]): Promise<(Entity | undefined)[]>;
  /** Every entity of a blueprint, in no particular order. */
  list(blueprint: string): Promise<readonly Entity[]>;
  /** For each target identifier: the `blueprint` entities whose `relation` points at it. */
  findByRelation(blueprint: string, relation: string, targets: readonly string[]): Promise<(readonly Entity[])[]>;
  /** Creates or replaces entities (timestamps are set here); returns them as stored. */
  put(entities: readonly EntityInput[]): Promise<Entity[]>;
  /**
   * Creates an entity only if none with its key exists, in one atomic step (concurrent inserts of
   * one key, from any replica: exactly one writes); returns it as stored, or undefined when one
   * existed (nothing is written).
   */
  insert(entity: EntityInput): Promise<Entity | undefined>;
  /** Deletes entities; returns, per key, whether it existed. */
  delete(keys: readonly EntityKey[]): Promise<boolean[]>;
  /**
   * Makes the set of entities whose origin starts with `originPrefix` exactly `entities`: adds,
   * replaces and deletes in one step. Used by providers that own a set (catalog files). An entity
   * of the set that exists with an origin outside the prefix (written through the API) is never
   * taken over: the call throws CONFLICT naming both owners, and changes nothing.
   */
  replaceOrigin(originPrefix: string, entities: readonly EntityInput[]): Promise<{ written: number; deleted: number }>;
  /**
   * What changed in a blueprint since `cursor` (none given: since now): the cursor to ask from next
   * time, and the identifiers written or deleted in between, oldest first (repeats possible);
   * `undefined` when the store can no longer say (its change log does not reach back that far, or
   * was lost): then the whole list must be read again. The reader (reader.ts) keeps its merge
   * current with it, at a cost proportional to the change, not to the blueprint's size.
   */
  changes(blueprint: string, cursor?: string): Promise<EntityChanges>;
  close(): Promise<void>;
}

/** The answer of `EntityStore.changes`. */
export interface EntityChanges {
  readonly cursor: string;
  readonly identifiers: readonly string[] | undefined;
}

/** Changes a store keeps per blueprint for `changes`: a reader further behind reads the whole list again. */
export const CHANGE_LOG_LENGTH = 10_000;

/** Method names of EntityStore that talk to the store: what the counters count. */
export const STORE_CALLS = ['getMany', 'list', 'findByRelation', 'put', 'insert', 'delete', 'replaceOrigin', 'changes'] as const;
export type StoreCall = (typeof STORE_CALLS)[number];

/** Options of `EntityWriter.upsert`. */
export interface UpsertOptions {
  /** The API caller, whose permissions on the blueprint decide; absent for an action run's write (UPSERT_ENTITY). */
  readonly caller?: Caller;
  /** Port's `merge=true`: keep what is not given (see src/model/entities/upsert.ts); default: replace. */
  readonly merge?: boolean;
  /**
   * What must be true before the write (the typed `create<Type>` / `update<Type>` mutations):
   * `absent` refuses an entity that exists (CONFLICT), `present` one that does not (NOT_FOUND).
   * Absent: an upsert, either way.
   */
  readonly expect?: 'absent' | 'present';
}

/** Options of `EntityWriter.delete`. */
export interface DeleteOptions {
  readonly caller?: Caller;
  /** Port's `delete_dependents=true`: also delete the entities whose required relations point at it (transitively). */
  readonly deleteDependents?: boolean;
}

/**
 * Writes entities on behalf of API callers, validated against the serving model (datasources/catalog/writer.ts).
 * With a `caller`, the blueprint's permissions decide (FORBIDDEN otherwise); without one, the write
 * is an action run's (UPSERT_ENTITY), which the action's own execute permission allowed.
 */
export interface EntityWriter {
  upsert(patch: EntityPatch, options?: UpsertOptions): Promise<Entity>;
  /** Deletes an entity (and, with `deleteDependents`, its dependents, in one store call); false when it did not exist. */
  delete(key: EntityKey, options?: DeleteOptions): Promise<boolean>;
}
