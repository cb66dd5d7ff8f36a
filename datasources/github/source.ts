/**
 * The GitHub source: an organisation's repositories, their open pull requests, the latest
 * workflow run of their default branch, and catalog manifests read from them (GitOps), mapped
 * to entities by the `resources` of its lattice.yaml entry (kinds: repository, pullRequest, file).
 *
 * One snapshot per organisation, read through the shared cache: a cold read pages through the
 * repositories 100 at a time (250 repositories: 3 requests), every read within the ttl costs
 * nothing, and concurrent cold reads share one fetch. Webhooks invalidate the snapshot.
 *
 * Entries in Port's `port-app-config` shape use Port's kinds (`repository`, `pull-request`,
 * `workflow-run`, `workflow`, `team`, `user`) and see the objects Ocean's GitHub integration gives
 * (ocean.ts): the repositories query then reads their extra fields and the files they include, in
 * the same requests; `team` and `user` cost one more query each (100 a page), only when asked for.
 */
import type { Logger } from 'pino';
import type { SharedCache } from '../../src/data/SharedCache.ts';
import type { CircuitBreakerConfig } from '../../src/data/circuit.ts';
import type { SourceConfig } from '../../src/config/types.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import { compileMapping, fillsOf, mapOrSkip } from '../../src/data/mapping.ts';
import { createCircuit } from '../../src/data/circuit.ts';
import type { Source, SourceSnapshot } from '../../src/data/Source.ts';
import { createGitHubClient, type GitHubClient } from './client.ts';
import { objectsByKind, type RawRepository } from './mapping.ts';
import { parseGitHubOptions, type GitHubOptions } from './options.ts';
import { OCEAN_REPOSITORY_KINDS, oceanObjects, oceanTeams, oceanUsers, type RawMember, type RawTeam } from './ocean.ts';
import { MAX_FILES, MAX_MANIFESTS, MEMBERS_QUERY, PAGE_SIZE, repositoriesQuery, TEAMS_QUERY } from './queries.ts';
import { parseSelector } from './selectors.ts';

interface Snapshot {
  readonly entities: readonly EntityInput[];
  /** Repository coordinates by `blueprint\0identifier` of the entities mapped from repositories. */
  readonly repositories: Readonly<Record<string, { owner: string; name: string; id: string }>>;
}

export interface GitHubSource extends Source {
  readonly options: GitHubOptions;
  readonly client: GitHubClient;
  /** Blueprints that entities are mapped to from repositories (they get the join field). */
  readonly repositoryBlueprints: readonly string[];
  /** The repository an entity was mapped from (for the stitched `githubRepository` field). */
  repositoryOf(blueprint: string, identifier: string): Promise<{ owner: string; name: string; id: string } | undefined>;
}

export function createGitHubSource(config: SourceConfig, deps: { cache: SharedCache; log: Logger; circuitBreaker?: CircuitBreakerConfig }): GitHubSource {
  const options = parseGitHubOptions(config.options, config.pointer);
  if (options.manifestPaths.length > MAX_MANIFESTS) {
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `github source: at most ${MAX_MANIFESTS} manifestPaths`, { location: { pointer: `${config.pointer}/options/manifestPaths` } });
  }
  const client = createGitHubClient(config.name, options, deps.circuitBreaker && createCircuit(config.name, deps.circuitBreaker));
  const origin = `source:${config.name}`;
  const warn = (fields: Record<string, unknown>, message: string) => deps.log.warn({ source: config.name, ...fields }, message);
  const entries = config.resources.map((r, i) => {
    const mapping = compileMapping(r, origin, `${config.pointer}/resources/${i}`);
    return { mapping, selector: parseSelector(mapping) };
  });
  const mappings = entries.map((e) => e.mapping);
  const { dynamic, fills } = fillsOf(mappings);
  // Files read at HEAD: the manifests first (the `file` kind reads those), then what Port's entries include.
  const files = [...new Set([...options.manifestPaths, ...entries.flatMap((e) => (e.mapping.port && e.mapping.kind === 'repository' ? [...e.selector.includedFiles, ...e.mapping.files] : []))])];
  if (files.length > MAX_FILES) {
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `github source: at most ${MAX_FILES} files per repository in all (manifestPaths, includedFiles, file:// values); got ${files.join(', ')}`, { location: { pointer: `${config.pointer}/resources` } });
  }
  const rest = mappings.some((m) => m.port && (OCEAN_REPOSITORY_KINDS as readonly string[]).includes(m.kind));
  const readsTeams = mappings.some((m) => m.port && m.kind === 'team');
  const readsUsers = mappings.some((m) => m.port && m.kind === 'user');
  const policy = { ttlMs: (config.ttlSeconds ?? 300) * 1000, maxStaleMs: (config.maxStaleSeconds ?? 86_400) * 1000 };
  const keyPrefix = `github:${config.name}:`;
  const key = `${keyPrefix}${options.org}:snapshot`;

  async function fetchRepositories(): Promise<RawRepository[]> {
    const query = repositoriesQuery(files.length, rest);
    const manifestVars = Object.fromEntries(files.map((p, i) => [`manifest${i}`, `HEAD:${p}`]));
    const out: RawRepository[] = [];
    let after: string | null = null;
    for (;;) {
      type Page = { organization: { repositories: { nodes: RawRepository[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null };
      const page: Page = await client.query<Page>(query, { org: options.org, first: PAGE_SIZE, after, ...manifestVars });
      if (!page.organization) throw new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `GitHub (source "${config.name}"): organisation "${options.org}" not found`, { details: { source: config.name } });
      out.push(...page.organization.repositories.nodes);
      if (!page.organization.repositories.pageInfo.hasNextPage) return out;
      after = page.organization.repositories.pageInfo.endCursor;
    }
  }

  /** Every page of an organisation connection (teams, members). */
  async function fetchAll<T>(query: string, field: 'teams' | 'membersWithRole'): Promise<T[]> {
    const out: T[] = [];
    let after: string | null = null;
    for (;;) {
      type Page = { organization: Record<string, { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> | null };
      const page: Page = await client.query<Page>(query, { org: options.org, first: PAGE_SIZE, after });
      const connection = page.organization?.[field];
      if (!connection) throw new LatticeError(ErrorCodes.UPSTREAM_UNAVAILABLE, `GitHub (source "${config.name}"): organisation "${options.org}" not found`, { details: { source: config.name } });
      out.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) return out;
      after = connection.pageInfo.endCursor;
    }
  }

  async function fetchSnapshot(): Promise<Snapshot> {
    const [repos, teams, users] = await Promise.all([
      fetchRepositories(),
      readsTeams ? fetchAll<RawTeam>(TEAMS_QUERY, 'teams') : [],
      readsUsers ? fetchAll<RawMember>(MEMBERS_QUERY, 'membersWithRole') : [],
    ]);
    const objects = objectsByKind(repos, options.manifestPaths);
    for (const p of objects.problems) deps.log.warn({ source: config.name }, `manifest skipped: ${p}`);
    const ocean = { ...(rest ? oceanObjects(repos, files, options.url) : { repository: [], 'pull-request': [], 'workflow-run': [], workflow: [] }), team: oceanTeams(teams, options.org, options.url), user: oceanUsers(users) };
    const entities: EntityInput[] = [];
    const repositories: Record<string, { owner: string; name: string; id: string }> = {};
    for (const m of mappings) {
      const list: readonly Record<string, unknown>[] = m.port ? ocean[m.kind as keyof typeof ocean] : objects[m.kind as 'repository' | 'pullRequest' | 'file'];
      for (let i = 0; i < list.length; i++) {
        const mapped = await mapOrSkip(m, list[i], undefined, warn, objectName(list[i]));
        entities.push(...mapped);
        if (m.kind !== 'repository') continue;
        // Lattice's and Port's repository objects come in the same order, one per repository.
        const [owner, name] = repos[i].nameWithOwner.split('/');
        for (const entity of mapped) repositories[`${entity.blueprint}\0${entity.identifier}`] = { owner, name, id: repos[i].id };
      }
    }
    return { entities, repositories };
  }

  /** How a skipped object is named in the warning: a repository's or pull request's own name. */
  function objectName(object: Record<string, unknown>): string {
    const name = object.nameWithOwner ?? object.full_name ?? object.url ?? object.html_url ?? object.name ?? object.id;
    return typeof name === 'string' || typeof name === 'number' ? String(name) : '(unnamed)';
  }

  const read = () => deps.cache.read(key, policy, fetchSnapshot);

  return {
    name: config.name,
    options,
    client,
    repositoryBlueprints: [...new Set(mappings.filter((m) => m.kind === 'repository').flatMap((m) => m.targets.flatMap((t) => (t.blueprint ? [t.blueprint] : []))))],
    feeds: (blueprint) => dynamic || fills.has(blueprint),
    fills: (blueprint) => fills.get(blueprint) ?? new Set(),
    async snapshot(): Promise<SourceSnapshot> {
      const r = await read();
      return { entities: r.value.entities, fetchedAt: r.fetchedAt, stale: r.stale };
    },
    async repositoryOf(blueprint, identifier) {
      return (await read()).value.repositories[`${blueprint}\0${identifier}`];
    },
    async invalidate(prefix = '') {
      await deps.cache.invalidate(`${keyPrefix}${prefix}`);
    },
  };
}
