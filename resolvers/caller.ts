/**
 * The caller of a mutation (or of anything on runs) as the permission checks see it. Anonymous
 * callers are read-only: every mutation, action and run field refuses them with UNAUTHENTICATED.
 */
import type { RequestContext } from '../src/context/index.ts';
import type { Caller } from '../src/data/run.ts';
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';

/** `what` completes "… need credentials", e.g. "catalog writes". */
export function authenticatedCaller(ctx: RequestContext, what: string): Caller {
  if (ctx.identity.anonymous) {
    throw new LatticeError(ErrorCodes.UNAUTHENTICATED, `${what} need credentials: anonymous callers may only read; send "Authorization: Bearer <token>"`);
  }
  return { user: ctx.identity.user, teams: ctx.identity.teams, roles: ctx.identity.roles };
}
