/**
 * Entities as served to the automations' observer (src/server/servedEntities.ts), over a real
 * in-process store and reader, with the read session's calls counted (issue 11: every watch event
 * is read here, so a read does the work its blueprint asks for and no more):
 *
 * - a blueprint that computes nothing and has no scorecard: the entity, then one batched read per
 *   relation target blueprint, no reverse lookup; dangling relations left out;
 * - a blueprint with mirror, aggregation and calculation values and a scorecard: the values and
 *   levels a client sees, the mirror's hop and the existence check of the same target blueprint
 *   in one batched read;
 * - `read` and `list` serve the same entities; a failed read reads as a missing entity.
 */
import { describe, expect, it } from 'vitest';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import { createEntityReader, type EntityReader, type EntityReadSession } from '../../src/data/reader.ts';
import { loadBlueprints } from '../../src/model/blueprints/load.ts';
import { loadScorecards } from '../../src/model/scorecards/load.ts';
import { createInflection } from '../../src/schema/inflection.ts';
import { planSchema } from '../../src/schema/plan.ts';
import { servedEntities } from '../../src/server/servedEntities.ts';
import { catalogEntity } from '../fixtures/generateCatalog.ts';

const json = (file: string, value: unknown) => ({ file, text: JSON.stringify(value) });

const { model } = loadBlueprints([
  json('Team.json', { identifier: 'Team', title: 'Team', schema: { properties: { name: { type: 'string' } } }, aggregationProperties: { services: { target: 'Service', calculationSpec: { calculationBy: 'entities', func: 'count' } } } }),
  json('Tag.json', { identifier: 'Tag', title: 'Tag', schema: { properties: { color: { type: 'string' } } }, relations: { team: { target: 'Team', required: false, many: false }, tags: { target: 'Tag', required: false, many: true } } }),
  json('Service.json', {
    identifier: 'Service',
    title: 'Service',
    schema: { properties: { tier: { type: 'string' } } },
    relations: { team: { target: 'Team', required: false, many: false }, tags: { target: 'Tag', required: false, many: true } },
    mirrorProperties: { teamName: { path: 'team.name' } },
    calculationProperties: { loud: { title: 'Loud tier', type: 'string', calculation: '.properties.tier | ascii_upcase' } },
  }),
]);
const { scorecards } = loadScorecards(
  [json('Prod.json', { identifier: 'Prod', title: 'Prod', blueprint: 'Service', rules: [{ identifier: 'prod', title: 'prod', level: 'Gold', query: { combinator: 'and', conditions: [{ property: 'tier', operator: '=', value: 'prod' }] } }] })],
  model,
);
const plan = planSchema(model, createInflection(), scorecards);

/** The read session's calls, by method and blueprint. */
type Calls = string[];

function countingReader(reader: EntityReader, calls: Calls, fail = false): EntityReader {
  return {
    sourcesOf: reader.sourcesOf,
    session(): EntityReadSession {
      const s = reader.session();
      return {
        getMany: (bp, ids) => (calls.push(`getMany ${bp}`), fail ? Promise.reject(new Error('down')) : s.getMany(bp, ids)),
        list: (bp) => (calls.push(`list ${bp}`), s.list(bp)),
        findByRelation: (bp, rel, targets) => (calls.push(`findByRelation ${bp}.${rel}`), s.findByRelation(bp, rel, targets)),
      };
    },
  };
}

async function setUp(fail = false) {
  const store = new MemoryEntityStore();
  await store.put([
    catalogEntity('Team', 't1', { name: 'One' }, {}),
    catalogEntity('Tag', 'red', { color: 'red' }, { team: 't1', tags: ['blue', 'gone'] }),
    catalogEntity('Tag', 'blue', { color: 'blue' }, { team: 'nobody', tags: [] }),
    catalogEntity('Service', 's1', { tier: 'prod' }, { team: 't1', tags: ['red'] }),
    catalogEntity('Service', 's2', { tier: 'dev' }, { team: 'nobody', tags: ['red', 'gone'] }),
  ]);
  const calls: Calls = [];
  return { calls, served: servedEntities(countingReader(createEntityReader(store, []), calls, fail), () => plan) };
}

describe('servedEntities', () => {
  it('reads an entity of a blueprint that computes nothing with one batched read per relation target blueprint, no reverse lookup', async () => {
    const { calls, served } = await setUp();
    const red = await served.read('Tag', 'red');
    expect(red?.properties).toEqual({ color: 'red' });
    expect(red?.relations).toEqual({ team: 't1', tags: ['blue'] });
    expect(red?.scorecards).toBeUndefined();
    expect(calls).toEqual(['getMany Tag', 'getMany Team', 'getMany Tag']);
    calls.length = 0;
    const blue = await served.read('Tag', 'blue');
    expect(blue?.relations).toEqual({ team: null, tags: [] });
    expect(calls).toEqual(['getMany Tag', 'getMany Team']);
  });

  it('keeps the relations and properties of an entity whose targets all exist as they are', async () => {
    const { served } = await setUp();
    const store = new MemoryEntityStore();
    await store.put([catalogEntity('Team', 't1', { name: 'One' }, {}), catalogEntity('Tag', 'green', { color: 'green' }, { team: 't1', tags: [] })]);
    const direct = await createEntityReader(store, []).session().getMany('Tag', ['green']);
    const green = await servedEntities(createEntityReader(store, []), () => plan).read('Tag', 'green');
    expect(green).toEqual(direct[0]);
    expect(await served.read('Tag', 'nothing')).toBeUndefined();
  });

  it('serves computed values and scorecard levels, the mirror hop and the existence check of the same blueprint in one read', async () => {
    const { calls, served } = await setUp();
    const s1 = await served.read('Service', 's1');
    expect(s1?.properties).toEqual({ tier: 'prod', teamName: 'One', loud: 'PROD' });
    expect(s1?.relations).toEqual({ team: 't1', tags: ['red'] });
    expect(s1?.scorecards).toEqual({ Prod: { level: 'Gold', rules: [{ identifier: 'prod', level: 'Gold', status: 'SUCCESS' }] } });
    expect(calls.filter((c) => c === 'getMany Team')).toHaveLength(1);
    const s2 = await served.read('Service', 's2');
    expect(s2?.properties).toEqual({ tier: 'dev', teamName: null, loud: 'DEV' });
    expect(s2?.relations).toEqual({ team: null, tags: ['red'] });
    expect(s2?.scorecards).toEqual({ Prod: { level: 'Silver', rules: [{ identifier: 'prod', level: 'Gold', status: 'FAILURE' }] } });
    const t1 = await served.read('Team', 't1');
    expect(t1?.properties).toEqual({ name: 'One', services: 1 });
  });

  it('lists what it reads one by one', async () => {
    const { served } = await setUp();
    for (const bp of ['Tag', 'Service', 'Team']) {
      const listed = await served.list(bp);
      const read = await Promise.all(listed.map((e) => served.read(bp, e.identifier)));
      expect(read).toEqual(listed);
    }
  });

  it('reads an entity whose read fails as missing, computing or not', async () => {
    const { served } = await setUp(true);
    expect(await served.read('Tag', 'red')).toBeUndefined();
    expect(await served.read('Service', 's1')).toBeUndefined();
  });
});
