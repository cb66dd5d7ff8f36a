/**
 * The observer's comparison (src/runs/automations/observer.ts): an entity observed with the JSON
 * already recorded is no change (no event, no dependents job, no state written); one whose
 * timestamps alone moved is no change either (content, not stamps); a content change is one
 * event, named after (entity, seq, content) as `entityEvent` names it, with one dependents job
 * under the same id and the state advanced; an entity never recorded and gone is looked up for
 * dependents but fires nothing. Work is counted by what reaches the states, `emit` and `follow`.
 */
import { describe, expect, it } from 'vitest';
import type { EntityStates } from '../../../src/data/EntityStates.ts';
import { MemoryEntityStates } from '../../../src/data/memory/MemoryEntityStates.ts';
import { loadBlueprints } from '../../../src/model/blueprints/load.ts';
import { createAutomationSet } from '../../../src/model/automations/model.ts';
import { contentOf, entityEvent, portEntity, type AutomationEvent, type ObservedEntity } from '../../../src/runs/automations/events.ts';
import { createObserver, stateJson } from '../../../src/runs/automations/observer.ts';
import { Timers } from '../../../src/runs/timers/timers.ts';

const { model } = loadBlueprints([{ file: 'Svc.json', text: JSON.stringify({ identifier: 'Svc', title: 'Service', schema: { properties: { tier: { type: 'string' } } } }) }]);

const svc = (tier: string, updatedAt = '2026-01-01T00:00:00.000Z'): ObservedEntity => ({
  blueprint: 'Svc',
  identifier: 's1',
  title: 's1',
  icon: null,
  team: [],
  properties: { tier },
  relations: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt,
  createdBy: null,
  updatedBy: null,
  origin: 'api',
});

function setUp() {
  let current: ObservedEntity | undefined;
  const memory = new MemoryEntityStates();
  const advanced: string[] = [];
  const states: EntityStates = {
    read: (key) => memory.read(key),
    advance: async (key, seq, json) => (advanced.push(json), memory.advance(key, seq, json)),
    prime: (entries) => memory.prime(entries),
  };
  const events: AutomationEvent[] = [];
  const followed: string[] = [];
  const observer = createObserver({
    read: async () => current,
    states,
    timers: new Timers({ model: () => model, automations: () => createAutomationSet([]) }),
    emit: async (e) => void events.push(e),
    follow: async (id) => void followed.push(id),
    now: () => new Date('2026-02-01T00:00:00.000Z'),
  });
  const observe = async (e: ObservedEntity | undefined) => {
    current = e;
    await observer.observe({ blueprint: 'Svc', identifier: 's1' }, 0);
  };
  return { observe, events, followed, advanced };
}

describe('the observer', () => {
  it('records a change once: the same JSON again, or only new timestamps, is no change', async () => {
    const { observe, events, followed, advanced } = setUp();
    await observe(svc('dev'));
    expect(events.map((e) => e.type)).toEqual(['ENTITY_CREATED']);
    expect(events[0].id).toBe(entityEvent({ blueprint: 'Svc', identifier: 's1', seq: 0, before: null, after: portEntity(svc('dev')), depth: 0, at: '' }).id);
    expect(events[0].id).toBe(entityEvent({ blueprint: 'Svc', identifier: 's1', seq: 0, before: null, after: portEntity(svc('dev')), depth: 0, at: '', content: contentOf(portEntity(svc('dev'))) }).id);
    expect(followed).toEqual([events[0].id]);
    expect(advanced).toEqual([stateJson(svc('dev'))]);

    await observe(svc('dev'));
    await observe(svc('dev', '2026-01-02T00:00:00.000Z'));
    expect(events).toHaveLength(1);
    expect(followed).toHaveLength(1);
    expect(advanced).toHaveLength(1);

    await observe(svc('prod', '2026-01-03T00:00:00.000Z'));
    expect(events.map((e) => e.type)).toEqual(['ENTITY_CREATED', 'ENTITY_UPDATED']);
    expect(events[1].context.diff).toEqual({ before: portEntity(svc('dev')), after: portEntity(svc('prod', '2026-01-03T00:00:00.000Z')) });
    expect(events[1].id).toBe(entityEvent({ blueprint: 'Svc', identifier: 's1', seq: 1, before: null, after: portEntity(svc('prod')), depth: 0, at: '' }).id);
    expect(followed).toEqual([events[0].id, events[1].id]);
    expect(advanced).toHaveLength(2);

    await observe(undefined);
    expect(events.map((e) => e.type)).toEqual(['ENTITY_CREATED', 'ENTITY_UPDATED', 'ENTITY_DELETED']);
    expect(advanced).toEqual([stateJson(svc('dev')), stateJson(svc('prod', '2026-01-03T00:00:00.000Z')), '']);
    await observe(undefined);
    expect(events).toHaveLength(3);
    expect(followed).toHaveLength(3);
  });

  it('looks up the dependents of an entity never recorded and gone, without an event', async () => {
    const { observe, events, followed, advanced } = setUp();
    await observe(undefined);
    expect(events).toEqual([]);
    expect(followed).toEqual([entityEvent({ blueprint: 'Svc', identifier: 's1', seq: 0, before: null, after: null, depth: 0, at: '' }).id]);
    expect(advanced).toEqual([]);
  });
});
