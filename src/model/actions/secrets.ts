/**
 * Secrets stay out of runs, logs and error messages.
 *
 * `maskSecrets` replaces every occurrence of every secret value in a text with `***`; the engine
 * passes each summary, log line and error message through it before anything is stored or
 * published. Longer values are replaced first, so a secret that contains another is masked whole.
 */

export type Secrets = Readonly<Record<string, string>>;

export const MASK = '***';

export function maskSecrets(text: string, secrets: Secrets | readonly string[]): string {
  const values = (Array.isArray(secrets) ? secrets : Object.values(secrets)).filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (values.length === 0) return text;
  let out = text;
  for (const value of [...new Set(values)].sort((a, b) => b.length - a.length)) out = out.split(value).join(MASK);
  return out;
}

/** Candidate tokens in a text: runs of the characters API tokens and JWTs are made of. */
const WORD = /[A-Za-z0-9_\-.~+/]{8,}={0,2}/g;

/**
 * Masks every word of `text` whose SHA-256 (hex) is in `hashes`: API tokens are configured as
 * hashes only, so this is how an echoed one is found. `sha256` is passed in (this module is pure).
 */
export function maskHashedTokens(text: string, hashes: ReadonlySet<string>, sha256: (value: string) => string): string {
  if (hashes.size === 0) return text;
  return text.replace(WORD, (word) => {
    if (hashes.has(sha256(word))) return MASK;
    // A token followed or preceded by punctuation it may also contain ("… abc." ): try it trimmed too.
    const trimmed = word.replace(/^[-.~+/]+|[-.~+/]+$/g, '');
    if (trimmed !== word && trimmed.length > 0 && hashes.has(sha256(trimmed))) return word.replace(trimmed, MASK);
    // A token in a URL path ("https://ci.example/<token>/logs"): try each path segment.
    return word.includes('/') ? word.split('/').map((segment) => (segment.length > 0 && hashes.has(sha256(segment)) ? MASK : segment)).join('/') : word;
  });
}
