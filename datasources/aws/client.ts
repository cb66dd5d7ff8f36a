/**
 * The AWS client: the only code that talks to AWS. It creates the Cloud Control clients (one per
 * account and region: endpoint override, credentials, retry strategy) and, for accounts with a
 * `roleArn`, the STS client that assumes the role (refreshed before the credentials expire).
 *
 * Every HTTP attempt is counted for the source (src/data/upstream.ts `countUpstreamCall`:
 * `extensions.upstreamCalls`, `lattice_upstream_calls_total`) by a middleware at the SDK's
 * `finalizeRequest` step, inside the SDK's retry middleware, so throttled requests the SDK
 * retries count too. Retries are the SDK's retry strategy (`retryMode`, `maxAttempts`), not
 * p-retry: the SDK's strategy knows AWS's throttling and transient errors, its retry quota and
 * (adaptive) client-side rate limiting, and the SDK calls its strategy itself.
 */
import { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, FinalizeHandler, MiddlewareStack } from '@aws-sdk/types';
import { countUpstreamCall } from '../../src/data/upstream.ts';
import type { AwsAccount, AwsOptions } from './options.ts';

/** A Cloud Control client of one account in one region, counted for `source`. */
export function createCloudControlClient(source: string, account: AwsAccount, region: string, options: AwsOptions): CloudControlClient {
  const client = new CloudControlClient({
    region,
    endpoint: account.endpoint,
    // A copy: the SDK marks the credentials object it is given.
    credentials: account.roleArn ? assumeRole(source, account, region, options.credentials) : options.credentials && { ...options.credentials },
    retryMode: options.retryMode,
    maxAttempts: options.maxAttempts,
  });
  countAttempts(client.middlewareStack, source);
  return client;
}

/** Counts every attempt the SDK sends (low priority at finalizeRequest: inside the retry middleware, after signing). */
function countAttempts<I extends object, O extends object>(stack: MiddlewareStack<I, O>, source: string): void {
  stack.add(
    (next: FinalizeHandler<I, O>): FinalizeHandler<I, O> =>
      (args) => {
        countUpstreamCall(source);
        return next(args);
      },
    { step: 'finalizeRequest', priority: 'low', name: 'latticeUpstreamCalls' },
  );
}

/** Credentials of the account's role, assumed with STS (with the source's credentials, or the SDK's chain), refreshed before they expire. */
function assumeRole(source: string, account: AwsAccount, region: string, base: AwsOptions['credentials']): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  return async () => {
    if (current?.expiration && current.expiration.getTime() - Date.now() > 60_000) return current;
    const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const sts = new STSClient({ region, credentials: base && { ...base } });
    countAttempts(sts.middlewareStack, source);
    try {
      const res = await sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: `lattice-${account.name}`.slice(0, 64), ExternalId: account.externalId }));
      const c = res.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${account.roleArn} returned no credentials`);
      current = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      return current;
    } finally {
      sts.destroy();
    }
  };
}
