/**
 * The dependents lookup (src/runs/automations/readPaths.ts, dependents.ts) over a real in-process
 * store: which entities an entity's change can change through mirror properties (one and two
 * hops), aggregations (one and two hops, also the reader a moved entity leaves), scorecard path
 * rules, and relations left dangling by a deletion (only creations and deletions walk those);
 * and the observer's dependents jobs: queued before the change is recorded (a failure in between
 * leaves the change to be observed again under the same job id), their handler observing the
 * dependents, each changed one queuing its own job; past `maxDependents` the rest is reported.
 */
import { describe, expect, it } from 'vitest';
import { MemoryEntityStates } from '../../../src/data/memory/MemoryEntityStates.ts';
import { MemoryEntityStore } from '../../../src/data/memory/MemoryEntityStore.ts';
import { loadBlueprints } from '../../../src/model/blueprints/load.ts';
import { createAutomationSet } from '../../../src/model/automations/model.ts';
import type { EntityInput, EntityKey } from '../../../src/model/entities/entity.ts';
import { loadScorecards } from '../../../src/model/scorecards/load.ts';
import { dependentsOf, mayHaveDependents, type ChangedEntity } from '../../../src/runs/automations/dependents.ts';
import type { AutomationEvent } from '../../../src/runs/automations/events.ts';
import { createObserver, type DependentsJob } from '../../../src/runs/automations/observer.ts';
import { blueprintsRead, readPaths } from '../../../src/runs/automations/readPaths.ts';
import { Timers } from '../../../src/runs/timers/timers.ts';
import { catalogEntity } from '../../fixtures/generateCatalog.ts';

const json = (file: string, value: unknown) => ({ file, text: JSON.stringify(value) });

const { model } = loadBlueprints([
  json('Domain.json', { identifier: 'Domain', title: 'Domain', schema: { properties: { name: { type: 'string' } } }, aggregationProperties: { services: { target: 'Service', calculationSpec: { calculationBy: 'entities', func: 'count' }, pathFilter: [{ path: ['system', 'domain'] }] } } }),
  json('Team.json', { identifier: 'Team', title: 'Team', schema: { properties: {} } }),
  json('System.json', {
    identifier: 'System',
    title: 'System',
    schema: { properties: {} },
    relations: { domain: { target: 'Domain', required: false, many: false }, team: { target: 'Team', required: false, many: false } },
    aggregationProperties: { services: { target: 'Service', calculationSpec: { calculationBy: 'entities', func: 'count' } } },
  }),
  json('Service.json', {
    identifier: 'Service',
    title: 'Service',
    schema: { properties: { tier: { type: 'string' } } },
    relations: { system: { target: 'System', required: false, many: false } },
    mirrorProperties: { domainName: { path: 'system.domain.name' }, systemTitle: { path: 'system.$title' } },
  }),
]);

const { scorecards } = loadScorecards(
  [
    json('InDomain.json', {
      identifier: 'InDomain',
      title: 'In domain d1',
      blueprint: 'Service',
      rules: [{ identifier: 'd1', title: 'd1', level: 'Gold', query: { combinator: 'and', conditions: [{ property: { path: ['system', 'domain'] }, operator: 'matchAny', value: 'd1' }] } }],
    }),
  ],
  model,
);

const index = readPaths(model, scorecards);

const entity = (blueprint: string, identifier: string, relations: Record<string, string | null> = {}, properties: Record<string, unknown> = {}): EntityInput => catalogEntity(blueprint, identifier, properties, relations);

async function catalog() {
  const store = new MemoryEntityStore();
  await store.put([
    entity('Domain', 'd1', {}, { name: 'one' }),
    entity('Domain', 'd2', {}, { name: 'two' }),
    entity('Team', 't1'),
    entity('System', 'sys1', { domain: 'd1', team: 't1' }),
    entity('System', 'sys2', { domain: 'd2', team: null }),
    entity('Service', 's1', { system: 'sys1' }),
    entity('Service', 's2', { system: 'sys1' }),
    entity('Service', 's3', { system: 'sys2' }),
  ]);
  return { store, graph: { load: (bp: string, ids: readonly string[]) => store.getMany(bp, ids), findByRelation: store.findByRelation.bind(store) } };
}

const changed = (blueprint: string, identifier: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null): ChangedEntity => ({
  blueprint,
  identifier,
  before: before && { relations: before },
  after: after && { relations: after },
});
const keys = (list: readonly EntityKey[]) => list.map((k) => `${k.blueprint}:${k.identifier}`);

describe('dependents of a change', () => {
  it('a domain updated: the services mirroring it two hops away (through their system), not the systems (no mirror of it)', async () => {
    const { graph } = await catalog();
    expect(keys(await dependentsOf(index, changed('Domain', 'd1', {}, {}), graph))).toEqual(['Service:s1', 'Service:s2']);
  });

  it('a system updated: its services (mirror, scorecard path rule) and its domain (the two-hop aggregation)', async () => {
    const { graph } = await catalog();
    expect(keys(await dependentsOf(index, changed('System', 'sys1', { domain: 'd1' }, { domain: 'd2' }), graph))).toEqual(['Domain:d1', 'Domain:d2', 'Service:s1', 'Service:s2']);
  });

  it('a service moved to another system: both systems and both domains (aggregations), the one it left included', async () => {
    const { graph } = await catalog();
    expect(keys(await dependentsOf(index, changed('Service', 's1', { system: 'sys1' }, { system: 'sys2' }), graph))).toEqual(['Domain:d1', 'Domain:d2', 'System:sys1', 'System:sys2']);
  });

  it('relations left dangling count for a deletion or a creation only', async () => {
    const { graph } = await catalog();
    // Nothing computed reads a team: its update changes nothing served.
    expect(await dependentsOf(index, changed('Team', 't1', {}, {}), graph)).toEqual([]);
    // Deleted: the system pointing at it now holds a relation to nothing.
    expect(keys(await dependentsOf(index, changed('Team', 't1', {}, null), graph))).toEqual(['System:sys1']);
    // Created (or never seen before): the same entities, whose relation now resolves.
    expect(keys(await dependentsOf(index, changed('Team', 't1', null, {}), graph))).toEqual(['System:sys1']);
  });

  it('no dependents job for an update of an entity read only for its existence, nor for a blueprint nothing reads', async () => {
    expect(mayHaveDependents(index, changed('Team', 't1', {}, {}))).toBe(false);
    expect(mayHaveDependents(index, changed('Team', 't1', {}, null))).toBe(true);
    expect(mayHaveDependents(index, changed('Team', 't1', null, {}))).toBe(true);
    expect(mayHaveDependents(index, changed('Domain', 'd1', {}, {}))).toBe(true);
    expect(mayHaveDependents(index, changed('Nothing', 'n1', null, {}))).toBe(false);
  });

  it('a deleted system: the services left pointing at it, and its domain through its relations before the deletion', async () => {
    const { store, graph } = await catalog();
    await store.delete([{ blueprint: 'System', identifier: 'sys1' }]);
    expect(keys(await dependentsOf(index, changed('System', 'sys1', { domain: 'd1', team: 't1' }, null), graph))).toEqual(['Domain:d1', 'Service:s1', 'Service:s2']);
  });

  it('the blueprints a reader reads, recorded at start so their changes carry a `before`', () => {
    expect([...blueprintsRead(index, new Set(['Service']))].sort()).toEqual(['Domain', 'System']);
    expect([...blueprintsRead(index, new Set(['Domain']))].sort()).toEqual(['Service', 'System']);
    expect([...blueprintsRead(index, new Set(['Team']))]).toEqual([]);
  });
});

describe('the observer with dependents', () => {
  /** An observer over the store, each entity read as stored plus a count of its services (a computed value). */
  async function observer(maxDependents: number) {
    const { store, graph } = await catalog();
    const events: AutomationEvent[] = [];
    const published: string[] = [];
    const dropped: number[] = [];
    const timers = new Timers({ model: () => model, automations: () => createAutomationSet([]) });
    const read = async (bp: string, id: string) => {
      const [e] = await store.getMany(bp, [id]);
      if (!e || bp !== 'System') return e;
      const [services] = await store.findByRelation('Service', 'system', [id]);
      return { ...e, properties: { ...e.properties, services: services.length } };
    };
    const states = new MemoryEntityStates();
    /** The dependents jobs queued, with their ids and the recorded seq of the changed entity when queued. */
    const queued: { id: string; job: DependentsJob; seq: number }[] = [];
    let failFollow = false;
    const observer = createObserver({
      read,
      states,
      timers,
      emit: async (event) => void events.push(event),
      follow: async (id, job) => {
        if (failFollow) throw new Error('the queue is down');
        queued.push({ id, job, seq: (await states.read(`${job.blueprint}:${job.identifier}`)).seq });
      },
      dependents: (c) => dependentsOf(index, c, graph),
      publish: async (c) => void published.push(`${c.blueprint}:${c.identifier}`),
      maxDependents,
      onDropped: (_change, n) => void dropped.push(n),
    });
    const handled: string[] = [];
    /** Observes a change, then handles the jobs queued (and those they queue) in order, as a queue would. */
    const observe = async (key: EntityKey, depth: number) => {
      await observer.observe(key, depth);
      for (let q = queued.shift(); q; q = queued.shift()) {
        handled.push(`${q.job.blueprint}:${q.job.identifier}:${q.job.depth}`);
        await observer.dependents(q.job);
      }
    };
    // Everything recorded first, as `prime` does at start.
    for (const e of await Promise.all(['Domain', 'Team', 'System', 'Service'].map((bp) => store.list(bp)))) for (const x of e) await observe({ blueprint: x.blueprint, identifier: x.identifier }, 0);
    events.length = 0;
    published.length = 0;
    dropped.length = 0;
    handled.length = 0;
    const setFailFollow = (fail: boolean) => void (failFollow = fail);
    return { store, states, direct: observer, observe, events, published, dropped, queued, handled, setFailFollow };
  }

  it('a service moved: the systems whose count changed are events and published; unchanged dependents are neither', async () => {
    const { store, observe, events, published, dropped, handled } = await observer(100);
    await store.put([entity('Service', 's1', { system: 'sys2' })]);
    await observe({ blueprint: 'Service', identifier: 's1', }, 2);
    expect(events.map((e) => `${e.type}:${e.blueprint}:${e.identifier}:${e.depth}`)).toEqual(['ENTITY_UPDATED:Service:s1:2', 'ENTITY_UPDATED:System:sys1:2', 'ENTITY_UPDATED:System:sys2:2']);
    const sys1 = events[1].context.diff as { before: { properties: { services: number } }; after: { properties: { services: number } } };
    expect([sys1.before.properties.services, sys1.after.properties.services]).toEqual([2, 1]);
    // Domains are dependents too (two-hop aggregation), but read as stored here: unchanged, not published.
    expect(published).toEqual(['System:sys1', 'System:sys2']);
    expect(dropped).toEqual([]);
    // One job for the service, then one for each system whose count changed; none for the unchanged domains.
    expect(handled).toEqual(['Service:s1:2', 'System:sys1:2', 'System:sys2:2']);
  });

  it('the dependents job is queued before the change is recorded, named after its event', async () => {
    const { store, direct, events, queued } = await observer(100);
    await store.put([entity('Service', 's1', { system: 'sys2' })]);
    await direct.observe({ blueprint: 'Service', identifier: 's1' }, 0);
    expect(queued).toEqual([{ id: events[0].id, seq: 1, job: { blueprint: 'Service', identifier: 's1', before: { relations: { system: 'sys1' } }, after: { relations: { system: 'sys2' } }, depth: 0 } }]);
  });

  it('a failure to queue the job leaves the change unrecorded: observed again, it queues the same job', async () => {
    const { store, states, direct, events, queued, setFailFollow } = await observer(100);
    await store.put([entity('Service', 's1', { system: 'sys2' })]);
    setFailFollow(true);
    await expect(direct.observe({ blueprint: 'Service', identifier: 's1' }, 0)).rejects.toThrow('the queue is down');
    expect((await states.read('Service:s1')).seq).toBe(1);
    setFailFollow(false);
    await direct.observe({ blueprint: 'Service', identifier: 's1' }, 0);
    expect(queued.map((q) => q.id)).toEqual([events[0].id]);
    expect((await states.read('Service:s1')).seq).toBe(2);
  });

  it('past maxDependents the rest is reported and not observed', async () => {
    const { store, observe, events, dropped } = await observer(1);
    await store.put([entity('Service', 's1', { system: 'sys2' })]);
    await observe({ blueprint: 'Service', identifier: 's1', }, 0);
    // Dependents in order: Domain:d1, Domain:d2, System:sys1, System:sys2; only the first is
    // observed (unchanged as read here): the systems, whose counts changed, are past the bound.
    expect(events.map((e) => `${e.blueprint}:${e.identifier}`)).toEqual(['Service:s1']);
    expect(dropped).toEqual([3]);
  });
});
