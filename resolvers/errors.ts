/**
 * Field errors raised by resolvers: each names what is missing or failed, so the rest of the
 * response is still served.
 */
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';
import type { Missing } from '../src/model/query/order.ts';

/** A field a live source fills, when that source failed: the source's own typed error. */
export function upstreamError(source: string, cause: unknown): LatticeError {
  if (cause instanceof LatticeError) return new LatticeError(cause.code, cause.message, { cause, details: { source, ...cause.details } });
  return new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `source "${source}" is unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause, details: { source } });
}

export function danglingError(m: Missing): LatticeError {
  const via = m.via ? `relation "${m.via.relation}" of ${m.via.blueprint} "${m.via.identifier}" points at ` : '';
  return new LatticeError(ErrorCodes.DANGLING_RELATION, `${via}${m.blueprint} "${m.identifier}", which does not exist`, {
    details: { blueprint: m.blueprint, identifier: m.identifier, ...(m.via ? { from: m.via } : {}) },
  });
}

/** A required property or relation (non-null in the schema) that the entity lacks: INVALID_ENTITY naming both. */
export function missingRequiredError(e: { readonly blueprint: string; readonly identifier: string }, missing: { readonly kind: 'property' | 'relation'; readonly key: string }): LatticeError {
  return new LatticeError(ErrorCodes.INVALID_ENTITY, `${e.blueprint} "${e.identifier}" has no value for its required ${missing.kind} "${missing.key}"`, {
    details: { blueprint: e.blueprint, identifier: e.identifier, [missing.kind]: missing.key },
  });
}
