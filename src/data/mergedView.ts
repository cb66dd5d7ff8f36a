/**
 * MergedView: one blueprint's merged entities (merge.ts) by identifier, with the reverse index of
 * each relation asked for, kept current one entity at a time: `set` costs what the entity's
 * relations cost, whatever the blueprint's size. The reader (reader.ts) keeps one per blueprint a
 * source feeds and sets in it only the entities a change touched.
 *
 * `list()` is an array built on first use after a change and kept until the next one (readers of
 * an earlier list keep theirs: arrays handed out are never changed).
 */
import { relationTargets } from '../model/entities/entity.ts';
import type { ServedEntity } from './merge.ts';

const NONE: readonly ServedEntity[] = Object.freeze([]);

export class MergedView {
  private readonly byId = new Map<string, ServedEntity>();
  private listed: readonly ServedEntity[] | undefined;
  /** relation → target → identifier → the entity pointing at the target; built on first use. */
  private readonly reverse = new Map<string, Map<string, Map<string, ServedEntity>>>();
  /** Entities that still hold relation search queries. */
  private queries = 0;
  /** Grows with every change: what results derived from the whole view are kept against. */
  version = 0;

  static of(entities: Iterable<ServedEntity>): MergedView {
    const view = new MergedView();
    for (const e of entities) view.set(e.identifier, e);
    return view;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Whether some entity still holds relation search queries (relationQueries.ts). */
  get queried(): boolean {
    return this.queries > 0;
  }

  get(identifier: string): ServedEntity | undefined {
    return this.byId.get(identifier);
  }

  list(): readonly ServedEntity[] {
    return (this.listed ??= Object.freeze([...this.byId.values()]));
  }

  /** The entities whose `relation` points at `target`. */
  byRelation(relation: string, target: string): readonly ServedEntity[] {
    const byTarget = this.indexOf(relation).get(target);
    return byTarget ? [...byTarget.values()] : NONE;
  }

  /** Puts the entity's new merge in place (undefined: it is gone). */
  set(identifier: string, entity: ServedEntity | undefined): void {
    const before = this.byId.get(identifier);
    if (before === entity) return;
    if (entity) this.byId.set(identifier, entity);
    else this.byId.delete(identifier);
    this.listed = undefined;
    this.version++;
    this.queries += (entity?.relationQueries ? 1 : 0) - (before?.relationQueries ? 1 : 0);
    for (const [relation, index] of this.reverse) {
      const was = before ? relationTargets(before, relation) : [];
      const now = entity ? relationTargets(entity, relation) : [];
      for (const t of was) if (!now.includes(t)) dropFrom(index, t, identifier);
      // Set again where it already was: it keeps its place in the answer.
      for (const t of now) addTo(index, t, identifier, entity as ServedEntity);
    }
  }

  private indexOf(relation: string): Map<string, Map<string, ServedEntity>> {
    let index = this.reverse.get(relation);
    if (!index) {
      index = new Map();
      for (const e of this.byId.values()) for (const t of relationTargets(e, relation)) addTo(index, t, e.identifier, e);
      this.reverse.set(relation, index);
    }
    return index;
  }
}

function addTo(index: Map<string, Map<string, ServedEntity>>, target: string, identifier: string, entity: ServedEntity): void {
  let byTarget = index.get(target);
  if (!byTarget) index.set(target, (byTarget = new Map()));
  byTarget.set(identifier, entity);
}

function dropFrom(index: Map<string, Map<string, ServedEntity>>, target: string, identifier: string): void {
  const byTarget = index.get(target);
  byTarget?.delete(identifier);
  if (byTarget?.size === 0) index.delete(target);
}
