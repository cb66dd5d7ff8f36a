/**
 * createAuditor: every audit event as one pino log line `{ audit: true, event, actor, target,
 * outcome, code, at }` (message "audit"), then appended to the AuditLog (the Redis stream, or the
 * in-process ring buffer) for the `auditLog` query. A failing store costs a warning, not the
 * request: the log line is already written.
 */
import type { Logger } from 'pino';
import type { Authenticate } from '../auth/authenticate.ts';
import type { AuditLog, Auditor } from '../data/AuditLog.ts';
import { hasCode } from '../errors/index.ts';

export function createAuditor(store: AuditLog, log: Logger, now: () => Date = () => new Date()): Auditor {
  return {
    log: store,
    async record(entry) {
      const event = { ...entry, code: entry.code ?? null, at: now().toISOString() };
      log.info({ audit: true, ...event }, 'audit');
      try {
        await store.append(event);
      } catch (err) {
        log.warn({ err, event: event.event }, 'audit event not stored');
      }
    },
  };
}

/** The authenticator, with every refused credential (HTTP or graphql-ws) audited as `authenticate` REFUSED. */
export function auditedAuthenticator(authenticate: Authenticate, audit: Auditor): Authenticate {
  return async (authorization) => {
    try {
      return await authenticate(authorization);
    } catch (err) {
      await audit.record({ event: 'authenticate', actor: { user: 'unknown', via: authorization ? 'credentials' : 'none' }, target: {}, outcome: 'REFUSED', code: hasCode(err) ? err.code : null });
      throw err;
    }
  };
}
