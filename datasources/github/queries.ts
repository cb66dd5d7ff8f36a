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
/** Files read at HEAD of each repository in all: manifests plus the files Port's mappings include. */
export const MAX_FILES = 6;
/** Members read per team (Port's `team` kind with `members: true`); no further pages. */
export const TEAM_MEMBERS = 100;

/**
 * The fields Port's Ocean GitHub integration's objects need beyond Lattice's own (`rest: true`):
 * REST-shaped repositories, pull requests, the latest workflow run and its workflow (ocean.ts).
 * Pull requests then read up to 10 assignees, review requests and labels each: ~64,000 nodes a
 * page of 100 repositories, still far below GitHub's 500,000-node limit.
 */
const REPOSITORY_REST_FIELDS = `databaseId
        isPrivate
        isFork
        homepageUrl
        createdAt
        stargazerCount
        forkCount
        owner { login }`;
const PULL_REQUEST_REST_FIELDS = `databaseId state updatedAt closedAt mergedAt headRefName baseRefName additions deletions changedFiles
            headRepository { name }
            assignees(first: 10) { nodes { login } }
            reviewRequests(first: 10) { nodes { requestedReviewer { ... on User { login } } } }
            labels(first: 10) { nodes { name } }`;
const RUN_REST_FIELDS = ` updatedAt workflow { name databaseId state url resourcePath createdAt updatedAt }`;

/** Aliases `manifest0..N` reading files at HEAD; the paths come in as variables. */
function manifestFields(count: number): string {
  return Array.from({ length: count }, (_, i) => `manifest${i}: object(expression: $manifest${i}) { ... on Blob { text } }`).join('\n        ');
}

/** The repositories query reading `manifests` files at HEAD (aliases manifest0..N); `rest`: with the fields of Port's objects. */
export function repositoriesQuery(manifests: number, rest = false): string {
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
        primaryLanguage { name }${rest ? `\n        ${REPOSITORY_REST_FIELDS}` : ''}
        repositoryTopics(first: 20) { nodes { topic { name } } }
        defaultBranchRef {
          name
          target {
            ... on Commit {
              oid
              checkSuites(last: 1) {
                nodes { status conclusion updatedAt workflowRun { runNumber url event createdAt workflow { name }${rest ? RUN_REST_FIELDS : ''} } }
              }
            }
          }
        }
        pullRequests(states: OPEN, first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {
          totalCount
          nodes { id number title url isDraft createdAt author { login }${rest ? `\n            ${PULL_REQUEST_REST_FIELDS}` : ''} }
        }
        ${manifestFields(manifests)}
      }
    }
  }
}`;
}

/** An organisation's teams with their first members (Port's `team` kind), 100 a page. */
export const TEAMS_QUERY = `query LatticeTeams($org: String!, $first: Int!, $after: String) {
  organization(login: $org) {
    teams(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id databaseId name slug description privacy notificationSetting url
        members(first: ${TEAM_MEMBERS}) { nodes { login name } } }
    }
  }
}`;

/** An organisation's members (Port's `user` kind: `login`, `name`, `email`), 100 a page. */
export const MEMBERS_QUERY = `query LatticeMembers($org: String!, $first: Int!, $after: String) {
  organization(login: $org) {
    membersWithRole(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id databaseId login name email }
    }
  }
}`;

/** Every document the source can send, for the schema-validation test. */
export const ALL_QUERIES: readonly string[] = [
  ...Array.from({ length: MAX_FILES + 1 }, (_, n) => repositoriesQuery(n)),
  ...Array.from({ length: MAX_FILES + 1 }, (_, n) => repositoriesQuery(n, true)),
  TEAMS_QUERY,
  MEMBERS_QUERY,
];
