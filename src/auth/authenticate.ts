/**
 * createAuthenticator: credentials → Identity, for HTTP (`Authorization: Bearer …`) and for
 * graphql-ws (`connection_init` payload `{ authorization }` or `{ token }`).
 *
 * - API tokens come from the configuration, stored as SHA-256 hashes (never the token itself);
 *   they are compared in constant time.
 * - JWTs are verified with jose against a JWKS (a URL, or a file for offline setups), with the
 *   configured issuer and audience; claims map to user, teams and roles.
 * - No credentials: anonymous when the configuration allows it (queries only; actions never run
 *   anonymously), else UNAUTHENTICATED.
 *
 * Invalid credentials are UNAUTHENTICATED, whatever anonymous access allows: a wrong token is an
 * error to fix, not a reason to fall back silently. Messages never contain the credential.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { AuthConfig } from '../config/types.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';
import { ANONYMOUS, type Identity } from './identity.ts';

export type Authenticate = (authorization: string | undefined) => Promise<Identity>;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function unauthenticated(message: string): LatticeError {
  return new LatticeError(ErrorCodes.UNAUTHENTICATED, message);
}

export function createAuthenticator(config: AuthConfig): Authenticate {
  const tokens = config.tokens.map((t) => ({ ...t, hash: Buffer.from(t.sha256.toLowerCase(), 'hex') }));
  const jwks = config.jwt?.jwksFile
    ? createLocalJWKSet(JSON.parse(readFileSync(config.jwt.jwksFile, 'utf8')))
    : config.jwt?.jwksUrl
      ? createRemoteJWKSet(new URL(config.jwt.jwksUrl))
      : undefined;

  const fromToken = (token: string): Identity | undefined => {
    const hash = createHash('sha256').update(token).digest();
    const match = tokens.find((t) => t.hash.length === hash.length && timingSafeEqual(t.hash, hash));
    return match && { user: match.user, teams: match.teams ?? [], roles: match.roles ?? [], anonymous: false, via: `token:${match.name}` };
  };

  const fromJwt = async (token: string): Promise<Identity> => {
    if (!jwks) throw unauthenticated('the bearer token is not a known API token, and no JWKS is configured for JWTs');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: config.jwt?.issuer, audience: config.jwt?.audience }));
    } catch (err) {
      throw unauthenticated(`the JWT is not valid: ${(err as Error).message}`);
    }
    const claims = config.jwt?.claims ?? {};
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
    const user = payload[claims.user ?? 'email'] ?? payload.sub;
    if (typeof user !== 'string') throw unauthenticated(`the JWT has no "${claims.user ?? 'email'}" or "sub" claim`);
    return { user, teams: list(payload[claims.teams ?? 'groups']), roles: list(payload[claims.roles ?? 'roles']), anonymous: false, via: 'jwt' };
  };

  return async (authorization) => {
    if (!authorization) {
      if (config.anonymous) return ANONYMOUS;
      throw unauthenticated('credentials are required: send "Authorization: Bearer <token>"');
    }
    const m = /^(?:bearer|token)\s+(.+)$/i.exec(authorization.trim());
    if (!m) throw unauthenticated('the Authorization header must be "Bearer <token>"');
    const token = m[1];
    return fromToken(token) ?? (token.split('.').length === 3 ? fromJwt(token) : Promise.reject(unauthenticated('the bearer token is not a known API token')));
  };
}
