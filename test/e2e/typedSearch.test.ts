/**
 * `search(where:)`: Port's rule language as typed input objects (`SearchRule` is `@oneOf`),
 * giving what the same rules as JSON in `search(query:)` give; exactly one of the two arguments;
 * problems named with the argument and a pointer into the rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { gql, startTestLattice } from '../helpers/lattice.ts';

let lattice: Lattice;
beforeAll(async () => {
  lattice = await startTestLattice();
});
afterAll(() => lattice?.close());

const ids = (res: { data?: { search: { nodes: { blueprint: string; identifier: string }[] } } }) => res.data?.search.nodes.map((n) => `${n.blueprint}:${n.identifier}`);

describe('search(where:)', () => {
  it('relatedTo, property and relation rules, nested groups: the same entities as the JSON query', async () => {
    const typed = await gql(
      lattice.url,
      `{ search(where: { combinator: AND, rules: [
          { relatedTo: { blueprint: SYSTEM, value: ["Cart"], direction: DOWNSTREAM } },
          { group: { combinator: OR, rules: [
            { property: { property: "type", operator: EQUALS, value: "service" } },
            { relation: { relation: "system", operator: IN, value: ["Nowhere"] } }
          ] } }
        ] }) { nodes { blueprint identifier } } }`,
    );
    const json = await gql(
      lattice.url,
      `{ search(query: { combinator: "and", rules: [
          { operator: "relatedTo", blueprint: "System", value: ["Cart"], direction: "downstream" },
          { combinator: "or", rules: [
            { property: "type", operator: "=", value: "service" },
            { relation: "system", operator: "in", value: ["Nowhere"] }
          ] }
        ] }) { nodes { blueprint identifier } } }`,
    );
    expect(typed.errors).toBeUndefined();
    expect(ids(typed)).toEqual(['COMPONENT:CartService', 'COMPONENT:ProductsService']);
    expect(ids(typed)).toEqual(ids(json));
  });

  it('values are JSON as Port writes them: an enum value as written in the blueprint', async () => {
    const res = await gql(lattice.url, '{ search(where: { combinator: AND, rules: [{ property: { property: "type", operator: IN, value: ["Open API", "grpc"] } }] }) { nodes { identifier } } }');
    expect(res.data.search.nodes).toEqual([{ identifier: 'CartAPI' }]);
  });

  it('a rule with two kinds is refused by GraphQL (@oneOf)', async () => {
    const res = await gql(lattice.url, '{ search(where: { combinator: AND, rules: [{ property: { property: "type", operator: IS_EMPTY }, relation: { relation: "system", operator: IS_EMPTY } }] }) { totalCount } }');
    expect(res.errors?.[0].message).toMatch(/OneOf Input Object "SearchRule" must specify exactly one key/);
  });

  it('exactly one of query and where; a bad rule is named with its argument and pointer', async () => {
    const both = await gql(lattice.url, '{ search(query: { combinator: "and", rules: [] }, where: { combinator: AND, rules: [] }) { totalCount } }');
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const neither = await gql(lattice.url, '{ search { totalCount } }');
    expect(neither.errors?.[0].message).toContain('exactly one of `query`');
    const bad = await gql(lattice.url, '{ search(where: { combinator: AND, rules: [{ property: { property: "nope", operator: EQUALS, value: 1 } }] }) { totalCount } }');
    // The pointer is into `where` as written: each rule's kind is a level of its own.
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where', pointer: '/rules/0/property/property' });
    const nested = await gql(lattice.url, '{ search(where: { combinator: AND, rules: [{ group: { combinator: OR, rules: [{ property: { property: "type", operator: CONTAINS_ANY, value: "service" } }] } }] }) { totalCount } }');
    expect(nested.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where', pointer: '/rules/0/group/rules/0/property/value' });
    expect(nested.errors?.[0].message).toContain('/rules/0/group/rules/0/property/value');
  });

  it('introspection says SearchRule is a oneOf input', async () => {
    const res = await gql(lattice.url, '{ __type(name: "SearchRule") { isOneOf } }');
    expect(res.data.__type.isOneOf).toBe(true);
  });
});
