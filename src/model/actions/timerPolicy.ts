/**
 * Timer policies (a Lattice key of DAY-2 actions, `timerPolicy`): an action that extends an
 * entity's `timer` property (a TTL) by a fixed step, within caps.
 *
 *   "timerPolicy": { "property": "expires_at", "extendBy": "3d", "maxExtensions": 2,
 *                    "maxLifetime": "14d", "extensionsProperty": "extensions",
 *                    "startProperty": "created_at", "overCap": "approval" }
 *
 * `extension()` computes, from the entity as it is, the new expiry (the current one, or now if it
 * has passed, plus `extendBy`), the new count of extensions, and whether that passes a cap (more
 * extensions than `maxExtensions`; a lifetime from `startProperty`, else the entity's createdAt,
 * longer than `maxLifetime`). Past a cap the run waits for approval (`overCap: "approval"`, the
 * default) or is refused (`"refuse"`, POLICY_CAP_EXCEEDED). Templates read the result as
 * `.timer.expiresAt` and `.timer.extensions`, computed again when the run is invoked (an approval
 * that comes a day later still extends the timer as it is then).
 */
import type { Entity } from '../entities/entity.ts';

export interface TimerPolicy {
  readonly property: string;
  readonly extendByMs: number;
  readonly maxExtensions?: number;
  readonly maxLifetimeMs?: number;
  readonly extensionsProperty?: string;
  readonly startProperty?: string;
  readonly overCap: 'approval' | 'refuse';
}

export interface Extension {
  readonly expiresAt: string;
  readonly extensions: number;
  /** Why the extension passes a cap, or null within the caps. */
  readonly overCap: string | null;
}

const DAY_MS = 86_400_000;

function human(ms: number): string {
  return ms % DAY_MS === 0 ? `${ms / DAY_MS} days` : `${Math.round(ms / 3_600_000)} hours`;
}

export function extension(policy: TimerPolicy, entity: Entity, now: Date): Extension {
  const current = Date.parse(String(entity.properties[policy.property] ?? ''));
  const base = Number.isNaN(current) ? now.getTime() : Math.max(current, now.getTime());
  const expiresAt = new Date(base + policy.extendByMs);
  const count = policy.extensionsProperty ? Number(entity.properties[policy.extensionsProperty] ?? 0) || 0 : 0;
  const extensions = count + 1;
  let overCap: string | null = null;
  if (policy.maxExtensions !== undefined && extensions > policy.maxExtensions) {
    overCap = `extension ${extensions} of ${entity.blueprint} "${entity.identifier}" passes the policy's maximum of ${policy.maxExtensions} extensions`;
  }
  const startText = policy.startProperty ? entity.properties[policy.startProperty] : entity.createdAt;
  const start = Date.parse(String(startText ?? ''));
  if (overCap === null && policy.maxLifetimeMs !== undefined && !Number.isNaN(start) && expiresAt.getTime() - start > policy.maxLifetimeMs) {
    overCap = `${entity.blueprint} "${entity.identifier}" would live until ${expiresAt.toISOString()}, ${human(expiresAt.getTime() - start)} after it started: past the policy's maximum lifetime of ${human(policy.maxLifetimeMs)}`;
  }
  return { expiresAt: expiresAt.toISOString(), extensions, overCap };
}
