/**
 * configuredSecrets: every secret value the configuration holds in clear, so that the run engine
 * can mask it wherever an executor or an upstream might echo it (run logs, summaries, labels,
 * links): the `LATTICE_SECRET_*` values, LATTICE_SECRET_KEY, the webhook signing secret, the Redis
 * password, and every string under a secret-like key of a source's options (`token`,
 * `webhookSecret`, `secretAccessKey`, `sessionToken`, `password`, `clientSecret`, …; found by
 * name, so a new source kind's secrets are covered without a list per kind).
 *
 * API tokens are configured as SHA-256 hashes only: `apiTokenHashes` gives those, and the masker
 * hides any word of a text whose hash is one of them.
 */
import type { Config } from './types.ts';

/** Keys whose string values (and everything under them) are secrets. */
const SECRET_KEY = /token|secret|password|passwd|credential|private|apikey|api_key|accesskey/i;
/** Shorter values are not masked from source options: masking "ab" everywhere would garble logs and protect nothing. */
const MIN_SECRET_LENGTH = 6;

export function configuredSecrets(config: Pick<Config, 'actionSecrets' | 'secretKey' | 'webhookSigningSecret' | 'redisUrl' | 'sources'>): string[] {
  const values = [...Object.values(config.actionSecrets)];
  if (config.secretKey) values.push(Buffer.from(config.secretKey).toString('hex'));
  if (config.webhookSigningSecret) values.push(config.webhookSigningSecret);
  const redisPassword = passwordOf(config.redisUrl);
  if (redisPassword) values.push(redisPassword, encodeURIComponent(redisPassword));
  for (const source of config.sources) collect(source.options, false, values);
  return [...new Set(values.filter((v) => v.length > 0))];
}

/** The SHA-256 (hex, lower case) of every configured API token. */
export function apiTokenHashes(config: Pick<Config, 'auth'>): ReadonlySet<string> {
  return new Set(config.auth.tokens.map((t) => t.sha256.toLowerCase()));
}

function collect(value: unknown, secret: boolean, out: string[]): void {
  if (typeof value === 'string') {
    if (secret && value.length >= MIN_SECRET_LENGTH) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collect(v, secret, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collect(v, secret || SECRET_KEY.test(k), out);
  }
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
