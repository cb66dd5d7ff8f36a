/**
 * The per-run executor token: what an executor (a webhook receiver, a workflow) presents to
 * report a run's status and logs back. It is derived, not stored: HMAC-SHA256 of the run id under
 * a key derived from the deployment's secret key, so any replica holding that key can hand the
 * same token to an invoker (after a restart, or on another replica) without it being written
 * anywhere. The run stores only its SHA-256 (`executorTokenHash`), which is what verification
 * compares, in constant time.
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Run } from '../data/run.ts';

export function executorToken(secretKey: Uint8Array, runId: string): string {
  const key = Buffer.from(hkdfSync('sha256', secretKey, new Uint8Array(0), 'lattice executor token', 32));
  return createHmac('sha256', key).update(runId).digest('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The HTTP header an executor sends its run's token in (and the webhook invoker sends it to executors in). */
export const RUN_TOKEN_HEADER = 'x-lattice-run-token';

/** True when `token` is the run's executor token. */
export function verifyExecutorToken(run: Run, token: string): boolean {
  if (!run.executorTokenHash || typeof token !== 'string') return false;
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(run.executorTokenHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
