/**
 * freezeEntity: freezes an entity all the way down (properties, relations, team and whatever
 * they hold), so no reader can change what a store holds or hands to other readers.
 */
import type { Entity } from '../model/entities/entity.ts';

export function freezeEntity(entity: Entity): Entity {
  return deepFreeze(entity);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
