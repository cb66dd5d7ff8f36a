/**
 * Who may do what with an action and its runs. Pure functions of the action, the caller (user,
 * teams, roles, as the GraphQL layer authenticated them) and the teams of the entity the run is on.
 *
 * A PermissionRule (Port's shape) lets in any caller who matches any of its lists: a listed role,
 * a listed user, a listed team, or, with `ownedByTeam`, a team that owns the entity. Defaults:
 * anyone may execute (Port's "everyone in the organization"), the `Admin` role approves.
 *
 * - execute: `permissions.execute`, or anyone; with a dynamic `policy`, the policy alone decides
 *   (policy.ts; the engine evaluates it, it needs the catalog).
 * - approve / decline: `permissions.approve` (approvals.ts adds the self-approval rule).
 * - cancel: the run's creator, or an admin.
 * - see a run: anyone when `permissions.viewRuns` is `everyone`; otherwise the creator, admins,
 *   whoever may approve the action, and whoever decided on the run.
 */
import { ADMIN_ROLE, type Action, type PermissionRule } from '../model/actions/model.ts';
import type { Caller, Run } from '../data/run.ts';
import { approveRule } from './approvals.ts';

export function isAdmin(caller: Caller): boolean {
  return caller.roles.includes(ADMIN_ROLE);
}

/** True when the caller matches any list of the rule. */
export function matchesRule(rule: PermissionRule, caller: Caller, entityTeams: readonly string[] = []): boolean {
  return (
    rule.users.includes(caller.user) ||
    rule.roles.some((r) => caller.roles.includes(r)) ||
    rule.teams.some((t) => caller.teams.includes(t)) ||
    (rule.ownedByTeam && entityTeams.some((t) => caller.teams.includes(t)))
  );
}

/** The static part: true with an execute `policy`, which then decides alone (the engine evaluates it). */
export function canExecute(action: Action, caller: Caller, entityTeams: readonly string[] = []): boolean {
  const rule = action.permissions.execute;
  return rule === null || rule.policy !== null || matchesRule(rule, caller, entityTeams);
}

/** May the caller approve or decline this run (self-approval aside)? */
export function isApprover(action: Action, run: Run, caller: Caller, entityTeams: readonly string[] = []): boolean {
  return matchesRule(approveRule(action, run), caller, entityTeams);
}

export function canCancel(run: Run, caller: Caller): boolean {
  return run.createdBy === caller.user || isAdmin(caller);
}

export interface ViewRunInput {
  /** The run's action as defined now (undefined when it was removed). */
  readonly action: Action | undefined;
  readonly run: Run;
  readonly caller: Caller;
  /** The teams of the entity the run is on ([] when none). */
  readonly entityTeams?: readonly string[];
}

export function canViewRun({ action, run, caller, entityTeams = [] }: ViewRunInput): boolean {
  if (run.createdBy === caller.user || isAdmin(caller)) return true;
  if (run.approvals.some((a) => a.user === caller.user)) return true;
  if (!action) return false;
  return action.permissions.viewRuns === 'everyone' || isApprover(action, run, caller, entityTeams);
}
