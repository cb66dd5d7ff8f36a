/**
 * Permissions and approvals, as pure functions: who may execute (roles, users, teams, owners of
 * the entity), who may approve; ANY and ALL (slots, as documented in approvals.ts); a decline
 * needs a reason; self-approval refused unless allowed; each approver decides once.
 */
import { describe, expect, it } from 'vitest';
import { approvalState, decide, requiredSlots } from '../../src/runs/approvals.ts';
import type { Action } from '../../src/model/actions/model.ts';
import { canCancel, canExecute, canViewRun, isApprover } from '../../src/runs/permissions.ts';
import { newRun, type Caller, type Decision, type Run } from '../../src/data/run.ts';
import { caller, loadOne, scaleAction } from './fixtures.ts';
import { LatticeError } from '../../src/errors/index.ts';

const NOW = new Date('2031-01-01T00:00:00.000Z');

function action(overrides: Record<string, unknown>): Action {
  return loadOne(scaleAction('http://x', overrides));
}

function waitingRun(a: Action, createdBy = 'ann'): Run {
  return newRun({
    action: a.identifier,
    blueprint: 'Service',
    entity: 'cart',
    inputs: {},
    status: 'WAITING_FOR_APPROVAL',
    trigger: { by: caller(createdBy), at: NOW.toISOString(), operation: 'DAY-2' },
    requiredApproval: a.requiredApproval?.type ?? null,
  });
}

/** Applies decisions in turn (as the engine does) and returns the final state or the refusal reason. */
function decideAll(a: Action, run: Run, steps: [Caller, Decision, string?][], entityTeams: string[] = []): string {
  let current = run;
  for (const [who, decision, reason] of steps) {
    try {
      const { approval, state } = decide({ action: a, run: current, caller: who, decision, reason, entityTeams, now: NOW });
      current = { ...current, approvals: [...current.approvals, approval] };
      if (state.outcome !== 'WAITING') return state.outcome;
    } catch (err) {
      expect(err).toBeInstanceOf(LatticeError);
      return (err as LatticeError).code;
    }
  }
  return 'WAITING';
}

describe('execute permission', () => {
  it('lets anyone execute when the action lists no execute rule', () => {
    expect(canExecute(action({}), caller('anyone', { roles: [] }))).toBe(true);
  });

  it('lets in a listed role, user or team, or an owner of the entity, and no one else', () => {
    const a = action({ permissions: { execute: { roles: ['Admin'], users: ['ann'], teams: ['platform'], ownedByTeam: true } } });
    expect(canExecute(a, caller('zed', { roles: ['Admin'] }))).toBe(true);
    expect(canExecute(a, caller('ann'))).toBe(true);
    expect(canExecute(a, caller('bob', { teams: ['platform'] }))).toBe(true);
    expect(canExecute(a, caller('cy', { teams: ['payments'] }), ['payments'])).toBe(true);
    expect(canExecute(a, caller('cy', { teams: ['payments'] }), ['checkout'])).toBe(false);
    expect(canExecute(a, caller('dan', { roles: ['Member'], teams: ['sales'] }))).toBe(false);
  });
});

describe('approve permission, cancel and visibility', () => {
  it('defaults approvers to the Admin role', () => {
    const a = action({ requiredApproval: true });
    const run = waitingRun(a);
    expect(isApprover(a, run, caller('root', { roles: ['Admin'] }))).toBe(true);
    expect(isApprover(a, run, caller('ann'))).toBe(false);
  });

  it('lets the creator or an admin cancel, no one else', () => {
    const run = waitingRun(action({ requiredApproval: true }));
    expect(canCancel(run, caller('ann'))).toBe(true);
    expect(canCancel(run, caller('root', { roles: ['Admin'] }))).toBe(true);
    expect(canCancel(run, caller('bob'))).toBe(false);
  });

  it('shows a run to its creator, admins, approvers and deciders, or to everyone when the action says so', () => {
    const a = action({ requiredApproval: true, permissions: { approve: { users: ['sre'] } } });
    const run = { ...waitingRun(a), approvals: [{ user: 'former', decision: 'APPROVE' as const, reason: null, at: '', satisfies: [] }] };
    expect(['ann', 'sre', 'former'].map((u) => canViewRun({ action: a, run, caller: caller(u) }))).toEqual([true, true, true]);
    expect(canViewRun({ action: a, run, caller: caller('root', { roles: ['Admin'] }) })).toBe(true);
    expect(canViewRun({ action: a, run, caller: caller('bob') })).toBe(false);
    expect(canViewRun({ action: undefined, run, caller: caller('sre') })).toBe(false);
    expect(canViewRun({ action: action({ permissions: { viewRuns: 'everyone' } }), run, caller: caller('bob') })).toBe(true);
  });
});

describe('ANY approval', () => {
  const a = action({ requiredApproval: { type: 'ANY' }, permissions: { approve: { users: ['sre1', 'sre2'], teams: ['oncall'] } } });

  it('is approved by the first approver', () => {
    expect(decideAll(a, waitingRun(a), [[caller('sre2'), 'APPROVE']])).toBe('APPROVED');
    expect(decideAll(a, waitingRun(a), [[caller('zoe', { teams: ['oncall'] }), 'APPROVE']])).toBe('APPROVED');
  });

  it('refuses callers who are not approvers', () => {
    expect(decideAll(a, waitingRun(a), [[caller('bob'), 'APPROVE']])).toBe('FORBIDDEN');
    expect(decideAll(a, waitingRun(a), [[caller('bob'), 'DECLINE', 'no']])).toBe('FORBIDDEN');
  });

  it('is declined by one decline, which needs a reason', () => {
    expect(decideAll(a, waitingRun(a), [[caller('sre1'), 'DECLINE', '  ']])).toBe('INVALID_INPUTS');
    expect(decideAll(a, waitingRun(a), [[caller('sre1'), 'DECLINE', 'not during the freeze']])).toBe('DECLINED');
    const { approval } = decide({ action: a, run: waitingRun(a), caller: caller('sre1'), decision: 'DECLINE', reason: ' freeze ', entityTeams: [], now: NOW });
    expect(approval).toEqual({ user: 'sre1', decision: 'DECLINE', reason: 'freeze', at: NOW.toISOString(), satisfies: ['user:sre1'] });
  });

  it('refuses self-approval unless the action allows it; self-decline is allowed', () => {
    const run = waitingRun(a, 'sre1');
    expect(decideAll(a, run, [[caller('sre1'), 'APPROVE']])).toBe('SELF_APPROVAL');
    expect(decideAll(a, run, [[caller('sre1'), 'DECLINE', 'changed my mind']])).toBe('DECLINED');
    const lenient = action({ requiredApproval: { type: 'ANY', allowSelfApproval: true }, permissions: { approve: { users: ['sre1'] } } });
    expect(decideAll(lenient, waitingRun(lenient, 'sre1'), [[caller('sre1'), 'APPROVE']])).toBe('APPROVED');
  });

  it('refuses decisions on runs that are not waiting', () => {
    expect(decideAll(a, { ...waitingRun(a), status: 'IN_PROGRESS' }, [[caller('sre1'), 'APPROVE']])).toBe('ILLEGAL_TRANSITION');
  });
});

describe('ALL approval', () => {
  it('needs every listed user ("two SREs"), each deciding once', () => {
    const a = action({ requiredApproval: { type: 'ALL' }, permissions: { approve: { users: ['sre1', 'sre2'] } } });
    expect(decideAll(a, waitingRun(a), [[caller('sre1'), 'APPROVE']])).toBe('WAITING');
    expect(decideAll(a, waitingRun(a), [[caller('sre1'), 'APPROVE'], [caller('sre1'), 'APPROVE']])).toBe('ALREADY_DECIDED');
    expect(decideAll(a, waitingRun(a), [[caller('sre1'), 'APPROVE'], [caller('sre2'), 'APPROVE']])).toBe('APPROVED');
    expect(decideAll(a, waitingRun(a), [[caller('sre1'), 'APPROVE'], [caller('sre2'), 'DECLINE', 'risky']])).toBe('DECLINED');
    const state = approvalState(a, { ...waitingRun(a), approvals: [{ user: 'sre1', decision: 'APPROVE', reason: null, at: '', satisfies: ['user:sre1'] }] }, []);
    expect(state).toEqual({ outcome: 'WAITING', missing: ['user:sre2'] });
  });

  it('needs one member per listed team and role, and one person may fill several', () => {
    const a = action({ requiredApproval: { type: 'ALL' }, permissions: { approve: { teams: ['sre', 'dba'], roles: ['Admin'] } } });
    expect(decideAll(a, waitingRun(a), [[caller('x', { teams: ['sre'] }), 'APPROVE'], [caller('y', { teams: ['sre'] }), 'APPROVE']])).toBe('WAITING');
    expect(decideAll(a, waitingRun(a), [[caller('x', { teams: ['sre'] }), 'APPROVE'], [caller('y', { teams: ['dba'], roles: ['Admin'] }), 'APPROVE']])).toBe('APPROVED');
    expect(decideAll(a, waitingRun(a), [[caller('z', { teams: ['sre', 'dba'], roles: ['Admin'] }), 'APPROVE']])).toBe('APPROVED');
  });

  it('drops slots nobody may fill: the creator’s own, and owners when the entity has no team', () => {
    const a = action({ requiredApproval: { type: 'ALL' }, permissions: { approve: { users: ['sre1', 'sre2'], ownedByTeam: true } } });
    expect(requiredSlots(a, waitingRun(a, 'sre1'), [])).toEqual(['user:sre2']);
    expect(requiredSlots(a, waitingRun(a, 'sre1'), ['payments'])).toEqual(['user:sre2', 'owners']);
    expect(decideAll(a, waitingRun(a, 'sre1'), [[caller('sre2'), 'APPROVE']], [])).toBe('APPROVED');
    expect(decideAll(a, waitingRun(a, 'sre1'), [[caller('sre2'), 'APPROVE']], ['payments'])).toBe('WAITING');
    expect(decideAll(a, waitingRun(a, 'sre1'), [[caller('sre2'), 'APPROVE'], [caller('pam', { teams: ['payments'] }), 'APPROVE']], ['payments'])).toBe('APPROVED');
  });

  it('with no slot left (the creator is the only listed approver) cannot be approved: the creator may still decline', () => {
    const a = action({ requiredApproval: { type: 'ALL' }, permissions: { approve: { users: ['ann'] } } });
    expect(requiredSlots(a, waitingRun(a, 'ann'), [])).toEqual([]);
    expect(approvalState(a, waitingRun(a, 'ann'), [])).toEqual({ outcome: 'WAITING', missing: [] });
    expect(decideAll(a, waitingRun(a, 'ann'), [[caller('ann'), 'APPROVE']])).toBe('SELF_APPROVAL');
    expect(decideAll(a, waitingRun(a, 'ann'), [[caller('ann'), 'DECLINE', 'nobody else can approve']])).toBe('DECLINED');
  });
});
