/**
 * Upsert semantics (src/model/entities/upsert.ts): Port's `upsert=true` replaces the entity;
 * with `merge=true` what is not given is kept, and an explicit null clears.
 */
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../src/model/entities/entity.ts';
import { applyUpsert } from '../../../src/model/entities/upsert.ts';

const stored: Entity = {
  blueprint: 'Component',
  identifier: 'cart',
  title: 'Cart',
  icon: 'Service',
  team: ['shop'],
  properties: { type: 'service', lifecycle: 'production' },
  relations: { system: 'Cart', consumesApi: ['A'] },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  origin: 'api',
};

describe('applyUpsert', () => {
  it('replace: what is not given is emptied', () => {
    expect(applyUpsert(stored, { blueprint: 'Component', identifier: 'cart', properties: { type: 'library' } }, 'replace')).toEqual({
      blueprint: 'Component',
      identifier: 'cart',
      title: null,
      icon: null,
      team: [],
      properties: { type: 'library' },
      relations: {},
    });
  });

  it('merge: what is not given is kept; given properties and relations are set one by one', () => {
    expect(applyUpsert(stored, { blueprint: 'Component', identifier: 'cart', properties: { type: 'library' }, relations: { consumesApi: ['B'] } }, 'merge')).toEqual({
      blueprint: 'Component',
      identifier: 'cart',
      title: 'Cart',
      icon: 'Service',
      team: ['shop'],
      properties: { type: 'library', lifecycle: 'production' },
      relations: { system: 'Cart', consumesApi: ['B'] },
    });
  });

  it('merge: an explicit null clears a title, a property or a relation; an empty team list clears the team', () => {
    const next = applyUpsert(stored, { blueprint: 'Component', identifier: 'cart', title: null, team: [], properties: { lifecycle: null }, relations: { system: null } }, 'merge');
    expect(next).toMatchObject({ title: null, icon: 'Service', team: [], properties: { type: 'service', lifecycle: null }, relations: { system: null, consumesApi: ['A'] } });
  });

  it('creating is the same in both modes', () => {
    const patch = { blueprint: 'Component', identifier: 'new', title: 'New' };
    expect(applyUpsert(undefined, patch, 'merge')).toEqual(applyUpsert(undefined, patch, 'replace'));
    // The stored entity is not changed.
    expect(stored.properties).toEqual({ type: 'service', lifecycle: 'production' });
  });
});
