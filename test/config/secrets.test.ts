/**
 * configuredSecrets: every secret the configuration holds in clear is found, by key name in any
 * source kind's options (nested too), plus the env-given ones; short values and non-secret keys
 * are left alone. maskHashedTokens finds an API token by its configured hash.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiTokenHashes, configuredSecrets } from '../../src/config/secrets.ts';
import { maskHashedTokens } from '../../src/model/actions/secrets.ts';
import { testConfig } from '../helpers/lattice.ts';

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

describe('configuredSecrets', () => {
  it('finds source tokens, nested credentials, the signing secret, LATTICE_SECRET_* and the Redis password', () => {
    const config = testConfig({
      actionSecrets: { PROVISIONER_URL: 'https://hooks.example/abc' },
      webhookSigningSecret: 'signing-secret-1',
      redisUrl: 'redis://:p%40ssw0rd!@127.0.0.1:6379',
      sources: [
        { name: 'gh', kind: 'github', options: { org: 'acme', token: 'ghp_0123456789', webhookSecret: 'whsec-abcdef', url: 'https://api.github.com' }, resources: [], pointer: '/sources/0' },
        { name: 'aws', kind: 'aws', options: { credentials: { accessKeyId: 'AKIAEXAMPLE1', secretAccessKey: 'aws-secret-xyz' }, accounts: [{ name: 'prod' }] }, resources: [], pointer: '/sources/1' },
        { name: 'k', kind: 'x', options: { apiToken: 'abc' }, resources: [], pointer: '/sources/2' },
      ],
    });
    const secrets = configuredSecrets(config);
    for (const s of ['https://hooks.example/abc', 'signing-secret-1', 'p@ssw0rd!', 'ghp_0123456789', 'whsec-abcdef', 'AKIAEXAMPLE1', 'aws-secret-xyz']) expect(secrets).toContain(s);
    for (const s of ['acme', 'https://api.github.com', 'prod', 'abc']) expect(secrets).not.toContain(s);
  });

  it('masks an API token known only by its hash, where it stands alone or glued to punctuation', () => {
    const token = 'lat_live_Zx9-Qw.8';
    const hashes = apiTokenHashes(testConfig({ auth: { anonymous: true, tokens: [{ name: 't', sha256: sha256(token).toUpperCase(), user: 'u' }] } }));
    expect(maskHashedTokens(`Bearer ${token}, again:${token}. ${token}x`, hashes, sha256)).toBe(`Bearer ***, again:***. ${token}x`);
  });
});
