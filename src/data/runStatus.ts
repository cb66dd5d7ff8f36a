import { ErrorCodes, LatticeError } from '../errors/index.ts';
/**
 * The run state machine:
 *
 *   WAITING_FOR_APPROVAL ──▶ IN_PROGRESS ──▶ SUCCESS
 *          │    │                 │    └────▶ FAILURE
 *          │    └──▶ DECLINED     └─────────▶ CANCELLED
 *          └───────▶ CANCELLED
 *
 * A run starts WAITING_FOR_APPROVAL when its action requires approval, IN_PROGRESS otherwise.
 * SUCCESS, FAILURE, DECLINED and CANCELLED are final: an ended run never changes again.
 * `assertTransition` is the one check both run stores apply inside their compare-and-set.
 */

export const RUN_STATUSES = ['WAITING_FOR_APPROVAL', 'IN_PROGRESS', 'SUCCESS', 'FAILURE', 'DECLINED', 'CANCELLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const FINAL_STATUSES: readonly RunStatus[] = ['SUCCESS', 'FAILURE', 'DECLINED', 'CANCELLED'];

const NEXT: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  WAITING_FOR_APPROVAL: ['IN_PROGRESS', 'DECLINED', 'CANCELLED'],
  IN_PROGRESS: ['SUCCESS', 'FAILURE', 'CANCELLED'],
  SUCCESS: [],
  FAILURE: [],
  DECLINED: [],
  CANCELLED: [],
};

export function isFinal(status: RunStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** True when the state machine allows `from` → `to` (a status never "moves" to itself). */
export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return NEXT[from].includes(to);
}

/** Throws ILLEGAL_TRANSITION unless `from` → `to` is allowed. */
export function assertTransition(runId: string, from: RunStatus, to: RunStatus): void {
  if (canTransition(from, to)) return;
  const allowed = NEXT[from];
  const why = allowed.length === 0 ? `the run has ended (${from})` : `from ${from} a run can only move to ${allowed.join(', ')}`;
  throw new LatticeError(ErrorCodes.ILLEGAL_TRANSITION, `run ${runId} cannot move from ${from} to ${to}: ${why}`, { details: { runId, from, to } });
}
