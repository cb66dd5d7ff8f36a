/**
 * GitHub objects → the objects Port's Ocean GitHub integration gives its mappings, one shape per
 * Port kind, for the `resources` entries written in Port's shape. Ocean reads GitHub's REST API;
 * Lattice reads the same facts through one GraphQL query (queries.ts, `rest: true`) and names
 * them as REST does, for the fields Port's default mappings and documented examples use:
 *
 *   repository    id (numeric), node_id, name, full_name, private, owner.login, html_url, url (API),
 *                 description, fork, homepage, language, visibility (lower case), archived,
 *                 default_branch, topics, created_at, updated_at, pushed_at, stargazers_count,
 *                 forks_count, __includedFiles (path → text, `includedFiles` / `file://`)
 *   pull-request  id, node_id, number, title, state (open / closed), draft, html_url, url, user.login,
 *                 assignees[].login, requested_reviewers[].login, labels[].name, created_at,
 *                 updated_at, closed_at, merged_at, head { ref, repo.name }, base { ref, repo.name },
 *                 additions, deletions, changed_files, __repository (the repository's name)
 *   workflow-run  the latest run of the default branch: id (from its URL), name, display_title, run_number, event,
 *                 status, conclusion (lower case), workflow_id, html_url, created_at, updated_at,
 *                 run_started_at, head_branch, repository { name, full_name, html_url }, __repository
 *   workflow      the workflow of that run: id, node_id, name, path, state, html_url, url,
 *                 created_at, updated_at, __repository
 *   team          id (numeric), node_id, name, slug, description, privacy, notification_setting,
 *                 permission, url (API), html_url, members.nodes[] { login, name }
 *   user          login, name, email (null when not public)
 *
 * What GraphQL does not say is absent (null in jq), e.g. a repository's `open_issues_count`.
 * Pure: no I/O.
 */
import type { RawRepository } from './mapping.ts';

/** The fields `repositoriesQuery(n, true)` adds (queries.ts). */
export interface RestFields {
  databaseId: number;
  isPrivate: boolean;
  isFork: boolean;
  homepageUrl: string | null;
  createdAt: string;
  stargazerCount: number;
  forkCount: number;
  owner: { login: string };
}

export interface RawPullRequestRest {
  databaseId: number;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  headRefName: string;
  baseRefName: string;
  additions: number;
  deletions: number;
  changedFiles: number;
  headRepository: { name: string } | null;
  assignees: { nodes: { login: string }[] };
  reviewRequests: { nodes: { requestedReviewer: { login?: string } | null }[] };
  labels: { nodes: { name: string }[] } | null;
}

export interface RawWorkflow {
  name: string;
  databaseId: number;
  state: string;
  url: string;
  resourcePath: string;
  createdAt: string;
  updatedAt: string;
}

export interface RawTeam {
  id: string;
  databaseId: number;
  name: string;
  slug: string;
  description: string | null;
  privacy: string;
  notificationSetting: string | null;
  url: string;
  members: { nodes: { login: string; name: string | null }[] };
}

export interface RawMember {
  login: string;
  name: string | null;
  email: string | null;
}

export interface OceanObjects {
  readonly repository: Record<string, unknown>[];
  readonly 'pull-request': Record<string, unknown>[];
  readonly 'workflow-run': Record<string, unknown>[];
  readonly workflow: Record<string, unknown>[];
}

export const OCEAN_REPOSITORY_KINDS = ['repository', 'pull-request', 'workflow-run', 'workflow'] as const;

const lower = (v: string | null | undefined): string | null => (v ? v.toLowerCase() : null);

/**
 * The repository kinds' objects. `files` are the paths read at HEAD, in alias order
 * (`manifest0`…); `apiUrl` is the REST API's root (https://api.github.com).
 */
export function oceanObjects(repositories: readonly (RawRepository & Partial<RestFields>)[], files: readonly string[], apiUrl: string): OceanObjects {
  const out: OceanObjects = { repository: [], 'pull-request': [], 'workflow-run': [], workflow: [] };
  for (const r of repositories) {
    const api = `${apiUrl}/repos/${r.nameWithOwner}`;
    const defaultBranch = r.defaultBranchRef?.name ?? null;
    const includedFiles = Object.fromEntries(files.flatMap((path, i) => {
      const text = r[`manifest${i}`]?.text;
      return typeof text === 'string' ? [[path, text]] : [];
    }));
    const repository = {
      id: r.databaseId ?? null,
      node_id: r.id,
      name: r.name,
      full_name: r.nameWithOwner,
      private: r.isPrivate ?? r.visibility !== 'PUBLIC',
      owner: { login: r.owner?.login ?? r.nameWithOwner.split('/')[0] },
      html_url: r.url,
      url: api,
      description: r.description,
      fork: r.isFork ?? false,
      homepage: r.homepageUrl ?? null,
      language: r.primaryLanguage?.name ?? null,
      visibility: lower(r.visibility),
      archived: r.isArchived,
      default_branch: defaultBranch,
      topics: r.repositoryTopics.nodes.map((n) => n.topic.name),
      created_at: r.createdAt ?? null,
      updated_at: r.updatedAt,
      pushed_at: r.pushedAt,
      stargazers_count: r.stargazerCount ?? null,
      forks_count: r.forkCount ?? null,
      __includedFiles: includedFiles,
    };
    out.repository.push(repository);
    const repoRef = { name: r.name, full_name: r.nameWithOwner, html_url: r.url };
    for (const pr of r.pullRequests.nodes as (RawRepository['pullRequests']['nodes'][number] & Partial<RawPullRequestRest>)[]) {
      out['pull-request'].push({
        id: pr.databaseId ?? null,
        node_id: pr.id,
        number: pr.number,
        title: pr.title,
        state: pr.state === 'OPEN' || pr.state === undefined ? 'open' : 'closed',
        draft: pr.isDraft,
        html_url: pr.url,
        url: `${api}/pulls/${pr.number}`,
        user: pr.author ? { login: pr.author.login } : null,
        assignees: (pr.assignees?.nodes ?? []).map((a) => ({ login: a.login })),
        requested_reviewers: (pr.reviewRequests?.nodes ?? []).flatMap((n) => (n.requestedReviewer?.login ? [{ login: n.requestedReviewer.login }] : [])),
        labels: (pr.labels?.nodes ?? []).map((l) => ({ name: l.name })),
        created_at: pr.createdAt,
        updated_at: pr.updatedAt ?? null,
        closed_at: pr.closedAt ?? null,
        merged_at: pr.mergedAt ?? null,
        head: { ref: pr.headRefName ?? null, repo: pr.headRepository ? { name: pr.headRepository.name } : null },
        base: { ref: pr.baseRefName ?? null, repo: { name: r.name, full_name: r.nameWithOwner } },
        additions: pr.additions ?? null,
        deletions: pr.deletions ?? null,
        changed_files: pr.changedFiles ?? null,
        __repository: r.name,
      });
    }
    const suite = r.defaultBranchRef?.target?.checkSuites?.nodes?.at(-1);
    const run = suite?.workflowRun as (NonNullable<typeof suite>['workflowRun'] & { updatedAt?: string; workflow: { name: string } & Partial<RawWorkflow> }) | null | undefined;
    if (!suite || !run) continue;
    const workflow = run.workflow;
    const path = workflow.resourcePath ? `.github/workflows/${workflow.resourcePath.split('/').pop()}` : null;
    // A run's databaseId is a GraphQL Int that run ids outgrew (past 2^31); REST's id is in its URL.
    const runId = /\/actions\/runs\/(\d+)/.exec(run.url)?.[1];
    out['workflow-run'].push({
      id: runId === undefined ? null : Number(runId),
      name: workflow.name,
      display_title: workflow.name,
      run_number: run.runNumber,
      event: run.event,
      status: lower(suite.status),
      conclusion: lower(suite.conclusion),
      workflow_id: workflow.databaseId ?? null,
      html_url: run.url,
      created_at: run.createdAt,
      updated_at: run.updatedAt ?? suite.updatedAt,
      run_started_at: run.createdAt,
      head_branch: defaultBranch,
      path,
      repository: repoRef,
      __repository: r.name,
    });
    if (workflow.databaseId !== undefined) {
      out.workflow.push({
        id: workflow.databaseId,
        name: workflow.name,
        path,
        state: lower(workflow.state),
        html_url: path && defaultBranch ? `${r.url}/blob/${defaultBranch}/${path}` : workflow.url,
        url: `${api}/actions/workflows/${workflow.databaseId}`,
        created_at: workflow.createdAt ?? null,
        updated_at: workflow.updatedAt ?? null,
        __repository: r.name,
      });
    }
  }
  return out;
}

/** Port's `team` objects: REST's names, with the members as Ocean's GraphQL read gives them (`members.nodes[].login`). */
export function oceanTeams(teams: readonly RawTeam[], org: string, apiUrl: string): Record<string, unknown>[] {
  return teams.map((t) => ({
    id: t.databaseId,
    node_id: t.id,
    name: t.name,
    slug: t.slug,
    description: t.description,
    // GraphQL's VISIBLE is REST's "closed".
    privacy: t.privacy === 'VISIBLE' ? 'closed' : lower(t.privacy),
    notification_setting: lower(t.notificationSetting),
    permission: 'pull',
    url: `${apiUrl}/orgs/${org}/teams/${t.slug}`,
    html_url: t.url,
    members: { nodes: t.members.nodes.map((m) => ({ login: m.login, name: m.name })) },
  }));
}

/** Port's `user` objects: `login`, `name`, `email` (GraphQL's empty string when the email is not public is null). */
export function oceanUsers(members: readonly RawMember[]): Record<string, unknown>[] {
  return members.map((m) => ({ login: m.login, name: m.name, email: m.email || null }));
}
