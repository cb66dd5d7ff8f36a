/**
 * `search(where:)`: Port's rule language as typed input objects, turned back into the JSON
 * Port's API takes, so both arguments run the same checks (src/model/query) and give the same
 * results. The enums' resolvers hand the values over as Port writes them (`EQUALS` → "=",
 * `AND` → "and", `UPSTREAM` → "upstream"); rule values are JSON, as Port writes them.
 */
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';
import type { SearchQuery, SearchRule } from './generated/graphql.ts';

/** GraphQL name → Port's operator, for SearchOperator (RelationOperator takes a subset). */
export const SEARCH_OPERATORS = {
  EQUALS: '=',
  NOT_EQUALS: '!=',
  GREATER_THAN: '>',
  GREATER_THAN_OR_EQUAL: '>=',
  LESS_THAN: '<',
  LESS_THAN_OR_EQUAL: '<=',
  BETWEEN: 'between',
  NOT_BETWEEN: 'notBetween',
  CONTAINS: 'contains',
  DOES_NOT_CONTAIN: 'doesNotContains',
  CONTAINS_ANY: 'containsAny',
  BEGINS_WITH: 'beginsWith',
  DOES_NOT_BEGIN_WITH: 'doesNotBeginsWith',
  ENDS_WITH: 'endsWith',
  DOES_NOT_END_WITH: 'doesNotEndsWith',
  IN: 'in',
  NOT_IN: 'notIn',
  IS_EMPTY: 'isEmpty',
  IS_NOT_EMPTY: 'isNotEmpty',
  IS_EXPIRED: 'isExpired',
  IS_NOT_EXPIRED: 'isNotExpired',
} as const;

const RELATION_OPERATORS = ['EQUALS', 'NOT_EQUALS', 'IN', 'NOT_IN', 'CONTAINS_ANY', 'IS_EMPTY', 'IS_NOT_EMPTY'] as const;

/** The enums of the typed search input: their values as Port writes them. */
export const searchEnumResolvers = {
  SearchCombinator: { AND: 'and', OR: 'or' },
  RelatedDirection: { UPSTREAM: 'upstream', DOWNSTREAM: 'downstream' },
  SearchOperator: SEARCH_OPERATORS,
  RelationOperator: Object.fromEntries(RELATION_OPERATORS.map((n) => [n, SEARCH_OPERATORS[n]])),
};

const withValue = (value: unknown) => (value === undefined ? {} : { value });

function toPortRule(rule: SearchRule): unknown {
  if (rule.group) return toPortQuery(rule.group);
  if (rule.property) return { property: rule.property.property, operator: rule.property.operator, ...withValue(rule.property.value) };
  if (rule.relation) return { relation: rule.relation.relation, operator: rule.relation.operator, ...withValue(rule.relation.value) };
  if (rule.relatedTo) {
    const r = rule.relatedTo;
    return { operator: 'relatedTo', blueprint: r.blueprint, value: r.value, ...(r.direction ? { direction: r.direction } : {}), ...(typeof r.required === 'boolean' ? { required: r.required } : {}) };
  }
  // @oneOf: GraphQL refuses a rule with no field or two before this runs.
  throw new LatticeError(ErrorCodes.BAD_USER_INPUT, 'a search rule needs exactly one of property, relation, relatedTo, group', { details: { argument: 'where' } });
}

/** The typed query as Port's JSON (what `search(query:)` takes). */
export function toPortQuery(where: SearchQuery): { combinator: string; rules: unknown[] } {
  return { combinator: where.combinator, rules: where.rules.map(toPortRule) };
}

const RULE_KINDS = ['group', 'property', 'relation', 'relatedTo'] as const;
type RuleKind = (typeof RULE_KINDS)[number];

/**
 * A pointer into Port's form of a typed query as a pointer into `where` itself: each rule's kind
 * is a level of its own there (`/rules/0/value` of a relatedTo rule is `/rules/0/relatedTo/value`;
 * a nested group's `/rules/1/rules/0` is `/rules/1/group/rules/0`).
 */
export function wherePointer(where: SearchQuery, pointer: string): string {
  const segments = pointer.split('/').slice(1);
  const out: string[] = [];
  let group: SearchQuery | undefined = where;
  for (let i = 0; i < segments.length; i++) {
    out.push(segments[i]);
    if (segments[i] !== 'rules' || !group || i + 1 >= segments.length) continue;
    const rule: SearchRule | undefined = group.rules[Number(segments[i + 1])];
    out.push(segments[++i]);
    const kind: RuleKind | undefined = rule ? RULE_KINDS.find((k) => rule[k]) : undefined;
    if (!kind) return pointer;
    out.push(kind);
    group = kind === 'group' ? (rule.group ?? undefined) : undefined;
  }
  return out.length ? `/${out.join('/')}` : pointer;
}

/** The query `search` runs: `query` (JSON) or `where` (typed), exactly one of them, and how to point into it. */
export function searchQueryOf(args: { readonly query?: unknown; readonly where?: SearchQuery | null }): { query: unknown; argument: 'query' | 'where'; locate: <P extends { readonly pointer: string }>(problem: P) => P } {
  const hasQuery = args.query !== undefined && args.query !== null;
  const hasWhere = args.where !== undefined && args.where !== null;
  if (hasQuery === hasWhere) {
    throw new LatticeError(ErrorCodes.BAD_USER_INPUT, 'search takes exactly one of `query` (Port\'s JSON) and `where` (typed)', { details: { argument: hasQuery ? 'where' : 'query' } });
  }
  if (!hasWhere) return { query: args.query, argument: 'query', locate: (problem) => problem };
  const where = args.where as SearchQuery;
  return { query: toPortQuery(where), argument: 'where', locate: (problem) => ({ ...problem, pointer: wherePointer(where, problem.pointer) }) };
}
