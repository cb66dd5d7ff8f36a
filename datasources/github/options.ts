/**
 * The GitHub source's options (`sources[].options` in lattice.yaml), validated with ajv.
 *
 *   options:
 *     org: acme                         # the organisation whose repositories are read
 *     token: ${GITHUB_TOKEN}            # a token with read access; never logged or returned
 *     url: https://api.github.com       # GitHub Enterprise Server: https://HOST/api/v3
 *     concurrency: 4                    # requests in flight at most
 *     maxRetries: 3                     # for 5xx, network errors and secondary rate limits
 *     maxRetryWaitMs: 60000             # the longest `retry-after` waited out
 *     timeoutMs: 10000
 *     webhookSecret: ${GITHUB_WEBHOOK_SECRET}
 */
import { Ajv } from 'ajv';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';

export interface GitHubOptions {
  readonly org: string;
  readonly token: string;
  readonly url: string;
  readonly concurrency: number;
  readonly maxRetries: number;
  readonly maxRetryWaitMs: number;
  readonly timeoutMs: number;
  readonly webhookSecret?: string;
  /** Repository files read as catalog manifests (Port entity format), e.g. port.yml. */
  readonly manifestPaths: readonly string[];
}

const schema = {
  type: 'object',
  required: ['org', 'token'],
  additionalProperties: false,
  properties: {
    org: { type: 'string', minLength: 1 },
    token: { type: 'string', minLength: 1 },
    url: { type: 'string', pattern: '^https?://' },
    concurrency: { type: 'integer', minimum: 1, maximum: 32 },
    maxRetries: { type: 'integer', minimum: 0, maximum: 10 },
    maxRetryWaitMs: { type: 'integer', minimum: 0 },
    timeoutMs: { type: 'integer', minimum: 100 },
    webhookSecret: { type: 'string' },
    manifestPaths: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
};

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

export function parseGitHubOptions(value: unknown, pointer: string): GitHubOptions {
  if (!validate(value)) {
    const e = validate.errors?.[0];
    const extra = (e?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `github source options${e?.instancePath ?? ''} ${extra ? `has unknown key "${extra}"` : (e?.message ?? 'are invalid')}`, {
      location: { pointer: `${pointer}/options${e?.instancePath ?? ''}` },
    });
  }
  const o = value as Partial<GitHubOptions> & { org: string; token: string };
  return {
    org: o.org,
    token: o.token,
    url: (o.url ?? 'https://api.github.com').replace(/\/$/, ''),
    concurrency: o.concurrency ?? 4,
    maxRetries: o.maxRetries ?? 3,
    maxRetryWaitMs: o.maxRetryWaitMs ?? 60_000,
    timeoutMs: o.timeoutMs ?? 10_000,
    // Empty means none: webhooks are refused (404) rather than accepted with a guessable secret.
    webhookSecret: o.webhookSecret || undefined,
    manifestPaths: o.manifestPaths ?? ['port.yml', 'catalog-info.yaml'],
  };
}
