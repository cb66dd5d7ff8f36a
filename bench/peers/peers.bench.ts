/**
 * Peers benchmark (issue 11, item 5): the "components with their repositories and open pull
 * requests" dashboard served by what a user would pick instead of Lattice, over the same GitHub
 * simulator, side by side in one run:
 *
 * - hive: Hive Gateway (@graphql-hive/gateway-runtime) proxying GitHub's GraphQL API
 *   (bench/peers/hive.ts), no cache: the client asks GitHub's schema for the organisation's
 *   repositories (not archived) with their open pull requests, 100 a page (GitHub's maximum), and
 *   follows `endCursor` until the last page: one dashboard is ceil(repositories / 100) requests.
 * - hive+cache: the same gateway with its response cache on (300 s, shared by all callers).
 * - lattice: `node src/server/main.ts` with examples/github/lattice.yaml (its GitHub source,
 *   cached 300 s), one query `components(first:)` with each component's GitHub fields and its
 *   `pullRequests`.
 *
 * Each server runs in its own child process; the simulator runs in a worker thread of this process
 * (bench/githubSimulator.ts) with a fixed latency on every answer, and counts requests and
 * rate-limit points. Measured: cold (the first dashboard after start: latency, GitHub requests and
 * points), the three answers checked equivalent (same repositories, URLs, languages, open pull
 * request counts and pull requests), then warm: `BENCH_CONNECTIONS` clients each loading
 * dashboards back to back, in alternating rounds (the order rotates), after a warm-up each:
 * dashboards/s, p50/p99 per dashboard, GitHub requests and points per dashboard.
 *
 *   npm run bench:peers
 *   BENCH_REPOSITORIES=300 BENCH_ROUNDS=2 BENCH_ROUND_S=3 npm run bench:peers     (shorter)
 *
 * Writes bench/results/peers.json and bench/results/peers.md.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { freePort } from '../../test/helpers/ports.ts';
import { startSimulatorWorker, type SimulatorHandle, type SimulatorUsage } from '../githubSimulator.ts';
import { percentile, round } from '../stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS = path.join(ROOT, 'bench/results');
const REPOSITORIES = Number(process.env.BENCH_REPOSITORIES ?? 500);
/** The seed organisation's own repositories (the catalog's components); the rest are generated. */
const SEED_REPOSITORIES = 4;
const LATENCY_MS = Number(process.env.BENCH_GITHUB_LATENCY_MS ?? 50);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROUND_S = Number(process.env.BENCH_ROUND_S ?? 5);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);
const ORG = 'acme';
/** GitHub's page maximum. */
const PAGE = 100;

type Name = 'hive' | 'hive+cache' | 'lattice';
const NAMES: readonly Name[] = ['hive', 'hive+cache', 'lattice'];

/** Lattice: the components with their GitHub fields and open pull requests, one query. */
const LATTICE_QUERY = `{ components(first: ${REPOSITORIES + 50}) { nodes { identifier url language openPullRequests pullRequests { nodes { number title url author draft openedAt } } } } }`;
/** Hive: the same from GitHub's schema, a page at a time (GitHub serves at most 100 a page). */
const HIVE_QUERY = `query Dashboard($org: String!, $after: String) {
  organization(login: $org) {
    repositories(first: ${PAGE}, after: $after, isArchived: false, orderBy: { field: NAME, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        name url primaryLanguage { name }
        pullRequests(states: OPEN, first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {
          totalCount
          nodes { number title url isDraft createdAt author { login } }
        }
      }
    }
  }
}`;

interface Server {
  readonly name: Name;
  readonly url: string;
  readonly child: ChildProcess;
}

/** One repository as the dashboard shows it; both shapes are reduced to this to compare. */
interface Row {
  readonly url: string;
  readonly language: string | null;
  readonly openPullRequests: number;
  readonly pullRequests: readonly { number: number; title: string; url: string; author: string | null; draft: boolean; openedAt: string }[];
}
type Dashboard = Record<string, Row>;

// ---------------------------------------------------------------------------------------------
// The servers, each in a child process.

/** examples/github/lattice.yaml with absolute paths, no file watching, errors-only logs and the anonymous budget raised (one client IP sends everything). */
function latticeConfig(dir: string): string {
  const example = path.join(ROOT, 'examples/github');
  const config = parseYaml(readFileSync(path.join(example, 'lattice.yaml'), 'utf8')) as Record<string, unknown>;
  const file = path.join(dir, 'lattice.yaml');
  writeFileSync(
    file,
    stringifyYaml({
      ...config,
      blueprints: path.resolve(example, String(config.blueprints)),
      catalog: path.resolve(example, String(config.catalog)),
      watch: false,
      log: { level: 'error' },
      rateLimits: { anonymousPoints: 1_000_000_000 },
    }),
  );
  return file;
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode} before it answered`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within 120 s`);
}

async function startServer(name: Name, sim: SimulatorHandle, dir: string): Promise<Server> {
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', GITHUB_URL: sim.url, GITHUB_TOKEN: sim.token, GITHUB_ORG: ORG };
  const [script, extra, ready] =
    name === 'lattice'
      ? ['src/server/main.ts', { LATTICE_CONFIG: latticeConfig(dir) }, '/readyz']
      : ['bench/peers/hive.ts', { HIVE_CACHE: name === 'hive+cache' ? 'on' : 'off' }, '/healthcheck'];
  const child = spawn(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, ...extra } });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${base}${ready}`, child).catch((err) => {
    child.kill();
    throw err;
  });
  return { name, url: `${base}/graphql`, child };
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGINT');
  await exited;
}

// ---------------------------------------------------------------------------------------------
// One dashboard, as a client loads it.

async function post<T>(server: Server, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (res.status !== 200 || body.errors || !body.data) throw new Error(`${server.name} answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

interface HivePage {
  organization: {
    repositories: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: {
        name: string;
        url: string;
        primaryLanguage: { name: string } | null;
        pullRequests: { totalCount: number; nodes: { number: number; title: string; url: string; isDraft: boolean; createdAt: string; author: { login: string } | null }[] };
      }[];
    };
  };
}

interface LatticeAnswer {
  components: { nodes: { identifier: string; url: string | null; language: string | null; openPullRequests: number | null; pullRequests: { nodes: Row['pullRequests'][number][] } }[] };
}

/** A date-time in one spelling (GitHub answers `…:00Z`, Lattice `…:00.000Z`). */
const instant = (t: string) => new Date(t).toISOString();
const byNumber = (a: { number: number }, b: { number: number }) => a.number - b.number;

/** Every page, following `endCursor`. */
async function hiveDashboard(server: Server): Promise<Dashboard> {
  const out: Dashboard = {};
  let after: string | null = null;
  for (;;) {
    const page: HivePage = await post<HivePage>(server, HIVE_QUERY, { org: ORG, after });
    for (const r of page.organization.repositories.nodes) {
      out[r.name] = {
        url: r.url,
        language: r.primaryLanguage?.name ?? null,
        openPullRequests: r.pullRequests.totalCount,
        pullRequests: r.pullRequests.nodes.map((p) => ({ number: p.number, title: p.title, url: p.url, author: p.author?.login ?? null, draft: p.isDraft, openedAt: instant(p.createdAt) })).sort(byNumber),
      };
    }
    const { hasNextPage, endCursor } = page.organization.repositories.pageInfo;
    if (!hasNextPage) return out;
    after = endCursor;
  }
}

/** One query; the components GitHub enriched (those with a repository URL). */
async function latticeDashboard(server: Server): Promise<Dashboard> {
  const data = await post<LatticeAnswer>(server, LATTICE_QUERY);
  const out: Dashboard = {};
  for (const c of data.components.nodes) {
    if (c.url === null) continue;
    out[c.identifier] = { url: c.url, language: c.language, openPullRequests: c.openPullRequests ?? 0, pullRequests: c.pullRequests.nodes.map((p) => ({ ...p, openedAt: instant(p.openedAt) })).sort(byNumber) };
  }
  return out;
}

const dashboard = (server: Server): Promise<Dashboard> => (server.name === 'lattice' ? latticeDashboard(server) : hiveDashboard(server));

// ---------------------------------------------------------------------------------------------
// Load: closed loop, CONNECTIONS clients each loading dashboards back to back.

interface Phase {
  dashboards: number;
  seconds: number;
  latencies: number[];
  usage: SimulatorUsage;
}

async function load(server: Server, sim: SimulatorHandle, seconds: number, into?: Phase): Promise<void> {
  const before = await sim.usage();
  const end = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        await dashboard(server);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const after = await sim.usage();
  if (!into) return;
  into.dashboards += latencies.length;
  into.seconds += elapsed;
  into.latencies.push(...latencies);
  into.usage = { requests: into.usage.requests + after.requests - before.requests, points: into.usage.points + after.points - before.points };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lattice-peers-bench-'));
  const sim = await startSimulatorWorker({ extraRepositories: REPOSITORIES - SEED_REPOSITORIES, latencyMs: LATENCY_MS, rateLimit: 1_000_000_000 });
  const servers: Server[] = [];
  try {
    console.log(`peers: ${REPOSITORIES} repositories, ${LATENCY_MS} ms GitHub latency, ${CONNECTIONS} clients, ${ROUNDS} rounds of ${ROUND_S} s; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`);
    // Cold: the first dashboard after each server started (its cache, if any, empty).
    const cold = {} as Record<Name, { ms: number; requests: number; points: number; answer: Dashboard }>;
    for (const name of NAMES) {
      const server = await startServer(name, sim, dir);
      servers.push(server);
      const before = await sim.usage();
      const t0 = performance.now();
      const answer = await dashboard(server);
      const ms = performance.now() - t0;
      const after = await sim.usage();
      cold[name] = { ms, requests: after.requests - before.requests, points: after.points - before.points, answer };
      console.log(`  ${name} cold: ${Math.round(ms)} ms, ${cold[name].requests} GitHub requests, ${cold[name].points} points, ${Object.keys(answer).length} repositories`);
    }
    // The same dashboard from all three.
    const repositories = Object.keys(cold.hive.answer).length;
    assert.ok(repositories > REPOSITORIES * 0.8, `only ${repositories} repositories on the dashboard`);
    for (const name of NAMES) assert.deepEqual(cold[name].answer, cold.hive.answer, `${name}'s dashboard differs from hive's`);
    for (const server of servers) assert.deepEqual(await dashboard(server), cold.hive.answer, `${server.name}'s warm dashboard differs`);
    console.log(`  equivalent: ${repositories} repositories, ${Object.values(cold.hive.answer).reduce((n, r) => n + r.pullRequests.length, 0)} open pull requests`);

    // Warm: alternating rounds after a warm-up each.
    for (const server of servers) await load(server, sim, WARMUP_S);
    const warm = Object.fromEntries(NAMES.map((n) => [n, { dashboards: 0, seconds: 0, latencies: [] as number[], usage: { requests: 0, points: 0 } } satisfies Phase])) as Record<Name, Phase>;
    for (let r = 0; r < ROUNDS; r++) {
      for (let i = 0; i < servers.length; i++) {
        const server = servers[(r + i) % servers.length];
        await load(server, sim, ROUND_S, warm[server.name]);
      }
      console.log(`  round ${r + 1}/${ROUNDS}: ${NAMES.map((n) => `${n} ${warm[n].dashboards}`).join(', ')} dashboards so far`);
    }
    const loadAfter = os.loadavg();

    // Report.
    const summary = Object.fromEntries(
      NAMES.map((n) => {
        const w = warm[n];
        const sorted = Float64Array.from(w.latencies).sort();
        return [
          n,
          {
            cold: { ms: round(cold[n].ms, 1), gitHubRequests: cold[n].requests, gitHubPoints: cold[n].points },
            warm: {
              dashboards: w.dashboards,
              seconds: round(w.seconds, 1),
              dashboardsPerSecond: round(w.dashboards / w.seconds, 1),
              p50Ms: round(percentile(sorted, 50), 1),
              p99Ms: round(percentile(sorted, 99), 1),
              gitHubRequests: w.usage.requests,
              gitHubRequestsPerDashboard: round(w.usage.requests / w.dashboards, 3),
              gitHubPointsPerDashboard: round(w.usage.points / w.dashboards, 3),
            },
          },
        ];
      }),
    ) as Record<Name, { cold: { ms: number; gitHubRequests: number; gitHubPoints: number }; warm: { dashboards: number; seconds: number; dashboardsPerSecond: number; p50Ms: number; p99Ms: number; gitHubRequests: number; gitHubRequestsPerDashboard: number; gitHubPointsPerDashboard: number } }>;
    const durationS = round((Date.now() - started) / 1000, 1);
    const environment = {
      date: new Date().toISOString(),
      node: process.version,
      hiveGatewayRuntime: JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@graphql-hive/gateway-runtime/package.json'), 'utf8')).version as string,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      loadAverageBefore: loadBefore.map((l) => round(l, 1)),
      loadAverageAfter: loadAfter.map((l) => round(l, 1)),
    };
    const command = 'npm run bench:peers';
    const settings = { repositories: REPOSITORIES, dashboardRepositories: repositories, gitHubLatencyMs: LATENCY_MS, connections: CONNECTIONS, rounds: ROUNDS, roundSeconds: ROUND_S, warmupSeconds: WARMUP_S, hivePagesPerDashboard: Math.ceil(repositories / PAGE) };
    const out = { benchmark: 'peers', command, environment, settings, latticeQuery: LATTICE_QUERY, hiveQuery: HIVE_QUERY, durationSeconds: durationS, results: summary };

    const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
    const head = ['', 'cold ms', 'cold GitHub requests', 'cold points', 'warm dashboards/s', 'warm p50 ms', 'warm p99 ms', 'warm GitHub requests / dashboard', 'warm points / dashboard', 'dashboards measured'];
    const label: Record<Name, string> = { hive: 'Hive Gateway (proxy, no cache)', 'hive+cache': 'Hive Gateway + response cache (300 s)', lattice: 'Lattice (GitHub source, cache 300 s)' };
    const table = [
      line(head),
      line(head.map(() => '---')),
      ...NAMES.map((n) => {
        const s = summary[n];
        return line([label[n], s.cold.ms, s.cold.gitHubRequests, s.cold.gitHubPoints, s.warm.dashboardsPerSecond, s.warm.p50Ms, s.warm.p99Ms, s.warm.gitHubRequestsPerDashboard, s.warm.gitHubPointsPerDashboard, s.warm.dashboards]);
      }),
    ].join('\n');
    const md = `# Peers benchmark

The "components with their repositories and open pull requests" dashboard over the GitHub simulator
(${REPOSITORIES.toLocaleString('en-US')} repositories, ${repositories} on the dashboard (not archived), ${LATENCY_MS} ms latency per answer, in a worker thread),
served by Hive Gateway proxying GitHub and by Lattice with its GitHub source. See [bench/README.md](../README.md).

- Date: ${environment.date}; command \`${command}\` (took ${durationS} s)
- Node ${environment.node}, @graphql-hive/gateway-runtime ${environment.hiveGatewayRuntime}; ${environment.cpus} cores, ${environment.cpuModel}, ${environment.platform}
- Load average (1, 5, 15 min) before: ${environment.loadAverageBefore.join(', ')}; after: ${environment.loadAverageAfter.join(', ')} (the machine is shared)
- A dashboard: Hive, ${settings.hivePagesPerDashboard} requests of 100 repositories, the client following \`endCursor\`; Lattice, one \`components\` query. The three answers were checked equal (URL, language, open pull request count and pull requests of every repository) before loading.
- Warm: ${CONNECTIONS} clients loading dashboards back to back, ${ROUNDS} rounds of ${ROUND_S} s per server, alternating (the order rotates), after ${WARMUP_S} s of warm-up each; GitHub requests and rate-limit points counted at the simulator.

${table}

- Cold: the first dashboard after the server started (Lattice's and Hive's caches empty); one sample each.
- Hive deduplicates identical requests in flight (\`@graphql-tools/executor-http\`): with ${CONNECTIONS} clients in step, its warm GitHub requests per dashboard are below the ${settings.hivePagesPerDashboard} pages; clients not in step pay the cold figure per dashboard without a cache.
- GitHub's budget for a token is 5,000 points an hour: at the cold cost, ${NAMES.map((n) => `${n} ${Math.floor(5000 / summary[n].cold.gitHubPoints).toLocaleString('en-US')} uncached dashboards`).join(', ')}; warm, ${NAMES.filter((n) => summary[n].warm.gitHubRequests === 0).join(' and ')} sent GitHub nothing.
`;
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'peers.json'), `${JSON.stringify(out, null, 2)}\n`);
    writeFileSync(path.join(RESULTS, 'peers.md'), md);
    console.log(`\n${table}\n\nload average after ${loadAfter.map((l) => l.toFixed(1)).join(' ')}; ${durationS} s; wrote bench/results/peers.json and peers.md`);
  } finally {
    for (const server of servers) await stop(server);
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
