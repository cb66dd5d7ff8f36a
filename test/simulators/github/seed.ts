/**
 * Seed data for the GitHub simulator: one organization (`acme` by default) whose repositories
 * extend Lattice's seed catalog, plus any number of generated ones for scale tests.
 *
 * Objects are shaped like GitHub's GraphQL types (field names, enum values, `__typename`), so the
 * simulator's default resolver serves most fields by reading them. The four catalog repositories
 * (CartService, ProductsService, CoreKafkaLibrary, CorePaymentLibrary) mirror the Component
 * entities of catalog/seed.json; each holds a `port.yml` with its entity in Port's format, open pull
 * requests, and a check suite with its workflow run on the default branch's head commit.
 * The organization's members are alice, bob, carol and dave; its teams `platform` (alice, bob)
 * and `checkout` (carol).
 * Everything is deterministic: the same options give the same ids, dates and files.
 */
import { stringify } from 'yaml';
import { commitOid, legacyNodeId, nodeId } from './ids.ts';

export type RepositoryVisibility = 'PUBLIC' | 'PRIVATE' | 'INTERNAL';
export type PullRequestState = 'OPEN' | 'CLOSED' | 'MERGED';
export type CheckStatusState = 'REQUESTED' | 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'WAITING' | 'PENDING';
export type CheckConclusionState = 'ACTION_REQUIRED' | 'TIMED_OUT' | 'CANCELLED' | 'FAILURE' | 'SUCCESS' | 'NEUTRAL' | 'SKIPPED' | 'STARTUP_FAILURE' | 'STALE';

export interface GitHubActor {
  __typename: 'User' | 'Bot';
  id: string;
  databaseId: number;
  login: string;
  name: string | null;
  url: string;
  resourcePath: string;
  avatarUrl: string;
}

export interface GitHubLanguage {
  __typename: 'Language';
  id: string;
  name: string;
  color: string;
}

export interface GitHubApp {
  __typename: 'App';
  id: string;
  databaseId: number;
  name: string;
  slug: string;
  url: string;
}

export interface GitHubWorkflow {
  __typename: 'Workflow';
  id: string;
  databaseId: number;
  name: string;
  state: 'ACTIVE';
  url: string;
  resourcePath: string;
  createdAt: string;
  updatedAt: string;
}

export interface GitHubWorkflowRun {
  __typename: 'WorkflowRun';
  id: string;
  databaseId: number;
  runNumber: number;
  event: string;
  url: string;
  resourcePath: string;
  createdAt: string;
  updatedAt: string;
  workflow: GitHubWorkflow;
  /** Back-link, set by the seed. */
  checkSuite?: GitHubCheckSuite;
}

export interface GitHubCheckSuite {
  __typename: 'CheckSuite';
  id: string;
  databaseId: number;
  status: CheckStatusState;
  conclusion: CheckConclusionState | null;
  createdAt: string;
  updatedAt: string;
  url: string;
  resourcePath: string;
  app: GitHubApp;
  workflowRun: GitHubWorkflowRun | null;
  /** Back-links, set by the seed. */
  commit?: GitHubCommit;
  repository?: GitHubRepository;
}

export interface GitHubCommit {
  __typename: 'Commit';
  id: string;
  oid: string;
  abbreviatedOid: string;
  message: string;
  messageHeadline: string;
  messageBody: string;
  committedDate: string;
  authoredDate: string;
  url: string;
  resourcePath: string;
  checkSuites: GitHubCheckSuite[];
  /** Back-link, set by the seed. */
  repository?: GitHubRepository;
}

export interface GitHubPullRequest {
  __typename: 'PullRequest';
  id: string;
  databaseId: number;
  number: number;
  title: string;
  body: string;
  url: string;
  resourcePath: string;
  state: PullRequestState;
  isDraft: boolean;
  closed: boolean;
  merged: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  headRefName: string;
  baseRefName: string;
  additions: number;
  deletions: number;
  changedFiles: number;
  author: GitHubActor;
  /** Back-link, set by the seed. */
  repository?: GitHubRepository;
}

export interface GitHubRepository {
  __typename: 'Repository';
  id: string;
  databaseId: number;
  name: string;
  nameWithOwner: string;
  url: string;
  resourcePath: string;
  sshUrl: string;
  description: string | null;
  homepageUrl: string | null;
  visibility: RepositoryVisibility;
  isPrivate: boolean;
  isArchived: boolean;
  isFork: boolean;
  isTemplate: boolean;
  isLocked: boolean;
  isDisabled: boolean;
  isEmpty: boolean;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  stargazerCount: number;
  forkCount: number;
  diskUsage: number;
  primaryLanguage: GitHubLanguage | null;
  /** Topic names; served as `repositoryTopics`. */
  topics: string[];
  /** Name of the default branch; served as `defaultBranchRef`. */
  defaultBranch: string;
  /** Commits of the default branch, newest first; `[0]` is the head. */
  commits: GitHubCommit[];
  /** Files at the head of the default branch, by path; served through `object(expression:)`. */
  files: Record<string, string>;
  pullRequests: GitHubPullRequest[];
  owner: GitHubOrganization;
}

export interface GitHubOrganization {
  __typename: 'Organization';
  id: string;
  databaseId: number;
  login: string;
  name: string;
  description: string | null;
  url: string;
  resourcePath: string;
  avatarUrl: string;
  email: string | null;
  websiteUrl: string | null;
  createdAt: string;
  updatedAt: string;
  repositories: GitHubRepository[];
  /** Served as `membersWithRole`. */
  membersWithRole: GitHubActor[];
  teams: GitHubTeam[];
}

export interface GitHubTeam {
  __typename: 'Team';
  id: string;
  databaseId: number;
  name: string;
  slug: string;
  description: string | null;
  privacy: 'VISIBLE' | 'SECRET';
  notificationSetting: 'NOTIFICATIONS_ENABLED' | 'NOTIFICATIONS_DISABLED';
  url: string;
  members: GitHubActor[];
}

export interface SeedOptions {
  /** Organization login (default `acme`). */
  readonly login?: string;
  /** How many generated repositories (`repo-0`, `repo-1`, …) to add after the catalog ones (default 0). */
  readonly extraRepositories?: number;
  /** Reference time the seeded dates count back from (default `2025-06-02T12:00:00Z`). */
  readonly now?: string;
}

/** A Port entity as written in a `port.yml` file. */
export interface PortEntity {
  identifier: string;
  title: string;
  blueprint: string;
  icon?: string;
  properties: Record<string, unknown>;
  relations: Record<string, string | string[]>;
}

const WEB = 'https://github.com';
const ORG_DATABASE_ID = 91_000_001;
const REPO_DATABASE_ID = 700_000_000;
const PR_DATABASE_ID = 1_800_000_000;
const SUITE_DATABASE_ID = 2_900_000_000;
const RUN_DATABASE_ID = 3_900_000_000;
const WORKFLOW_DATABASE_ID = 60_000_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const LANGUAGES: GitHubLanguage[] = [
  language('TypeScript', '#3178c6', 287),
  language('Go', '#00ADD8', 145),
  language('Java', '#b07219', 158),
  language('Python', '#3572A5', 164),
  language('Kotlin', '#A97BFF', 267),
];

const GITHUB_ACTIONS: GitHubApp = {
  __typename: 'App',
  id: nodeId('A', 15368),
  databaseId: 15368,
  name: 'GitHub Actions',
  slug: 'github-actions',
  url: `${WEB}/apps/github-actions`,
};

const USERS = ['alice', 'bob', 'carol', 'dave'].map((login, i) => user(login, 5_000_001 + i));
const DEPENDABOT: GitHubActor = {
  __typename: 'Bot',
  id: nodeId('BOT', 49_699_333),
  databaseId: 49_699_333,
  login: 'dependabot',
  name: null,
  url: `${WEB}/apps/dependabot`,
  resourcePath: '/apps/dependabot',
  avatarUrl: 'https://avatars.githubusercontent.com/in/29110?v=4',
};

interface CatalogRepository {
  entity: PortEntity;
  description: string;
  language: string;
  topics: string[];
  conclusion: CheckConclusionState | null;
  pullRequests: { title: string; author: GitHubActor; state: PullRequestState; isDraft?: boolean; headRefName: string }[];
}

/** The Component entities of catalog/seed.json, one repository each. */
const CATALOG: CatalogRepository[] = [
  {
    entity: {
      identifier: 'CartService',
      title: 'Cart Service',
      blueprint: 'Component',
      icon: 'Cloud',
      properties: { type: 'service' },
      relations: { system: 'Cart', resources: ['cart-sql-sb'], consumesApi: [], components: ['CorePaymentLibrary', 'CoreKafkaLibrary'] },
    },
    description: 'Cart Service: shopping carts for the Orders domain',
    language: 'TypeScript',
    topics: ['service', 'orders', 'cart'],
    conclusion: 'SUCCESS',
    pullRequests: [
      { title: 'Add cart expiry job', author: USERS[0], state: 'OPEN', headRefName: 'feature/cart-expiry' },
      { title: 'Bump express from 5.1.0 to 5.3.0', author: DEPENDABOT, state: 'OPEN', headRefName: 'dependabot/npm_and_yarn/express-5.3.0' },
      { title: 'Use the payment library for checkout', author: USERS[1], state: 'MERGED', headRefName: 'feature/payments' },
    ],
  },
  {
    entity: {
      identifier: 'ProductsService',
      title: 'Products Service',
      blueprint: 'Component',
      properties: { type: 'service' },
      relations: { system: 'Products', consumesApi: ['CartAPI'], components: [] },
    },
    description: 'Products Service: the product catalogue and its search',
    language: 'Go',
    topics: ['service', 'orders', 'products'],
    conclusion: 'FAILURE',
    pullRequests: [
      { title: 'Paginate the product search', author: USERS[2], state: 'OPEN', headRefName: 'feature/search-pages' },
      { title: 'WIP: product images', author: USERS[3], state: 'OPEN', isDraft: true, headRefName: 'wip/images' },
      { title: 'Old pricing experiment', author: USERS[2], state: 'CLOSED', headRefName: 'experiment/pricing' },
    ],
  },
  {
    entity: {
      identifier: 'CoreKafkaLibrary',
      title: 'Core Kafka Library',
      blueprint: 'Component',
      properties: { type: 'library' },
      relations: { system: 'Cart' },
    },
    description: 'Kafka producers and consumers shared by the Orders services',
    language: 'Java',
    topics: ['library', 'kafka'],
    conclusion: null,
    pullRequests: [
      { title: 'Retry with backoff on rebalance', author: USERS[1], state: 'OPEN', headRefName: 'fix/rebalance-retry' },
      { title: 'Bump kafka-clients from 3.7.0 to 3.9.0', author: DEPENDABOT, state: 'OPEN', headRefName: 'dependabot/gradle/kafka-clients-3.9.0' },
    ],
  },
  {
    entity: {
      identifier: 'CorePaymentLibrary',
      title: 'Core Payment Library',
      blueprint: 'Component',
      properties: { type: 'library' },
      relations: { system: 'Cart' },
    },
    description: 'Payment provider clients and money types',
    language: 'Kotlin',
    topics: ['library', 'payments'],
    conclusion: 'SUCCESS',
    pullRequests: [
      { title: 'Support refunds', author: USERS[0], state: 'OPEN', headRefName: 'feature/refunds' },
      { title: 'Document the Money type', author: USERS[3], state: 'OPEN', headRefName: 'docs/money' },
    ],
  },
];

/** Names of the repositories built from the Lattice seed catalog, in seed order. */
export const CATALOG_REPOSITORY_NAMES: readonly string[] = CATALOG.map((c) => c.entity.identifier);

/** The organization with the catalog repositories and `extraRepositories` generated ones. */
export function seedOrganization(options: SeedOptions = {}): GitHubOrganization {
  const login = options.login ?? 'acme';
  const now = Date.parse(options.now ?? '2025-06-02T12:00:00Z');
  if (Number.isNaN(now)) throw new Error(`seedOrganization: invalid now ${options.now}`);
  const org: GitHubOrganization = {
    __typename: 'Organization',
    id: nodeId('O', ORG_DATABASE_ID),
    databaseId: ORG_DATABASE_ID,
    login,
    name: `${login.charAt(0).toUpperCase()}${login.slice(1)}`,
    description: 'The organization behind the Lattice demo catalog',
    url: `${WEB}/${login}`,
    resourcePath: `/${login}`,
    avatarUrl: `https://avatars.githubusercontent.com/u/${ORG_DATABASE_ID}?v=4`,
    email: null,
    websiteUrl: null,
    createdAt: iso(now - 900 * DAY),
    updatedAt: iso(now - 30 * DAY),
    repositories: [],
    membersWithRole: USERS,
    teams: [team(login, 'platform', 'Platform', 'Keeps the catalog and the gateway running', [USERS[0], USERS[1]]), team(login, 'checkout', 'Checkout', null, [USERS[2]])],
  };
  const counters = { pullRequest: 0, suite: 0 };

  CATALOG.forEach((catalog, i) => {
    const entity = catalog.entity;
    org.repositories.push(
      repository(org, counters, {
        index: i,
        name: entity.identifier,
        description: catalog.description,
        visibility: 'PUBLIC',
        isArchived: false,
        language: LANGUAGES.find((l) => l.name === catalog.language) ?? null,
        topics: catalog.topics,
        createdAt: now - (700 - 40 * i) * DAY,
        pushedAt: now - (i + 1) * HOUR,
        stargazerCount: 40 - 7 * i,
        files: {
          'port.yml': stringify(entity),
          'README.md': `# ${entity.title}\n\n${catalog.description}.\n\nCatalog entry: \`port.yml\` (Port entity \`${entity.identifier}\`).\n`,
        },
        conclusion: catalog.conclusion,
        pullRequests: catalog.pullRequests.map((pr, k) => ({ ...pr, isDraft: pr.isDraft ?? false, createdAt: now - (10 - k) * DAY })),
      }),
    );
  });

  for (let n = 0; n < (options.extraRepositories ?? 0); n++) {
    const name = `repo-${n}`;
    const type = n % 3 === 0 ? 'library' : 'service';
    const entity: PortEntity = {
      identifier: name,
      title: `Repo ${n}`,
      blueprint: 'Component',
      properties: { type },
      relations: { system: n % 2 === 0 ? 'Cart' : 'Products' },
    };
    org.repositories.push(
      repository(org, counters, {
        index: CATALOG.length + n,
        name,
        description: n % 6 === 5 ? null : `Generated repository ${n}`,
        visibility: n % 5 === 4 ? 'PRIVATE' : n % 7 === 6 ? 'INTERNAL' : 'PUBLIC',
        isArchived: n % 10 === 9,
        language: n % 6 === 5 ? null : LANGUAGES[n % LANGUAGES.length],
        topics: [type, `team-${n % 4}`],
        createdAt: now - 600 * DAY + n * HOUR,
        pushedAt: now - (n % 90) * DAY - (n % 60) * 60_000 - 2 * HOUR,
        stargazerCount: (n * 7) % 50,
        files: {
          'port.yml': stringify(entity),
          'README.md': `# ${entity.title}\n\nGenerated for scale tests.\n`,
        },
        conclusion: n % 11 === 5 ? null : n % 7 === 3 ? 'FAILURE' : 'SUCCESS',
        pullRequests: Array.from({ length: n % 3 }, (_, k) => ({
          title: `Change ${k + 1} to ${name}`,
          author: USERS[(n + k) % USERS.length],
          state: 'OPEN' as const,
          isDraft: k === 1 && n % 2 === 0,
          headRefName: `change-${k + 1}`,
          createdAt: now - (n % 30) * DAY - k * HOUR - 3 * HOUR,
        })),
      }),
    );
  }
  return org;
}

/**
 * Adds a repository to an organization, as a workflow that creates one would (the simulator's
 * `scaffold.yml`): public, one commit holding `files`, a successful CI run, no pull requests.
 */
export function addRepository(org: GitHubOrganization, spec: { name: string; description: string; language?: string; files: Record<string, string>; now?: number }): GitHubRepository {
  const index = org.repositories.length;
  const now = spec.now ?? Date.now();
  const repo = repository(org, { pullRequest: 100_000 + index * 100, suite: 100_000 + index }, {
    index,
    name: spec.name,
    description: spec.description,
    visibility: 'PUBLIC',
    isArchived: false,
    language: LANGUAGES.find((l) => l.name.toLowerCase() === (spec.language ?? '').toLowerCase()) ?? null,
    topics: [],
    createdAt: now,
    pushedAt: now,
    stargazerCount: 0,
    files: spec.files,
    conclusion: 'SUCCESS',
    pullRequests: [],
  });
  org.repositories.push(repo);
  return repo;
}

interface RepositorySpec {
  index: number;
  name: string;
  description: string | null;
  visibility: RepositoryVisibility;
  isArchived: boolean;
  language: GitHubLanguage | null;
  topics: string[];
  createdAt: number;
  pushedAt: number;
  stargazerCount: number;
  files: Record<string, string>;
  conclusion: CheckConclusionState | null;
  pullRequests: { title: string; author: GitHubActor; state: PullRequestState; isDraft: boolean; headRefName: string; createdAt: number }[];
}

function repository(org: GitHubOrganization, counters: { pullRequest: number; suite: number }, spec: RepositorySpec): GitHubRepository {
  const databaseId = REPO_DATABASE_ID + spec.index;
  const path = `/${org.login}/${spec.name}`;
  const repo: GitHubRepository = {
    __typename: 'Repository',
    id: nodeId('R', databaseId),
    databaseId,
    name: spec.name,
    nameWithOwner: `${org.login}/${spec.name}`,
    url: `${WEB}${path}`,
    resourcePath: path,
    sshUrl: `git@github.com:${org.login}/${spec.name}.git`,
    description: spec.description,
    homepageUrl: null,
    visibility: spec.visibility,
    isPrivate: spec.visibility !== 'PUBLIC',
    isArchived: spec.isArchived,
    isFork: false,
    isTemplate: false,
    isLocked: false,
    isDisabled: false,
    isEmpty: false,
    createdAt: iso(spec.createdAt),
    updatedAt: iso(spec.pushedAt),
    pushedAt: iso(spec.pushedAt),
    stargazerCount: spec.stargazerCount,
    forkCount: spec.stargazerCount % 5,
    diskUsage: 100 + spec.index,
    primaryLanguage: spec.language,
    topics: spec.topics,
    defaultBranch: 'main',
    commits: [],
    files: spec.files,
    pullRequests: [],
    owner: org,
  };

  const oid = commitOid(`${repo.nameWithOwner}@head`);
  const headline = `Update ${Object.keys(spec.files)[0]}`;
  const commit: GitHubCommit = {
    __typename: 'Commit',
    id: nodeId('C', databaseId, { hex: oid }),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    message: headline,
    messageHeadline: headline,
    messageBody: '',
    committedDate: iso(spec.pushedAt),
    authoredDate: iso(spec.pushedAt),
    url: `${repo.url}/commit/${oid}`,
    resourcePath: `${path}/commit/${oid}`,
    checkSuites: [],
    repository: repo,
  };
  repo.commits.push(commit);

  const suiteId = SUITE_DATABASE_ID + counters.suite;
  const runId = RUN_DATABASE_ID + counters.suite;
  counters.suite++;
  const started = spec.pushedAt + 60_000;
  const finished = spec.conclusion === null ? started : started + 4 * 60_000;
  const workflowId = WORKFLOW_DATABASE_ID + spec.index;
  const run: GitHubWorkflowRun = {
    __typename: 'WorkflowRun',
    id: nodeId('WFR', runId),
    databaseId: runId,
    runNumber: 100 + spec.index,
    event: 'push',
    url: `${repo.url}/actions/runs/${runId}`,
    resourcePath: `${path}/actions/runs/${runId}`,
    createdAt: iso(started),
    updatedAt: iso(finished),
    workflow: {
      __typename: 'Workflow',
      id: nodeId('W', workflowId),
      databaseId: workflowId,
      name: 'CI',
      state: 'ACTIVE',
      url: `${repo.url}/actions/workflows/ci.yml`,
      resourcePath: `${path}/actions/workflows/ci.yml`,
      createdAt: iso(spec.createdAt),
      updatedAt: iso(spec.createdAt),
    },
  };
  const suite: GitHubCheckSuite = {
    __typename: 'CheckSuite',
    id: nodeId('CS', suiteId),
    databaseId: suiteId,
    status: spec.conclusion === null ? 'IN_PROGRESS' : 'COMPLETED',
    conclusion: spec.conclusion,
    createdAt: iso(started),
    updatedAt: iso(finished),
    url: `${repo.url}/commit/${oid}/checks?check_suite_id=${suiteId}`,
    resourcePath: `${path}/commit/${oid}/checks?check_suite_id=${suiteId}`,
    app: GITHUB_ACTIONS,
    workflowRun: run,
    commit,
    repository: repo,
  };
  run.checkSuite = suite;
  commit.checkSuites.push(suite);

  spec.pullRequests.forEach((pr, k) => {
    const prDatabaseId = PR_DATABASE_ID + counters.pullRequest++;
    const number = k + 1;
    const updatedAt = pr.createdAt + 2 * HOUR;
    repo.pullRequests.push({
      __typename: 'PullRequest',
      id: nodeId('PR', databaseId, prDatabaseId),
      databaseId: prDatabaseId,
      number,
      title: pr.title,
      body: `${pr.title}.`,
      url: `${repo.url}/pull/${number}`,
      resourcePath: `${path}/pull/${number}`,
      state: pr.state,
      isDraft: pr.isDraft,
      closed: pr.state !== 'OPEN',
      merged: pr.state === 'MERGED',
      createdAt: iso(pr.createdAt),
      updatedAt: iso(updatedAt),
      closedAt: pr.state === 'OPEN' ? null : iso(updatedAt),
      mergedAt: pr.state === 'MERGED' ? iso(updatedAt) : null,
      headRefName: pr.headRefName,
      baseRefName: 'main',
      additions: 10 * number + spec.index,
      deletions: 3 * number,
      changedFiles: number,
      author: pr.author,
      repository: repo,
    });
  });
  return repo;
}

function language(name: string, color: string, id: number): GitHubLanguage {
  return { __typename: 'Language', id: legacyNodeId('Language', id), name, color };
}

const TEAM_DATABASE_ID = 8_000_001;

function team(org: string, slug: string, name: string, description: string | null, members: GitHubActor[]): GitHubTeam {
  const databaseId = TEAM_DATABASE_ID + (slug === 'platform' ? 0 : 1);
  return { __typename: 'Team', id: nodeId('T', databaseId), databaseId, name, slug, description, privacy: 'VISIBLE', notificationSetting: 'NOTIFICATIONS_ENABLED', url: `${WEB}/orgs/${org}/teams/${slug}`, members };
}

function user(login: string, databaseId: number): GitHubActor {
  return {
    __typename: 'User',
    id: nodeId('U', databaseId),
    databaseId,
    login,
    name: `${login.charAt(0).toUpperCase()}${login.slice(1)}`,
    url: `${WEB}/${login}`,
    resourcePath: `/${login}`,
    avatarUrl: `https://avatars.githubusercontent.com/u/${databaseId}?v=4`,
  };
}

/** The user the simulator's token belongs to (`viewer`). */
export function seedViewer(login = 'lattice-bot'): GitHubActor {
  return user(login, 5_999_999);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
