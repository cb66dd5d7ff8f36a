/**
 * GitHub benchmark: what live GitHub fields cost a query, against the same query over the catalog
 * alone and against a naive resolver that calls GitHub once per field.
 *
 * The GitHub simulator (test/simulators/github) runs in a worker thread (bench/githubSimulator.ts), so its CPU time does not
 * land on the event loop being measured, with 1,000 repositories (`extraRepositories`) and 50 ms
 * of latency on every answer. Lattice runs with examples/github/lattice.yaml pointed at it, over
 * HTTP (startLattice, port 0), and the query lists every component with its GitHub fields:
 *
 *   { components(first: 1000) { totalCount nodes { identifier type url language openPullRequests lastRunConclusion } } }
 *
 * Measured in one run:
 * - cold: the query with an empty cache (the first one after start, then after each signed
 *   `repository` webhook, which empties the cache): latency and GitHub requests per query;
 * - warm: the same query within the ttl (300 s): latency and GitHub requests (must be 0);
 * - catalog: the same query, same data, on a Lattice with no sources whose catalog holds the
 *   entities the GitHub-backed Lattice serves (asserted to answer identical `data`);
 * - naive: a plain graphql-js schema whose `url` and `language` fields each call GitHub's
 *   `repository(owner, name)` through @octokit/graphql (no batching, no cache), over the first
 *   BENCH_NAIVE_ITEMS repositories (default: as many as Lattice lists): requests and latency per query.
 *
 * Writes bench/results/github.json and bench/results/github.md.
 *
 *   npm run bench:github      (BENCH_TIME_MS: measured warm time per implementation, default 10,000;
 *                              BENCH_NAIVE_ITEMS: repositories the naive resolver lists)
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { graphql as octokitGraphql } from '@octokit/graphql';
import { sign } from '@octokit/webhooks-methods';
import { buildSchema, graphql, type GraphQLObjectType } from 'graphql';
import { pino } from 'pino';
import { loadConfig } from '../src/config/index.ts';
import type { Config } from '../src/config/types.ts';
import { startLattice, type Lattice } from '../src/server/app.ts';
import { startSimulatorWorker, type SimulatorHandle } from './githubSimulator.ts';
import { round } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const EXAMPLE = path.join(ROOT, 'examples/github/lattice.yaml');
/** The 4 repositories of the catalog's components plus generated ones. */
/** One page: connections refuse `first` above 1,000 since the operation limits (issue 9); BENCH_REPOSITORIES overrides. */
const REPOSITORIES = Number(process.env.BENCH_REPOSITORIES ?? 1_000);
const CATALOG_REPOSITORIES = 4;
const LATENCY_MS = 50;
const COLD_SAMPLES = 5;
const MEASURE_MS = Number(process.env.BENCH_TIME_MS ?? 10_000);
const ROUNDS = 6;
const WARMUP_MS = Math.max(300, Math.round(MEASURE_MS / 6));
const NAIVE_ITEMS = Number(process.env.BENCH_NAIVE_ITEMS ?? REPOSITORIES);
const NAIVE_SAMPLES = 3;
const SECRET = 'bench-webhook-secret';
const ORG = 'acme';

const QUERY = `{ components(first: ${REPOSITORIES}) { totalCount nodes { identifier type url language openPullRequests lastRunConclusion } } }`;

// ---------------------------------------------------------------------------------------------
// Lattice, over HTTP.

function githubConfig(sim: SimulatorHandle): Config {
  const config = loadConfig(
    { LATTICE_CONFIG: EXAMPLE, GITHUB_TOKEN: sim.token, GITHUB_URL: sim.url, GITHUB_WEBHOOK_SECRET: SECRET, GITHUB_ORG: ORG, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    ROOT,
  );
  // The bench measures the gateway, not its request budget.
  return { ...config, watch: false, rateLimits: { ...config.rateLimits, enabled: false } };
}

async function startGateway(config: Config): Promise<Lattice> {
  return startLattice(config, { log: pino({ level: 'silent' }), root: ROOT });
}

interface QueryResult {
  readonly ms: number;
  readonly body: { data?: unknown; errors?: unknown[] };
}

async function query(lattice: Lattice, source: string): Promise<QueryResult> {
  const t0 = performance.now();
  const res = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: source }) });
  const body = (await res.json()) as QueryResult['body'];
  const ms = performance.now() - t0;
  if (res.status !== 200 || body.errors) throw new Error(`query failed (${res.status}): ${JSON.stringify(body.errors).slice(0, 500)}`);
  return { ms, body };
}

/** A signed `repository` webhook for the org: empties the cached snapshot. */
async function invalidate(lattice: Lattice): Promise<void> {
  const body = JSON.stringify({ action: 'edited', repository: { name: 'CartService', owner: { login: ORG } }, organization: { login: ORG } });
  const res = await fetch(`${lattice.url}/webhooks/github`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'repository', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': await sign(SECRET, body) },
    body,
  });
  const answer = (await res.json()) as { invalidated?: string[] };
  assert.equal(res.status, 200, `webhook answered ${res.status}`);
  assert.deepEqual(answer.invalidated, ['github']);
}

/** A catalog folder with exactly what the GitHub-backed Lattice serves: seed.json's entities, Components as merged. */
function materializedCatalog(components: readonly { identifier: string; title: string | null; properties: Record<string, unknown>; relations: Record<string, unknown> }[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lattice-bench-github-'));
  const seed = JSON.parse(readFileSync(path.join(ROOT, 'catalog/seed.json'), 'utf8')) as Record<string, unknown[]>;
  seed.Component = components.map((c) => ({ identifier: c.identifier, title: c.title, properties: c.properties, relations: c.relations }));
  writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify(seed));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The naive resolver: one GitHub request per field per repository.

function naiveSchema(sim: SimulatorHandle, names: readonly string[]) {
  const github = octokitGraphql.defaults({ baseUrl: sim.url, headers: { authorization: `bearer ${sim.token}` } });
  const schema = buildSchema(`
    type Query { repositories(first: Int!): [Repository!]! }
    type Repository { name: String! url: String language: String }
  `);
  type Repo = { name: string };
  const repository = <T>(fields: string, name: string) =>
    github<{ repository: T | null }>(`query ($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`, { owner: ORG, name });
  const query = schema.getQueryType() as GraphQLObjectType;
  query.getFields().repositories.resolve = (_root, args: { first: number }) => names.slice(0, args.first).map((name) => ({ name }));
  const repo = schema.getType('Repository') as GraphQLObjectType;
  repo.getFields().url.resolve = async (r: Repo) => (await repository<{ url: string }>('url', r.name)).repository?.url ?? null;
  repo.getFields().language.resolve = async (r: Repo) => (await repository<{ primaryLanguage: { name: string } | null }>('primaryLanguage { name }', r.name)).repository?.primaryLanguage?.name ?? null;
  return schema;
}

// ---------------------------------------------------------------------------------------------
// Statistics.

interface Stats {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}


function stats(latencies: readonly number[]): Stats {
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return {
    samples: sorted.length,
    p50Ms: round(at(50), 2),
    p99Ms: round(at(99), 2),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / sorted.length, 2),
    minMs: round(sorted[0], 2),
    maxMs: round(sorted[sorted.length - 1], 2),
  };
}

/** Runs the query on `lattice` sequentially for `ms`, appending latencies. */
async function runFor(lattice: Lattice, ms: number, latencies: number[]): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) latencies.push((await query(lattice, QUERY)).ms);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  // A high budget: the naive resolver alone spends 1 point per request (GitHub gives a user token 5,000 an hour).
  const sim = await startSimulatorWorker({ extraRepositories: REPOSITORIES - CATALOG_REPOSITORIES, latencyMs: LATENCY_MS, rateLimit: 10_000_000 });
  const closers: (() => Promise<void>)[] = [() => sim.close()];
  try {
    // Cold: an empty cache, first after start, then after each signed webhook.
    process.stdout.write(`github: ${REPOSITORIES} repositories, ${LATENCY_MS} ms GitHub latency\n  cold… `);
    const gateway = await startGateway(githubConfig(sim));
    closers.unshift(() => gateway.close());
    const cold: { ms: number; requests: number }[] = [];
    let answer: QueryResult['body'] | undefined;
    for (let i = 0; i < COLD_SAMPLES; i++) {
      if (i > 0) await invalidate(gateway);
      const before = await sim.requests();
      const r = await query(gateway, QUERY);
      cold.push({ ms: r.ms, requests: (await sim.requests()) - before });
      if (answer) assert.deepEqual(r.body.data, answer.data, 'cold answers differ');
      answer = r.body;
    }
    const data = answer?.data as { components: { totalCount: number; nodes: { identifier: string; url: string | null; language: string | null }[] } };
    assert.equal(data.components.totalCount, REPOSITORIES);
    assert.equal(data.components.nodes.length, REPOSITORIES);
    const withGitHub = data.components.nodes.filter((n) => n.url?.startsWith(`https://github.com/${ORG}/`)).length;
    assert.ok(withGitHub > REPOSITORIES * 0.8, `only ${withGitHub} components carry GitHub data`);
    console.log(cold.map((c) => `${Math.round(c.ms)} ms/${c.requests} req`).join(', '));

    // The catalog-only Lattice: the same entities, as catalog files, no sources.
    const materialized = await query(gateway, `{ components(first: ${REPOSITORIES}) { nodes { identifier title properties relations } } }`);
    const catalogDir = materializedCatalog((materialized.body.data as { components: { nodes: Parameters<typeof materializedCatalog>[0] } }).components.nodes);
    const catalogOnly = await startGateway({ ...githubConfig(sim), sources: [], catalogDir });
    closers.unshift(() => catalogOnly.close());
    assert.deepEqual((await query(catalogOnly, QUERY)).body.data, data, 'the catalog-only Lattice must answer what the GitHub-backed one does');

    // Warm: within the ttl, alternating rounds between the two.
    process.stdout.write('  warm… ');
    const warmBefore = await sim.requests();
    const warmup: number[] = [];
    await runFor(gateway, WARMUP_MS, warmup);
    await runFor(catalogOnly, WARMUP_MS, []);
    const warm: number[] = [];
    const catalog: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      await runFor(gateway, MEASURE_MS / ROUNDS, warm);
      await runFor(catalogOnly, MEASURE_MS / ROUNDS, catalog);
    }
    const warmRequests = (await sim.requests()) - warmBefore;
    const warmQueries = warmup.length + warm.length;
    const warmStats = stats(warm);
    const catalogStats = stats(catalog);
    console.log(`github ${warmStats.p50Ms} ms p50, catalog ${catalogStats.p50Ms} ms p50, ${warmRequests} GitHub requests in ${warmQueries} warm queries`);

    // Naive: one GitHub request per field per repository.
    process.stdout.write(`  naive (${NAIVE_ITEMS} repositories)… `);
    const names = data.components.nodes.map((n) => n.identifier);
    const naive = naiveSchema(sim, names);
    const naiveQuery = `{ repositories(first: ${NAIVE_ITEMS}) { name url language } }`;
    const naiveRuns: { ms: number; requests: number }[] = [];
    for (let i = 0; i < NAIVE_SAMPLES; i++) {
      const before = await sim.requests();
      const t0 = performance.now();
      const r = await graphql({ schema: naive, source: naiveQuery });
      const ms = performance.now() - t0;
      assert.equal(r.errors, undefined, `naive: ${JSON.stringify(r.errors?.slice(0, 2))}`);
      naiveRuns.push({ ms, requests: (await sim.requests()) - before });
      if (i === 0) {
        // Same values as Lattice's, wherever Lattice maps the repository (archived ones it skips).
        const lattice = new Map(data.components.nodes.map((n) => [n.identifier, n]));
        const rows = (r.data as { repositories: { name: string; url: string | null; language: string | null }[] }).repositories;
        assert.equal(rows.length, Math.min(NAIVE_ITEMS, names.length));
        const compared = rows.filter((row) => lattice.get(row.name)?.url);
        assert.ok(compared.length > rows.length * 0.8);
        for (const row of compared) assert.deepEqual({ url: row.url, language: row.language }, { url: lattice.get(row.name)?.url, language: lattice.get(row.name)?.language });
      }
    }
    console.log(naiveRuns.map((c) => `${Math.round(c.ms)} ms/${c.requests} req`).join(', '));

    // Report.
    const coldAfterStart = cold[0];
    const coldSteady = stats(cold.slice(1).map((c) => c.ms));
    const coldRequests = Math.max(...cold.map((c) => c.requests));
    const coldTarget = Math.ceil(REPOSITORIES / 100) + 2;
    const warmRatio = { p50: round(warmStats.p50Ms / catalogStats.p50Ms, 2), p99: round(warmStats.p99Ms / catalogStats.p99Ms, 2), mean: round(warmStats.meanMs / catalogStats.meanMs, 2) };
    const naiveStats = stats(naiveRuns.map((c) => c.ms));
    const naiveRequests = Math.max(...naiveRuns.map((c) => c.requests));
    const durationS = round((Date.now() - started) / 1000, 1);
    const environment = {
      date: new Date().toISOString(),
      node: process.version,
      v8: process.versions.v8,
      graphql: (await import('graphql')).version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      nodeEnv: process.env.NODE_ENV ?? null,
    };
    const command = 'npm run bench:github';
    const targets = {
      warmWithin: { ratio: 1.5, measuredP50: warmRatio.p50, met: warmRatio.p50 <= 1.5 },
      coldRequests: { max: coldTarget, measured: coldRequests, met: coldRequests <= coldTarget },
      warmRequests: { max: 0, measured: warmRequests, met: warmRequests === 0 },
    };
    const settings = { repositories: REPOSITORIES, gitHubLatencyMs: LATENCY_MS, ttlSeconds: 300, coldSamples: COLD_SAMPLES, warmMeasureMsPerImpl: MEASURE_MS, warmupMs: WARMUP_MS, rounds: ROUNDS, naiveItems: NAIVE_ITEMS, naiveSamples: NAIVE_SAMPLES, sequential: true };
    const out = {
      benchmark: 'github',
      query: QUERY,
      naiveQuery,
      command,
      environment,
      settings,
      durationSeconds: durationS,
      results: {
        cold: { firstAfterStartMs: round(coldAfterStart.ms, 2), afterWebhook: coldSteady, gitHubRequestsPerQuery: cold.map((c) => c.requests), samplesMs: cold.map((c) => round(c.ms, 2)) },
        warm: { ...warmStats, queries: warmQueries, gitHubRequests: warmRequests, gitHubRequestsPerQuery: round(warmRequests / warmQueries, 3) },
        catalogOnly: catalogStats,
        warmOverCatalog: warmRatio,
        naive: { items: NAIVE_ITEMS, ...naiveStats, gitHubRequestsPerQuery: naiveRequests, samplesMs: naiveRuns.map((c) => round(c.ms, 2)) },
      },
      targets,
    };

    const f = (n: number) => n.toFixed(1);
    const rows = [
      ['Lattice + GitHub, cold: first query after start', REPOSITORIES, String(coldAfterStart.requests), f(coldAfterStart.ms), '—', '1'],
      ['Lattice + GitHub, cold: after a webhook emptied the cache', REPOSITORIES, cold.slice(1).map((c) => c.requests).join(', '), f(coldSteady.p50Ms), f(coldSteady.maxMs) + ' (max)', String(coldSteady.samples)],
      ['Lattice + GitHub, warm (within the ttl)', REPOSITORIES, String(round(warmRequests / warmQueries, 3)), f(warmStats.p50Ms), f(warmStats.p99Ms), String(warmStats.samples)],
      ['Lattice, catalog alone (no sources, same data)', REPOSITORIES, '—', f(catalogStats.p50Ms), f(catalogStats.p99Ms), String(catalogStats.samples)],
      [`naive resolver (1 GitHub request per field)`, NAIVE_ITEMS, String(naiveRequests), f(naiveStats.p50Ms), f(naiveStats.maxMs) + ' (max)', String(naiveStats.samples)],
    ];
    const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
    const head = ['case', 'repositories', 'GitHub requests/query', 'p50 ms', 'p99 ms', 'queries'];
    const table = [line(head), line(head.map(() => '---')), ...rows.map((r) => line(r.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c))))].join('\n');
    const md = `# GitHub benchmark

The components list with GitHub fields, over ${REPOSITORIES.toLocaleString('en-US')} repositories of the GitHub simulator
(${LATENCY_MS} ms latency per answer, in a worker thread), through Lattice's HTTP endpoint with
\`examples/github/lattice.yaml\`; side by side with the same query over the catalog alone and a
naive resolver. See [bench/README.md](../README.md).

- Date: ${environment.date}
- Node: ${environment.node} (V8 ${environment.v8}), graphql ${environment.graphql}, NODE_ENV ${environment.nodeEnv ?? 'unset'}
- Machine: ${environment.cpus} cores (\`os.cpus().length\`), ${environment.cpuModel}, ${environment.platform}
- Command: \`${command}\`; took ${durationS} s
- Query: \`${QUERY}\`
- Naive: \`${naiveQuery}\` on a plain graphql-js schema, in-process (no HTTP in front of it); \`url\` and \`language\` each call \`repository(owner, name)\` through @octokit/graphql, no batching, no cache, no concurrency cap

${table}

- Warm/catalog-alone: ${warmRatio.p50}x at p50, ${warmRatio.p99}x at p99, ${warmRatio.mean}x mean (target ≤ 1.5x: **${targets.warmWithin.met ? 'met' : 'not met'}**).
- Cold GitHub requests per query: ${coldRequests} (target ≤ ceil(${REPOSITORIES}/100) + 2 = ${coldTarget}: **${targets.coldRequests.met ? 'met' : 'not met'}**).
- Warm GitHub requests: ${warmRequests} in ${warmQueries} queries (warm-up included) (target 0: **${targets.warmRequests.met ? 'met' : 'not met'}**).
- The catalog-alone Lattice serves the same entities (seed.json plus every component as the GitHub-backed Lattice merged it) from catalog files, with no sources; both answer identical \`data\`.
- The naive resolver's values equal Lattice's for every repository Lattice maps (archived ones are not mapped).
- Warm and catalog-alone queries alternate in ${ROUNDS} rounds of ${Math.round(MEASURE_MS / ROUNDS)} ms each after ${WARMUP_MS} ms of warm-up each; queries are sequential (one in flight).
`;
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'github.json'), `${JSON.stringify(out, null, 2)}\n`);
    writeFileSync(path.join(RESULTS, 'github.md'), md);
    console.log(`\n${table}\n\nwarm/catalog ${warmRatio.p50}x p50; cold ${coldRequests} requests (≤ ${coldTarget}); ${durationS} s`);
    console.log('wrote bench/results/github.json and github.md');
  } finally {
    for (const close of closers) await close();
  }
}

await main();
