/**
 * Audited resolvers: `audited` runs a mutation and records one audit event with its outcome,
 * OK, REFUSED (UNAUTHENTICATED, FORBIDDEN, or an error marked by `refusal`, e.g. the NOT_FOUND of
 * a run the caller may not see) or FAILED (anything else, with its code), then hands the result
 * or the error on unchanged. The actor is the request's identity.
 */
import type { RequestContext } from '../src/context/index.ts';
import type { AuditOutcome } from '../src/data/AuditLog.ts';
import { ErrorCodes, hasCode, type LatticeError } from '../src/errors/index.ts';

const refusals = new WeakSet<object>();

/** Marks an error as a refused authorization whatever its code (kept out of its extensions). */
export function refusal<E extends LatticeError>(error: E): E {
  refusals.add(error);
  return error;
}

export interface AuditedCall<T> {
  /** The event kind: `entity.upsert`, `run.create`, `run.approve`… */
  readonly event: string;
  readonly target: Readonly<Record<string, string | null | undefined>>;
  /** More of the target, known from the result (e.g. the id of the run created). */
  readonly targetOf?: (result: T) => Readonly<Record<string, string | null>>;
}

export async function audited<T>(ctx: RequestContext, call: AuditedCall<T>, run: () => Promise<T>): Promise<T> {
  const actor = { user: ctx.identity.user, via: ctx.identity.via };
  const target = Object.fromEntries(Object.entries(call.target).map(([k, v]) => [k, v ?? null]));
  let result: T;
  try {
    result = await run();
  } catch (err) {
    await ctx.audit.record({ event: call.event, actor, target, outcome: outcomeOf(err), code: hasCode(err) ? err.code : 'INTERNAL_SERVER_ERROR' });
    throw err;
  }
  await ctx.audit.record({ event: call.event, actor, target: { ...target, ...call.targetOf?.(result) }, outcome: 'OK', code: null });
  return result;
}

function outcomeOf(err: unknown): AuditOutcome {
  if (err instanceof Object && refusals.has(err)) return 'REFUSED';
  return hasCode(err, ErrorCodes.UNAUTHENTICATED, ErrorCodes.FORBIDDEN) ? 'REFUSED' : 'FAILED';
}
