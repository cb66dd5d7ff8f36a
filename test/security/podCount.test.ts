/**
 * The shipped `update_pod_count` (schema/actions) over the shipped blueprints and the seed
 * catalog, run by the real ActionEngine with a recording KUBERNETES invoker: a run on CartService
 * scales production/orders/cart-service and nothing else, whatever inputs are sent; the target
 * follows the entity (change the entity, the target changes), and an entity that does not name a
 * deployment is refused before any run exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { InvocationContext } from '../../src/data/Invoker.ts';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import { MemoryPubSub } from '../../src/data/memory/MemoryPubSub.ts';
import { MemoryRunStore } from '../../src/data/memory/MemoryRunStore.ts';
import { LatticeError } from '../../src/errors/index.ts';
import { loadActions } from '../../src/model/actions/load.ts';
import type { KubernetesMethod } from '../../src/model/actions/model.ts';
import { loadBlueprints } from '../../src/model/blueprints/load.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { ActionEngine } from '../../src/runs/engine.ts';
import { ROOT } from '../helpers/lattice.ts';

const dir = (d: string) => readdirSync(path.join(ROOT, d)).map((f) => ({ file: `${d}/${f}`, text: readFileSync(path.join(ROOT, d, f), 'utf8') }));
const model = loadBlueprints(dir('schema/blueprints').filter((f) => f.file.endsWith('.json'))).model;
const actions = loadActions(dir('schema/actions'), model).actions;
const seed = JSON.parse(readFileSync(path.join(ROOT, 'catalog/seed.json'), 'utf8')) as Record<string, Partial<EntityInput>[]>;

const sre = { user: 'sre@example.com', teams: [], roles: ['SRE'] };

let store: MemoryEntityStore;
let runs: MemoryRunStore;
let calls: InvocationContext[];
let engine: ActionEngine;

beforeEach(async () => {
  store = new MemoryEntityStore();
  await store.put(
    Object.entries(seed).flatMap(([blueprint, list]) => list.map((e) => ({ title: null, icon: null, team: [], properties: {}, relations: {}, ...e, blueprint, origin: 'test' }) as EntityInput)),
  );
  runs = new MemoryRunStore();
  calls = [];
  engine = new ActionEngine({
    actions: () => actions,
    store: runs,
    events: new MemoryPubSub(),
    catalog: () => ({ model, load: (bp, ids) => store.getMany(bp, ids), list: (bp) => store.list(bp), findByRelation: (bp, rel, t) => store.findByRelation(bp, rel, t) }),
    invokers: {
      KUBERNETES: async (context) => {
        calls.push(context);
        return { kind: 'completed', status: 'SUCCESS' };
      },
    },
  });
});

const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as LatticeError);
const scaled = () => calls.map((c) => {
  const m = c.method as Extract<KubernetesMethod, { operation: 'scale' }>;
  return { cluster: m.cluster, namespace: m.resource.namespace, name: m.resource.name, kind: m.resource.kind, replicas: m.replicas };
});

describe('update_pod_count', () => {
  it('scales the entity\'s own deployment in its cluster, with only the replica count from the caller', async () => {
    const { run } = await engine.execute({ action: 'update_pod_count', entity: 'CartService', inputs: { replicas: 4 }, caller: sre });
    await engine.idle();
    expect(scaled()).toEqual([{ cluster: 'production', namespace: 'orders', name: 'cart-service', kind: 'Deployment', replicas: 4 }]);
    expect((await runs.get(run.id))?.status).toBe('SUCCESS');
  });

  it('whatever else is sent, nothing else is scaled and no run is created', async () => {
    const hostile: unknown[] = [
      { replicas: 0, deployment: 'coredns' },
      { replicas: 0, namespace: 'kube-system' },
      { replicas: 0, cluster: 'staging' },
      { replicas: 0, entity: { properties: { kubernetesDeployment: 'coredns' } } },
      { replicas: '{{ "0" }}' },
      { replicas: 51 },
      { replicas: -1 },
      [0],
      'replicas=0',
    ];
    for (const inputs of hostile) {
      const err = await refusal(engine.execute({ action: 'update_pod_count', entity: 'CartService', inputs, caller: sre }));
      expect(err?.code, JSON.stringify(inputs)).toBe('INVALID_INPUTS');
    }
    await engine.idle();
    expect(calls).toEqual([]);
    expect((await runs.list()).runs).toEqual([]);
  });

  it('the target follows the entity: another entity, another deployment; an entity naming none is refused', async () => {
    await engine.execute({ action: 'update_pod_count', entity: 'ProductsService', inputs: { replicas: 2 }, caller: sre });
    await store.put([{ blueprint: 'Component', identifier: 'Bare', title: null, icon: null, team: [], properties: { type: 'service' }, relations: {}, origin: 'test' }]);
    const bare = await refusal(engine.execute({ action: 'update_pod_count', entity: 'Bare', inputs: { replicas: 2 }, caller: sre }));
    expect(bare?.code).toBe('INVALID_ENTITY');
    await engine.idle();
    expect(scaled()).toEqual([{ cluster: 'production', namespace: 'orders', name: 'products-service', kind: 'Deployment', replicas: 2 }]);
  });

  it('is executed by SREs, admins and the entity\'s owning team only', async () => {
    const member = await refusal(engine.execute({ action: 'update_pod_count', entity: 'CartService', inputs: { replicas: 1 }, caller: { user: 'm@example.com', teams: ['orders'], roles: ['Member'] } }));
    expect(member?.code).toBe('FORBIDDEN');
    await store.put([{ ...(await store.getMany('Component', ['CartService']))[0]!, team: ['orders'], origin: 'test' }]);
    await engine.execute({ action: 'update_pod_count', entity: 'CartService', inputs: { replicas: 1 }, caller: { user: 'm@example.com', teams: ['orders'], roles: ['Member'] } });
    await engine.idle();
    expect(scaled()).toHaveLength(1);
  });

  it('every shipped action declares who may execute it', () => {
    const examples = loadActions(dir('examples/actions/actions'), loadBlueprints(dir('examples/actions/blueprints')).model).actions;
    for (const a of [...actions.actions, ...examples.actions]) expect(a.permissions.execute, a.identifier).not.toBeNull();
  });
});
