/**
 * Automations in one gateway with in-process stores and queues (the embedded mode): each entity
 * trigger type fires once per change with Port's event context, conditions select, a loop of two
 * automations stops at the guard with a clear FAILURE, timers fire (and re-arm, and are
 * cancelled with their entity), the warning before expiry fires, RUN_* triggers follow runs.
 * The same over Redis and two replicas: test/e2e/automationsReplicas.test.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, gql, startTestLattice, tempProject, testConfig } from '../helpers/lattice.ts';
import { until } from '../helpers/until.ts';
import type { Lattice } from '../../src/server/app.ts';

let lattice: Lattice;

async function write(identifier: string, properties: Record<string, unknown>) {
  const res = await gql(lattice.url, 'mutation($id: String!, $p: JSON) { upsertEntity(blueprint: DEV_ENVIRONMENT, identifier: $id, properties: $p) { identifier } }', { id: identifier, p: properties }, { token: ADMIN_TOKEN });
  expect(res.errors).toBeUndefined();
}

async function runsOf(action: string) {
  const res = await gql(lattice.url, `query($a: String) { runs(filter: { action: $a }, first: 100) { nodes { id status statusLabel summary createdBy entity { identifier } automation { identifier eventId depth event } } } }`, { a: action }, { token: ADMIN_TOKEN });
  expect(res.errors).toBeUndefined();
  return res.data.runs.nodes as { id: string; status: string; summary: string | null; createdBy: string; automation: { depth: number; eventId: string; event: any } | null }[];
}

const automation = (identifier: string, event: object, mapping: object, condition?: string[]) => ({
  identifier,
  title: identifier,
  trigger: { type: 'automation', event, ...(condition ? { condition: { type: 'JQ', expressions: condition, combinator: 'and' } } : {}) },
  invocationMethod: { type: 'UPSERT_ENTITY', blueprintIdentifier: 'DevEnvironment', mapping },
  publish: true,
});

beforeAll(async () => {
  const project = tempProject();
  const dir = path.join(project.dir, 'schema/automations');
  mkdirSync(dir, { recursive: true });
  const files = [
    // Each entity trigger type writes a marker entity named after the event.
    automation('on_created', { type: 'ENTITY_CREATED', blueprintIdentifier: 'DevEnvironment' }, { identifier: '{{ "created-" + .event.context.entityIdentifier }}', properties: { owner: '{{ .event.diff.after.properties.owner }}' } }, ['.context.entityIdentifier | startswith("t-")']),
    automation('on_updated', { type: 'ENTITY_UPDATED', blueprintIdentifier: 'DevEnvironment' }, { identifier: '{{ "updated-" + .event.context.entityIdentifier }}', properties: { owner: '{{ .event.diff.before.properties.owner + ">" + .event.diff.after.properties.owner }}' } }, ['.context.entityIdentifier | startswith("t-")']),
    automation('on_deleted', { type: 'ENTITY_DELETED', blueprintIdentifier: 'DevEnvironment' }, { identifier: '{{ "deleted-" + .event.context.entityIdentifier }}' }, ['.context.entityIdentifier | startswith("t-")', '.diff.after == null']),
    automation('on_any', { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: 'DevEnvironment' }, { identifier: '{{ "any-" + .event.context.entityIdentifier }}', properties: { owner: '{{ .event.action }}' } }, ['.context.entityIdentifier | startswith("t-")']),
    // A loop: a change of "loop-a" writes "loop-b", whose change writes "loop-a"…
    automation('bump_a', { type: 'ENTITY_UPDATED', blueprintIdentifier: 'DevEnvironment' }, { identifier: 'loop-b', properties: { extensions: '{{ (.event.diff.after.properties.extensions // 0) + 1 }}' } }, ['.context.entityIdentifier == "loop-a"']),
    automation('bump_b', { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: 'DevEnvironment' }, { identifier: 'loop-a', properties: { extensions: '{{ (.event.diff.after.properties.extensions // 0) + 1 }}' } }, ['.context.entityIdentifier == "loop-b"']),
    // Timers.
    automation('on_expired', { type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: 'DevEnvironment', propertyIdentifier: 'expires_at' }, { identifier: '{{ "expired-" + .event.context.entityIdentifier }}', properties: { owner: '{{ .event.diff.after.properties.expires_at }}' } }),
    automation('on_expiring', { type: 'TIMER_PROPERTY_EXPIRING', blueprintIdentifier: 'DevEnvironment', propertyIdentifier: 'expires_at', before: '1h' }, { identifier: '{{ "expiring-" + .event.context.entityIdentifier }}' }, ['.context.entityIdentifier | startswith("w-")']),
    // Runs of an automation are runs: RUN_CREATED / RUN_UPDATED of an action.
    automation('on_run', { type: 'ANY_RUN_CHANGE', actionIdentifier: 'touch' }, { identifier: '{{ "run-" + .event.context.runId + "-" + .event.diff.after.status | ascii_downcase }}' }),
  ];
  files.forEach((a, i) => writeFileSync(path.join(dir, `${i}-${a.identifier}.json`), JSON.stringify(a)));
  writeFileSync(
    path.join(project.dir, 'schema/actions/touch.json'),
    JSON.stringify({
      identifier: 'touch',
      trigger: { type: 'self-service', operation: 'CREATE', blueprintIdentifier: 'DevEnvironment', userInputs: { properties: {} } },
      invocationMethod: { type: 'UPSERT_ENTITY', blueprintIdentifier: 'DevEnvironment', mapping: { identifier: 'touched' } },
    }),
  );
  lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir, automationMaxDepth: 3, rateLimits: { ...testConfig().rateLimits, enabled: false } });
});

afterAll(async () => {
  await lattice?.close();
});

describe('entity triggers', () => {
  it('ENTITY_CREATED, ENTITY_UPDATED, ENTITY_DELETED and ANY_ENTITY_CHANGE fire once per change, with Port’s diff', async () => {
    await write('t-1', { owner: 'ann' });
    const [created] = await until(async () => (await runsOf('on_created')).filter((r) => r.status === 'SUCCESS'), 'on_created');
    expect(created.createdBy).toBe('automation:on_created');
    expect(created.automation?.depth).toBe(1);
    expect(created.automation?.event).toMatchObject({ action: 'CREATE', resourceType: 'entity', context: { blueprintIdentifier: 'DevEnvironment', entityIdentifier: 't-1' }, diff: { before: null, after: { identifier: 't-1', properties: { owner: 'ann' } } } });
    await write('t-1', { owner: 'bob' });
    const [updated] = await until(async () => (await runsOf('on_updated')).filter((r) => r.status === 'SUCCESS'), 'on_updated');
    const marker = await gql(lattice.url, '{ devEnvironment(identifier: "updated-t-1") { owner } }');
    expect(marker.data.devEnvironment.owner).toBe('ann>bob');
    expect(updated.automation?.event.diff.before.properties.owner).toBe('ann');
    // Writing the same content again is no change: nothing fires.
    await write('t-1', { owner: 'bob' });
    const del = await gql(lattice.url, 'mutation { deleteEntity(blueprint: DEV_ENVIRONMENT, identifier: "t-1") }', undefined, { token: ADMIN_TOKEN });
    expect(del.errors).toBeUndefined();
    await until(async () => (await runsOf('on_deleted')).some((r) => r.status === 'SUCCESS'), 'on_deleted');
    await until(async () => (await runsOf('on_any')).filter((r) => r.status === 'SUCCESS').length === 3, 'on_any ×3');
    expect((await runsOf('on_created')).length).toBe(1);
    expect((await runsOf('on_updated')).length).toBe(1);
    expect((await runsOf('on_deleted')).length).toBe(1);
    const any = (await runsOf('on_any')).map((r) => r.automation?.event.action).sort();
    expect(any).toEqual(['CREATE', 'DELETE', 'UPDATE']);
  });
});

describe('the loop guard', () => {
  it('a loop of two automations stops at the configured depth with a FAILURE that says why', async () => {
    await write('loop-a', { extensions: 0 });
    await write('loop-a', { extensions: 1 });
    const refused = await until(async () => [...(await runsOf('bump_a')), ...(await runsOf('bump_b'))].find((r) => r.status === 'FAILURE'), 'the refused run');
    expect(refused.summary).toMatch(/^loop guard: automation "bump_[ab]" would be run 4 of a chain of automations .* past the limit of 3 \(automation\.maxDepth\); not invoked$/);
    expect(refused.automation?.depth).toBe(4);
    // loop-a's creation fires nothing (bump_b listens to loop-b); its update starts the chain a → b → a → b.
    const all = [...(await runsOf('bump_a')), ...(await runsOf('bump_b'))];
    expect(all.map((r) => r.automation?.depth).sort()).toEqual([1, 2, 3, 4]);
    expect(all.filter((r) => r.status === 'SUCCESS')).toHaveLength(3);
  });
});

describe('timers', () => {
  it('fires TIMER_PROPERTY_EXPIRED once at the current value: moved timers fire at the new value, deleted entities not at all', async () => {
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    await write('x-moved', { expires_at: at(600) });
    const moved = at(900);
    await write('x-moved', { expires_at: moved });
    await write('x-gone', { expires_at: at(600) });
    await gql(lattice.url, 'mutation { deleteEntity(blueprint: DEV_ENVIRONMENT, identifier: "x-gone") }', undefined, { token: ADMIN_TOKEN });
    await write('x-last', { expires_at: at(1500) });
    const runs = await until(async () => {
      const r = await runsOf('on_expired');
      return r.some((x) => x.automation?.event.context.entityIdentifier === 'x-last') && r.filter((x) => x.status !== 'IN_PROGRESS');
    }, 'the last timer');
    const fired = runs.map((r) => r.automation?.event.context.entityIdentifier).sort();
    expect(fired).toEqual(['x-last', 'x-moved']);
    const movedRun = runs.find((r) => r.automation?.event.context.entityIdentifier === 'x-moved');
    expect(movedRun?.automation?.event).toMatchObject({ action: 'TIMER_EXPIRED', context: { propertyIdentifier: 'expires_at' }, diff: { after: { properties: { expires_at: moved } } } });
  });

  it('fires TIMER_PROPERTY_EXPIRING `before` the expiry', async () => {
    await write('w-1', { expires_at: new Date(Date.now() + 3_600_000 + 500).toISOString() });
    const [run] = await until(() => runsOf('on_expiring').then((r) => r.filter((x) => x.status === 'SUCCESS')), 'the warning');
    expect(run.automation?.event).toMatchObject({ action: 'TIMER_EXPIRING', context: { entityIdentifier: 'w-1', propertyIdentifier: 'expires_at' } });
    expect((await runsOf('on_expired')).some((r) => r.automation?.event.context.entityIdentifier === 'w-1')).toBe(false);
  });
});

describe('run triggers', () => {
  it('ANY_RUN_CHANGE fires for the created run and for each update of it', async () => {
    const res = await gql(lattice.url, 'mutation { executeAction(action: "touch", inputs: {}) { id } }', undefined, { token: ADMIN_TOKEN });
    expect(res.errors).toBeUndefined();
    const id = res.data.executeAction.id as string;
    const runs = await until(async () => {
      const r = await runsOf('on_run');
      return r.length >= 2 && r.every((x) => x.status === 'SUCCESS') && r;
    }, 'the run automations');
    expect(runs.map((r) => `${r.automation?.event.action}:${r.automation?.event.diff.after.status}`).sort()).toEqual(['CREATE:IN_PROGRESS', 'UPDATE:SUCCESS']);
    expect(runs.every((r) => r.automation?.event.context.runId === id)).toBe(true);
  });
});
