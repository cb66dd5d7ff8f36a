/**
 * GitHub objects → the plain objects mappings run on, one shape per resource kind:
 *
 *   repository   the repository, with `topics` (names), `pullRequests` (open), `openPullRequests`
 *                (count), `latestRun` (latest check suite of the default branch, with its workflow
 *                run), `defaultBranch`, `language`
 *   pullRequest  each open pull request, with `repository` { name, nameWithOwner, url }
 *   file         each entity of a manifest file (port.yml, catalog-info.yaml: Port's entity
 *                format, one entity, a list, or grouped by blueprint), with `repository` and `path`
 *
 * Pure: no I/O. Manifest parse errors are returned, to be logged, not thrown.
 */
import { parse as parseYaml } from 'yaml';

export interface RawRepository {
  id: string;
  name: string;
  nameWithOwner: string;
  url: string;
  description: string | null;
  visibility: string;
  isArchived: boolean;
  pushedAt: string | null;
  updatedAt: string;
  primaryLanguage: { name: string } | null;
  repositoryTopics: { nodes: { topic: { name: string } }[] };
  defaultBranchRef: {
    name: string;
    target: { oid?: string; checkSuites?: { nodes: { status: string; conclusion: string | null; updatedAt: string; workflowRun: { runNumber: number; url: string; event: string; createdAt: string; workflow: { name: string } } | null }[] } } | null;
  } | null;
  pullRequests: { totalCount: number; nodes: { id: string; number: number; title: string; url: string; isDraft: boolean; createdAt: string; author: { login: string } | null }[] };
  [manifest: `manifest${number}`]: { text: string | null } | null;
}

export interface KindObjects {
  readonly repository: Record<string, unknown>[];
  readonly pullRequest: Record<string, unknown>[];
  readonly file: Record<string, unknown>[];
  readonly problems: string[];
}

export function objectsByKind(repositories: readonly RawRepository[], manifestPaths: readonly string[]): KindObjects {
  const out: KindObjects = { repository: [], pullRequest: [], file: [], problems: [] };
  for (const r of repositories) {
    const suite = r.defaultBranchRef?.target?.checkSuites?.nodes?.at(-1) ?? null;
    const repoRef = { name: r.name, nameWithOwner: r.nameWithOwner, url: r.url };
    out.repository.push({
      ...withoutManifests(r),
      topics: r.repositoryTopics.nodes.map((n) => n.topic.name),
      language: r.primaryLanguage?.name ?? null,
      defaultBranch: r.defaultBranchRef?.name ?? null,
      openPullRequests: r.pullRequests.totalCount,
      pullRequests: r.pullRequests.nodes,
      latestRun: suite && { status: suite.status, conclusion: suite.conclusion, updatedAt: suite.updatedAt, ...(suite.workflowRun ?? {}), workflow: suite.workflowRun?.workflow.name ?? null },
    });
    for (const pr of r.pullRequests.nodes) out.pullRequest.push({ ...pr, author: pr.author?.login ?? null, repository: repoRef });
    manifestPaths.forEach((path, i) => {
      const text = r[`manifest${i}`]?.text;
      if (!text) return;
      try {
        for (const entity of manifestEntities(parseYaml(text))) out.file.push({ ...entity, repository: repoRef, path });
      } catch (err) {
        out.problems.push(`${r.nameWithOwner}:${path}: ${(err as Error).message.split('\n')[0]}`);
      }
    });
  }
  return out;
}

function withoutManifests(r: RawRepository): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('manifest')));
}

/** Port's entity file shapes: one entity, a list of them, or grouped by blueprint. */
function manifestEntities(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isObject);
  if (!isObject(value)) return [];
  if ('identifier' in value) return [value];
  return Object.entries(value).flatMap(([blueprint, list]) => (Array.isArray(list) ? list.filter(isObject).map((e) => ({ blueprint, ...e })) : []));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
