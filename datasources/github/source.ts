/**
 * The GitHub source: an organisation's repositories, their open pull requests, the latest
 * workflow run of their default branch, and catalog manifests read from them (GitOps), mapped
 * to entities by the `resources` of its lattice.yaml entry (kinds: repository, pullRequest, file).
 *
 * One snapshot per organisation, read through the shared cache: a cold read pages through the
 * repositories 100 at a time (250 repositories: 3 requests), every read within the ttl costs
 * nothing, and concurrent cold reads share one fetch. Webhooks invalidate the snapshot.
 */
import type { Logger } from 'pino';
import type { SharedCache } from '../../src/data/SharedCache.ts';
import type { CircuitBreakerConfig } from '../../src/data/circuit.ts';
import type { SourceConfig } from '../../src/config/types.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import { compileMapping } from '../../src/data/mapping.ts';
import { createCircuit } from '../../src/data/circuit.ts';
import type { Source, SourceSnapshot } from '../../src/data/Source.ts';
import { createGitHubClient, type GitHubClient } from './client.ts';
import { objectsByKind, type RawRepository } from './mapping.ts';
import { parseGitHubOptions, type GitHubOptions } from './options.ts';
import { MAX_MANIFESTS, PAGE_SIZE, repositoriesQuery } from './queries.ts';

export const KINDS = ['repository', 'pullRequest', 'file'] as const;

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
  const mappings = config.resources.map((r, i) => {
    const pointer = `${config.pointer}/resources/${i}`;
    if (!(KINDS as readonly string[]).includes(r.kind)) {
      throw new LatticeError(ErrorCodes.INVALID_CONFIG, `github source: unknown resource kind "${r.kind}"; expected one of ${KINDS.join(', ')}`, { location: { pointer: `${pointer}/kind` } });
    }
    return compileMapping(r, origin, pointer);
  });
  const dynamic = mappings.some((m) => m.blueprint === undefined);
  const fills = new Map<string, Set<string>>();
  for (const m of mappings) if (m.blueprint) fills.set(m.blueprint, new Set([...(fills.get(m.blueprint) ?? []), ...m.properties]));
  const policy = { ttlMs: (config.ttlSeconds ?? 300) * 1000, maxStaleMs: (config.maxStaleSeconds ?? 86_400) * 1000 };
  const keyPrefix = `github:${config.name}:`;
  const key = `${keyPrefix}${options.org}:snapshot`;

  async function fetchRepositories(): Promise<RawRepository[]> {
    const query = repositoriesQuery(options.manifestPaths.length);
    const manifestVars = Object.fromEntries(options.manifestPaths.map((p, i) => [`manifest${i}`, `HEAD:${p}`]));
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

  async function fetchSnapshot(): Promise<Snapshot> {
    const repos = await fetchRepositories();
    const objects = objectsByKind(repos, options.manifestPaths);
    for (const p of objects.problems) deps.log.warn({ source: config.name }, `manifest skipped: ${p}`);
    const entities: EntityInput[] = [];
    const repositories: Record<string, { owner: string; name: string; id: string }> = {};
    for (const m of mappings) {
      for (const object of objects[m.kind as (typeof KINDS)[number]]) {
        const entity = await m.map(object);
        if (!entity) continue;
        entities.push(entity);
        if (m.kind === 'repository') {
          const [owner, name] = String(object.nameWithOwner).split('/');
          repositories[`${entity.blueprint}\0${entity.identifier}`] = { owner, name, id: String(object.id) };
        }
      }
    }
    return { entities, repositories };
  }

  const read = () => deps.cache.read(key, policy, fetchSnapshot);

  return {
    name: config.name,
    options,
    client,
    repositoryBlueprints: [...new Set(mappings.filter((m) => m.kind === 'repository' && m.blueprint).map((m) => m.blueprint as string))],
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
