/**
 * Resolvers of the GitHub simulator over the seeded objects (seed.ts).
 *
 * One field resolver serves the whole schema: a resolver from RESOLVERS when the field has one
 * (lookups, filters, orderings, back-links, computed objects), otherwise the seeded object's
 * property of the same name. Then, by the field's type: a connection is paginated from an array
 * (empty when the object has none) with GitHub's pagination rules and offset cursors; a missing
 * value is null, or for a non-null field a zero value of its type, so that unimplemented fields
 * never crash a query. Errors carry GitHub's `type` (NOT_FOUND, INVALID_CURSOR_ARGUMENTS, …).
 */
import { createHash } from 'node:crypto';
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { blobOid, nodeId } from './ids.ts';
import { paginationProblem, selectsConnectionNodes } from './limits.ts';
import { isConnectionType } from './schema.ts';
import type { GitHubActor, GitHubCheckSuite, GitHubCommit, GitHubOrganization, GitHubPullRequest, GitHubRepository } from './seed.ts';

/** What the simulator serves: organizations (with their repositories) and the token's user. */
export interface GitHubData {
  organizations: GitHubOrganization[];
  viewer: GitHubActor;
}

/** GitHub's `RateLimit` object for the current query. */
export interface RateLimitInfo {
  __typename: 'RateLimit';
  cost: number;
  limit: number;
  nodeCount: number;
  remaining: number;
  resetAt: string;
  used: number;
}

export interface ResolverContext {
  readonly data: GitHubData;
  readonly rateLimit: RateLimitInfo;
  /** `rateLimit(dryRun: true)` was asked: the other root fields are not evaluated. */
  readonly dryRun: boolean;
  /** Node ids to objects, built on first use in a request. */
  nodeIndex?: Map<string, object>;
}

/** An error GitHub reports with a `type` (serialized at the top level of the error, like GitHub). */
export class GitHubError extends Error {
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}

type Args = Record<string, any>;
type Resolver = (source: any, args: Args, context: ResolverContext, info: GraphQLResolveInfo) => unknown;

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function findRepository(data: GitHubData, owner: string, name: string): GitHubRepository | undefined {
  const org = data.organizations.find((o) => sameName(o.login, owner));
  return org?.repositories.find((r) => sameName(r.name, name));
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ordered<T>(items: T[], orderBy: { field: string; direction: 'ASC' | 'DESC' } | null | undefined, keys: Record<string, (item: T) => string | number>): T[] {
  if (!orderBy) return items;
  const key = keys[orderBy.field];
  if (!key) return items;
  const sign = orderBy.direction === 'DESC' ? -1 : 1;
  return [...items].sort((a, b) => sign * compare(key(a), key(b)));
}

function ref(repo: GitHubRepository, name: string): object {
  return {
    __typename: 'Ref',
    id: `REF_${Buffer.from(`${repo.databaseId}:refs/heads/${name}`).toString('base64url')}`,
    name,
    prefix: 'refs/heads/',
    target: repo.commits[0] ?? null,
    repository: repo,
  };
}

function blob(repo: GitHubRepository, path: string, text: string): object {
  const oid = blobOid(text);
  return {
    __typename: 'Blob',
    id: nodeId('B', repo.databaseId, { hex: oid }),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    text,
    byteSize: Buffer.byteLength(text),
    isBinary: false,
    isTruncated: false,
    commitUrl: `${repo.url}/commit/${repo.commits[0]?.oid ?? ''}`,
    commitResourcePath: `${repo.resourcePath}/commit/${repo.commits[0]?.oid ?? ''}`,
    repository: repo,
    path,
  };
}

function tree(repo: GitHubRepository, dir: string): object | null {
  const prefix = dir === '' ? '' : `${dir}/`;
  const entries = new Map<string, { type: 'blob' | 'tree'; path: string }>();
  for (const path of Object.keys(repo.files).sort()) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const [name, ...more] = rest.split('/');
    if (!entries.has(name)) entries.set(name, { type: more.length ? 'tree' : 'blob', path: `${prefix}${name}` });
  }
  if (entries.size === 0) return null;
  const oid = createHash('sha1').update(`tree:${repo.nameWithOwner}:${dir}`).digest('hex');
  return {
    __typename: 'Tree',
    id: nodeId('T', repo.databaseId, { hex: oid }),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    repository: repo,
    entries: [...entries].map(([name, entry]) => {
      const object = entry.type === 'blob' ? (blob(repo, entry.path, repo.files[entry.path]) as { oid: string }) : (tree(repo, entry.path) as { oid: string });
      const dot = name.lastIndexOf('.');
      return {
        __typename: 'TreeEntry',
        name,
        path: entry.path,
        type: entry.type,
        mode: entry.type === 'blob' ? 33188 : 16384,
        oid: object.oid,
        object,
        extension: entry.type === 'blob' && dot > 0 ? name.slice(dot) : null,
        isGenerated: false,
        repository: repo,
      };
    }),
  };
}

/** `Repository.object(expression: "HEAD:port.yml")` and friends: only the default branch's head exists. */
function gitObject(repo: GitHubRepository, args: Args): object | null {
  const head = repo.commits[0];
  if (!head) return null;
  if (args.oid != null) {
    if (args.oid === head.oid) return head;
    const path = Object.keys(repo.files).find((p) => blobOid(repo.files[p]) === args.oid);
    return path === undefined ? null : blob(repo, path, repo.files[path]);
  }
  if (typeof args.expression !== 'string') return null;
  const colon = args.expression.indexOf(':');
  const rev = colon < 0 ? args.expression : args.expression.slice(0, colon);
  const revisions = ['HEAD', repo.defaultBranch, `refs/heads/${repo.defaultBranch}`, head.oid];
  if (!revisions.includes(rev) && !(rev.length >= 4 && head.oid.startsWith(rev))) return null;
  if (colon < 0) return head;
  const path = args.expression.slice(colon + 1).replace(/^\/+|\/+$/g, '');
  if (path in repo.files) return blob(repo, path, repo.files[path]);
  return tree(repo, path);
}

function statusCheckRollup(commit: GitHubCommit): object | null {
  if (commit.checkSuites.length === 0) return null;
  const failed = ['FAILURE', 'TIMED_OUT', 'CANCELLED', 'STARTUP_FAILURE', 'ACTION_REQUIRED'];
  const state = commit.checkSuites.some((s) => s.conclusion !== null && failed.includes(s.conclusion))
    ? 'FAILURE'
    : commit.checkSuites.some((s) => s.status !== 'COMPLETED')
      ? 'PENDING'
      : 'SUCCESS';
  return { __typename: 'StatusCheckRollup', id: `SCR_${commit.id.slice(2)}`, state, commit };
}

function buildNodeIndex(data: GitHubData): Map<string, object> {
  const index = new Map<string, object>();
  const add = (object: { id: string } | null | undefined): void => {
    if (object) index.set(object.id, object);
  };
  add(data.viewer);
  for (const org of data.organizations) {
    add(org);
    for (const repo of org.repositories) {
      add(repo);
      add(repo.primaryLanguage);
      for (const pr of repo.pullRequests) {
        add(pr);
        add(pr.author);
      }
      for (const commit of repo.commits) {
        add(commit);
        for (const suite of commit.checkSuites) {
          add(suite);
          add(suite.workflowRun);
          add(suite.workflowRun?.workflow);
        }
      }
    }
  }
  return index;
}

function lookupNode(context: ResolverContext, id: string): object | Error {
  context.nodeIndex ??= buildNodeIndex(context.data);
  return context.nodeIndex.get(id) ?? new GitHubError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
}

function users(data: GitHubData): GitHubActor[] {
  const all = new Map<string, GitHubActor>([[data.viewer.login, data.viewer]]);
  for (const org of data.organizations) {
    for (const repo of org.repositories) for (const pr of repo.pullRequests) if (pr.author.__typename === 'User') all.set(pr.author.login, pr.author);
  }
  return [...all.values()];
}

const REPOSITORY_ORDER: Record<string, (r: GitHubRepository) => string | number> = {
  CREATED_AT: (r) => r.createdAt,
  UPDATED_AT: (r) => r.updatedAt,
  PUSHED_AT: (r) => r.pushedAt,
  NAME: (r) => r.name.toLowerCase(),
  STARGAZERS: (r) => r.stargazerCount,
};

const PULL_REQUEST_ORDER: Record<string, (p: GitHubPullRequest) => string | number> = {
  CREATED_AT: (p) => p.createdAt,
  UPDATED_AT: (p) => p.updatedAt,
  COMMENTS: () => 0,
};

function organizationRepositories(org: GitHubOrganization, args: Args): GitHubRepository[] {
  const repositories = org.repositories.filter(
    (r) =>
      (args.privacy == null || (args.privacy === 'PRIVATE') === r.isPrivate) &&
      (args.visibility == null || args.visibility === r.visibility) &&
      (args.isArchived == null || args.isArchived === r.isArchived) &&
      (args.isFork == null || args.isFork === r.isFork) &&
      (args.isLocked == null || args.isLocked === r.isLocked),
  );
  return ordered(repositories, args.orderBy, REPOSITORY_ORDER);
}

const RESOLVERS: Record<string, Record<string, Resolver>> = {
  Query: {
    organization: (_, { login }, { data }) =>
      data.organizations.find((o) => sameName(o.login, login)) ?? new GitHubError('NOT_FOUND', `Could not resolve to an Organization with the login of '${login}'.`),
    repositoryOwner: (_, { login }, { data }) => data.organizations.find((o) => sameName(o.login, login)) ?? users(data).find((u) => sameName(u.login, login)) ?? null,
    user: (_, { login }, { data }) => users(data).find((u) => sameName(u.login, login)) ?? new GitHubError('NOT_FOUND', `Could not resolve to a User with the login of '${login}'.`),
    repository: (_, { owner, name }, { data }) => findRepository(data, owner, name) ?? new GitHubError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`),
    node: (_, { id }, context) => lookupNode(context, id),
    nodes: (_, { ids }, context) => (ids as string[]).map((id) => lookupNode(context, id)),
    viewer: (_, __, { data }) => data.viewer,
    rateLimit: (_, __, { rateLimit }) => rateLimit,
  },
  Organization: {
    repositories: (org: GitHubOrganization, args) => organizationRepositories(org, args),
    repository: (org: GitHubOrganization, { name }) =>
      org.repositories.find((r) => sameName(r.name, name)) ?? new GitHubError('NOT_FOUND', `Could not resolve to a Repository with the name '${org.login}/${name}'.`),
  },
  Repository: {
    repositoryTopics: (repo: GitHubRepository) =>
      repo.topics.map((name) => ({
        __typename: 'RepositoryTopic',
        id: `RT_${Buffer.from(`${repo.databaseId}:${name}`).toString('base64url')}`,
        url: `https://github.com/topics/${name}`,
        resourcePath: `/topics/${name}`,
        topic: { __typename: 'Topic', id: `TO_${Buffer.from(name).toString('base64url')}`, name },
      })),
    defaultBranchRef: (repo: GitHubRepository) => (repo.commits.length ? ref(repo, repo.defaultBranch) : null),
    ref: (repo: GitHubRepository, { qualifiedName }) =>
      qualifiedName === repo.defaultBranch || qualifiedName === `refs/heads/${repo.defaultBranch}` ? ref(repo, repo.defaultBranch) : null,
    pullRequests: (repo: GitHubRepository, args) =>
      ordered(
        repo.pullRequests.filter(
          (pr) =>
            (args.states == null || (args.states as string[]).includes(pr.state)) &&
            (args.headRefName == null || args.headRefName === pr.headRefName) &&
            (args.baseRefName == null || args.baseRefName === pr.baseRefName) &&
            (args.labels == null || (args.labels as string[]).length === 0),
        ),
        args.orderBy,
        PULL_REQUEST_ORDER,
      ),
    pullRequest: (repo: GitHubRepository, { number }) =>
      repo.pullRequests.find((pr) => pr.number === number) ?? new GitHubError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${number}.`),
    object: (repo: GitHubRepository, args) => gitObject(repo, args),
    languages: (repo: GitHubRepository) => (repo.primaryLanguage ? [repo.primaryLanguage] : []),
    isInOrganization: () => true,
  },
  Commit: {
    statusCheckRollup: (commit: GitHubCommit) => statusCheckRollup(commit),
    history: (commit: GitHubCommit) => commit.repository?.commits.slice(commit.repository.commits.indexOf(commit)) ?? [commit],
    checkSuites: (commit: GitHubCommit, args) => commit.checkSuites.filter((s) => args.filterBy?.appId == null || args.filterBy.appId === s.app.databaseId),
  },
  CheckSuite: {
    branch: (suite: GitHubCheckSuite) => (suite.repository ? ref(suite.repository, suite.repository.defaultBranch) : null),
  },
  PullRequest: {
    baseRepository: (pr: GitHubPullRequest) => pr.repository ?? null,
    headRepository: (pr: GitHubPullRequest) => pr.repository ?? null,
    headRepositoryOwner: (pr: GitHubPullRequest) => pr.repository?.owner ?? null,
  },
};

/** A value of this type for a non-null field nobody seeded: the simulator never fails on a missing field. */
export function zeroValue(type: GraphQLOutputType, schema: GraphQLSchema): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [];
  if (isEnumType(nullable)) return nullable.getValues()[0]?.value ?? null;
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'Boolean':
        return false;
      case 'Int':
      case 'Float':
        return 0;
      case 'DateTime':
        return '1970-01-01T00:00:00Z';
      case 'URI':
        return 'https://github.com/';
      case 'GitObjectID':
        return '0'.repeat(40);
      default:
        return '';
    }
  }
  if (isAbstractType(nullable)) return { __typename: schema.getPossibleTypes(nullable)[0]?.name };
  if (isObjectType(nullable)) return { __typename: nullable.name };
  return null;
}

const encodeCursor = (position: number): string => Buffer.from(`cursor:${position}`).toString('base64');

function decodeCursor(cursor: string): number {
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match || encodeCursor(Number(match[1])) !== cursor) throw new GitHubError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]);
}

/** One page of `items` as a connection object of the field's type, with GitHub's pagination rules. */
export function paginate(items: readonly unknown[], args: Args, info: GraphQLResolveInfo): object {
  const selectsNodes = info.fieldNodes.some((node) => selectsConnectionNodes(node.selectionSet, info.fragments));
  const problem = paginationProblem(info.fieldName, args.first, args.last, selectsNodes);
  if (problem) throw new GitHubError(problem.type, problem.message);
  let start = 0;
  let end = items.length;
  if (args.after != null) start = Math.min(items.length, decodeCursor(args.after));
  if (args.before != null) end = Math.max(0, Math.min(end, decodeCursor(args.before) - 1));
  if (end < start) end = start;
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const connectionType = getNamedType(info.returnType);
  const edgesField = isObjectType(connectionType) ? connectionType.getFields().edges : undefined;
  const edgeTypeName = edgesField ? getNamedType(edgesField.type).name : undefined;
  const page = items.slice(start, end);
  const edges = page.map((node, i) => ({ __typename: edgeTypeName, cursor: encodeCursor(start + i + 1), node }));
  return {
    __typename: connectionType.name,
    totalCount: items.length,
    nodes: page,
    edges,
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The simulator's field resolver for every field of GitHub's schema. */
export function createFieldResolver(schema: GraphQLSchema): GraphQLFieldResolver<unknown, ResolverContext> {
  const queryType = schema.getQueryType();
  const mutationType = schema.getMutationType();
  return (source, args, context, info) => {
    if (info.parentType === mutationType) {
      throw new GitHubError('UNPROCESSABLE', `The GitHub simulator does not implement mutations (\`${info.fieldName}\`).`);
    }
    if (context.dryRun && info.parentType === queryType && info.fieldName !== 'rateLimit') {
      return isNonNullType(info.returnType) ? zeroValue(info.returnType, schema) : null;
    }
    const resolver = RESOLVERS[info.parentType.name]?.[info.fieldName];
    const value = resolver ? resolver(source, args, context, info) : (source as Record<string, unknown> | null)?.[info.fieldName];
    if (value instanceof Error) throw value;
    if (isConnectionType(getNamedType(info.returnType))) {
      if (value && typeof value === 'object' && !Array.isArray(value) && 'pageInfo' in value) return value;
      return paginate(Array.isArray(value) ? value : [], args, info);
    }
    if (value === undefined || value === null) return isNonNullType(info.returnType) ? zeroValue(info.returnType, schema) : null;
    return value;
  };
}
