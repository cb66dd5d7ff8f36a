/**
 * Port API responses as definition files (src/model/files/portResponse.ts): an export of a Port
 * organisation (`GET /v1/blueprints`, `GET /v1/actions`) loads as the definitions it holds,
 * located inside the response; a response of another kind is one clear error for the file.
 */
import { describe, expect, it } from 'vitest';
import { LatticeErrors, type LatticeError } from '../../../src/errors/index.ts';
import { loadBlueprints } from '../../../src/model/blueprints/load.ts';
import { loadActions } from '../../../src/model/actions/load.ts';

const stamp = { createdAt: '2024-05-01T10:00:00.000Z', createdBy: 'auth0|abc', updatedAt: '2024-05-02T10:00:00.000Z', updatedBy: 'auth0|def' };
const domain = { identifier: 'domain', title: 'Domain', icon: 'Domain', schema: { properties: { owner: { type: 'string', format: 'email' } }, required: [] }, relations: {}, ...stamp };
const system = { identifier: 'system', title: 'System', schema: { properties: {}, required: [] }, relations: { domain: { title: 'Domain', target: 'domain', required: true, many: false } }, ...stamp };

function errorsOf(run: () => unknown): LatticeError[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeErrors);
    return [...(err as LatticeErrors).errors];
  }
  throw new Error('expected the load to fail');
}

describe('Port API responses in the blueprints folder', () => {
  it('loads { ok, blueprints } and { ok, blueprint }, without warnings for the fields Port sets', () => {
    const { model, warnings } = loadBlueprints([
      { file: 'schema/blueprints/export.json', text: JSON.stringify({ ok: true, blueprints: [domain] }) },
      { file: 'schema/blueprints/system.json', text: JSON.stringify({ ok: true, blueprint: system }) },
    ]);
    expect(model.blueprints.map((b) => b.identifier)).toEqual(['domain', 'system']);
    expect(model.get('system')?.relations.domain).toMatchObject({ target: 'domain', required: true });
    expect(warnings).toEqual([]);
  });

  it('locates a problem inside the response', () => {
    const text = JSON.stringify({ ok: true, blueprints: [domain, { ...system, relations: { domain: { target: 'nowhere', required: true, many: false } } }] }, null, 2);
    const errors = errorsOf(() => loadBlueprints([{ file: 'export.json', text }]));
    expect(errors.map((e) => [e.code, e.location?.file, e.location?.pointer])).toEqual([['INVALID_BLUEPRINT', 'export.json', '/blueprints/1/relations/domain/target']]);
    expect(text.split('\n')[(errors[0].location?.line ?? 0) - 1]).toContain('"target": "nowhere"');
  });

  it('refuses a response that holds something else, naming what it holds', () => {
    const errors = errorsOf(() => loadBlueprints([{ file: 'entities.json', text: JSON.stringify({ ok: true, entities: [] }) }]));
    expect(errors.map((e) => [e.code, e.location?.file, e.message])).toEqual([
      ['INVALID_BLUEPRINT', 'entities.json', 'a Port API response ("ok": true) in this folder must hold "blueprints" (a list) or "blueprint" (an object); this one holds "entities"'],
    ]);
  });
});

describe('Port API responses in the actions folder', () => {
  it('loads { ok, actions }', () => {
    const { model } = loadBlueprints([{ file: 'b.json', text: JSON.stringify(domain) }]);
    const action = {
      identifier: 'create_domain',
      title: 'Create a domain',
      trigger: { type: 'self-service', operation: 'CREATE', blueprintIdentifier: 'domain', userInputs: { properties: {}, required: [] } },
      invocationMethod: { type: 'WEBHOOK', url: 'https://example.com/hook' },
      ...stamp,
    };
    const { actions, warnings } = loadActions([{ file: 'schema/actions/export.json', text: JSON.stringify({ ok: true, actions: [action] }) }], model);
    expect(actions.actions.map((a) => a.identifier)).toEqual(['create_domain']);
    expect(warnings).toEqual([]);
  });
});
