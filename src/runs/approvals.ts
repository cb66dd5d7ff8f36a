/**
 * Approvals: deciding what an approve or a decline does to a run waiting for approval. Pure.
 *
 * The approvers of a run are its action's `permissions.approve` rule (or, with a dynamic `policy`,
 * the users the policy named when the run was created: `approveRule`), read as **slots**, one per entry:
 * `user:<name>` for each listed user, `team:<name>` for each listed team, `role:<name>` for each
 * listed role, and `owners` when `ownedByTeam` is set. A caller fills every slot they match (a
 * listed user who is also in a listed team fills both); the slots are recorded on the approval
 * when it is made (`satisfies`), so later membership changes do not rewrite history.
 *
 * - Anyone filling no slot is not an approver: FORBIDDEN.
 * - Each user decides once: ALREADY_DECIDED on a second approve or decline.
 * - The run's creator may not approve it (SELF_APPROVAL) unless `requiredApproval.allowSelfApproval`.
 *   Declining is not approving: an approver may decline their own run (cancel does the same).
 * - A decline needs a reason and ends the run DECLINED, under ANY and ALL alike.
 * - ANY: the first approval starts the run.
 * - ALL: the run starts once every required slot is filled by approvals. Required slots are all
 *   the slots except those nobody may fill: the creator's own `user:` slot when self-approval is
 *   not allowed, and `owners` when the entity has no team (or there is no entity). If that leaves
 *   none, any one approval would do; but then the creator was the only approver and may not
 *   approve, so the run waits until it is declined or cancelled. So "two named SREs" is
 *   `users: [a, b]` (both must approve); `teams: [sre]` needs one member of sre; `teams: [sre,
 *   dba]` needs one of each (possibly one person in both).
 */
import type { Action, PermissionRule } from '../model/actions/model.ts';
import type { Approval, Caller, Decision, Run } from '../data/run.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';

export type ApprovalOutcome = 'WAITING' | 'APPROVED' | 'DECLINED';

export interface ApprovalState {
  readonly outcome: ApprovalOutcome;
  /** For ALL: the required slots not yet filled (empty otherwise). */
  readonly missing: readonly string[];
}

/**
 * Who may approve a run: the approvers its action's approve `policy` named when it was created
 * (policy.ts), as listed users, else the action's approve rule.
 */
export function approveRule(action: Action, run: Run): PermissionRule {
  if (run.approvers === undefined) return action.permissions.approve;
  return { roles: [], users: run.approvers, teams: [], ownedByTeam: false, policy: null };
}

/** Every slot of an approve rule. */
export function approverSlots(rule: PermissionRule): string[] {
  return [...rule.users.map((u) => `user:${u}`), ...rule.teams.map((t) => `team:${t}`), ...rule.roles.map((r) => `role:${r}`), ...(rule.ownedByTeam ? ['owners'] : [])];
}

/** The slots of `rule` that `caller` fills. */
export function slotsFilledBy(rule: PermissionRule, caller: Caller, entityTeams: readonly string[]): string[] {
  return [
    ...rule.users.filter((u) => u === caller.user).map((u) => `user:${u}`),
    ...rule.teams.filter((t) => caller.teams.includes(t)).map((t) => `team:${t}`),
    ...rule.roles.filter((r) => caller.roles.includes(r)).map((r) => `role:${r}`),
    ...(rule.ownedByTeam && entityTeams.some((t) => caller.teams.includes(t)) ? ['owners'] : []),
  ];
}

/** The slots an ALL approval needs for this run (see the rules above). */
export function requiredSlots(action: Action, run: Run, entityTeams: readonly string[]): string[] {
  const selfAllowed = action.requiredApproval?.allowSelfApproval === true;
  return approverSlots(approveRule(action, run)).filter((s) => (selfAllowed || s !== `user:${run.createdBy}`) && (s !== 'owners' || entityTeams.length > 0));
}

/** Where a run's approval stands, from the approvals it holds. */
export function approvalState(action: Action, run: Run, entityTeams: readonly string[]): ApprovalState {
  if (run.approvals.some((a) => a.decision === 'DECLINE')) return { outcome: 'DECLINED', missing: [] };
  const approvals = run.approvals.filter((a) => a.decision === 'APPROVE');
  if (run.requiredApproval !== 'ALL') return { outcome: approvals.length > 0 ? 'APPROVED' : 'WAITING', missing: [] };
  const required = requiredSlots(action, run, entityTeams);
  if (required.length === 0) return { outcome: approvals.length > 0 ? 'APPROVED' : 'WAITING', missing: [] };
  const filled = new Set(approvals.flatMap((a) => a.satisfies));
  const missing = required.filter((s) => !filled.has(s));
  return { outcome: missing.length === 0 ? 'APPROVED' : 'WAITING', missing };
}

export interface DecideInput {
  readonly action: Action;
  readonly run: Run;
  readonly caller: Caller;
  readonly decision: Decision;
  readonly reason?: string | null;
  /** The teams of the entity the run is on ([] when none). */
  readonly entityTeams: readonly string[];
  readonly now: Date;
}

export interface DecideResult {
  readonly approval: Approval;
  /** What the run's approval becomes with this decision. */
  readonly state: ApprovalState;
}

/** The approval to record and its effect; throws FORBIDDEN, SELF_APPROVAL, ALREADY_DECIDED, ILLEGAL_TRANSITION, INVALID_INPUTS. */
export function decide(input: DecideInput): DecideResult {
  const { action, run, caller, decision, entityTeams } = input;
  const verb = decision === 'APPROVE' ? 'approve' : 'decline';
  if (run.status !== 'WAITING_FOR_APPROVAL') {
    throw new LatticeError(ErrorCodes.ILLEGAL_TRANSITION, `run ${run.id} is ${run.status}, not waiting for approval`, { details: { runId: run.id, status: run.status } });
  }
  const satisfies = slotsFilledBy(approveRule(action, run), caller, entityTeams);
  if (satisfies.length === 0) throw new LatticeError(ErrorCodes.FORBIDDEN, `${caller.user} may not ${verb} runs of action "${action.identifier}"`, { details: { runId: run.id, user: caller.user } });
  if (run.approvals.some((a) => a.user === caller.user)) {
    throw new LatticeError(ErrorCodes.ALREADY_DECIDED, `${caller.user} has already decided on run ${run.id}`, { details: { runId: run.id, user: caller.user } });
  }
  if (decision === 'APPROVE' && run.createdBy === caller.user && action.requiredApproval?.allowSelfApproval !== true) {
    throw new LatticeError(ErrorCodes.SELF_APPROVAL, `${caller.user} created run ${run.id} and may not approve it; action "${action.identifier}" does not allow self-approval`, {
      details: { runId: run.id, user: caller.user },
    });
  }
  const reason = input.reason?.trim() || null;
  if (decision === 'DECLINE' && reason === null) {
    throw new LatticeError(ErrorCodes.INVALID_INPUTS, 'declining a run needs a reason', { location: { pointer: '/reason' }, details: { runId: run.id } });
  }
  const approval: Approval = { user: caller.user, decision, reason, at: input.now.toISOString(), satisfies };
  const state = approvalState(action, { ...run, approvals: [...run.approvals, approval] }, entityTeams);
  return { approval, state };
}
