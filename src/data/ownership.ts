/**
 * ownedElsewhere: the CONFLICT a store throws when a provider's set (catalog files) would take
 * over entities that another owner (the API) wrote. Both stores throw the same error, before
 * changing anything, so that nothing is lost and the message names both owners.
 */
import type { Entity, EntityInput } from '../model/entities/entity.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';

export function ownedElsewhere(taken: readonly { readonly input: EntityInput; readonly owner: Entity }[]): LatticeError {
  const first = taken[0];
  const more = taken.length > 1 ? ` (and ${taken.length - 1} more)` : '';
  return new LatticeError(
    ErrorCodes.CONFLICT,
    `${first.input.blueprint} "${first.input.identifier}" is owned by ${first.owner.origin}; ${first.input.origin} may not replace it${more}`,
    { details: { entities: taken.map(({ input, owner }) => ({ blueprint: input.blueprint, identifier: input.identifier, owner: owner.origin, claimant: input.origin })) } },
  );
}
