/**
 * The run state machine and `applyUpdate`: every pair of statuses against the documented graph;
 * ended runs never change; expectations (status, revision) refuse with RUN_CONFLICT; revisions,
 * timestamps, links and approvals move as documented; run ids sort by creation.
 */
import { describe, expect, it } from 'vitest';
import { applyUpdate, newRun, newRunId, type Run } from '../../src/data/run.ts';
import { RUN_STATUSES, canTransition, type RunStatus } from '../../src/data/runStatus.ts';
import { LatticeError } from '../../src/errors/index.ts';

const ALLOWED: Record<RunStatus, RunStatus[]> = {
  WAITING_FOR_APPROVAL: ['IN_PROGRESS', 'DECLINED', 'CANCELLED'],
  IN_PROGRESS: ['SUCCESS', 'FAILURE', 'CANCELLED'],
  SUCCESS: [],
  FAILURE: [],
  DECLINED: [],
  CANCELLED: [],
};

function run(status: RunStatus = 'IN_PROGRESS'): Run {
  return { ...newRun({ action: 'a', blueprint: null, entity: null, inputs: {}, status: 'IN_PROGRESS', trigger: { by: { user: 'ann', teams: [], roles: [] }, at: '2030-01-01T00:00:00.000Z', operation: 'CREATE' }, requiredApproval: null }), status };
}

function reason(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeError);
    return (err as LatticeError).code;
  }
  return undefined;
}

describe('the run state machine', () => {
  for (const from of RUN_STATUSES) {
    for (const to of RUN_STATUSES) {
      const legal = ALLOWED[from].includes(to);
      it(`${from} → ${to} is ${legal ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(legal);
        const r = run(from);
        const outcome = reason(() => applyUpdate(r, { status: to }, new Date()));
        if (legal) expect(outcome).toBeUndefined();
        // Staying in a non-final status is no transition, and allowed; a final status never changes.
        else if (from === to && !ALLOWED[from].length) expect(outcome).toBe('ILLEGAL_TRANSITION');
        else if (from === to) expect(outcome).toBeUndefined();
        else expect(outcome).toBe('ILLEGAL_TRANSITION');
      });
    }
  }
});

describe('applyUpdate', () => {
  it('bumps the revision, stamps updatedAt, and sets endedAt on a final status', () => {
    const r = run();
    const later = new Date('2030-01-01T00:01:00.000Z');
    const labelled = applyUpdate(r, { statusLabel: 'deploying', addLinks: ['https://a', 'https://a', 'https://b'] }, later);
    expect(labelled).toMatchObject({ revision: 2, status: 'IN_PROGRESS', statusLabel: 'deploying', links: ['https://a', 'https://b'], updatedAt: later.toISOString(), endedAt: null });
    const ended = applyUpdate(labelled, { status: 'SUCCESS', summary: 'done', addLinks: ['https://b', 'https://c'] }, later);
    expect(ended).toMatchObject({ revision: 3, status: 'SUCCESS', summary: 'done', statusLabel: 'deploying', links: ['https://a', 'https://b', 'https://c'], endedAt: later.toISOString() });
    expect(r.revision).toBe(1);
  });

  it('refuses any change to an ended run, even one that does not touch the status', () => {
    const ended = applyUpdate(run(), { status: 'FAILURE' }, new Date());
    expect(reason(() => applyUpdate(ended, { statusLabel: 'x' }, new Date()))).toBe('ILLEGAL_TRANSITION');
  });

  it('refuses with RUN_CONFLICT when the status or the revision is not the expected one', () => {
    const r = run('WAITING_FOR_APPROVAL');
    expect(reason(() => applyUpdate(r, { expectStatus: 'IN_PROGRESS', status: 'CANCELLED' }, new Date()))).toBe('RUN_CONFLICT');
    expect(reason(() => applyUpdate(r, { expectStatus: ['IN_PROGRESS', 'WAITING_FOR_APPROVAL'], status: 'CANCELLED' }, new Date()))).toBeUndefined();
    expect(reason(() => applyUpdate(r, { expectRevision: 2, statusLabel: 'x' }, new Date()))).toBe('RUN_CONFLICT');
    expect(reason(() => applyUpdate(r, { expectRevision: 1, statusLabel: 'x' }, new Date()))).toBeUndefined();
  });

  it('appends approvals', () => {
    const r = run('WAITING_FOR_APPROVAL');
    const approval = { user: 'bob', decision: 'APPROVE' as const, reason: null, at: '2030-01-01T00:00:00.000Z', satisfies: ['user:bob'] };
    expect(applyUpdate(r, { addApproval: approval }, new Date()).approvals).toEqual([approval]);
  });
});

describe('run ids', () => {
  it('sort by creation time, and stay unique and ordered within one millisecond', () => {
    const t = Date.parse('2040-01-01T00:00:00.000Z');
    const ids = [newRunId(t), newRunId(t), newRunId(t), newRunId(t + 1000), newRunId(t + 500)];
    expect(new Set(ids).size).toBe(5);
    expect(ids.slice(0, 4)).toEqual([...ids.slice(0, 4)].sort());
    expect(ids[0].slice(4, 13)).toBe(t.toString(36).padStart(9, '0'));
    expect(ids[3].slice(4, 13)).toBe((t + 1000).toString(36).padStart(9, '0'));
    // A clock going back never makes an id sort before an earlier one.
    expect(ids[4] > ids[3]).toBe(true);
  });
});
