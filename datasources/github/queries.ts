/**
 * The GraphQL documents the GitHub source sends. All of them are validated against GitHub's
 * published schema (@octokit/graphql-schema) by test/datasources/github.test.ts: add every new
 * document to `ALL_QUERIES`.
 *
 * Cost: one page is 100 repositories with at most 20 topics, 20 open pull requests, the latest
 * check suite of the default branch and up to 3 manifest files each: ~4,300 nodes, far below
 * GitHub's 500,000-node limit, and a few points of the 5,000-point hourly budget.
 */

export const PAGE_SIZE = 100;
export const MAX_MANIFESTS = 3;

/** Aliases `manifest0..N` reading files at HEAD; the paths come in as variables. */
function manifestFields(count: number): string {
  return Array.from({ length: count }, (_, i) => `manifest${i}: object(expression: $manifest${i}) { ... on Blob { text } }`).join('\n        ');
}

export function repositoriesQuery(manifests: number): string {
  const vars = Array.from({ length: manifests }, (_, i) => `, $manifest${i}: String!`).join('');
  return `query LatticeRepositories($org: String!, $first: Int!, $after: String${vars}) {
  rateLimit { cost remaining resetAt }
  organization(login: $org) {
    repositories(first: $first, after: $after, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        name
        nameWithOwner
        url
        description
        visibility
        isArchived
        pushedAt
        updatedAt
        primaryLanguage { name }
        repositoryTopics(first: 20) { nodes { topic { name } } }
        defaultBranchRef {
          name
          target {
            ... on Commit {
              oid
              checkSuites(last: 1) {
                nodes { status conclusion updatedAt workflowRun { runNumber url event createdAt workflow { name } } }
              }
            }
          }
        }
        pullRequests(states: OPEN, first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {
          totalCount
          nodes { id number title url isDraft createdAt author { login } }
        }
        ${manifestFields(manifests)}
      }
    }
  }
}`;
}

/** Every document the source can send, for the schema-validation test. */
export const ALL_QUERIES: readonly string[] = Array.from({ length: MAX_MANIFESTS + 1 }, (_, n) => repositoriesQuery(n));
