/**
 * Port's rule language, operator by operator, over plain entities (no server): each operator,
 * nested combinators, dates, and malformed queries with the JSON pointer of the problem.
 */
import { describe, expect, it } from 'vitest';
import { createModel } from '../../../src/model/blueprints/model.ts';
import type { Entity } from '../../../src/model/entities/entity.ts';
import { LatticeError } from '../../../src/errors/index.ts';
import { evaluateRules, parseRuleQuery } from '../../../src/model/query/portRules.ts';

const entity = (identifier: string, properties: Record<string, unknown>, extra: Partial<Entity> = {}): Entity => ({
  blueprint: 'Service',
  identifier,
  title: identifier.toUpperCase(),
  icon: null,
  team: [],
  properties,
  relations: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  origin: 'api',
  ...extra,
});

const entities = [
  entity('a', { lang: 'go', replicas: 1, tags: ['edge', 'pci'], deployedAt: '2026-03-01T00:00:00Z' }, { team: ['payments'] }),
  entity('b', { lang: 'rust', replicas: 3, tags: [], deployedAt: '2026-06-01T00:00:00Z' }),
  entity('c', { lang: '', replicas: 5 }),
];
const ctx = { model: createModel([]), load: async () => [], findByRelation: async () => [] };

async function match(rules: unknown[], combinator: 'and' | 'or' = 'and') {
  const mask = await evaluateRules(parseRuleQuery({ combinator, rules }), entities, ctx);
  return entities.filter((_, i) => mask[i]).map((e) => e.identifier);
}

describe('Port rules', () => {
  it.each([
    [{ property: 'lang', operator: '=', value: 'go' }, ['a']],
    [{ property: 'lang', operator: '!=', value: 'go' }, ['b', 'c']],
    [{ property: 'lang', operator: 'in', value: ['go', 'rust'] }, ['a', 'b']],
    [{ property: 'lang', operator: 'notIn', value: ['go'] }, ['b', 'c']],
    [{ property: 'lang', operator: 'contains', value: 'us' }, ['b']],
    [{ property: 'tags', operator: 'contains', value: 'pci' }, ['a']],
    [{ property: '$title', operator: 'beginsWith', value: 'A' }, ['a']],
    [{ property: '$identifier', operator: 'endsWith', value: 'c' }, ['c']],
    [{ property: 'replicas', operator: '>', value: 1 }, ['b', 'c']],
    [{ property: 'replicas', operator: '>=', value: 3 }, ['b', 'c']],
    [{ property: 'replicas', operator: '<', value: 3 }, ['a']],
    [{ property: 'replicas', operator: '<=', value: 3 }, ['a', 'b']],
    [{ property: 'replicas', operator: 'between', value: { from: 2, to: 5 } }, ['b', 'c']],
    [{ property: 'deployedAt', operator: 'between', value: { from: '2026-02-01T00:00:00Z', to: '2026-04-01T00:00:00.000Z' } }, ['a']],
    [{ property: 'deployedAt', operator: '>', value: '2026-04-01T00:00:00Z' }, ['b']],
    [{ property: 'lang', operator: 'isEmpty' }, ['c']],
    [{ property: 'tags', operator: 'isEmpty' }, ['b', 'c']],
    [{ property: 'tags', operator: 'isNotEmpty' }, ['a']],
    [{ property: '$team', operator: '=', value: 'payments' }, ['a']],
  ])('%j', async (rule, expected) => {
    expect(await match([rule])).toEqual(expected);
  });

  it('combines with nested and/or', async () => {
    expect(
      await match([
        { property: 'replicas', operator: '>', value: 0 },
        { combinator: 'or', rules: [{ property: 'lang', operator: '=', value: 'go' }, { property: 'lang', operator: 'isEmpty' }] },
      ]),
    ).toEqual(['a', 'c']);
    expect(await match([{ property: 'lang', operator: '=', value: 'go' }, { property: 'lang', operator: '=', value: 'rust' }], 'or')).toEqual(['a', 'b']);
  });

  it('rejects malformed queries with the JSON pointer of the problem', () => {
    const pointerOf = (q: unknown) => {
      try {
        parseRuleQuery(q);
      } catch (err) {
        expect(err).toBeInstanceOf(LatticeError);
        return (err as LatticeError).details.pointer;
      }
      throw new Error('expected a BAD_USER_INPUT error');
    };
    expect(pointerOf({ combinator: 'xor', rules: [] })).toBe('/combinator');
    expect(pointerOf({ combinator: 'and', rules: [{ property: 'x', operator: 'like', value: 1 }] })).toBe('/rules/0/operator');
    expect(pointerOf({ combinator: 'and' })).toBe('');
  });
});
