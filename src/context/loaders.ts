/**
 * createLoaders: the DataLoader set of one request (never shared between requests, so one
 * caller's cache cannot leak into another's and every request sees fresh data).
 *
 * - `entity(blueprint)`: entities by identifier → one `getMany` per blueprint per tick.
 * - `reverse(blueprint, relation)`: sources pointing at targets → one `findByRelation`.
 * - `list(blueprint)`: every entity of a blueprint, fetched at most once per request.
 *
 * What has been loaded is also kept as plain values (`peek`, `peekReverse`), so a resolver whose
 * data is already here can answer synchronously: no promise, which is most of graphql-js's cost
 * per field (bench/README.md). `prefetch` fills them ahead, with the same batched calls.
 */
import DataLoader from 'dataloader';
import type { Entity } from '../model/entities/entity.ts';
import type { EntityReadSession } from '../data/reader.ts';

export interface Loaders {
  entity(blueprint: string): DataLoader<string, Entity | undefined>;
  reverse(blueprint: string, relation: string): DataLoader<string, readonly Entity[]>;
  list(blueprint: string): Promise<readonly Entity[]>;
  /** Loads many entities of one blueprint through the batching loader. */
  loadEntities(blueprint: string, identifiers: readonly string[]): Promise<(Entity | undefined)[]>;
  /** Reverse lookups for many targets through the batching loader. */
  findByRelation(blueprint: string, relation: string, targets: readonly string[]): Promise<(readonly Entity[])[]>;
  /** An entity already loaded in this request: the entity, `null` when known missing, `undefined` when not loaded. */
  peek(blueprint: string, identifier: string): Entity | null | undefined;
  /** A reverse lookup already done in this request, or `undefined`. */
  peekReverse(blueprint: string, relation: string, target: string): readonly Entity[] | undefined;
}

export function createLoaders(session: EntityReadSession): Loaders {
  const entityLoaders = new Map<string, DataLoader<string, Entity | undefined>>();
  const reverseLoaders = new Map<string, DataLoader<string, readonly Entity[]>>();
  const lists = new Map<string, Promise<readonly Entity[]>>();
  const known = new Map<string, Map<string, Entity | null>>();
  // blueprint → relation → target → sources: no key string is built per lookup (peekReverse runs per field).
  const knownReverse = new Map<string, Map<string, Map<string, readonly Entity[]>>>();

  const knownOf = (blueprint: string) => {
    let m = known.get(blueprint);
    if (!m) known.set(blueprint, (m = new Map()));
    return m;
  };

  const entity = (blueprint: string) => {
    let loader = entityLoaders.get(blueprint);
    if (!loader) {
      const values = knownOf(blueprint);
      loader = new DataLoader(
        async (ids: readonly string[]) => {
          const found = await session.getMany(blueprint, ids);
          found.forEach((e, i) => values.set(ids[i], e ?? null));
          return found;
        },
        { maxBatchSize: 1000 },
      );
      entityLoaders.set(blueprint, loader);
    }
    return loader;
  };

  const reverse = (blueprint: string, relation: string) => {
    const key = `${blueprint}\0${relation}`;
    let loader = reverseLoaders.get(key);
    if (!loader) {
      const values = new Map<string, readonly Entity[]>();
      let byRelation = knownReverse.get(blueprint);
      if (!byRelation) knownReverse.set(blueprint, (byRelation = new Map()));
      byRelation.set(relation, values);
      loader = new DataLoader(
        async (targets: readonly string[]) => {
          const found = await session.findByRelation(blueprint, relation, targets);
          const byId = knownOf(blueprint);
          const primed = entity(blueprint);
          found.forEach((list, i) => {
            values.set(targets[i], list);
            for (const e of list) {
              byId.set(e.identifier, e);
              primed.prime(e.identifier, e);
            }
          });
          return found;
        },
        { maxBatchSize: 1000 },
      );
      reverseLoaders.set(key, loader);
    }
    return loader;
  };

  const list = (blueprint: string) => {
    let p = lists.get(blueprint);
    if (!p) lists.set(blueprint, (p = session.list(blueprint)));
    return p;
  };

  return {
    entity,
    reverse,
    list,
    // Same results as loadMany followed by "Error → undefined" (or [] for reverse lookups), without
    // loadMany's extra promise per key and the extra pass: this runs once per relation field.
    loadEntities: (blueprint, ids) => {
      const loader = entity(blueprint);
      const settle = (e: unknown) => (e instanceof Error ? undefined : (e as Entity));
      if (ids.length === 1) return loader.load(ids[0]).then((x) => [x], (e: unknown) => [settle(e)]);
      return Promise.all(ids.map((id) => loader.load(id).catch(settle)));
    },
    findByRelation: (blueprint, relation, targets) => {
      const loader = reverse(blueprint, relation);
      return Promise.all(targets.map((t) => loader.load(t).catch((e: unknown) => (e instanceof Error ? [] : (e as readonly Entity[])))));
    },
    peek: (blueprint, identifier) => known.get(blueprint)?.get(identifier),
    peekReverse: (blueprint, relation, target) => knownReverse.get(blueprint)?.get(relation)?.get(target),
  };
}
