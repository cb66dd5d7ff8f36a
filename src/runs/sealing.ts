/**
 * Sealed inputs: the real values of a run's secret inputs, encrypted with AES-256-GCM under a key
 * derived from the deployment's secret key, with the run id as associated data (a sealed value
 * cannot be moved to another run). The run shows "***" for them; the engine opens them only to
 * render the invocation, possibly on another replica or after an approval days later.
 *
 * Format: `v1.` + base64url(12-byte IV ‖ 16-byte tag ‖ ciphertext of the JSON values).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

function sealingKey(secretKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, new Uint8Array(0), 'lattice sealed inputs', 32));
}

export function sealInputs(secretKey: Uint8Array, runId: string, values: Readonly<Record<string, unknown>>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secretKey), iv);
  cipher.setAAD(Buffer.from(runId));
  const data = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
}

/** The sealed values; throws when the key, the run id or the text is not the one sealed. */
export function openInputs(secretKey: Uint8Array, runId: string, sealed: string): Record<string, unknown> {
  if (!sealed.startsWith('v1.')) throw new Error('unknown sealed inputs format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(secretKey), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(runId));
  decipher.setAuthTag(raw.subarray(12, 28));
  const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  return JSON.parse(json) as Record<string, unknown>;
}
