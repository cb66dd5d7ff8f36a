/**
 * createLoaders: the batching loaders of one request (never shared between requests, so one
 * caller's cache cannot leak into another's and every request sees fresh data).
 *
 * - `entity(blueprint)`: entities by identifier → one `getMany` per blueprint per tick.
 * - `reverse(blueprint, relation)`: sources pointing at targets → one `findByRelation`.
 * - `list(blueprint)`: every entity of a blueprint, fetched at most once per request.
 *
 * What has been loaded is also kept as plain values (`peek`, `peekReverse`), so a resolver whose
 * data is already here can answer synchronously: no promise, which is most of graphql-js's cost
 * per field (bench/README.md). `prefetch` fills them ahead, with the same batched calls.
 * The batching is keyBatcher.ts: DataLoader's batches and cache, with one promise per call
 * instead of two per key.
 */
import type { Entity } from '../model/entities/entity.ts';
import type { EntityReadSession } from '../data/reader.ts';
import { keyBatcher, type KeyBatcher } from './keyBatcher.ts';

/** Loads one key through the request's batches; rejects when its batch read failed. */
export interface KeyLoader<V> {
  load(key: string): Promise<V>;
}

export interface Loaders {
  entity(blueprint: string): KeyLoader<Entity | undefined>;
  reverse(blueprint: string, relation: string): KeyLoader<readonly Entity[]>;
  list(blueprint: string): Promise<readonly Entity[]>;
  /** Loads many entities of one blueprint through the batching loader (undefined for a missing one or a failed read). */
  loadEntities(blueprint: string, identifiers: readonly string[]): Promise<(Entity | undefined)[]>;
  /** Reverse lookups for many targets through the batching loader ([] for a failed read). */
  findByRelation(blueprint: string, relation: string, targets: readonly string[]): Promise<(readonly Entity[])[]>;
  /** An entity already loaded in this request: the entity, `null` when known missing, `undefined` when not loaded. */
  peek(blueprint: string, identifier: string): Entity | null | undefined;
  /** A reverse lookup already done in this request, or `undefined`. */
  peekReverse(blueprint: string, relation: string, target: string): readonly Entity[] | undefined;
}

/** At most this many keys per store call. */
const MAX_BATCH = 1000;

const missingAsUndefined = (e: Entity | null): Entity | undefined => e ?? undefined;
const failedAsUndefined = (): undefined => undefined;
const failedAsNone = (): readonly Entity[] => [];

export function createLoaders(session: EntityReadSession): Loaders {
  // Made on first use: a set of loaders is made per request and per subscription event, and most use two or three of these.
  let entityBatchers: Map<string, KeyBatcher<Entity | null>> | undefined;
  let reverseBatchers: Map<string, Map<string, KeyBatcher<readonly Entity[]>>> | undefined;
  let lists: Map<string, Promise<readonly Entity[]>> | undefined;
  // blueprint → identifier → entity (null: known missing): what the entity batchers hold, and what reverse lookups prime.
  let known: Map<string, Map<string, Entity | null>> | undefined;
  // blueprint → relation → target → sources: no key string is built per lookup (peekReverse runs per field).
  let knownReverse: Map<string, Map<string, Map<string, readonly Entity[]>>> | undefined;

  const knownOf = (blueprint: string): Map<string, Entity | null> => {
    let m = (known ??= new Map()).get(blueprint);
    if (!m) known.set(blueprint, (m = new Map()));
    return m;
  };

  const entityBatcher = (blueprint: string): KeyBatcher<Entity | null> => {
    let batcher = (entityBatchers ??= new Map()).get(blueprint);
    if (!batcher) {
      const fetch = (ids: readonly string[]) => session.getMany(blueprint, ids).then((found) => found.map((e) => e ?? null));
      entityBatchers.set(blueprint, (batcher = keyBatcher(fetch, knownOf(blueprint), MAX_BATCH)));
    }
    return batcher;
  };

  const reverseBatcher = (blueprint: string, relation: string): KeyBatcher<readonly Entity[]> => {
    let byRelation = (reverseBatchers ??= new Map()).get(blueprint);
    if (!byRelation) reverseBatchers.set(blueprint, (byRelation = new Map()));
    let batcher = byRelation.get(relation);
    if (!batcher) {
      const values = new Map<string, readonly Entity[]>();
      let knownByRelation = (knownReverse ??= new Map()).get(blueprint);
      if (!knownByRelation) knownReverse.set(blueprint, (knownByRelation = new Map()));
      knownByRelation.set(relation, values);
      const byId = knownOf(blueprint);
      // The sources found are entities of `blueprint`: primed, so loading one of them by identifier asks nothing more.
      const fetch = (targets: readonly string[]) =>
        session.findByRelation(blueprint, relation, targets).then((found) => {
          for (const list of found) for (const e of list) byId.set(e.identifier, e);
          return found;
        });
      byRelation.set(relation, (batcher = keyBatcher(fetch, values, MAX_BATCH)));
    }
    return batcher;
  };

  const list = (blueprint: string): Promise<readonly Entity[]> => {
    let p = (lists ??= new Map()).get(blueprint);
    if (!p) lists.set(blueprint, (p = session.list(blueprint)));
    return p;
  };

  return {
    entity: (blueprint) => {
      const batcher = entityBatcher(blueprint);
      return { load: (id) => batcher.load(id).then(missingAsUndefined) };
    },
    reverse: (blueprint, relation) => reverseBatcher(blueprint, relation),
    list,
    // One promise per call, not per key: this runs once per relation field and look-ahead level.
    loadEntities: (blueprint, ids) => entityBatcher(blueprint).loadMany(ids, failedAsUndefined).then((found) => found.map((e) => e ?? undefined)),
    findByRelation: (blueprint, relation, targets) => reverseBatcher(blueprint, relation).loadMany(targets, failedAsNone),
    peek: (blueprint, identifier) => known?.get(blueprint)?.get(identifier),
    peekReverse: (blueprint, relation, target) => knownReverse?.get(blueprint)?.get(relation)?.get(target),
  };
}
