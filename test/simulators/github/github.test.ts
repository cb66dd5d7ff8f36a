/**
 * The GitHub simulator behaves like GitHub's GraphQL API for what it serves: queries validated
 * against GitHub's published schema, GitHub's pagination rules, node limit and rate-limit cost
 * (checked against the examples of GitHub's documentation), GitHub's error shapes, 401 on bad
 * credentials, and the faults tests need (502, secondary and primary rate limits, latency).
 * Most tests talk to it through @octokit/graphql, the client Lattice's GitHub source uses.
 */
import { graphql, GraphqlResponseError } from '@octokit/graphql';
import { parse as parseYaml } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganization, CATALOG_REPOSITORY_NAMES } from './seed.ts';
import { startGitHubSimulator, type GitHubSimulator } from './server.ts';

type Client = typeof graphql;

interface HttpError {
  name: string;
  status: number;
  message: string;
  response?: { headers: Record<string, string | undefined>; data: any };
}

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

async function post(sim: GitHubSimulator, body: unknown, authorization: string | null = `bearer ${sim.token}`, path = '/graphql') {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const REPOSITORY_PAGE = /* GraphQL */ `
  query ($login: String!, $after: String) {
    organization(login: $login) {
      repositories(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id name nameWithOwner isArchived }
      }
    }
  }
`;

describe('GitHub simulator', () => {
  let sim: GitHubSimulator;
  let github: Client;

  beforeAll(async () => {
    sim = await startGitHubSimulator({ extraRepositories: 250 });
    github = graphql.defaults({ baseUrl: sim.url, headers: { authorization: `token ${sim.token}` } });
  });
  afterEach(() => sim.reset());
  afterAll(() => sim.close());

  describe('valid queries', () => {
    it('pages the organization’s repositories 100 at a time: 254 repositories, 3 requests, all valid', async () => {
      const names: string[] = [];
      let after: string | null = null;
      let totalCount: number | undefined;
      do {
        const page: any = await github(REPOSITORY_PAGE, { login: 'acme', after });
        const repositories = page.organization.repositories;
        totalCount = repositories.totalCount;
        names.push(...repositories.nodes.map((r: { name: string }) => r.name));
        after = repositories.pageInfo.hasNextPage ? repositories.pageInfo.endCursor : null;
      } while (after);

      expect(totalCount).toBe(254);
      expect(names).toHaveLength(254);
      expect(new Set(names).size).toBe(254);
      expect(names.slice(0, 5)).toEqual([...CATALOG_REPOSITORY_NAMES, 'repo-0']);
      expect(names.at(-1)).toBe('repo-249');
      expect(sim.stats.requests).toBe(3);
      expect(sim.stats.queries).toHaveLength(3);
      expect(sim.stats.queries.every((q) => q.valid && q.errors.length === 0)).toBe(true);
      expect(sim.stats.queries.map((q) => q.cost)).toEqual([1, 1, 1]);
      expect(sim.stats.queries[0].nodeCount).toBe(100);
    });

    it('serves a catalog repository: port.yml, topics, language, open pull requests, the head commit’s check suite and workflow run', async () => {
      const data: any = await github(
        `query ($owner: String!, $name: String!) {
          repository(owner: $owner, name: $name) {
            id name nameWithOwner url description visibility isArchived pushedAt updatedAt
            primaryLanguage { name }
            repositoryTopics(first: 10) { nodes { topic { name } } }
            defaultBranchRef {
              name
              target {
                ... on Commit {
                  oid
                  statusCheckRollup { state }
                  checkSuites(first: 5) { nodes { status conclusion workflowRun { runNumber event url createdAt workflow { name } } } }
                }
              }
            }
            pullRequests(states: [OPEN], first: 10, orderBy: { field: CREATED_AT, direction: DESC }) {
              totalCount
              nodes { id title number url state createdAt isDraft author { login } }
            }
            portYml: object(expression: "HEAD:port.yml") { ... on Blob { text byteSize } }
            missing: object(expression: "HEAD:catalog-info.yaml") { ... on Blob { text } }
          }
        }`,
        { owner: 'acme', name: 'CartService' },
      );
      const repo = data.repository;
      expect(repo).toMatchObject({
        name: 'CartService',
        nameWithOwner: 'acme/CartService',
        url: 'https://github.com/acme/CartService',
        visibility: 'PUBLIC',
        isArchived: false,
        primaryLanguage: { name: 'TypeScript' },
        repositoryTopics: { nodes: [{ topic: { name: 'service' } }, { topic: { name: 'orders' } }, { topic: { name: 'cart' } }] },
        defaultBranchRef: {
          name: 'main',
          target: {
            statusCheckRollup: { state: 'SUCCESS' },
            checkSuites: { nodes: [{ status: 'COMPLETED', conclusion: 'SUCCESS', workflowRun: { event: 'push', workflow: { name: 'CI' } } }] },
          },
        },
        missing: null,
      });
      expect(repo.id).toMatch(/^R_kgDO/);
      expect(repo.defaultBranchRef.target.oid).toMatch(/^[0-9a-f]{40}$/);
      expect(repo.pullRequests.totalCount).toBe(2);
      expect(repo.pullRequests.nodes.map((pr: any) => [pr.number, pr.author.login, pr.state])).toEqual([
        [2, 'dependabot', 'OPEN'],
        [1, 'alice', 'OPEN'],
      ]);
      expect(repo.pullRequests.nodes[0].id).toMatch(/^PR_kwDO/);
      expect(parseYaml(repo.portYml.text)).toEqual({
        identifier: 'CartService',
        title: 'Cart Service',
        blueprint: 'Component',
        icon: 'Cloud',
        properties: { type: 'service' },
        relations: { system: 'Cart', resources: ['cart-sql-sb'], consumesApi: [], components: ['CorePaymentLibrary', 'CoreKafkaLibrary'] },
      });
      expect(repo.portYml.byteSize).toBe(Buffer.byteLength(repo.portYml.text));
    });

    it('resolves node(id) and nodes(ids) for repositories and pull requests, and answers NOT_FOUND for unknown ids', async () => {
      const { repository }: any = await github(`{ repository(owner: "acme", name: "ProductsService") { id pullRequests(first: 1) { nodes { id } } } }`);
      const prId = repository.pullRequests.nodes[0].id;
      const data: any = await github(
        `query ($id: ID!, $ids: [ID!]!) {
          node(id: $id) { __typename ... on Repository { nameWithOwner } }
          nodes(ids: $ids) { __typename ... on PullRequest { title repository { name } } ... on Repository { name } }
        }`,
        { id: repository.id, ids: [prId, repository.id] },
      );
      expect(data.node).toEqual({ __typename: 'Repository', nameWithOwner: 'acme/ProductsService' });
      expect(data.nodes).toEqual([
        { __typename: 'PullRequest', title: 'Paginate the product search', repository: { name: 'ProductsService' } },
        { __typename: 'Repository', name: 'ProductsService' },
      ]);

      const error = await rejection(github(`{ node(id: "R_nope") { id } }`));
      expect(error).toBeInstanceOf(GraphqlResponseError);
      expect(error.data).toEqual({ node: null });
      expect(error.errors).toEqual([{ type: 'NOT_FOUND', path: ['node'], locations: [{ line: 1, column: 3 }], message: "Could not resolve to a node with the global id of 'R_nope'" }]);
    });

    it('filters and orders repositories and pull requests like GitHub', async () => {
      const data: any = await github(`{
        organization(login: "acme") {
          archived: repositories(first: 100, isArchived: true) { totalCount }
          private: repositories(first: 1, privacy: PRIVATE) { totalCount nodes { isPrivate visibility } }
          byName: repositories(first: 3, orderBy: { field: NAME, direction: ASC }) { nodes { name } }
        }
        repository(owner: "ACME", name: "cartservice") {
          all: pullRequests(first: 10) { totalCount }
          merged: pullRequests(first: 10, states: MERGED) { nodes { title state } }
        }
      }`);
      expect(data.organization.archived.totalCount).toBe(25);
      expect(data.organization.private.totalCount).toBe(78); // 50 PRIVATE + 28 INTERNAL
      expect(data.organization.private.nodes).toEqual([{ isPrivate: true, visibility: 'PRIVATE' }]);
      expect(data.organization.byName.nodes.map((r: { name: string }) => r.name)).toEqual(['CartService', 'CoreKafkaLibrary', 'CorePaymentLibrary']);
      expect(data.repository.all.totalCount).toBe(3);
      expect(data.repository.merged.nodes).toEqual([{ title: 'Use the payment library for checkout', state: 'MERGED' }]);
    });

    it('answers fields it does not implement with null or an empty connection instead of failing', async () => {
      const data: any = await github(`{
        repository(owner: "acme", name: "CoreKafkaLibrary") {
          licenseInfo { name }
          issues(first: 5) { totalCount nodes { title } pageInfo { hasNextPage endCursor } }
          stargazers { totalCount }
          defaultBranchRef { target { ... on Commit { statusCheckRollup { state } checkSuites(first: 1) { nodes { status conclusion } } } } }
        }
        viewer { login }
      }`);
      expect(data).toEqual({
        repository: {
          licenseInfo: null,
          issues: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
          stargazers: { totalCount: 0 },
          defaultBranchRef: { target: { statusCheckRollup: { state: 'PENDING' }, checkSuites: { nodes: [{ status: 'IN_PROGRESS', conclusion: null }] } } },
        },
        viewer: { login: 'lattice-bot' },
      });
      expect(sim.stats.queries[0].valid).toBe(true);
    });

    it('answers GitHub Enterprise Server’s base URL shape (/api/v3 → /api/graphql)', async () => {
      const ghes = graphql.defaults({ baseUrl: sim.enterpriseBaseUrl, headers: { authorization: `bearer ${sim.token}` } });
      const data: any = await ghes(`{ organization(login: "acme") { login repositories(first: 1) { totalCount } } }`);
      expect(data.organization).toEqual({ login: 'acme', repositories: { totalCount: 254 } });
    });
  });

  describe('rate limit and node limit, as GitHub computes them', () => {
    it('counts the nodes of the two examples of GitHub’s documentation: 550 and 22,060', async () => {
      const simple: any = await github(`query {
        viewer { repositories(first: 50) { edges { repository: node { name issues(first: 10) { totalCount edges { node { title bodyHTML } } } } } } }
        rateLimit { nodeCount cost }
      }`);
      expect(simple.rateLimit).toEqual({ nodeCount: 550, cost: 1 });

      const complex: any = await github(`query {
        viewer {
          repositories(first: 50) {
            edges {
              repository: node {
                name
                pullRequests(first: 20) { edges { pullRequest: node { title comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
                issues(first: 20) { totalCount edges { issue: node { title bodyHTML comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
              }
            }
          }
          followers(first: 10) { edges { follower: node { login } } }
        }
        rateLimit { nodeCount }
      }`);
      expect(complex.rateLimit.nodeCount).toBe(22_060);
    });

    it('charges the documented cost (5,101 requests → 51 points) and reports it in rateLimit and the x-ratelimit headers', async () => {
      const query = `query {
        viewer { login repositories(first: 100) { edges { node { id issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } }
        rateLimit { limit cost remaining used resetAt }
      }`;
      const { status, headers, body } = await post(sim, { query });
      expect(status).toBe(200);
      expect(body.data.rateLimit).toMatchObject({ limit: 5000, cost: 51, remaining: 4949, used: 51 });
      expect(Date.parse(body.data.rateLimit.resetAt)).toBeGreaterThan(Date.now());
      expect(headers.get('x-ratelimit-limit')).toBe('5000');
      expect(headers.get('x-ratelimit-remaining')).toBe('4949');
      expect(headers.get('x-ratelimit-used')).toBe('51');
      expect(Number(headers.get('x-ratelimit-reset')) * 1000).toBe(Date.parse(body.data.rateLimit.resetAt));
      expect(headers.get('x-ratelimit-resource')).toBe('graphql');
      expect(sim.stats.queries[0]).toMatchObject({ valid: true, cost: 51, nodeCount: 305_100 });

      const dryRun: any = await github(`{ viewer { login } rateLimit(dryRun: true) { cost used } }`);
      expect(dryRun).toEqual({ viewer: { login: '' }, rateLimit: { cost: 1, used: 51 } });
    });

    it('rejects a connection without first or last (MISSING_PAGINATION_BOUNDARIES), but allows totalCount alone', async () => {
      const error = await rejection(github(`{ organization(login: "acme") { repositories { nodes { name } } } }`));
      expect(error).toBeInstanceOf(GraphqlResponseError);
      expect(error.message).toContain('You must provide a `first` or `last` value to properly paginate the `repositories` connection.');
      expect(error.errors).toEqual([
        {
          type: 'MISSING_PAGINATION_BOUNDARIES',
          path: ['organization', 'repositories'],
          locations: [{ line: 1, column: 33 }],
          message: 'You must provide a `first` or `last` value to properly paginate the `repositories` connection.',
        },
      ]);
      expect(error.data).toEqual({ organization: null });
      expect(sim.stats.queries[0].valid).toBe(false);

      const counted: any = await github(`{ organization(login: "acme") { repositories { totalCount } } }`);
      expect(counted.organization.repositories.totalCount).toBe(254);
      expect(sim.stats.queries[1].valid).toBe(true);
    });

    it('rejects first: 101 (EXCESSIVE_PAGINATION)', async () => {
      const error = await rejection(github(`query ($n: Int!) { organization(login: "acme") { repositories(first: $n) { nodes { name } } } }`, { n: 101 }));
      expect(error.errors).toEqual([
        expect.objectContaining({
          type: 'EXCESSIVE_PAGINATION',
          path: ['organization', 'repositories'],
          message: 'Requesting 101 records on the `repositories` connection exceeds the `first` limit of 100 records.',
        }),
      ]);
      const last = await rejection(github(`{ repository(owner: "acme", name: "CartService") { pullRequests(last: 500) { nodes { title } } } }`));
      expect(last.errors[0].message).toBe('Requesting 500 records on the `pullRequests` connection exceeds the `last` limit of 100 records.');
      expect(sim.stats.queries.map((q) => q.valid)).toEqual([false, false]);
    });

    it('rejects a query above 500,000 nodes before running it (MAX_NODE_LIMIT_EXCEEDED)', async () => {
      const deep = await rejection(
        github(`{ organization(login: "acme") { repositories(first: 100) { nodes { pullRequests(first: 100) { nodes { commits(first: 100) { totalCount } } } } } } }`),
      );
      expect(deep).toBeInstanceOf(GraphqlResponseError);
      expect(deep.data).toBeUndefined();
      expect(deep.errors).toEqual([
        {
          type: 'MAX_NODE_LIMIT_EXCEEDED',
          locations: [{ line: 1, column: 103 }],
          message: 'By the time this query traverses to the commits connection, it is requesting up to 1,000,000 possible nodes which exceeds the maximum limit of 500,000.',
        },
      ]);

      const wide = await rejection(
        github(`{ organization(login: "acme") { repositories(first: 100) { nodes {
          pullRequests(first: 100) { nodes { title } }
          issues(first: 100) { nodes { labels(first: 50) { nodes { name } } } } } } } }`),
      );
      expect(wide.errors).toEqual([{ type: 'MAX_NODE_LIMIT_EXCEEDED', message: 'This query requests up to 520,100 possible nodes which exceeds the maximum limit of 500,000.' }]);
      expect(sim.stats.queries.map((q) => [q.valid, q.cost])).toEqual([
        [false, 0],
        [false, 0],
      ]);
    });

    it('validates every query against GitHub’s schema: an unknown field is an error naming it, with HTTP 200', async () => {
      const { status, body } = await post(sim, { query: `{ repository(owner: "acme", name: "CartService") { name starCount } }` });
      expect(status).toBe(200);
      expect(body).toEqual({
        errors: [
          {
            path: ['query', 'repository', 'starCount'],
            extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: 'starCount' },
            locations: [{ line: 1, column: 57 }],
            message: "Field 'starCount' doesn't exist on type 'Repository'",
          },
        ],
      });
      const viaClient = await rejection(github(`{ viewer { login } repository(name: "x") { name } }`));
      expect(viaClient.errors.map((e: { message: string }) => e.message)).toEqual(["Field 'repository' is missing required arguments: owner"]);
      const syntax = await post(sim, { query: `{ viewer { login }` });
      expect(syntax.body.errors[0].message).toContain('Syntax Error');
      expect(sim.stats.queries.map((q) => q.valid)).toEqual([false, false, false]);
    });
  });

  describe('authentication', () => {
    it('answers a wrong token with 401 Bad credentials, and a missing one with 401', async () => {
      const wrong = graphql.defaults({ baseUrl: sim.url, headers: { authorization: 'token ghp_wrong' } });
      const error: HttpError = await rejection(wrong(`{ viewer { login } }`));
      expect(error.name).toBe('HttpError');
      expect(error.status).toBe(401);
      expect(error.response?.data).toMatchObject({ message: 'Bad credentials' });

      const missing = await post(sim, { query: '{ viewer { login } }' }, null);
      expect(missing.status).toBe(401);
      expect(missing.body.message).toBe('This endpoint requires you to be authenticated.');
      expect(sim.stats.requests).toBe(2);
      expect(sim.stats.statuses).toEqual({ 401: 2 });
      expect(sim.stats.queries).toEqual([]);
    });
  });

  describe('faults and latency', () => {
    it('answers the next n requests with 502, then recovers', async () => {
      sim.setFaults({ status502: 2 });
      for (let i = 0; i < 2; i++) {
        const error: HttpError = await rejection(github(`{ viewer { login } }`));
        expect(error.status).toBe(502);
      }
      expect(await github(`{ viewer { login } }`)).toEqual({ viewer: { login: 'lattice-bot' } });
      expect(sim.stats.requests).toBe(3);
      expect(sim.stats.statuses).toEqual({ 502: 2, 200: 1 });
    });

    it('answers a secondary rate limit with 403, retry-after and GitHub’s message', async () => {
      sim.setFaults({ secondaryRateLimit: { count: 1, retryAfterSeconds: 7 } });
      const error: HttpError = await rejection(github(`{ viewer { login } }`));
      expect(error.status).toBe(403);
      expect(error.response?.headers['retry-after']).toBe('7');
      expect(error.response?.data.message).toMatch(/^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\./);
      expect(await github(`{ viewer { login } }`)).toEqual({ viewer: { login: 'lattice-bot' } });
    });

    it('answers an exhausted primary rate limit with GitHub’s RATE_LIMITED error and x-ratelimit-remaining: 0', async () => {
      sim.setFaults({ primaryRateLimitExhausted: true });
      const error = await rejection(github(`{ viewer { login } }`));
      expect(error).toBeInstanceOf(GraphqlResponseError);
      expect(error.errors).toEqual([{ type: 'RATE_LIMITED', message: expect.stringMatching(/^API rate limit already exceeded for user ID \d+\.$/) }]);
      expect(error.headers['x-ratelimit-remaining']).toBe('0');
      expect(Number(error.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
      sim.setFaults({});
      expect(await github(`{ viewer { login } }`)).toEqual({ viewer: { login: 'lattice-bot' } });
    });

    it('runs out of points like GitHub: a 2-point limit allows two 1-point queries', async () => {
      const small = await startGitHubSimulator({ rateLimit: 2 });
      try {
        const client = graphql.defaults({ baseUrl: small.url, headers: { authorization: `bearer ${small.token}` } });
        await client(`{ viewer { login } }`);
        const second: any = await client(`{ rateLimit { remaining used } }`);
        expect(second.rateLimit).toEqual({ remaining: 0, used: 2 });
        const error = await rejection(client(`{ viewer { login } }`));
        expect(error.errors[0].type).toBe('RATE_LIMITED');
        expect(error.headers['x-ratelimit-remaining']).toBe('0');
      } finally {
        await small.close();
      }
    });

    it('delays every answer by latencyMs', async () => {
      sim.setFaults({ latencyMs: 150 });
      const started = performance.now();
      await github(`{ viewer { login } }`);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    });
  });

  it('reset() restores the seeded data, faults, stats and rate-limit usage', async () => {
    sim.data.organizations[0].repositories.splice(0, 254);
    sim.setFaults({ status502: 5 });
    sim.reset();
    const data: any = await github(`{ organization(login: "acme") { repositories { totalCount } } rateLimit { used } }`);
    expect(data).toEqual({ organization: { repositories: { totalCount: 254 } }, rateLimit: { used: 1 } });
    expect(sim.stats.requests).toBe(1);
  });
});

describe('GitHub simulator at scale', () => {
  it('serves 2,000 generated repositories in 21 pages of at most 100', async () => {
    const sim = await startGitHubSimulator({ extraRepositories: 2_000 });
    try {
      const github = graphql.defaults({ baseUrl: sim.url, headers: { authorization: `bearer ${sim.token}` } });
      let after: string | null = null;
      let count = 0;
      do {
        const page: any = await github(REPOSITORY_PAGE, { login: 'acme', after });
        count += page.organization.repositories.nodes.length;
        after = page.organization.repositories.pageInfo.hasNextPage ? page.organization.repositories.pageInfo.endCursor : null;
      } while (after);
      expect(count).toBe(2_004);
      expect(sim.stats.requests).toBe(21);
      expect(sim.stats.queries.every((q) => q.valid)).toBe(true);
    } finally {
      await sim.close();
    }
  });

  it('seeds deterministically', () => {
    const a = seedOrganization({ extraRepositories: 30 });
    const b = seedOrganization({ extraRepositories: 30 });
    const summary = (org: typeof a) => org.repositories.map((r) => [r.id, r.name, r.pushedAt, r.visibility, r.isArchived, r.files['port.yml'], r.pullRequests.map((p) => p.id)]);
    expect(summary(a)).toEqual(summary(b));
    expect(a.repositories).toHaveLength(34);
    expect(new Set(a.repositories.flatMap((r) => [r.id, ...r.pullRequests.map((p) => p.id)])).size).toBe(34 + a.repositories.reduce((n, r) => n + r.pullRequests.length, 0));
  });
});
