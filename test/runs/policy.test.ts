/**
 * Port's dynamic permissions (src/model/actions/policy.ts) through the engine: an execute policy
 * that forbids a name already in the catalog (Port's documented example), a policy that lets in
 * a caller its roles list would not, an approve policy naming the requester's manager as the
 * only approver (Port's "approved by their direct manager"), and load-time errors with pointers.
 */
import { describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/model/blueprints/load.ts';
import { loadActions } from '../../src/model/actions/load.ts';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import { MemoryRunStore } from '../../src/data/memory/MemoryRunStore.ts';
import { MemoryPubSub } from '../../src/data/memory/MemoryPubSub.ts';
import { ActionEngine } from '../../src/runs/engine.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { LatticeError, LatticeErrors } from '../../src/errors/index.ts';
import { caller } from './fixtures.ts';

const model = loadBlueprints([
  {
    file: 'blueprints.json',
    text: JSON.stringify([
      { identifier: 'person', title: 'Person', schema: { properties: { manager: { type: 'string' } } }, relations: {} },
      { identifier: 'service', title: 'Service', schema: { properties: {} }, relations: {} },
    ]),
  },
]).model;

const scaffold = (permissions: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  identifier: 'scaffold',
  title: 'Scaffold',
  trigger: { type: 'self-service', operation: 'CREATE', userInputs: { properties: { name: { type: 'string' } }, required: ['name'] } },
  invocationMethod: { type: 'WEBHOOK', url: 'http://127.0.0.1:9/never' },
  permissions,
  ...extra,
});

/** Port's "forbid execution if the entity exists". */
const forbidExisting = {
  queries: {
    search_entity: {
      combinator: 'and',
      rules: [
        { property: '$blueprint', operator: '=', value: 'service' },
        { property: '$identifier', operator: '=', value: '{{ .inputs.name }}' },
      ],
    },
  },
  conditions: ['.results.search_entity.entities | length == 0'],
};

/** Approvers: the manager of the person who asks (Port's manager-approval example). */
const managerApproves = {
  queries: { requester: { combinator: 'and', rules: [{ property: '$blueprint', operator: '=', value: 'person' }, { property: '$identifier', operator: '=', value: '{{ .trigger.user.email }}' }] } },
  conditions: ['[.results.requester.entities[].properties.manager]'],
};

async function setup(definition: Record<string, unknown>) {
  const { actions } = loadActions([{ file: 'actions.json', text: JSON.stringify([definition]) }], model);
  const entities = new MemoryEntityStore();
  const entity = (e: Partial<EntityInput>) => ({ title: null, icon: null, team: [], properties: {}, relations: {}, origin: 'api', ...e }) as EntityInput;
  await entities.put([
    entity({ blueprint: 'service', identifier: 'cart' }),
    entity({ blueprint: 'person', identifier: 'ann@example.com', properties: { manager: 'bob@example.com' } }),
  ]);
  const engine = new ActionEngine({
    actions: () => actions,
    store: new MemoryRunStore(),
    events: new MemoryPubSub(),
    catalog: () => ({ model, load: (bp, ids) => entities.getMany(bp, ids), list: (bp) => entities.list(bp), findByRelation: (bp, rel, t) => entities.findByRelation(bp, rel, t) }),
    // Nothing is invoked: the runs these tests let through wait for approval or fail for want of an invoker.
    invokers: {},
  });
  return engine;
}

async function refusal(p: Promise<unknown>): Promise<LatticeError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LatticeError);
  return err as LatticeError;
}

describe('dynamic permissions: execute', () => {
  it('refuses a name already in the catalog, naming the condition, and lets a new one run', async () => {
    const engine = await setup(scaffold({ execute: { policy: forbidExisting } }));
    const err = await refusal(engine.execute({ action: 'scaffold', caller: caller('ann@example.com'), inputs: { name: 'cart' } }));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toBe('ann@example.com may not execute action "scaffold": its execute policy denies it (the condition at /permissions/execute/policy/conditions/0 gave false, not true)');
    const { run, created } = await engine.execute({ action: 'scaffold', caller: caller('ann@example.com'), inputs: { name: 'checkout' } });
    expect(created).toBe(true);
    expect(run.status).toBe('IN_PROGRESS');
    await engine.idle();
  });

  it('decides alone: roles listed beside a policy do not let anyone in, nor keep anyone out', async () => {
    const onlyBob = { queries: {}, conditions: ['.trigger.user.email == "bob@example.com" and .trigger.by.user == "bob@example.com"'] };
    const engine = await setup(scaffold({ execute: { roles: ['Admin'], policy: onlyBob } }));
    expect((await refusal(engine.execute({ action: 'scaffold', caller: caller('root', { roles: ['Admin'] }), inputs: { name: 'a' } }))).code).toBe('FORBIDDEN');
    expect((await engine.execute({ action: 'scaffold', caller: caller('bob@example.com'), inputs: { name: 'a' } })).created).toBe(true);
    await engine.idle();
  });

  it('a condition that fails or gives a non-boolean denies, saying what it gave', async () => {
    const engine = await setup(scaffold({ execute: { policy: { queries: {}, conditions: ['true', '.inputs.name | error("no \\(.)")', '"yes"'] } } }));
    const err = await refusal(engine.execute({ action: 'scaffold', caller: caller('ann'), inputs: { name: 'x' } }));
    expect(err.message).toContain('the condition at /permissions/execute/policy/conditions/1 gave an error (no x), not true');
  });
});

describe('dynamic permissions: approve', () => {
  const approval = (policy: unknown) => scaffold({ approve: { policy } }, { requiredApproval: true });

  it('the requester\'s manager is the run\'s only approver, fixed on the run', async () => {
    const engine = await setup(approval(managerApproves));
    const { run } = await engine.execute({ action: 'scaffold', caller: caller('ann@example.com'), inputs: { name: 'x' } });
    expect(run.status).toBe('WAITING_FOR_APPROVAL');
    expect(run.approvers).toEqual(['bob@example.com']);
    // The default approver (the Admin role) is not one any more; nor is the requester.
    expect((await refusal(engine.approve({ runId: run.id, caller: caller('root', { roles: ['Admin'] }) }))).code).toBe('FORBIDDEN');
    expect((await refusal(engine.approve({ runId: run.id, caller: caller('ann@example.com') }))).code).toBe('FORBIDDEN');
    const approved = await engine.approve({ runId: run.id, caller: caller('bob@example.com') });
    expect(approved.status).not.toBe('WAITING_FOR_APPROVAL');
    await engine.idle();
  });

  it('refuses a run nobody could approve, saying why', async () => {
    const engine = await setup(approval(managerApproves));
    const err = await refusal(engine.execute({ action: 'scaffold', caller: caller('stranger@example.com'), inputs: { name: 'x' } }));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toBe('action "scaffold" cannot run for stranger@example.com: its approve policy names no approvers');
    const wrongType = await setup(approval({ queries: {}, conditions: ['"bob"'] }));
    expect((await refusal(wrongType.execute({ action: 'scaffold', caller: caller('ann'), inputs: { name: 'x' } }))).message).toContain(
      '(the condition at /permissions/approve/policy/conditions/0 gave "bob", not a list of users)',
    );
  });
});

describe('dynamic permissions: loading', () => {
  const problems = (permissions: Record<string, unknown>) => {
    try {
      loadActions([{ file: 'actions.json', text: JSON.stringify([scaffold(permissions)], null, 2) }], model);
    } catch (err) {
      return (err instanceof LatticeErrors ? err.errors : [err as LatticeError]).map((e) => `${e.location?.pointer}: ${e.message}`);
    }
    return [];
  };

  it('loads a policy whose queries and conditions are sound', () => {
    expect(problems({ execute: { policy: forbidExisting } })).toEqual([]);
  });

  it('locates a condition that is not jq, a constant query on an unknown property, and a policy without conditions', () => {
    expect(problems({ execute: { policy: { queries: {}, conditions: ['.results | length =='] } } })).toEqual([expect.stringMatching(/^\/0\/permissions\/execute\/policy\/conditions\/0: action "scaffold": invalid jq expression ".results \| length ==": expected a term/)]);
    expect(problems({ execute: { policy: { queries: { q: { combinator: 'and', rules: [{ property: 'colour', operator: '=', value: 'red' }] } }, conditions: ['true'] } } })).toEqual([
      expect.stringMatching(/^\/0\/permissions\/execute\/policy\/queries\/q\/rules\/0\/property: action "scaffold": .*colour/),
    ]);
    expect(problems({ approve: { policy: { queries: {} } } })).toEqual([expect.stringMatching(/^\/0\/permissions\/approve\/policy\/conditions: .*must have required property 'conditions'/)]);
  });
});
