/**
 * Ordering of entities: sort keys are meta fields ("$title") or property identifiers ("type").
 * Every ordering ends with the identifier, so it is total and cursors are stable. Nulls sort
 * last in both directions.
 */
import type { MetaProperty } from '../blueprints/model.ts';
import type { Entity } from '../entities/entity.ts';

export interface SortKey {
  readonly key: string;
  readonly desc: boolean;
  /** Reads the key's value when the entity does not store it (a computed property, read ahead). */
  readonly read?: (item: Item) => unknown;
}

/** A catalog item: an entity, or a relation target that does not exist (kept to report it). */
export type Item = Entity | Missing;

export interface Missing {
  readonly missing: true;
  readonly blueprint: string;
  readonly identifier: string;
  /** The entity and relation that point at the missing one. */
  readonly via?: { readonly blueprint: string; readonly identifier: string; readonly relation: string };
}

export function isMissing(item: Item): item is Missing {
  return (item as Missing).missing === true;
}

// Typed by the one list of meta properties (blueprints/model.ts): a new one must be read here.
const META: Record<MetaProperty, (e: Entity) => unknown> & Record<string, ((e: Entity) => unknown) | undefined> = {
  $identifier: (e) => e.identifier,
  $title: (e) => e.title,
  $icon: (e) => e.icon,
  $team: (e) => e.team,
  $blueprint: (e) => e.blueprint,
  $createdAt: (e) => e.createdAt,
  $updatedAt: (e) => e.updatedAt,
  // Port's authors of an entity (recorded on API writes): null where the store keeps none.
  $createdBy: (e) => e.createdBy ?? null,
  $updatedBy: (e) => e.updatedBy ?? null,
};

/** The value of a sort key, rule property or mirror end on an entity. */
export function readKey(item: Item, key: string): unknown {
  if (isMissing(item)) return key === '$identifier' ? item.identifier : key === '$blueprint' ? item.blueprint : null;
  const meta = META[key];
  return meta ? meta(item) : (item.properties[key] ?? null);
}

export function withTiebreak(keys: readonly SortKey[]): SortKey[] {
  return keys.some((k) => k.key === '$identifier') ? [...keys] : [...keys, { key: '$identifier', desc: false }];
}

export function compareValues(a: unknown, b: unknown): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const as = typeof a === 'string' ? a : JSON.stringify(a);
  const bs = typeof b === 'string' ? b : JSON.stringify(b);
  return as < bs ? -1 : as > bs ? 1 : 0;
}

/** Compares two tuples of sort values; nulls stay last whatever the direction. */
export function compareTuples(a: readonly unknown[], b: readonly unknown[], keys: readonly SortKey[]): number {
  for (let i = 0; i < keys.length; i++) {
    const an = a[i] === null || a[i] === undefined;
    const bn = b[i] === null || b[i] === undefined;
    const c = an || bn ? compareValues(a[i], b[i]) : compareValues(a[i], b[i]) * (keys[i].desc ? -1 : 1);
    if (c !== 0) return c;
  }
  return 0;
}

export function sortTuple(item: Item, keys: readonly SortKey[]): unknown[] {
  return keys.map((k) => (k.read ? k.read(item) : readKey(item, k.key)));
}

const byIdentifier = (a: Item, b: Item) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0);

/**
 * Sorts a copy of the items. The default order (identifier only) compares identifiers directly;
 * other orders compute each item's tuple once. Lists of 0 or 1 item are returned as they are.
 */
export function sortItems<T extends Item>(items: readonly T[], keys: readonly SortKey[]): readonly T[] {
  if (items.length < 2) return items;
  if (keys.length === 1 && keys[0].key === '$identifier') {
    const sorted = [...items].sort(byIdentifier);
    return keys[0].desc ? sorted.reverse() : sorted;
  }
  const rows = items.map((item) => ({ item, tuple: sortTuple(item, keys) }));
  rows.sort((a, b) => compareTuples(a.tuple, b.tuple, keys));
  return rows.map((r) => r.item);
}
