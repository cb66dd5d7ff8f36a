/**
 * createLoaders: the DataLoader set of one request (never shared between requests, so one
 * caller's cache cannot leak into another's and every request sees fresh data).
 *
 * - `entity(blueprint)`: entities by identifier → one `store.getMany` per blueprint per tick.
 * - `reverse(blueprint, relation)`: sources pointing at targets → one `store.findByRelation`.
 * - `list(blueprint)`: every entity of a blueprint, fetched at most once per request.
 */
import DataLoader from 'dataloader';
import type { Entity } from '../entities/entity.ts';
import type { EntityStore } from '../stores/EntityStore.ts';

export interface Loaders {
  entity(blueprint: string): DataLoader<string, Entity | undefined>;
  reverse(blueprint: string, relation: string): DataLoader<string, readonly Entity[]>;
  list(blueprint: string): Promise<readonly Entity[]>;
  /** Loads many entities of one blueprint through the batching loader. */
  loadEntities(blueprint: string, identifiers: readonly string[]): Promise<(Entity | undefined)[]>;
  /** Reverse lookups for many targets through the batching loader. */
  findByRelation(blueprint: string, relation: string, targets: readonly string[]): Promise<(readonly Entity[])[]>;
}

export function createLoaders(store: EntityStore): Loaders {
  const entityLoaders = new Map<string, DataLoader<string, Entity | undefined>>();
  const reverseLoaders = new Map<string, DataLoader<string, readonly Entity[]>>();
  const lists = new Map<string, Promise<readonly Entity[]>>();

  const entity = (blueprint: string) => {
    let loader = entityLoaders.get(blueprint);
    if (!loader) {
      loader = new DataLoader((ids: readonly string[]) => store.getMany(blueprint, ids), { maxBatchSize: 1000 });
      entityLoaders.set(blueprint, loader);
    }
    return loader;
  };

  const reverse = (blueprint: string, relation: string) => {
    const key = `${blueprint}\0${relation}`;
    let loader = reverseLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (targets: readonly string[]) => {
        const found = await store.findByRelation(blueprint, relation, targets);
        for (const list of found) for (const e of list) entity(blueprint).prime(e.identifier, e);
        return found;
      }, { maxBatchSize: 1000 });
      reverseLoaders.set(key, loader);
    }
    return loader;
  };

  const list = (blueprint: string) => {
    let p = lists.get(blueprint);
    if (!p) lists.set(blueprint, (p = store.list(blueprint)));
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
  };
}
