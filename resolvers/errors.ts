/**
 * Field errors raised by resolvers: each names what is missing or failed, so the rest of the
 * response is still served.
 */
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';
import type { Missing } from '../src/query/order.ts';

export function danglingError(m: Missing): LatticeError {
  const via = m.via ? `relation "${m.via.relation}" of ${m.via.blueprint} "${m.via.identifier}" points at ` : '';
  return new LatticeError(ErrorCodes.DANGLING_RELATION, `${via}${m.blueprint} "${m.identifier}", which does not exist`, {
    details: { blueprint: m.blueprint, identifier: m.identifier, ...(m.via ? { from: m.via } : {}) },
  });
}
