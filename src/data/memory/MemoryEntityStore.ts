/**
 * MemoryEntityStore: the in-process EntityStore, used by `npm start` with no setup.
 *
 * Keeps one Map per blueprint and a reverse index (blueprint + relation + target → sources), so
 * reverse relations cost a lookup, not a scan. Entities are copied on the way in and frozen all
 * the way down; reads hand out the stored objects without copying.
 *
 * Every write is recorded in a change log (ChangeLog.ts) for `changes`.
 *
 * Writes run without awaiting anything in between (putNow, deleteNow), so a call is one step:
 * no other call sees it half done.
 */
import { relationTargets, stamp, type Entity, type EntityInput, type EntityKey } from '../../model/entities/entity.ts';
import type { EntityStore } from '../EntityStore.ts';
import { freezeEntity } from '../freeze.ts';
import { ownedElsewhere } from '../ownership.ts';
import { ChangeLog } from './ChangeLog.ts';

export class MemoryEntityStore implements EntityStore {
  private readonly byBlueprint = new Map<string, Map<string, Entity>>();
  /** `${blueprint}\0${relation}\0${target}` → identifiers of the source entities. */
  private readonly reverse = new Map<string, Set<string>>();
  private readonly lists = new Map<string, readonly Entity[]>();
  private readonly changeLog = new ChangeLog();

  async getMany(blueprint: string, identifiers: readonly string[]) {
    const map = this.byBlueprint.get(blueprint);
    return identifiers.map((id) => map?.get(id));
  }

  async list(blueprint: string) {
    let list = this.lists.get(blueprint);
    if (!list) {
      list = Object.freeze([...(this.byBlueprint.get(blueprint)?.values() ?? [])]);
      this.lists.set(blueprint, list);
    }
    return list;
  }

  async findByRelation(blueprint: string, relation: string, targets: readonly string[]) {
    const map = this.byBlueprint.get(blueprint);
    return targets.map((target) => {
      const ids = this.reverse.get(reverseKey(blueprint, relation, target));
      return ids ? [...ids].map((id) => map?.get(id) as Entity) : [];
    });
  }

  async put(inputs: readonly EntityInput[]) {
    return this.putNow(inputs);
  }

  async insert(input: EntityInput) {
    return this.byBlueprint.get(input.blueprint)?.has(input.identifier) ? undefined : this.putNow([input])[0];
  }

  async delete(keys: readonly EntityKey[]) {
    return this.deleteNow(keys);
  }

  async replaceOrigin(originPrefix: string, entities: readonly EntityInput[]) {
    const taken = entities.flatMap((e) => {
      const owner = this.byBlueprint.get(e.blueprint)?.get(e.identifier);
      return owner && !owner.origin.startsWith(originPrefix) ? [{ input: e, owner }] : [];
    });
    if (taken.length) throw ownedElsewhere(taken);
    const keep = new Set(entities.map((e) => `${e.blueprint}\0${e.identifier}`));
    const stale: EntityKey[] = [];
    for (const map of this.byBlueprint.values()) {
      for (const e of map.values()) if (e.origin.startsWith(originPrefix) && !keep.has(`${e.blueprint}\0${e.identifier}`)) stale.push(e);
    }
    const before = new Map(entities.map((e) => [`${e.blueprint}\0${e.identifier}`, this.byBlueprint.get(e.blueprint)?.get(e.identifier)]));
    const written = this.putNow(entities).filter((e) => before.get(`${e.blueprint}\0${e.identifier}`) !== e).length;
    this.deleteNow(stale);
    return { written, deleted: stale.length };
  }

  async changes(blueprint: string, cursor?: string) {
    return this.changeLog.since(blueprint, cursor);
  }

  async close() {}

  private putNow(inputs: readonly EntityInput[]): Entity[] {
    const now = new Date().toISOString();
    return inputs.map((input) => {
      const map = this.mapFor(input.blueprint);
      const previous = map.get(input.identifier);
      const stamped = stamp(input, previous, now);
      if (stamped === previous) return previous;
      // A copy: the caller keeps its input and may change it later.
      const entity = freezeEntity(structuredClone(stamped));
      if (previous) this.unindex(previous);
      map.set(entity.identifier, entity);
      this.index(entity);
      this.lists.delete(entity.blueprint);
      this.changeLog.record(entity.blueprint, entity.identifier);
      return entity;
    });
  }

  private deleteNow(keys: readonly EntityKey[]): boolean[] {
    return keys.map(({ blueprint, identifier }) => {
      const map = this.byBlueprint.get(blueprint);
      const previous = map?.get(identifier);
      if (!previous || !map) return false;
      this.unindex(previous);
      map.delete(identifier);
      this.lists.delete(blueprint);
      this.changeLog.record(blueprint, identifier);
      return true;
    });
  }

  private mapFor(blueprint: string): Map<string, Entity> {
    let map = this.byBlueprint.get(blueprint);
    if (!map) this.byBlueprint.set(blueprint, (map = new Map()));
    return map;
  }

  private index(e: Entity) {
    for (const relation of Object.keys(e.relations)) {
      for (const target of relationTargets(e, relation)) {
        const key = reverseKey(e.blueprint, relation, target);
        let set = this.reverse.get(key);
        if (!set) this.reverse.set(key, (set = new Set()));
        set.add(e.identifier);
      }
    }
  }

  private unindex(e: Entity) {
    for (const relation of Object.keys(e.relations)) {
      for (const target of relationTargets(e, relation)) {
        const key = reverseKey(e.blueprint, relation, target);
        const set = this.reverse.get(key);
        set?.delete(e.identifier);
        if (set?.size === 0) this.reverse.delete(key);
      }
    }
  }
}

function reverseKey(blueprint: string, relation: string, target: string) {
  return `${blueprint}\0${relation}\0${target}`;
}
