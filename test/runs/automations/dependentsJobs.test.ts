/**
 * Which changes queue a dependents job (src/runs/automations/service.ts, `mayHaveDependents`):
 * a change of an entity that something reads for its values (an aggregation counting it) queues
 * one; an entity read only for its existence (a relation pointing at it) queues one when it is
 * created or deleted and none when it is updated (the walk would find nothing: a Kubernetes
 * Workload's scaling). Counted by the jobs added to the dependents queue.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MemoryEntityStates } from '../../../src/data/memory/MemoryEntityStates.ts';
import { createAutomationSet } from '../../../src/model/automations/model.ts';
import { loadBlueprints } from '../../../src/model/blueprints/load.ts';
import { createScorecardSet } from '../../../src/model/scorecards/model.ts';
import type { ObservedEntity } from '../../../src/runs/automations/events.ts';
import { DEPENDENTS_QUEUE, startAutomations, type OpenQueue } from '../../../src/runs/automations/service.ts';
import type { JobQueue } from '../../../src/runs/jobs/JobQueue.ts';
import { memoryJobQueue } from '../../../src/runs/jobs/memoryJobQueue.ts';

const json = (file: string, value: unknown) => ({ file, text: JSON.stringify(value) });
const { model } = loadBlueprints([
  json('Team.json', { identifier: 'Team', title: 'Team', schema: { properties: {} }, aggregationProperties: { services: { target: 'Service', calculationSpec: { calculationBy: 'entities', func: 'count' } } } }),
  json('Tag.json', { identifier: 'Tag', title: 'Tag', schema: { properties: { color: { type: 'string' } } } }),
  json('Service.json', {
    identifier: 'Service',
    title: 'Service',
    schema: { properties: { tier: { type: 'string' } } },
    relations: { team: { target: 'Team', required: false, many: false }, tag: { target: 'Tag', required: false, many: false } },
  }),
]);

const entity = (blueprint: string, identifier: string, properties: Record<string, unknown>, relations: Record<string, string | null> = {}): ObservedEntity => ({
  blueprint,
  identifier,
  title: identifier,
  icon: null,
  team: [],
  properties,
  relations,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  origin: 'api',
});

async function setUp() {
  const current = new Map<string, ObservedEntity>();
  const jobs: string[] = [];
  const queues: JobQueue<unknown>[] = [];
  const openQueue: OpenQueue = async <T>(name: string, handler: (data: T, id: string) => Promise<void>) => {
    const queue = memoryJobQueue<T>(handler);
    queues.push(queue as JobQueue<unknown>);
    if (name !== DEPENDENTS_QUEUE) return queue;
    return { ...queue, add: (id: string, data: T) => (jobs.push(`${(data as { blueprint: string }).blueprint}:${(data as { identifier: string }).identifier}`), queue.add(id, data)) };
  };
  const service = await startAutomations({
    automations: () => createAutomationSet([]),
    model: () => model,
    scorecards: () => createScorecardSet([]),
    read: async (bp, id) => current.get(`${bp}:${id}`),
    list: async () => [],
    graph: () => ({ load: async (_bp, ids) => ids.map(() => undefined), findByRelation: async (_bp, _rel, targets) => targets.map(() => []) }),
    publish: async () => undefined,
    maxDependents: 100,
    states: new MemoryEntityStates(),
    engine: { executeAutomation: async () => undefined } as never,
    maxDepth: 3,
    openQueue,
    log: pino({ level: 'silent' }),
  });
  const change = async (blueprint: string, identifier: string, e: ObservedEntity | undefined) => {
    if (e) current.set(`${blueprint}:${identifier}`, e);
    else current.delete(`${blueprint}:${identifier}`);
    service.observe({ blueprint, identifier, change: e ? 'UPSERTED' : 'DELETED' });
    await service.idle();
  };
  return { change, jobs, close: () => service.close() };
}

describe('dependents jobs', () => {
  it('an entity read only for its existence: a job when created or deleted, none when updated', async () => {
    const { change, jobs, close } = await setUp();
    await change('Tag', 'red', entity('Tag', 'red', { color: 'red' }));
    expect(jobs).toEqual(['Tag:red']);
    await change('Tag', 'red', entity('Tag', 'red', { color: 'crimson' }));
    await change('Tag', 'red', entity('Tag', 'red', { color: 'scarlet' }));
    expect(jobs).toEqual(['Tag:red']);
    await change('Tag', 'red', undefined);
    expect(jobs).toEqual(['Tag:red', 'Tag:red']);
    await close();
  });

  it('an entity an aggregation reads: a job for every change', async () => {
    const { change, jobs, close } = await setUp();
    await change('Service', 's1', entity('Service', 's1', { tier: 'dev' }, { team: 't1', tag: null }));
    await change('Service', 's1', entity('Service', 's1', { tier: 'prod' }, { team: 't1', tag: null }));
    expect(jobs).toEqual(['Service:s1', 'Service:s1']);
    // A team is read for its existence (the services' relation): a job when created, none when updated.
    await change('Team', 't1', entity('Team', 't1', {}));
    await change('Team', 't1', { ...entity('Team', 't1', {}), title: 'Team one' });
    expect(jobs).toEqual(['Service:s1', 'Service:s1', 'Team:t1']);
    await close();
  });
});
