/**
 * Peek, else load: how a resolver or the look-ahead (prefetch.ts) reads keys this request may
 * have loaded already. When every key is known (`Loaders.peek` / `peekReverse`), the values come
 * back right away, with no promise (most of graphql-js's cost per field, bench/README.md);
 * otherwise the keys not known yet are loaded in one batch and the values come back in key order.
 *
 * A `KeySpace` says where keys are peeked and how the rest is loaded. Callers build theirs once
 * (per field, per schema generation) and hand it the request's loaders on each call.
 */
import type { Entity } from '../model/entities/entity.ts';
import type { Loaders } from './loaders.ts';

/** A value now, or a promise of it when something had to be loaded. */
export type NowOrLater<T> = T | Promise<T>;

export interface KeySpace<K, V> {
  /** The value this request holds for the key, or `undefined` when it has not loaded it. */
  peek(loaders: Loaders, key: K): V | undefined;
  /** Loads values for the keys, in key order (undefined for a missing one). */
  load(loaders: Loaders, keys: readonly K[]): Promise<readonly (V | undefined)[]>;
}

/** The values of `keys`, in order: right away when all are known, else after one load of the others. */
export function peekElseLoad<K, V>(loaders: Loaders, space: KeySpace<K, V>, keys: readonly K[]): NowOrLater<readonly (V | undefined)[]> {
  const values: (V | undefined)[] = new Array(keys.length);
  let unknown: number[] | undefined;
  for (let i = 0; i < keys.length; i++) {
    const known = space.peek(loaders, keys[i]);
    if (known === undefined) (unknown ??= []).push(i);
    else values[i] = known;
  }
  if (!unknown) return values;
  const missing = unknown;
  return space.load(loaders, missing.map((i) => keys[i])).then((loaded) => {
    missing.forEach((at, j) => (values[at] = loaded[j]));
    return values;
  });
}

/** peekElseLoad for one key. */
export function peekElseLoadOne<K, V>(loaders: Loaders, space: KeySpace<K, V>, key: K): NowOrLater<V | undefined> {
  const known = space.peek(loaders, key);
  return known !== undefined ? known : space.load(loaders, [key]).then((loaded) => loaded[0]);
}

/** Applies `f` to a value now or once it is there: no promise when there was none. */
export function whenLoaded<T, U>(value: NowOrLater<T>, f: (value: T) => U | Promise<U>): NowOrLater<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** How a space reads a failed load: `reject` fails the field, `settle` reads it as missing entities / no references. */
export type OnFailure = 'reject' | 'settle';

/** Entities of one blueprint by identifier (`null` once known missing). */
export function entitiesOf(blueprint: string, onFailure: OnFailure): KeySpace<string, Entity | null> {
  return {
    peek: (loaders, id) => loaders.peek(blueprint, id),
    load: onFailure === 'settle' ? (loaders, ids) => loaders.loadEntities(blueprint, ids) : (loaders, ids) => Promise.all(ids.map((id) => loaders.entity(blueprint).load(id))),
  };
}

/** The `blueprint` entities whose `relation` points at each target. */
export function referencesOf(blueprint: string, relation: string, onFailure: OnFailure): KeySpace<string, readonly Entity[]> {
  return {
    peek: (loaders, target) => loaders.peekReverse(blueprint, relation, target),
    load: onFailure === 'settle' ? (loaders, targets) => loaders.findByRelation(blueprint, relation, targets) : (loaders, targets) => Promise.all(targets.map((t) => loaders.reverse(blueprint, relation).load(t))),
  };
}
