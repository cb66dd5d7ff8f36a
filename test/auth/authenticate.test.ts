/**
 * Authentication: API tokens stored as hashes, JWTs verified against a JWKS (generated here,
 * served from a file: no network), anonymous access when allowed, clear errors otherwise.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAuthenticator, sha256Hex } from '../../src/auth/authenticate.ts';

const token = 'lat_ci_0123456789';
const tokens = [{ name: 'ci', sha256: sha256Hex(token), user: 'ci-bot', teams: ['platform'], roles: ['admin'] }];

describe('authentication', () => {
  it('accepts a configured API token (stored hashed) and names the identity', async () => {
    const auth = createAuthenticator({ anonymous: false, tokens });
    expect(await auth(`Bearer ${token}`)).toEqual({ user: 'ci-bot', teams: ['platform'], roles: ['admin'], anonymous: false, via: 'token:ci' });
    await expect(auth('Bearer wrong')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(auth('Bearer wrong')).rejects.not.toThrow(/wrong/);
    await expect(auth('Basic abc')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('anonymous only without credentials, and only when allowed', async () => {
    expect(await createAuthenticator({ anonymous: true, tokens })(undefined)).toMatchObject({ anonymous: true, user: 'anonymous' });
    await expect(createAuthenticator({ anonymous: false, tokens })(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(createAuthenticator({ anonymous: true, tokens })('Bearer nope')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('verifies JWTs against a JWKS, with issuer, audience and claim mapping', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    const dir = mkdtempSync(path.join(tmpdir(), 'lattice-jwks-'));
    const jwksFile = path.join(dir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));
    const auth = createAuthenticator({ anonymous: false, tokens: [], jwt: { jwksFile, issuer: 'https://idp.example', audience: 'lattice', claims: { teams: 'groups', roles: 'roles' } } });
    const sign = (claims: Record<string, unknown>, opts: { iss?: string; aud?: string; exp?: string } = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(opts.iss ?? 'https://idp.example')
        .setAudience(opts.aud ?? 'lattice')
        .setSubject('u-1')
        .setIssuedAt()
        .setExpirationTime(opts.exp ?? '5m')
        .sign(privateKey);
    expect(await auth(`Bearer ${await sign({ email: 'ada@example.com', groups: ['sre'], roles: ['approver'] })}`)).toEqual({
      user: 'ada@example.com',
      teams: ['sre'],
      roles: ['approver'],
      anonymous: false,
      via: 'jwt',
    });
    await expect(auth(`Bearer ${await sign({}, { aud: 'other' })}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(auth(`Bearer ${await sign({}, { iss: 'https://evil.example' })}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({ email: 'x@y' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer('https://idp.example').setAudience('lattice').setExpirationTime('5m').sign(other.privateKey);
    await expect(auth(`Bearer ${forged}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
