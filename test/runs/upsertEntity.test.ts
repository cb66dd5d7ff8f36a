/**
 * UPSERT_ENTITY: the rendered mapping becomes an entity input merged over the entity as stored
 * (mapped values win, other properties and relations stay); the invoker reads the current entity
 * and hands the input to the caller's writer.
 */
import { describe, expect, it } from 'vitest';
import type { Entity, EntityInput } from '../../src/model/entities/entity.ts';
import { renderInvocation } from '../../src/model/actions/invocation.ts';
import { entityFromMapping, upsertEntityInvoker } from '../../src/runs/invokers/upsertEntity.ts';
import type { UpsertEntityMethod } from '../../src/model/actions/model.ts';
import { newRun } from '../../src/data/run.ts';
import { caller, loadOne, lockAction } from './fixtures.ts';
import { LatticeError } from '../../src/errors/index.ts';

const existing: Entity = {
  blueprint: 'Service',
  identifier: 'cart',
  title: 'Cart',
  icon: 'Box',
  team: ['payments'],
  properties: { namespace: 'shop', locked: false, replicas: 3 },
  relations: { system: 'Checkout' },
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  origin: 'api',
};

const method = (mapping: Record<string, unknown>): UpsertEntityMethod => ({ type: 'UPSERT_ENTITY', blueprintIdentifier: 'Service', mapping: mapping as unknown as UpsertEntityMethod['mapping'] });

describe('entityFromMapping', () => {
  it('merges mapped fields over the stored entity', () => {
    expect(entityFromMapping(method({ identifier: 'cart', properties: { locked: true, lockedReason: 'release', replicas: null } }), existing)).toEqual({
      blueprint: 'Service',
      identifier: 'cart',
      title: 'Cart',
      icon: 'Box',
      team: ['payments'],
      properties: { namespace: 'shop', locked: true, lockedReason: 'release', replicas: null },
      relations: { system: 'Checkout' },
      origin: 'api',
    });
  });

  it('creates from the mapping alone; team may be a string or a list', () => {
    expect(entityFromMapping(method({ identifier: 'new', title: 'New', team: 'platform', relations: { system: 'Cart' } }), undefined)).toEqual({
      blueprint: 'Service',
      identifier: 'new',
      title: 'New',
      icon: null,
      team: ['platform'],
      properties: {},
      relations: { system: 'Cart' },
      origin: 'api',
    });
    expect(entityFromMapping(method({ identifier: 'x', team: ['a', null, 'b'] }), existing).team).toEqual(['a', 'b']);
    expect(entityFromMapping(method({ identifier: 'x', team: null }), existing).team).toEqual([]);
  });

  it('refuses an identifier that did not render to a non-empty string', () => {
    for (const identifier of [null, '', 42]) {
      const err = (() => {
        try {
          entityFromMapping(method({ identifier }), undefined);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(LatticeError);
      expect((err as LatticeError).location?.pointer).toBe('/invocationMethod/mapping/identifier');
    }
  });
});

describe('upsertEntityInvoker', () => {
  it('renders the lock mapping (a timer from the trigger time) and writes the merged entity', async () => {
    const action = loadOne(lockAction());
    const at = '2031-01-01T00:00:00.000Z';
    const run = newRun({ action: 'lock', blueprint: 'Service', entity: 'cart', inputs: { reason: 'release', hours: 2 }, status: 'IN_PROGRESS', trigger: { by: caller('ann'), at, operation: 'DAY-2' }, requiredApproval: null });
    const templateContext = { inputs: run.inputs, entity: existing, trigger: run.trigger, run: { id: run.id }, secrets: {} };
    const written: EntityInput[] = [];
    const reads: string[] = [];
    const invoke = upsertEntityInvoker({
      read: async (bp, id) => {
        reads.push(`${bp}/${id}`);
        return id === 'cart' ? existing : undefined;
      },
      write: async (input) => void written.push(input),
    });
    const outcome = await invoke({ action, run, method: await renderInvocation(action, templateContext), templateContext, executorToken: 't', log: async () => undefined, mask: (t) => t, keep: async () => undefined });
    expect(outcome).toEqual({ kind: 'completed', status: 'SUCCESS', summary: 'updated Service "cart"' });
    expect(reads).toEqual(['Service/cart']);
    expect(written).toEqual([{ ...entityFromMapping(method({ identifier: 'cart' }), existing), properties: { namespace: 'shop', locked: true, replicas: 3, lockedReason: 'release', lockedUntil: '2031-01-01T02:00:00Z' } }]);
  });

  it('lets the writer’s refusal fail the invocation', async () => {
    const action = loadOne(lockAction());
    const run = newRun({ action: 'lock', blueprint: 'Service', entity: 'cart', inputs: {}, status: 'IN_PROGRESS', trigger: { by: caller('ann'), at: '2031-01-01T00:00:00.000Z', operation: 'DAY-2' }, requiredApproval: null });
    const templateContext = { inputs: { reason: 'x', hours: 1 }, entity: existing, trigger: run.trigger, run: { id: run.id }, secrets: {} };
    const invoke = upsertEntityInvoker({ read: async () => undefined, write: async () => Promise.reject(new Error('/properties/locked must be boolean')) });
    await expect(invoke({ action, run, method: await renderInvocation(action, templateContext), templateContext, executorToken: 't', log: async () => undefined, mask: (t) => t, keep: async () => undefined })).rejects.toThrow('must be boolean');
  });
});
