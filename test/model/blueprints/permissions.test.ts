/**
 * Blueprint permissions (`permissions.entities` in the blueprint file, Port's shape): defaults to
 * Admin only; a misspelt key, a wrong type or a property/relation that does not exist is a load
 * error naming the file, line, column and JSON pointer (never a silent warning); and the write
 * check itself (datasources/catalog/permissions.ts) as a pure function.
 */
import { describe, expect, it } from 'vitest';
import { authorizeEntityWrite } from '../../../datasources/catalog/permissions.ts';
import { LatticeError, LatticeErrors } from '../../../src/errors/index.ts';
import { loadBlueprints } from '../../../src/model/blueprints/load.ts';
import { DEFAULT_CATALOG_PERMISSIONS } from '../../../src/model/blueprints/permissions.ts';
import type { Entity } from '../../../src/model/entities/entity.ts';

const service = (permissions?: unknown) => ({
  identifier: 'Service',
  title: 'Service',
  schema: { properties: { tier: { type: 'string' }, owner: { type: 'string' } } },
  relations: { system: { target: 'Service', many: false } },
  ...(permissions === undefined ? {} : { permissions }),
});
const load = (value: unknown) => loadBlueprints([{ file: 'Service.json', text: JSON.stringify(value, null, 2) }]);
/** The 1-based line of the first occurrence of `text` in the file `load` writes. */
const lineOf = (value: unknown, text: string) => JSON.stringify(value, null, 2).split('\n').findIndex((l) => l.includes(text)) + 1;
const errorsOf = (value: unknown): LatticeError[] => {
  try {
    load(value);
  } catch (err) {
    return [...(err as LatticeErrors).errors];
  }
  throw new Error('expected a load error');
};

describe('blueprint permissions: loading', () => {
  it('defaults to Admin only, with no warning for the permissions key', () => {
    expect(load(service()).model.get('Service')?.permissions).toEqual(DEFAULT_CATALOG_PERMISSIONS);
    const { model, warnings } = load(service({ entities: { register: { roles: ['Member'], ownedByTeam: true }, updateProperties: { tier: { teams: ['sre'] } } } }));
    expect(warnings).toEqual([]);
    expect(model.get('Service')?.permissions).toMatchObject({
      register: { roles: ['Member'], users: [], teams: [], ownedByTeam: true },
      update: { roles: ['Admin'] },
      updateProperties: { tier: { roles: [], users: [], teams: ['sre'], ownedByTeam: false } },
    });
  });

  it('a misspelt operation, a wrong type or an unknown key is an error with file, line, column and pointer', () => {
    const bad = service({ entities: { delete: { roles: ['Member'] } } });
    const [unknownOp] = errorsOf(bad);
    expect(unknownOp).toMatchObject({ code: 'INVALID_BLUEPRINT', location: { file: 'Service.json', pointer: '/permissions/entities', line: lineOf(bad, '"entities"') } });
    expect(unknownOp.message).toContain('"delete"');
    const wrong = service({ entities: { update: { roles: 'Member' } } });
    const [wrongType] = errorsOf(wrong);
    expect(wrongType).toMatchObject({ location: { pointer: '/permissions/entities/update/roles', line: lineOf(wrong, '"roles"') } });
    const [missing] = errorsOf(service({ entites: {} }));
    expect(missing.location?.pointer).toBe('/permissions');
  });

  it('updateProperties and updateRelations must name what the blueprint has', () => {
    const errors = errorsOf(service({ entities: { updateProperties: { teir: {} }, updateRelations: { domain: {} } } }));
    expect(errors.map((e) => [e.location?.pointer, e.message])).toEqual([
      ['/permissions/entities/updateProperties/teir', 'blueprint "Service": permissions name property "teir", which is not defined in schema.properties'],
      ['/permissions/entities/updateRelations/domain', 'blueprint "Service": permissions name relation "domain", which is not defined in relations'],
    ]);
    expect(errors[0].location?.line).toBeGreaterThan(1);
  });
});

describe('blueprint permissions: the write check', () => {
  const bp = load(service({ entities: { update: { ownedByTeam: true }, updateProperties: { tier: { roles: ['Tiering'] } } } })).model.get('Service')!;
  const stored: Entity = { blueprint: 'Service', identifier: 's', title: 'S', icon: null, team: ['a'], properties: { tier: 'gold' }, relations: {}, createdAt: '', updatedAt: '', origin: 'api' };
  const next = (o: Partial<Entity> = {}) => ({ blueprint: 'Service', identifier: 's', title: 'S', icon: null, team: ['a'], properties: { tier: 'gold' }, relations: {}, ...o });
  const who = (teams: string[], roles: string[] = []) => ({ user: 'u', teams, roles });
  const forbidden = (f: () => unknown) => {
    expect(f).toThrow(LatticeError);
    try {
      f();
    } catch (e) {
      return (e as LatticeError).code;
    }
  };

  it('owners update; others do not; Admin always may', () => {
    expect(authorizeEntityWrite({ blueprint: bp, caller: who(['a']), existing: stored, next: next({ title: 'T' }) })).toBe('update');
    expect(forbidden(() => authorizeEntityWrite({ blueprint: bp, caller: who(['b']), existing: stored, next: next({ title: 'T' }) }))).toBe('FORBIDDEN');
    expect(authorizeEntityWrite({ blueprint: bp, caller: who([], ['Admin']), existing: undefined })).toBe('unregister');
  });

  it('updateProperties covers that property only, and a no-op is not an update without the permission', () => {
    expect(authorizeEntityWrite({ blueprint: bp, caller: who([], ['Tiering']), existing: stored, next: next({ properties: { tier: 'silver' } }) })).toBe('update');
    expect(forbidden(() => authorizeEntityWrite({ blueprint: bp, caller: who([], ['Tiering']), existing: stored, next: next({ properties: { tier: 'silver', owner: 'x' } }) }))).toBe('FORBIDDEN');
    expect(forbidden(() => authorizeEntityWrite({ blueprint: bp, caller: who([], ['Tiering']), existing: stored, next: next({ properties: { tier: 'silver' }, team: ['z'] }) }))).toBe('FORBIDDEN');
    expect(forbidden(() => authorizeEntityWrite({ blueprint: bp, caller: who([], ['Tiering']), existing: stored, next: next() }))).toBe('FORBIDDEN');
  });
});
