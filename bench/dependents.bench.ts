/**
 * What observing a change's dependents costs the automations (docs/orchestration.md, "Changes
 * Lattice computes"), on a 20,000-component catalog.
 *
 * Over generateCatalog(20,000 components, 2,000 systems, 200 domains) in a MemoryEntityStore, with
 * the shipped blueprints and the ProductionReadiness scorecard of test/fixtures/scorecards (its
 * rule `system → domain` is a relation path: a component reads its system and its domain), the
 * observer as the gateway wires it (entities read as served: computed values and scorecard
 * levels; in-process entity states; events dropped: no automation listens). Each operation writes
 * a new title to one entity, then observes the change; measured rounds alternate the cases so
 * drift hits them alike:
 *
 * - component: a Component (nothing reads it: no dependents);
 * - system, without / with dependents: a System (its 10 components are dependents), with
 *   `maxDependents` 0 and 1000;
 * - domain, without / with dependents: a Domain (the 100 components of its 10 systems).
 *
 * Prints p50 and p99 per operation, the store calls per operation and the with/without ratio.
 *
 *   node bench/dependents.bench.ts          (BENCH_TIME_MS=<ms> sets the measured time per case)
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { countCalls } from '../src/data/countCalls.ts';
import { MemoryEntityStates } from '../src/data/memory/MemoryEntityStates.ts';
import { MemoryEntityStore } from '../src/data/memory/MemoryEntityStore.ts';
import { createEntityReader } from '../src/data/reader.ts';
import { createAutomationSet } from '../src/model/automations/model.ts';
import { dependentsOf } from '../src/runs/automations/dependents.ts';
import { createObserver } from '../src/runs/automations/observer.ts';
import { readPaths } from '../src/runs/automations/readPaths.ts';
import { Timers } from '../src/runs/timers/timers.ts';
import { buildGeneration, readDocuments } from '../src/server/runtime.ts';
import { servedEntities } from '../src/server/servedEntities.ts';
import { generateCatalog } from '../test/fixtures/generateCatalog.ts';
import { percentile, round } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const MEASURE_MS = Number(process.env.BENCH_TIME_MS ?? 3_000);
const ROUNDS = 6;
const FIXTURE = 'test/fixtures/scorecards/ProductionReadiness.json';

const blueprints = await readDocuments(path.join(ROOT, 'schema/blueprints'), ROOT);
const generation = buildGeneration(blueprints, { scorecardFiles: [{ file: FIXTURE, text: readFileSync(path.join(ROOT, FIXTURE), 'utf8') }] });
const memory = new MemoryEntityStore();
const catalog = generateCatalog({ components: 20_000, systems: 2_000, domains: 200 });
await memory.put(catalog);
const store = countCalls(memory);
const reader = createEntityReader(store, []);
const served = servedEntities(reader, () => generation.plan);
const index = readPaths(generation.plan.model, generation.scorecards);
const original = new Map(catalog.map((e) => [`${e.blueprint}:${e.identifier}`, e]));

function observer(maxDependents: number) {
  const timers = new Timers({ model: () => generation.plan.model, automations: () => createAutomationSet([]) });
  return createObserver({
    read: served.read,
    states: new MemoryEntityStates(),
    timers,
    emit: async () => undefined,
    dependents: (changed) => {
      const session = reader.session();
      return dependentsOf(index, changed, { load: (bp, ids) => session.getMany(bp, ids), findByRelation: (bp, rel, targets) => session.findByRelation(bp, rel, targets) });
    },
    maxDependents,
  });
}

interface Case {
  readonly name: string;
  readonly blueprint: string;
  readonly identifiers: readonly string[];
  readonly observe: ReturnType<typeof createObserver>;
}

const pick = (prefix: string, n: number, step: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i * step}`);
const without = observer(0);
const withDependents = observer(1000);
const CASES: Case[] = [
  { name: 'component', blueprint: 'Component', identifiers: pick('component', 200, 97), observe: withDependents },
  { name: 'system, without dependents', blueprint: 'System', identifiers: pick('system', 200, 9), observe: without },
  { name: 'system, with dependents', blueprint: 'System', identifiers: pick('system', 200, 9), observe: withDependents },
  { name: 'domain, without dependents', blueprint: 'Domain', identifiers: pick('domain', 200, 1), observe: without },
  { name: 'domain, with dependents', blueprint: 'Domain', identifiers: pick('domain', 200, 1), observe: withDependents },
];

let version = 0;
/** One operation: a new title for one entity, then its observation. Returns the store calls it made. */
async function once(c: Case, i: number): Promise<number> {
  const identifier = c.identifiers[i % c.identifiers.length];
  const base = original.get(`${c.blueprint}:${identifier}`);
  if (!base) throw new Error(`no ${c.blueprint} ${identifier}`);
  await memory.put([{ ...base, title: `t${++version}` }]);
  const before = store.counts().total;
  await c.observe({ blueprint: c.blueprint, identifier, change: 'UPSERTED' }, 0);
  return store.counts().total - before;
}

// Every case once over its entities first: the entity states are recorded (as `prime` does).
for (const c of CASES) for (let i = 0; i < c.identifiers.length; i++) await once(c, i);

const samples = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
const calls = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
for (let round_ = 0; round_ < ROUNDS; round_++) {
  for (const c of CASES) {
    const end = performance.now() + MEASURE_MS / ROUNDS;
    let i = 0;
    while (performance.now() < end) {
      const t = performance.now();
      const n = await once(c, i++);
      (samples.get(c.name) as number[]).push(performance.now() - t);
      (calls.get(c.name) as number[]).push(n);
    }
  }
}

const sorted = (name: string) => Float64Array.from(samples.get(name) as number[]).sort();
const p50 = (name: string) => percentile(sorted(name), 50);
console.log(`dependents bench: 20,000 components, node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const c of CASES) {
  const s = sorted(c.name);
  const n = calls.get(c.name) as number[];
  console.log(`${c.name.padEnd(28)} ops ${String(s.length).padStart(6)}  p50 ${round(p50(c.name), 3)} ms  p99 ${round(percentile(s, 99), 3)} ms  store calls/op ${round(n.reduce((a, b) => a + b, 0) / n.length, 1)}`);
}
for (const bp of ['system', 'domain']) console.log(`${bp}: with / without dependents (p50) ${round(p50(`${bp}, with dependents`) / p50(`${bp}, without dependents`), 2)}x`);
