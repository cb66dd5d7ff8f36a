/**
 * The Catalog graph's query and reading (web/graphiql/catalogGraph/neighbourhood.ts), against the
 * real schema: the query built from the shipped model's `blueprints` validates against the schema a
 * gateway serves, asks each forward and reverse relation under its own alias with a bounded page,
 * and its answer from a real gateway reads as CartService's neighbours in both directions.
 * Also `authorizationOf` (web/graphiql/connection.ts): the header editor's Authorization, any case.
 */
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLUEPRINTS_QUERY } from '../../web/graphiql/blueprints.ts';
import { neighbourhoodQuery, PAGE_SIZE, readNeighbourhood } from '../../web/graphiql/catalogGraph/neighbourhood.ts';
import { authorizationOf } from '../../web/graphiql/connection.ts';
import type { Lattice } from '../../src/server/app.ts';
import { gql, startTestLattice } from '../helpers/lattice.ts';

let lattice: Lattice;
beforeAll(async () => {
  lattice = await startTestLattice();
});
afterAll(async () => {
  await lattice?.close();
});

describe('the Catalog graph neighbourhood', () => {
  it('asks every relation of CartService in both directions, and reads the answer as nodes and edges', async () => {
    const model = await gql(lattice.url, BLUEPRINTS_QUERY);
    expect(model.errors).toBeUndefined();
    const q = neighbourhoodQuery(model.data.blueprints, 'COMPONENT');
    const schema = buildSchema(lattice.runtime.current!.sdl.replace(/@key\([^)]*\)/g, ''), { assumeValid: true });
    expect(validate(schema, parse(q.query))).toEqual([]);
    // Forward relations (Component's own) and reverse ones (others pointing at Component), each bounded.
    expect(q.fields.map((f) => `${f.direction} ${f.relation}`).sort()).toEqual(['in components', 'in provider', 'out components', 'out consumesApi', 'out providesApi', 'out resources', 'out system']);
    for (const f of q.fields.filter((x) => x.many)) expect(q.query).toContain(`${f.alias}: ${f.field}(first: ${PAGE_SIZE})`);

    const answer = await gql(lattice.url, q.query, { blueprint: 'COMPONENT', identifier: 'CartService' });
    expect(answer.errors).toBeUndefined();
    const n = readNeighbourhood(q, answer.data.entity);
    expect(n.center).toEqual({ blueprint: 'COMPONENT', identifier: 'CartService', title: 'Cart Service' });
    const edges = n.edges.map((e) => `${e.source} -${e.relation}-> ${e.target}`).sort();
    expect(edges).toEqual([
      'API:CartAPI -provider-> COMPONENT:CartService',
      'COMPONENT:CartService -components-> COMPONENT:CoreKafkaLibrary',
      'COMPONENT:CartService -components-> COMPONENT:CorePaymentLibrary',
      'COMPONENT:CartService -resources-> RESOURCE:cart-sql-sb',
      'COMPONENT:CartService -system-> SYSTEM:Cart',
    ]);
    expect(n.nodes).toHaveLength(6);
    expect(n.hidden).toEqual([]);
  });

  it('says how many entities of a relation were not drawn when there are more than a page', () => {
    const q = neighbourhoodQuery([{ identifier: 'Component', title: 'Component', typeName: 'Component', relations: [{ identifier: 'components', target: 'Component', many: true, fieldName: 'components', reverseFieldName: 'componentsByComponents' }] }], 'Component');
    const nodes = [{ blueprint: 'Component', identifier: 'B', title: null }, null];
    const n = readNeighbourhood(q, { blueprint: 'Component', identifier: 'A', title: 'A', out0: { totalCount: 120, nodes }, in0: { totalCount: 0, nodes: [] } });
    expect(n.edges).toEqual([{ source: 'Component:A', target: 'Component:B', relation: 'components' }]);
    expect(n.hidden).toEqual([{ relation: 'components', direction: 'out', count: 119 }]);
  });

  it('names an unknown blueprint with the known ones', () => {
    expect(() => neighbourhoodQuery([{ identifier: 'Component', title: 'C', typeName: 'Component', relations: [] }], 'Nope')).toThrow('no blueprint "Nope" in the model (known: Component)');
  });
});

describe('authorizationOf', () => {
  it('finds the Authorization header whatever its case, and ignores blanks and non-strings', () => {
    expect(authorizationOf({ Authorization: 'Bearer a' })).toBe('Bearer a');
    expect(authorizationOf({ authorization: 'Bearer b' })).toBe('Bearer b');
    expect(authorizationOf({ AUTHORIZATION: 'Bearer c', other: 'x' })).toBe('Bearer c');
    expect(authorizationOf({ Authorization: '  ' })).toBeUndefined();
    expect(authorizationOf({ Authorization: 42 })).toBeUndefined();
    expect(authorizationOf(undefined)).toBeUndefined();
  });
});
