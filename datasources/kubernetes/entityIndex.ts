/**
 * EntityIndex: a reflector's mapped entities by blueprint and identifier, kept next to what it
 * holds per object, so the source can answer "what do you have for this entity" (a reader
 * re-merging one changed entity) without walking every object. The identifier strings are the
 * entities' own: the index adds a map entry per entity, no copy of anything.
 */
import type { EntityInput } from '../../src/model/entities/entity.ts';

const NONE: readonly EntityInput[] = Object.freeze([]);

export class EntityIndex {
  /** blueprint → identifier → the entity (or, when several objects map to one key, all of them). */
  private readonly byBlueprint = new Map<string, Map<string, EntityInput | EntityInput[]>>();

  add(entities: readonly EntityInput[]): void {
    for (const e of entities) {
      let map = this.byBlueprint.get(e.blueprint);
      if (!map) this.byBlueprint.set(e.blueprint, (map = new Map()));
      const there = map.get(e.identifier);
      if (there === undefined) map.set(e.identifier, e);
      else if (Array.isArray(there)) there.push(e);
      else map.set(e.identifier, [there, e]);
    }
  }

  remove(entities: readonly EntityInput[]): void {
    for (const e of entities) {
      const map = this.byBlueprint.get(e.blueprint);
      const there = map?.get(e.identifier);
      if (!map || there === undefined) continue;
      if (!Array.isArray(there)) {
        if (there === e) map.delete(e.identifier);
        continue;
      }
      const rest = there.filter((x) => x !== e);
      map.set(e.identifier, rest.length === 1 ? rest[0] : rest);
    }
  }

  get(blueprint: string, identifier: string): readonly EntityInput[] {
    const there = this.byBlueprint.get(blueprint)?.get(identifier);
    return there === undefined ? NONE : Array.isArray(there) ? there : [there];
  }
}
