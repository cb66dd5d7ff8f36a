/**
 * Scorecard evaluation cost per entity, on a 20,000-component catalog.
 *
 * Over generateCatalog(20,000 components, 2,000 systems, 200 domains) in a MemoryEntityStore, with
 * the shipped blueprints and the ProductionReadiness scorecard of test/fixtures/scorecards (three
 * rules: a relation rule, a property rule, a relation path component → system → domain), executes
 * in-process with graphql-js `execute`, sequentially, a fresh request context per operation (as
 * bench/dashboard.bench.ts does), two query shapes each with and without `scorecards`:
 *
 * - dashboard: DASHBOARD_QUERY for `domain-0` (100 components), `scorecards { level rules { passed } }`
 *   added to each component;
 * - page: `components(first: 1000) { nodes { identifier } }`, with `scorecards { level }`.
 *
 * Measured rounds alternate (with, without) so drift hits both alike. Reports requests/s, p50,
 * p99, store calls per query, the with/without ratio and the extra cost per evaluated entity
 * ((p50 with − p50 without) / components in the answer). Writes bench/results/scorecards.json and .md.
 *
 *   npm run bench:scorecards            (BENCH_TIME_MS=<ms> sets the measured time per case)
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execute, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
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
import { countCalls } from '../src/data/countCalls.ts';
import { MemoryEntityStore } from '../src/data/memory/MemoryEntityStore.ts';
import { generateCatalog } from '../test/fixtures/generateCatalog.ts';
import { createCatalogWriter } from '../datasources/catalog/writer.ts';
import { percentile, round } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const COMPONENTS = 20_000;
const MEASURE_MS = Number(process.env.BENCH_TIME_MS ?? 6_000);
const ROUNDS = 6;
const WARMUP_MS = Math.max(200, Math.round(MEASURE_MS / 5));
const FIXTURE = 'test/fixtures/scorecards/ProductionReadiness.json';

const DASHBOARD = DASHBOARD_QUERY.replace('"Orders"', '"domain-0"');
const SHAPES = [
  { name: 'dashboard', without: DASHBOARD, with: DASHBOARD.replace(/(componentsBySystem \{\s*nodes \{\s*identifier)/, '$1 scorecards { level rules { passed } }') },
  { name: 'page of 1,000', without: '{ components(first: 1000) { nodes { identifier } } }', with: '{ components(first: 1000) { nodes { identifier scorecards { level } } } }' },
];

interface Stats {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

async function runFor(run: () => Promise<ExecutionResult>, ms: number, latencies: number[]): Promise<number> {
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    const t0 = performance.now();
    const result = await run();
    now = performance.now();
    if (result.errors) throw new Error(result.errors[0].message);
    latencies.push(now - t0);
  }
  return now - start;
}

function stats(latencies: number[], elapsedMs: number): Stats {
  const sorted = Float64Array.from(latencies).sort();
  return { requestsPerSecond: round((sorted.length / elapsedMs) * 1000, 0), p50Ms: round(percentile(sorted, 50), 3), p99Ms: round(percentile(sorted, 99), 3) };
}

const countComponents = (data: unknown): number => {
  const text = JSON.stringify(data);
  return (text.match(/"scorecards":/g) ?? []).length;
};

async function main() {
  const blueprints = await readDocuments(path.join(ROOT, 'schema/blueprints'), ROOT);
  const generation = buildGeneration(blueprints, { scorecardFiles: [{ file: FIXTURE, text: readFileSync(path.join(ROOT, FIXTURE), 'utf8') }] });
  const schema: GraphQLSchema = generation.schema;
  const memory = new MemoryEntityStore();
  await memory.put(generateCatalog({ components: COMPONENTS, systems: COMPONENTS / 10, domains: COMPONENTS / 100 }));
  const store = countCalls(memory);
  const reader = createEntityReader(store, []);
  const writer = createCatalogWriter(store, () => generation.plan.model);
  const pubsub = new MemoryPubSub();
  const runStore = new MemoryRunStore();
  const noActions = () => createActionSet([]);
  const actions = { engine: new ActionEngine({ actions: noActions, store: runStore, events: pubsub, catalog: () => ({ model: createModel([]), load: async () => [], list: async () => [], findByRelation: async () => [] }), invokers: {} }), store: runStore, set: noActions };
  const audit = { log: new MemoryAuditLog(), record: async () => {} };
  const status = (): GatewayStatus => ({ loadedAt: new Date(0), errors: [], warnings: [], schemaChanges: [] });
  const run = (document: DocumentNode) => () => Promise.resolve(execute({ schema, document, contextValue: createRequestContext({ reader, writer, pubsub, actions, status, audit }) }));

  const rows = [];
  for (const shape of SHAPES) {
    const withDoc = parse(shape.with);
    const withoutDoc = parse(shape.without);
    const before = store.counts().total;
    const answer = await run(withDoc)();
    const callsWith = store.counts().total - before;
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    const evaluated = countComponents(answer.data);
    assert.ok(evaluated > 0, `${shape.name}: no scorecards in the answer`);
    const mid = store.counts().total;
    await run(withoutDoc)();
    const callsWithout = store.counts().total - mid;
    await runFor(run(withDoc), WARMUP_MS, []);
    await runFor(run(withoutDoc), WARMUP_MS, []);
    const a: number[] = [];
    const b: number[] = [];
    let ta = 0;
    let tb = 0;
    for (let r = 0; r < ROUNDS; r++) {
      ta += await runFor(run(withDoc), MEASURE_MS / ROUNDS, a);
      tb += await runFor(run(withoutDoc), MEASURE_MS / ROUNDS, b);
    }
    const w = stats(a, ta);
    const wo = stats(b, tb);
    rows.push({
      shape: shape.name,
      evaluated,
      with: { ...w, storeCalls: callsWith },
      without: { ...wo, storeCalls: callsWithout },
      ratio: { p50: round(w.p50Ms / wo.p50Ms, 2), p99: round(w.p99Ms / wo.p99Ms, 2), throughput: round(wo.requestsPerSecond / w.requestsPerSecond, 2) },
      perEntityUs: round(((w.p50Ms - wo.p50Ms) * 1000) / evaluated, 2),
    });
    console.log(JSON.stringify(rows.at(-1)));
  }
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, load: os.loadavg().map((l) => round(l, 2)), node: process.version, measureMs: MEASURE_MS };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'scorecards.json'), JSON.stringify({ at: new Date().toISOString(), components: COMPONENTS, machine, rows }, null, 2) + '\n');
  const md = [
    `# Scorecard evaluation cost (${COMPONENTS.toLocaleString('en-US')} components)`,
    '',
    `\`npm run bench:scorecards\` — ${new Date().toISOString()}, ${machine.cpus} CPUs (${machine.model}), load average ${machine.load.join(' / ')}, Node ${machine.node}, ${MEASURE_MS} ms measured per case in ${ROUNDS} alternating rounds.`,
    '',
    '| query | entities evaluated | with: req/s | p50 ms | p99 ms | store calls | without: req/s | p50 ms | p99 ms | store calls | with/without p50 | p99 | throughput | extra µs per entity (p50) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.shape} | ${r.evaluated} | ${r.with.requestsPerSecond} | ${r.with.p50Ms} | ${r.with.p99Ms} | ${r.with.storeCalls} | ${r.without.requestsPerSecond} | ${r.without.p50Ms} | ${r.without.p99Ms} | ${r.without.storeCalls} | ${r.ratio.p50}x | ${r.ratio.p99}x | ${r.ratio.throughput}x | ${r.perEntityUs} |`),
    '',
  ].join('\n');
  writeFileSync(path.join(RESULTS, 'scorecards.md'), md);
  console.log(md);
}

await main();
