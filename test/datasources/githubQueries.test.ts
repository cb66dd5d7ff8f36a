/**
 * Every document the GitHub source can send is valid against GitHub's published schema
 * (@octokit/graphql-schema), and stays within GitHub's pagination rules.
 */
import { validate as validateAgainstGitHub } from '@octokit/graphql-schema';
import { describe, expect, it } from 'vitest';
import { ALL_QUERIES, PAGE_SIZE } from '../../datasources/github/queries.ts';

describe('GitHub source queries', () => {
  it('are all valid against GitHub\'s published schema', () => {
    expect(ALL_QUERIES.length).toBeGreaterThan(1);
    // The validator is real: a field GitHub does not have is rejected.
    expect(validateAgainstGitHub('{ organization(login: "a") { nope } }').length).toBe(1);
    for (const query of ALL_QUERIES) expect(validateAgainstGitHub(query).map((e) => e.message)).toEqual([]);
  });

  it('page by at most 100 nodes', () => {
    expect(PAGE_SIZE).toBeLessThanOrEqual(100);
    for (const query of ALL_QUERIES) for (const m of query.matchAll(/(?:first|last): (\d+)/g)) expect(Number(m[1])).toBeLessThanOrEqual(100);
  });
});
