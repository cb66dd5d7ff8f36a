/**
 * Waivers: a time-limited pass through an action's failed gates, for one execution.
 *
 * A waiver is a run of the gated action on its entity that carries `waiver` (reason, duration)
 * and invokes nothing. It is approved like any run of the action (its approvers, ANY or ALL, no
 * self-approval unless the action allows it; an action with no approval step still needs one
 * approver for a waiver), so its whole history (who asked, why, who approved, when) is the run's
 * and the audit log's. Its statuses read:
 *
 *   WAITING_FOR_APPROVAL  asked, not yet approved
 *   IN_PROGRESS           granted: valid for `durationSeconds` from the approval that granted it
 *   SUCCESS               used (the summary names the run that used it)
 *   FAILURE               expired unused (marked when an execution next looks for it)
 *   DECLINED / CANCELLED  as for any run
 *
 * `useWaiver` takes the caller's oldest valid waiver for the action and entity with a
 * compare-and-set from IN_PROGRESS to SUCCESS, so across replicas one waiver lets exactly one
 * execution through.
 */
import type { Run } from '../data/run.ts';
import type { RunStore } from '../data/RunStore.ts';
import { ErrorCodes, hasCode } from '../errors/index.ts';

/** The longest a waiver may last once approved. */
export const MAX_WAIVER_SECONDS = 7 * 24 * 3600;

/** When a granted waiver stops being valid (ms), from the approval that moved it to IN_PROGRESS. */
export function waiverExpiry(run: Run): number | undefined {
  if (!run.waiver || run.status !== 'IN_PROGRESS') return undefined;
  const granted = run.approvals.filter((a) => a.decision === 'APPROVE').at(-1)?.at ?? run.updatedAt;
  return Date.parse(granted) + run.waiver.durationSeconds * 1000;
}

export interface UseWaiver {
  readonly store: RunStore;
  readonly action: string;
  readonly blueprint: string;
  readonly entity: string;
  readonly user: string;
  /** The run that uses it (named in the waiver's summary). */
  readonly usedBy: string;
  readonly now: Date;
  /** False: only say whether one would be used (a dry run). */
  readonly consume: boolean;
}

/** The waiver used, or undefined when the caller holds none valid now. */
export async function useWaiver(u: UseWaiver): Promise<Run | undefined> {
  const page = await u.store.list({ action: u.action, blueprint: u.blueprint, entity: u.entity, user: u.user, status: 'IN_PROGRESS' }, { first: 100 });
  const granted = page.runs.filter((r) => r.waiver).reverse(); // oldest first
  for (const w of granted) {
    const expiry = waiverExpiry(w) as number;
    try {
      if (expiry <= u.now.getTime()) {
        if (!u.consume) continue;
        await u.store.update(w.id, { expectStatus: 'IN_PROGRESS', status: 'FAILURE', summary: `expired unused at ${new Date(expiry).toISOString()}` });
        continue;
      }
      if (!u.consume) return w;
      return await u.store.update(w.id, { expectStatus: 'IN_PROGRESS', status: 'SUCCESS', summary: `used by run ${u.usedBy}` });
    } catch (err) {
      // Another execution (maybe on another replica) took it first.
      if (!hasCode(err, ErrorCodes.RUN_CONFLICT)) throw err;
    }
  }
  return undefined;
}
