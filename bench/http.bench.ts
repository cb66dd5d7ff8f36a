/**
 * HTTP benchmark (issue 11): Lattice against a hand-written reference server, over HTTP.
 *
 * For catalogs of 200, 2,000 and 20,000 components (generateCatalog: systems = components/10,
 * domains = systems/10), written as one catalog file in the seed's format, it starts two servers,
 * each in its own child process, with NODE_ENV=production:
 *
 * - reference: bench/reference/server.ts, ~40 lines of node:http + graphql-js (parse and validate
 *   cached per query text, execute, JSON.stringify) over the hand-written schema of
 *   bench/reference/schema.ts (synchronous resolvers over Maps with prebuilt reverse indexes).
 * - lattice: `node src/server/main.ts`, what `npm start` runs, with a lattice.yaml that points at
 *   the shipped blueprints and the generated catalog (in-process store, no file watching, log
 *   level error, production mode: no introspection, no GraphiQL; the anonymous rate limit raised
 *   so that one client IP is not throttled, the limiter itself stays on the path).
 *
 * Both must answer the dashboard query for `domain-0` with identical `data`. Then autocannon (10
 * connections, POST) loads each in alternating rounds (4 x 5 s each, after a warm-up), so drift
 * and neighbours hit both alike. Reported per size: req/s, p50 and p99 latency of each, each
 * server's CPU time per request (user + system from /proc, over its rounds: what a shared machine
 * distorts least), the ratios, errors and non-2xx answers (must be 0). Writes
 * bench/results/http.json and http.md.
 *
 *   npm run bench:http
 *   BENCH_ROUNDS=2 BENCH_ROUND_S=3 BENCH_SIZES=2000 npm run bench:http    (shorter)
 *   BENCH_CPU_PROF=/tmp/prof npm run bench:http                         (Lattice runs with --cpu-prof)
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../test/helpers/ports.ts';
import { BODY, cpuSeconds, HEADERS, QUERY, VARIABLES, writeProject } from './httpProject.ts';
import { round } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const SIZES = (process.env.BENCH_SIZES ?? '200,2000,20000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const ROUND_S = Number(process.env.BENCH_ROUND_S ?? 5);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const CONNECTIONS = 10;
const CPU_PROF = process.env.BENCH_CPU_PROF;


type Name = 'reference' | 'lattice';

interface Server {
  readonly name: Name;
  readonly url: string;
  readonly child: ChildProcess;
}

// ---------------------------------------------------------------------------------------------
// The two servers.

/** Polls `url` until it answers (`anyStatus`: any HTTP answer; else a 2xx). */
async function waitUntilReady(url: string, child: ChildProcess, anyStatus: boolean): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready`);
    const ok = await fetch(url).then((r) => anyStatus || r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after 60 s`);
}

async function startServer(name: Name, project: ReturnType<typeof writeProject>, profDir: string | undefined): Promise<Server> {
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'production' };
  const child =
    name === 'reference'
      ? spawn(process.execPath, [path.join(ROOT, 'bench/reference/server.ts'), project.catalogFile, String(port)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env })
      : spawn(process.execPath, [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), path.join(ROOT, 'src/server/main.ts')], {
          cwd: ROOT,
          stdio: ['ignore', 'inherit', 'inherit'],
          env: { ...env, LATTICE_CONFIG: project.configFile, PORT: String(port), HOST: '127.0.0.1' },
        });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(name === 'reference' ? `${url}/` : `${url}/readyz`, child, name === 'reference').catch(async (err) => {
    child.kill();
    throw err;
  });
  return { name, url: `${url}/graphql`, child };
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGINT'); // main.ts closes and exits 0 (the CPU profile is written on exit)
  await exited;
}

async function dashboard(server: Server): Promise<unknown> {
  const res = await fetch(server.url, { method: 'POST', headers: HEADERS, body: BODY });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  assert.equal(res.status, 200, `${server.name} answered ${res.status}: ${JSON.stringify(body)}`);
  assert.equal(body.errors, undefined, `${server.name} answered errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

// ---------------------------------------------------------------------------------------------
// Load.

/** One autocannon run with its histograms kept (skipAggregateResult), for aggregateResult. */
type RawResult = autocannon.Result & { totalCompletedRequests: number };
const aggregateResult = (autocannon as unknown as { aggregateResult(results: RawResult[], opts: autocannon.Options): autocannon.Result }).aggregateResult;

/** CPU seconds the server process has used so far (httpProject.ts). */
const cpuSecondsOf = (server: Server): number | undefined => cpuSeconds(server.child.pid);

/** One round of load, with the CPU time the server used meanwhile. */
type Round = RawResult & { cpuSeconds?: number };

async function load(server: Server, seconds: number): Promise<Round> {
  const before = cpuSecondsOf(server);
  const result = await new Promise<RawResult>((resolve, reject) => {
    autocannon({ url: server.url, connections: CONNECTIONS, duration: seconds, method: 'POST', headers: HEADERS, body: BODY, skipAggregateResult: true }, (err, r) =>
      err ? reject(err) : resolve(r as RawResult),
    );
  });
  const after = cpuSecondsOf(server);
  return before === undefined || after === undefined ? result : Object.assign(result, { cpuSeconds: after - before });
}

interface Stats {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  /** The server's CPU time (user + system) per completed request, in ms (undefined off Linux). */
  readonly cpuMsPerRequest: number | undefined;
  readonly errors: number;
  readonly non2xx: number;
  /** Per round: req/s and p50. */
  readonly rounds: readonly { readonly requestsPerSecond: number; readonly p50Ms: number }[];
}

function statsOf(server: Server, runs: readonly Round[]): Stats {
  const all = aggregateResult([...runs], { url: server.url, connections: CONNECTIONS });
  const requests = runs.reduce((n, r) => n + r.totalCompletedRequests, 0);
  const seconds = runs.reduce((n, r) => n + r.duration, 0);
  const cpu = runs.every((r) => r.cpuSeconds !== undefined) ? runs.reduce((n, r) => n + (r.cpuSeconds ?? 0), 0) : undefined;
  return {
    requests,
    seconds: round(seconds, 2),
    requestsPerSecond: round(requests / seconds, 1),
    p50Ms: all.latency.p50,
    p90Ms: all.latency.p90,
    p99Ms: all.latency.p99,
    cpuMsPerRequest: cpu === undefined ? undefined : round((cpu * 1000) / requests, 3),
    errors: all.errors,
    non2xx: all.non2xx,
    rounds: runs.map((r) => ({ requestsPerSecond: round(r.totalCompletedRequests / r.duration, 1), p50Ms: aggregateResult([r], { url: server.url }).latency.p50 })),
  };
}

interface SizeResult {
  readonly components: number;
  readonly entities: number;
  readonly resultComponents: number;
  readonly reference: Stats;
  readonly lattice: Stats;
  /** Lattice over the reference: >1 means Lattice is slower. Throughput: reference req/s over Lattice's. */
  readonly ratio: { readonly throughput: number; readonly p50: number; readonly p99: number; readonly cpuPerRequest: number | undefined };
}

async function benchSize(components: number): Promise<SizeResult> {
  const project = writeProject(components);
  const servers: Server[] = [];
  try {
    const profDir = CPU_PROF ? path.resolve(CPU_PROF, String(components)) : undefined;
    servers.push(await startServer('reference', project, undefined), await startServer('lattice', project, profDir));
    const [reference, lattice] = servers;
    const expected = JSON.parse(JSON.stringify(await dashboard(reference))) as { domain: { systemsByDomain: { nodes: { componentsBySystem: { nodes: unknown[] } }[] } } };
    assert.deepEqual(await dashboard(lattice), expected, 'Lattice and the reference server disagree');
    const resultComponents = expected.domain.systemsByDomain.nodes.reduce((n, s) => n + s.componentsBySystem.nodes.length, 0);
    assert.ok(resultComponents > 0, 'the dashboard must not be empty');

    for (const server of servers) await load(server, WARMUP_S);
    const runs: Record<Name, Round[]> = { reference: [], lattice: [] };
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first, so neither always follows the other's garbage.
      for (const server of r % 2 ? [...servers].reverse() : servers) runs[server.name].push(await load(server, ROUND_S));
    }
    const ref = statsOf(reference, runs.reference);
    const lat = statsOf(lattice, runs.lattice);
    for (const s of [ref, lat]) assert.equal(s.errors + s.non2xx, 0, `errors or non-2xx answers under load: ${JSON.stringify(s)}`);
    return {
      components,
      entities: project.entities,
      resultComponents,
      reference: ref,
      lattice: lat,
      ratio: {
        throughput: round(ref.requestsPerSecond / lat.requestsPerSecond, 2),
        p50: round(lat.p50Ms / ref.p50Ms, 2),
        p99: round(lat.p99Ms / ref.p99Ms, 2),
        cpuPerRequest: lat.cpuMsPerRequest && ref.cpuMsPerRequest ? round(lat.cpuMsPerRequest / ref.cpuMsPerRequest, 2) : undefined,
      },
    };
  } finally {
    for (const server of servers) await stop(server);
    rmSync(project.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Report.

function table(results: readonly SizeResult[]): string {
  const head = ['components', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/request', 'requests'];
  const rows: string[][] = [];
  for (const r of results) {
    const n = r.components.toLocaleString('en-US');
    for (const name of ['reference', 'lattice'] as const) {
      const s = r[name];
      rows.push([n, name, String(s.requestsPerSecond), String(s.p50Ms), String(s.p99Ms), String(s.cpuMsPerRequest ?? 'n/a'), String(s.requests)]);
    }
    const verdict = (x: number) => (x <= 1 ? `${x}x (Lattice at least as fast)` : `${x}x (Lattice slower)`);
    rows.push([n, '**lattice/reference**', verdict(r.ratio.throughput), verdict(r.ratio.p50), `${r.ratio.p99}x`, r.ratio.cpuPerRequest === undefined ? '' : `${r.ratio.cpuPerRequest}x`, '']);
  }
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

async function main() {
  const started = Date.now();
  const results: SizeResult[] = [];
  for (const components of SIZES) {
    process.stdout.write(`http: ${components.toLocaleString('en-US')} components… `);
    const r = await benchSize(components);
    results.push(r);
    console.log(
      `reference ${r.reference.requestsPerSecond} req/s p50 ${r.reference.p50Ms} ms ${r.reference.cpuMsPerRequest} CPU ms/req; lattice ${r.lattice.requestsPerSecond} req/s p50 ${r.lattice.p50Ms} ms ${r.lattice.cpuMsPerRequest} CPU ms/req (${r.ratio.throughput}x req/s, ${r.ratio.cpuPerRequest}x CPU/req)`,
    );
  }
  const durationS = round((Date.now() - started) / 1000, 1);
  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    graphql: (await import('graphql')).version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
  const command = VARIABLES ? 'BENCH_VARIABLES=1 npm run bench:http' : 'npm run bench:http';
  const met = results.every((r) => r.ratio.throughput <= 1 && r.ratio.p50 <= 1);
  const settings = { connections: CONNECTIONS, rounds: ROUNDS, roundSeconds: ROUND_S, warmupSeconds: WARMUP_S, cpuProfile: !!CPU_PROF, nodeEnv: 'production' };
  const out = { benchmark: 'http', query: QUERY, command, environment, settings, target: { description: 'Lattice at least as fast as the reference in req/s and p50 at every size', met }, durationSeconds: durationS, results };
  const md = `# HTTP benchmark

Lattice (\`node src/server/main.ts\`, in-process store, production mode) against the reference
server (bench/reference/: node:http + graphql-js, hand-written schema over Maps with reverse
indexes), the dashboard query for \`domain-0\` over HTTP${VARIABLES ? ', the domain sent as a variable (`query($domain: String!)`)' : ''}. See [bench/README.md](../README.md).

- Date: ${environment.date}
- Node: ${environment.node}, graphql ${environment.graphql}, NODE_ENV=production for both servers
- Machine: ${environment.cpus} cores, ${environment.cpuModel}, ${environment.platform}; load average at the end ${environment.loadAverage.join(' / ')}
- Command: \`${command}\`${CPU_PROF ? ' with BENCH_CPU_PROF (Lattice under --cpu-prof: slower than without)' : ''}
- Load: autocannon, ${CONNECTIONS} connections, POST; ${WARMUP_S} s warm-up each, then ${ROUNDS} alternating rounds of ${ROUND_S} s per server per size; took ${durationS} s
- Every size answers the same dashboard (${results[0]?.resultComponents} components in 10 systems); only the catalog around it grows. Both answers are asserted equal before loading.

${table(results)}

Latencies are autocannon's (whole milliseconds), percentiles over all rounds of a server.
CPU ms/request: the server process's CPU time (user + system, from /proc) over its rounds, per
completed request: what a loaded machine distorts least (req/s and latency include waiting for a core).
Throughput ratio: the reference's req/s over Lattice's; latency ratios: Lattice's over the reference's.
Target: Lattice at least as fast as the reference in req/s and p50 at every size: **${met ? 'met' : 'not met'}**.
`;
  mkdirSync(RESULTS, { recursive: true });
  // With BENCH_VARIABLES=1 (the domain sent as a variable) the results go beside the others.
  const name = VARIABLES ? 'http-variables' : 'http';
  writeFileSync(path.join(RESULTS, `${name}.json`), `${JSON.stringify({ ...out, variables: VARIABLES }, null, 2)}\n`);
  writeFileSync(path.join(RESULTS, `${name}.md`), md);
  console.log(`\n${table(results)}\n\n${durationS} s. Target: ${met ? 'met' : 'NOT met'}. Wrote bench/results/${name}.json and ${name}.md`);
}

await main();
