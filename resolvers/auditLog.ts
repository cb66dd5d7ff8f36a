/**
 * `auditLog(filter, first, after)`: the audit events, newest first, for callers with the Admin
 * role only (anyone else: FORBIDDEN, itself audited as `auditLog.read` REFUSED; anonymous
 * callers: UNAUTHENTICATED). Cursors are opaque; a malformed one is BAD_USER_INPUT.
 */
import type { RequestContext } from '../src/context/index.ts';
import type { AuditEvent } from '../src/data/AuditLog.ts';
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';
import { isAdmin } from '../src/runs/permissions.ts';
import { audited } from './audit.ts';
import { authenticatedCaller } from './caller.ts';
import type { QueryResolvers } from './generated/graphql.ts';

const DEFAULT_FIRST = 20;
const MAX_FIRST = 1000;
const CURSOR_PREFIX = 'audit:';

const toCursor = (e: AuditEvent) => Buffer.from(`${CURSOR_PREFIX}${e.id}`).toString('base64url');

function fromCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const id = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : '';
  if (!/^\d+-\d+$/.test(id)) throw new LatticeError(ErrorCodes.BAD_USER_INPUT, '"after" is not an auditLog cursor: pass the endCursor of a page you received', { details: { argument: 'after' } });
  return id;
}

/** Throws unless the caller has the Admin role; the refusal is audited. */
async function assertAdmin(ctx: RequestContext): Promise<void> {
  const who = authenticatedCaller(ctx, 'the audit log');
  if (isAdmin(who)) return;
  await audited(ctx, { event: 'auditLog.read', target: {} }, async () => {
    throw new LatticeError(ErrorCodes.FORBIDDEN, `${who.user} may not read the audit log: it requires the Admin role`, { details: { required: { roles: ['Admin'] } } });
  });
}

export function auditQueryResolvers(): QueryResolvers {
  return {
    auditLog: async (_p, { filter, first, after }, ctx) => {
      await assertAdmin(ctx);
      const n = first ?? DEFAULT_FIRST;
      if (!Number.isInteger(n) || n < 0 || n > MAX_FIRST) {
        throw new LatticeError(ErrorCodes.BAD_USER_INPUT, `"first" must be between 0 and ${MAX_FIRST}, got ${n}`, { details: { argument: 'first', limit: MAX_FIRST } });
      }
      const page = await ctx.audit.log.list(
        { actor: filter?.actor, event: filter?.event, since: filter?.since ?? null, until: filter?.until ?? null },
        { first: n, after: after ? fromCursor(after) : null },
      );
      const nodes = [...page.events];
      return {
        nodes,
        pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: Boolean(after), startCursor: nodes[0] ? toCursor(nodes[0]) : null, endCursor: nodes.length ? toCursor(nodes[nodes.length - 1]) : null },
      };
    },
  };
}
