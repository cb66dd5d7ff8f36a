/**
 * Dashboard benchmark: Lattice vs "the practical limit".
 *
 * For catalogs of 200, 2,000 and 20,000 components (generateCatalog with systems = components/10
 * and domains = systems/10), executes the dashboard query for `domain-0` in-process with graphql-js
 * `execute`, sequentially, in two implementations:
 *
 * - lattice: the schema Lattice builds from the shipped blueprints (schema/blueprints) with its
 *   resolvers, over a MemoryEntityStore wrapped with countCalls, and a fresh request context
 *   (fresh DataLoaders) per operation: what a request does, minus HTTP, parsing and validation
 *   (Apollo Server caches those per document).
 * - limit: plain graphql-js over the hand-written schema of bench/reference/schema.ts (only what
 *   the query needs, resolvers over plain Maps with precomputed, pre-sorted reverse indexes, no
 *   DataLoader): the fastest reasonable hand-written implementation.
 *
 * - lattice+limits: the same with the operation limits on (src/server/limits): the static checks
 *   (depth, aliases, root fields, cost) per operation, the guarded context (every read asks the
 *   guard) and the guarded schema (every field asks it: node cap, timeout), with the default limits.
 * - compiled: lattice+limits executed by the function graphql-jit compiled for the query
 *   (src/server/compiledExecution.ts), which is how the server executes.
 *
 * All must return identical `data`. Per size and implementation it reports requests/s, p50 and
 * p99 latency, Lattice's store calls per query, and the Lattice/limit ratios; it writes
 * bench/results/dashboard.json and bench/results/dashboard.md.
 *
 *   npm run bench                        (BENCH_TIME_MS=<ms> sets the measured time per case)
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execute, getOperationAST, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createRequestContext, type GatewayStatus } from '../src/context/index.ts';
import { createEntityReader } from '../src/data/reader.ts';
import { MemoryPubSub } from '../src/data/memory/MemoryPubSub.ts';
import { ActionEngine } from '../src/runs/engine.ts';
import { MemoryRunStore } from '../src/data/memory/MemoryRunStore.ts';
import { MemoryAuditLog } from '../src/data/memory/MemoryAuditLog.ts';
import { createActionSet } from '../src/model/actions/model.ts';
import { createModel } from '../src/model/blueprints/model.ts';
import { DASHBOARD_QUERY } from '../test/helpers/lattice.ts';
import { buildGeneration, readDocuments } from '../src/server/runtime.ts';
import { countCalls, type CountedEntityStore } from '../src/data/countCalls.ts';
import { MemoryEntityStore } from '../src/data/memory/MemoryEntityStore.ts';
import { generateCatalog } from '../test/fixtures/generateCatalog.ts';
import { createCatalogWriter } from '../datasources/catalog/writer.ts';
import { compileOperation } from '../src/server/compiledExecution.ts';
import { referenceSchema } from './reference/schema.ts';
import { percentile, round } from './stats.ts';
import { ANONYMOUS } from '../src/auth/identity.ts';
import { loadConfig } from '../src/config/index.ts';
import { guardOf, guardSchema } from '../src/server/limits/guard.ts';
import { guardedContext } from '../src/server/limits/guardedContext.ts';
import { limitOperation } from '../src/server/limits/operation.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const SIZES = [200, 2_000, 20_000];
/** Measured time per implementation per size, split into alternating rounds (Lattice, limit, …). */
const MEASURE_MS = Number(process.env.BENCH_TIME_MS ?? 8_000);
const ROUNDS = 8;
const WARMUP_MS = Math.max(200, Math.round(MEASURE_MS / 5));

/** DASHBOARD_QUERY (test/helpers/lattice.ts) for `domain-0`. */
const QUERY = DASHBOARD_QUERY.replace('"Orders"', '"domain-0"');

// ---------------------------------------------------------------------------------------------
// Measurement.

interface Impl {
  readonly name: 'lattice' | 'lattice+limits' | 'compiled' | 'limit';
  run(): Promise<ExecutionResult>;
}

interface Stats {
  readonly ops: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}


/** Runs `impl` sequentially for `ms`, appending each operation's latency. */
async function runFor(impl: Impl, ms: number, latencies: number[]): Promise<number> {
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    const t0 = performance.now();
    const result = await impl.run();
    now = performance.now();
    if (result.errors) throw new Error(`${impl.name}: ${result.errors[0].message}`);
    latencies.push(now - t0);
  }
  return now - start;
}

function stats(latencies: number[], elapsedMs: number): Stats {
  const sorted = Float64Array.from(latencies).sort();
  const total = sorted.reduce((a, b) => a + b, 0);
  return {
    ops: sorted.length,
    requestsPerSecond: round((sorted.length / elapsedMs) * 1000, 0),
    p50Ms: round(percentile(sorted, 50), 3),
    p99Ms: round(percentile(sorted, 99), 3),
    meanMs: round(total / sorted.length, 3),
  };
}


const status = (): GatewayStatus => ({ loadedAt: new Date(0), errors: [], warnings: [], schemaChanges: [] });

interface SizeResult {
  readonly components: number;
  readonly systems: number;
  readonly domains: number;
  readonly entities: number;
  readonly resultComponents: number;
  readonly lattice: Stats & { readonly storeCallsPerQuery: number; readonly storeCallsByMethod: Record<string, number> };
  readonly limit: Stats;
  /** Lattice with the operation limits on. */
  readonly withLimits: Stats;
  /** Lattice with the limits on, executed compiled (src/server/compiledExecution.ts): what the server runs. */
  readonly compiled: Stats;
  /** Compiled over the limit, as `ratio`. */
  readonly compiledRatio: { readonly p50: number; readonly p99: number; readonly throughput: number };
  /** Limits on / off (Lattice with limits over Lattice without). */
  readonly limitsRatio: { readonly p50: number; readonly p99: number; readonly throughput: number };
  readonly ratio: { readonly p50: number; readonly p99: number; readonly throughput: number };
}

async function benchSize(components: number, schema: GraphQLSchema, limitedSchema: GraphQLSchema, model: Parameters<typeof createCatalogWriter>[1], document: DocumentNode): Promise<SizeResult> {
  const systems = components / 10;
  const domains = systems / 10;
  const entities = generateCatalog({ components, systems, domains });

  const memory = new MemoryEntityStore();
  await memory.put(entities);
  const store: CountedEntityStore = countCalls(memory);
  const writer = createCatalogWriter(store, model);
  const reader = createEntityReader(store, []);
  const pubsub = new MemoryPubSub();
  // The dashboard runs no actions: an engine over empty in-process stores.
  const runStore = new MemoryRunStore();
  const noActions = () => createActionSet([]);
  const actions = { engine: new ActionEngine({ actions: noActions, store: runStore, events: pubsub, catalog: () => ({ model: createModel([]), load: async () => [], list: async () => [], findByRelation: async () => [] }), invokers: {} }), store: runStore, set: noActions };
  // Nor does it write: no audit event.
  const audit = { log: new MemoryAuditLog(), record: async () => {} };
  const lattice: Impl = {
    name: 'lattice',
    run: async () => execute({ schema, document, contextValue: createRequestContext({ reader, writer, pubsub, actions, status, audit }) }),
  };

  const deps = { reader, writer, pubsub, actions, status, audit };
  const config = loadConfig({}, ROOT).limits;
  const operation = getOperationAST(document);
  assert.ok(operation);
  const withLimits: Impl = {
    name: 'lattice+limits',
    run: async () => {
      const contextValue = guardedContext(createRequestContext, deps, ANONYMOUS);
      const outcome = limitOperation({ config, schema: limitedSchema, document, operation, identity: ANONYMOUS, context: contextValue, countStop: () => {} });
      if (outcome.errors) return { errors: outcome.errors };
      const result = await execute({ schema: limitedSchema, document, contextValue });
      guardOf(contextValue).finish();
      return { ...result, extensions: { cost: outcome.cost } };
    },
  };
  const plan = compileOperation(limitedSchema, document, null);
  assert.ok(plan !== 'graphql-js', 'the dashboard query must compile');
  const compiled: Impl = {
    name: 'compiled',
    run: async () => {
      const contextValue = guardedContext(createRequestContext, deps, ANONYMOUS);
      const outcome = limitOperation({ config, schema: limitedSchema, document, operation, identity: ANONYMOUS, context: contextValue, countStop: () => {} });
      if (outcome.errors) return { errors: outcome.errors };
      const result = await plan.query(undefined, contextValue, {});
      guardOf(contextValue).finish();
      return { ...result, extensions: { cost: outcome.cost } };
    },
  };
  const check = await withLimits.run();
  assert.deepEqual(JSON.parse(JSON.stringify(check.data)), JSON.parse(JSON.stringify((await lattice.run()).data)), 'limits on and off disagree');
  assert.deepEqual(JSON.parse(JSON.stringify((await compiled.run()).data)), JSON.parse(JSON.stringify(check.data)), 'compiled and graphql-js execution disagree');

  const hand = referenceSchema(entities);
  assert.deepEqual(validate(hand, document), [], 'the query must be valid against the hand-written SDL');
  const limit: Impl = { name: 'limit', run: async () => execute({ schema: hand, document }) };

  // Same answer from both, and Lattice's store calls for one query.
  const before = store.counts();
  const a = await lattice.run();
  const after = store.counts();
  const b = await limit.run();
  assert.equal(a.errors, undefined, `lattice returned errors: ${JSON.stringify(a.errors)}`);
  assert.equal(b.errors, undefined, `limit returned errors: ${JSON.stringify(b.errors)}`);
  const latticeData = JSON.parse(JSON.stringify(a.data));
  assert.deepEqual(latticeData, JSON.parse(JSON.stringify(b.data)), 'Lattice and the hand-written implementation disagree');
  const systemNodes = latticeData.domain?.systemsByDomain.nodes ?? [];
  const resultComponents = systemNodes.reduce((n: number, s: { componentsBySystem: { nodes: unknown[] } }) => n + s.componentsBySystem.nodes.length, 0);
  assert.ok(resultComponents > 0, 'the dashboard must not be empty');
  const storeCallsByMethod = Object.fromEntries(Object.entries(after.byMethod).map(([m, n]) => [m, n - before.byMethod[m as keyof typeof before.byMethod]]).filter(([, n]) => (n as number) > 0));
  const storeCallsPerQuery = after.total - before.total;

  // Warm up both, then alternate measured rounds so drift (GC, CPU frequency) hits both alike.
  await runFor(lattice, WARMUP_MS, []);
  await runFor(limit, WARMUP_MS, []);
  await runFor(withLimits, WARMUP_MS, []);
  await runFor(compiled, WARMUP_MS, []);
  const comp: number[] = [];
  let compElapsed = 0;
  const lat: number[] = [];
  const lim: number[] = [];
  const on: number[] = [];
  let latElapsed = 0;
  let limElapsed = 0;
  let onElapsed = 0;
  for (let r = 0; r < ROUNDS; r++) {
    latElapsed += await runFor(lattice, MEASURE_MS / ROUNDS, lat);
    limElapsed += await runFor(limit, MEASURE_MS / ROUNDS, lim);
    onElapsed += await runFor(withLimits, MEASURE_MS / ROUNDS, on);
    compElapsed += await runFor(compiled, MEASURE_MS / ROUNDS, comp);
  }
  const cs = stats(comp, compElapsed);
  const ls = stats(lat, latElapsed);
  const ms = stats(lim, limElapsed);
  const os_ = stats(on, onElapsed);
  return {
    components,
    systems,
    domains,
    entities: entities.length,
    resultComponents,
    lattice: { ...ls, storeCallsPerQuery, storeCallsByMethod },
    limit: ms,
    withLimits: os_,
    compiled: cs,
    compiledRatio: { p50: round(cs.p50Ms / ms.p50Ms, 2), p99: round(cs.p99Ms / ms.p99Ms, 2), throughput: round(ms.requestsPerSecond / cs.requestsPerSecond, 2) },
    limitsRatio: { p50: round(os_.p50Ms / ls.p50Ms, 2), p99: round(os_.p99Ms / ls.p99Ms, 2), throughput: round(ls.requestsPerSecond / os_.requestsPerSecond, 2) },
    ratio: { p50: round(ls.p50Ms / ms.p50Ms, 2), p99: round(ls.p99Ms / ms.p99Ms, 2), throughput: round(ms.requestsPerSecond / ls.requestsPerSecond, 2) },
  };
}

// ---------------------------------------------------------------------------------------------
// Report.

function table(results: readonly SizeResult[]): string {
  const head = ['components', 'impl', 'req/s', 'p50 ms', 'p99 ms', 'store calls/query'];
  const rows: string[][] = [];
  for (const r of results) {
    const n = r.components.toLocaleString('en-US');
    rows.push([n, 'lattice', String(r.lattice.requestsPerSecond), r.lattice.p50Ms.toFixed(3), r.lattice.p99Ms.toFixed(3), String(r.lattice.storeCallsPerQuery)]);
    rows.push([n, 'limit', String(r.limit.requestsPerSecond), r.limit.p50Ms.toFixed(3), r.limit.p99Ms.toFixed(3), '—']);
    rows.push([n, '**lattice/limit**', `${r.ratio.throughput}x slower`, `${r.ratio.p50}x`, `${r.ratio.p99}x`, '']);
    rows.push([n, 'lattice+limits', String(r.withLimits.requestsPerSecond), r.withLimits.p50Ms.toFixed(3), r.withLimits.p99Ms.toFixed(3), '']);
    rows.push([n, '**limits on/off**', `${r.limitsRatio.throughput}x slower`, `${r.limitsRatio.p50}x`, `${r.limitsRatio.p99}x`, '']);
    rows.push([n, 'compiled (limits on)', String(r.compiled.requestsPerSecond), r.compiled.p50Ms.toFixed(3), r.compiled.p99Ms.toFixed(3), '']);
    rows.push([n, '**compiled/limit**', `${r.compiledRatio.throughput}x`, `${r.compiledRatio.p50}x`, `${r.compiledRatio.p99}x`, '']);
  }
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

async function main() {
  const generation = buildGeneration(await readDocuments(path.join(ROOT, 'schema/blueprints'), ROOT));
  // A second generation for limits on: guardSchema wraps resolvers in place.
  const limitedSchema = guardSchema(buildGeneration(await readDocuments(path.join(ROOT, 'schema/blueprints'), ROOT)).schema);
  const document = parse(QUERY);
  assert.deepEqual(validate(generation.schema, document), [], 'the dashboard query must be valid against the Lattice schema');

  const started = Date.now();
  const results: SizeResult[] = [];
  for (const components of SIZES) {
    process.stdout.write(`dashboard: ${components.toLocaleString('en-US')} components… `);
    const r = await benchSize(components, generation.schema, limitedSchema, () => generation.plan.model, document);
    results.push(r);
    console.log(`lattice ${r.lattice.requestsPerSecond} req/s, limit ${r.limit.requestsPerSecond} req/s (${r.ratio.throughput}x); limits on ${r.withLimits.requestsPerSecond} req/s (on/off ${r.limitsRatio.throughput}x slower); compiled ${r.compiled.requestsPerSecond} req/s (${r.compiledRatio.throughput}x the limit)`);
  }
  const durationS = round((Date.now() - started) / 1000, 1);

  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    graphql: (await import('graphql')).version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    /** graphql-js skips its multi-realm instanceOf checks when NODE_ENV is "production". */
    nodeEnv: process.env.NODE_ENV ?? null,
  };
  const command = 'npm run bench';
  const target = 1.5;
  const withinTarget = results.every((r) => r.ratio.p50 <= target && r.ratio.p99 <= target && r.ratio.throughput <= target);
  const settings = { measureMsPerCase: MEASURE_MS, warmupMsPerCase: WARMUP_MS, rounds: ROUNDS, sequential: true };
  const out = { benchmark: 'dashboard', query: QUERY, command, environment, settings, target: { ratio: target, met: withinTarget }, durationSeconds: durationS, results };

  const md = `# Dashboard benchmark

Lattice vs the practical limit (plain graphql-js, hand-written SDL and resolvers over in-memory Maps
with precomputed reverse indexes), executing the dashboard query for \`domain-0\` in-process,
sequentially. See [bench/README.md](../README.md).

- Date: ${environment.date}
- Node: ${environment.node} (V8 ${environment.v8}), graphql ${environment.graphql}, NODE_ENV ${environment.nodeEnv ?? 'unset'}
- Machine: ${environment.cpus} cores (\`os.cpus().length\`), ${environment.cpuModel}, ${environment.platform}
- Command: \`${command}\`
- Settings: ${WARMUP_MS} ms warm-up, then ${MEASURE_MS} ms measured per implementation per size in ${ROUNDS} alternating rounds; took ${durationS} s
- Every size returns the same dashboard (domain-0: ${results[0]?.resultComponents} components in 10 systems); only the catalog around it grows.

${table(results)}

Ratios are Lattice/limit: latency ratios are Lattice's latency over the limit's; the throughput
ratio is the limit's requests/s over Lattice's (how many times slower Lattice is).
Lattice's store calls per query by method: ${results.map((r) => `${r.components.toLocaleString('en-US')}: ${JSON.stringify(r.lattice.storeCallsByMethod)}`).join('; ')}.
Target: Lattice within ${target}x of the limit at every size — **${withinTarget ? 'met' : 'not met'}**.
`;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'dashboard.json'), `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(path.join(RESULTS, 'dashboard.md'), md);
  console.log(`\n${table(results)}\n\nnode ${environment.node}, ${environment.cpus} cores; ${durationS} s. Target ${target}x: ${withinTarget ? 'met' : 'NOT met'}.`);
  console.log(`wrote ${path.relative(ROOT, path.join(RESULTS, 'dashboard.json'))} and dashboard.md`);
}

await main();
