/**
 * Properties of format `entity`: the value is an identifier (or a list of them) of an entity of
 * the property's `blueprint`, and the field resolves to that entity (or list) through the
 * request's loaders, batched with every other load of that blueprint. A reference to an entity
 * that does not exist is `null` plus an error naming it (for a list, at its index), as a dangling
 * relation is.
 */
import type { Entity } from '../src/model/entities/entity.ts';
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';
import { entitiesOf, peekElseLoad, whenLoaded } from '../src/context/peekElseLoad.ts';
import type { FieldResolver } from './types.ts';

/** Wraps `read` (the property's stored value) into a resolver of the entities it names. */
export function referenceResolver<Args>(key: string, target: string, read: FieldResolver<Args>): FieldResolver<Args> {
  const targets = entitiesOf(target, 'reject');
  return (e, args, ctx, info) => {
    const value = read(e, args, ctx, info);
    if (value === null || value === undefined) return null;
    const list = Array.isArray(value);
    const ids = (list ? value : [value]).filter((id): id is string => typeof id === 'string');
    const missing = (id: string) => danglingReference(e, key, target, id);
    return whenLoaded(peekElseLoad(ctx.loaders, targets, ids), (found) => {
      const out = found.map((t, i) => t ?? missing(ids[i]));
      if (list) return out;
      if (out[0] instanceof LatticeError) throw out[0];
      return out[0] ?? null;
    });
  };
}

function danglingReference(e: Entity, key: string, blueprint: string, identifier: string): LatticeError {
  return new LatticeError(ErrorCodes.DANGLING_RELATION, `property "${key}" of ${e.blueprint} "${e.identifier}" points at ${blueprint} "${identifier}", which does not exist`, {
    details: { blueprint, identifier, from: { blueprint: e.blueprint, identifier: e.identifier, property: key } },
  });
}
