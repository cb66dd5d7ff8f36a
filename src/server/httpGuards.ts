/**
 * Express middleware in front of Apollo on the GraphQL path: who the caller is (authenticated once,
 * kept in `res.locals` for Apollo's context) and its request budget (rateLimit.ts: 429 with
 * `Retry-After` and a GraphQL error body, code RATE_LIMITED, audited as `http.graphql` REFUSED).
 * Health, metrics and webhook routes are not behind it.
 */
import type express from 'express';
import type { Authenticate } from '../auth/authenticate.ts';
import { ANONYMOUS, type Identity } from '../auth/identity.ts';
import type { Auditor } from '../data/AuditLog.ts';
import { ErrorCodes } from '../errors/index.ts';
import type { RateLimiter } from './rateLimit.ts';

/** What `identify` leaves in `res.locals.caller`: the identity, or why the credentials were refused. */
export type CallerOutcome = { readonly identity: Identity } | { readonly refused: unknown };

export function identify(authenticate: Authenticate): express.RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.caller = { identity: await authenticate(req.headers.authorization) } satisfies CallerOutcome;
    } catch (err) {
      res.locals.caller = { refused: err } satisfies CallerOutcome;
    }
    next();
  };
}

export function rateLimit(limiter: RateLimiter, audit: Auditor): express.RequestHandler {
  return async (req, res, next) => {
    const caller = res.locals.caller as CallerOutcome | undefined;
    const identity = caller && 'identity' in caller ? caller.identity : ANONYMOUS;
    const retryAfter = await limiter.consume({ identity, ip: req.socket.remoteAddress ?? 'unknown' });
    if (retryAfter === undefined) return next();
    await audit.record({ event: 'http.graphql', actor: { user: identity.user, via: identity.via }, target: {}, outcome: 'REFUSED', code: ErrorCodes.RATE_LIMITED });
    res
      .status(429)
      .set('Retry-After', String(retryAfter))
      .json({ errors: [{ message: `rate limit reached: retry in ${retryAfter} s`, extensions: { code: ErrorCodes.RATE_LIMITED, retryAfterSeconds: retryAfter } }] });
  };
}
