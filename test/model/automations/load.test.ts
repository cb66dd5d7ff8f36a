/**
 * Loading automation definitions (Port's format, `trigger.type: automation`) against the shipped
 * blueprints and actions: a valid file loads with its event, condition and invocation (as an
 * Action the run engine invokes); every problem is an INVALID_AUTOMATION error naming the file,
 * line, column and JSON pointer; any error rejects the whole set. Timer policies of actions too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LatticeErrors, type LatticeError } from '../../../src/errors/index.ts';
import { loadActions } from '../../../src/model/actions/load.ts';
import { extension } from '../../../src/model/actions/timerPolicy.ts';
import { loadAutomations } from '../../../src/model/automations/load.ts';
import { readBlueprintFiles, readDocuments } from '../../../src/server/runtime.ts';
import { loadBlueprints } from '../../../src/model/blueprints/load.ts';
import { ROOT } from '../../helpers/lattice.ts';

const { model } = loadBlueprints(await readBlueprintFiles(path.join(ROOT, 'schema/blueprints'), ROOT));
const { actions } = loadActions(await readDocuments(path.join(ROOT, 'schema/actions'), ROOT), model);
const file = (value: unknown) => ({ file: 'automations/x.json', text: JSON.stringify(value, null, 2) });

const valid = {
  identifier: 'notify_expiring',
  trigger: {
    type: 'automation',
    event: { type: 'TIMER_PROPERTY_EXPIRING', blueprintIdentifier: 'DevEnvironment', propertyIdentifier: 'expires_at', before: '1d' },
    condition: { type: 'JQ', expressions: ['.diff.after.properties.owner != null'], combinator: 'and' },
  },
  invocationMethod: { type: 'WEBHOOK', url: 'https://hooks.example.com/{{ .event.context.entityIdentifier }}' },
};

function errorsOf(value: unknown): LatticeError[] {
  try {
    loadAutomations([file(value)], model, actions);
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeErrors);
    return [...(err as LatticeErrors).errors];
  }
  throw new Error('expected the load to fail');
}

describe('loadAutomations', () => {
  it('loads the shipped automation and a valid one, with the event, the condition and the invocation as an Action', () => {
    const shipped = loadAutomations([{ file: 'teardown.json', text: readFileSync(path.join(ROOT, 'schema/automations/teardown_dev_environment.json'), 'utf8') }], model, actions);
    expect(shipped.automations.get('teardown_dev_environment')?.event).toEqual({ type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: 'DevEnvironment', propertyIdentifier: 'expires_at' });
    const { automations, warnings } = loadAutomations([file(valid)], model, actions);
    const a = automations.get('notify_expiring');
    expect(warnings).toEqual([]);
    expect(a?.event).toEqual({ type: 'TIMER_PROPERTY_EXPIRING', blueprintIdentifier: 'DevEnvironment', propertyIdentifier: 'expires_at', beforeMs: 86_400_000 });
    expect(a?.condition?.combinator).toBe('and');
    expect(a?.action.invocationMethod).toMatchObject({ type: 'WEBHOOK', method: 'POST', synchronized: false });
    expect(a?.publish).toBe(true);
  });

  it.each([
    ['an unknown event type', { ...valid, trigger: { ...valid.trigger, event: { type: 'ENTITY_MOVED', blueprintIdentifier: 'DevEnvironment' } } }, '/trigger/event/type', /must be equal to one of the allowed values: "ENTITY_CREATED"/],
    ['an unknown blueprint', { ...valid, trigger: { type: 'automation', event: { type: 'ENTITY_CREATED', blueprintIdentifier: 'Nope' } } }, '/trigger/event/blueprintIdentifier', /unknown blueprint "Nope"/],
    ['a property that is no timer', { ...valid, trigger: { type: 'automation', event: { type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: 'DevEnvironment', propertyIdentifier: 'owner' } } }, '/trigger/event/propertyIdentifier', /has no timer property "owner"; its timer properties: expires_at/],
    ['an unknown action', { ...valid, trigger: { type: 'automation', event: { type: 'RUN_UPDATED', actionIdentifier: 'nope' } } }, '/trigger/event/actionIdentifier', /unknown action "nope"; known: .*provision_dev_environment/],
    ['a run event without its action', { ...valid, trigger: { type: 'automation', event: { type: 'RUN_CREATED' } } }, '/trigger/event/actionIdentifier', /must have required property 'actionIdentifier'/],
    ['a warning without `before`', { ...valid, trigger: { type: 'automation', event: { type: 'TIMER_PROPERTY_EXPIRING', blueprintIdentifier: 'DevEnvironment', propertyIdentifier: 'expires_at' } } }, '/trigger/event/before', /must have required property 'before'/],
    ['a condition that is not jq', { ...valid, trigger: { ...valid.trigger, condition: { type: 'JQ', expressions: ['.diff.after |'] } } }, '/trigger/condition/expressions/0', /invalid jq expression "\.diff\.after \|"/],
    ['a template that is not jq', { ...valid, invocationMethod: { type: 'WEBHOOK', url: '{{ .event. }}' } }, '/invocationMethod/url', /invalid jq expression/],
    ['a mapping to a property the blueprint lacks', { ...valid, invocationMethod: { type: 'UPSERT_ENTITY', blueprintIdentifier: 'DevEnvironment', mapping: { identifier: 'x', properties: { colour: 'red' } } } }, '/invocationMethod/mapping/properties/colour', /has no property "colour"/],
    ['the identifier of an action', { ...valid, identifier: 'extend_dev_environment' }, '/identifier', /has the identifier of an action/],
  ])('refuses %s, naming where', (_what, value, pointer, message) => {
    const errors = errorsOf(value);
    expect(errors.map((e) => e.location?.pointer)).toContain(pointer);
    const e = errors.find((x) => x.location?.pointer === pointer) as LatticeError;
    expect(e.code).toBe('INVALID_AUTOMATION');
    expect(e.location?.file).toBe('automations/x.json');
    expect(e.location?.line).toBeGreaterThan(1);
    expect(e.message).toMatch(message);
  });
});

describe('timer policies', () => {
  const extend = actions.get('extend_dev_environment');
  const entity = (props: Record<string, unknown>) => ({ blueprint: 'DevEnvironment', identifier: 'dev-x', title: null, icon: null, team: [], relations: {}, origin: 'k', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', properties: props });
  const now = new Date('2026-01-03T00:00:00Z');

  it('the shipped extend action adds 3 days within 2 extensions and 14 days', () => {
    const policy = extend?.timerPolicy;
    expect(policy).toEqual({ property: 'expires_at', extendByMs: 3 * 86_400_000, maxExtensions: 2, maxLifetimeMs: 14 * 86_400_000, extensionsProperty: 'extensions', startProperty: 'started_at', overCap: 'approval' });
    const base = { started_at: '2026-01-01T00:00:00Z', expires_at: '2026-01-06T00:00:00Z' };
    expect(extension(policy!, entity({ ...base, extensions: 0 }), now)).toEqual({ expiresAt: '2026-01-09T00:00:00.000Z', extensions: 1, overCap: null });
    expect(extension(policy!, entity({ ...base, extensions: 2 }), now).overCap).toBe('extension 3 of DevEnvironment "dev-x" passes the policy\'s maximum of 2 extensions');
    expect(extension(policy!, entity({ ...base, expires_at: '2026-01-13T00:00:00Z', extensions: 1 }), now).overCap).toBe(
      'DevEnvironment "dev-x" would live until 2026-01-16T00:00:00.000Z, 15 days after it started: past the policy\'s maximum lifetime of 14 days',
    );
    // A timer that has passed is extended from now.
    expect(extension(policy!, entity({ ...base, expires_at: '2026-01-02T00:00:00Z', extensions: 0 }), now).expiresAt).toBe('2026-01-06T00:00:00.000Z');
  });

  it('refuses a policy on a CREATE action or on a property that is no timer, naming where', () => {
    const raw = JSON.parse(readFileSync(path.join(ROOT, 'schema/actions/extend_dev_environment.json'), 'utf8'));
    const bad = { ...raw, timerPolicy: { ...raw.timerPolicy, property: 'owner', extendBy: '3 days' } };
    try {
      loadActions([{ file: 'a.json', text: JSON.stringify(bad, null, 2) }], model);
      throw new Error('expected the load to fail');
    } catch (err) {
      expect((err as LatticeErrors).errors.map((e) => `${e.location?.pointer} ${e.message}`)).toEqual(['/timerPolicy/extendBy /timerPolicy/extendBy must match pattern "^(?:\\d+(?:\\.\\d+)?[smhd])+$"']);
    }
    try {
      loadActions([{ file: 'a.json', text: JSON.stringify({ ...raw, timerPolicy: { ...raw.timerPolicy, property: 'owner' } }, null, 2) }], model);
      throw new Error('expected the load to fail');
    } catch (err) {
      expect((err as LatticeErrors).errors.map((e) => `${e.location?.pointer} ${e.message}`)).toEqual(['/timerPolicy/property action "extend_dev_environment": blueprint "DevEnvironment" has no timer property "owner"']);
    }
  });
});
