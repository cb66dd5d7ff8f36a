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
