/**
 * Kubernetes benchmark (issue 4, Performance): memory per watched object, query latency served
 * from watched state against the catalog alone, and change-to-event latency, in one run.
 *
 * Three kinds of process, each started from this same file with an IPC channel: the bench
 * (the HTTP and graphql-ws clients), the Kubernetes API simulators (`kubernetes.bench.ts
 * simulators`: `staging`, and `production` with N extra pods) and every Lattice
 * (`kubernetes.bench.ts gateway`: `startLattice(loadConfig())`, `--expose-gc`, asked over IPC for
 * its heap after a full GC and to close). So neither the simulators' heap nor the client's is
 * counted in the gateway's, and the 100,000 pods the simulator holds do not pause the client that
 * stops the clock. The gateways use the shipped examples/kubernetes/lattice.yaml (pageSize 500)
 * pointed at the simulators; the catalog-alone gateway has the same blueprints and catalog and no
 * sources. Queries go over HTTP; the entityChanged subscriber is a graphql-ws client in the bench
 * process. A change is timed from the moment the simulator publishes the Deployment's event (a
 * cluster listener subscribed before any watch, so just before the watches write it) to the
 * entityChanged event's arrival at the client: both read `process.hrtime.bigint()`, the machine's
 * monotonic clock, the same clock in every process.
 *
 * Change-to-event latency is measured at every size: with the reader's incremental merge
 * (src/data/reader.ts) a change costs its own entities, so p99 at 100,000 pods should be no
 * worse than at 10,000.
 *
 *   npm run bench:kubernetes
 *   BENCH_SIZES=10000,100000 npm run bench:kubernetes
 *   BENCH_SIZES=1000,10000 BENCH_CHANGES=200 BENCH_TIME_MS=2000 npm run bench:kubernetes
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants as perfConstants, performance, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import { percentile, round } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const EXAMPLE = path.join(ROOT, 'examples/kubernetes/lattice.yaml');

/** Pods watched in the production cluster (extra pods + the seed's), per size. */
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
/** Size at which heap per object is reported (change-to-event latency is measured at every size). */
const MEMORY_SIZE = 10_000;
const CHANGES = Number(process.env.BENCH_CHANGES ?? 1_000);
/** Pin the simulators to the last core and everything else to the others (`taskset`; BENCH_PIN=1). */
const PIN = process.env.BENCH_PIN === '1' && os.cpus().length >= 2;
/** Rounds the changes are split into, alternating between the sizes (forward, then backward). */
const CHANGE_ROUNDS = Number(process.env.BENCH_CHANGE_ROUNDS ?? 6);
/** Measured query time per gateway per size (split into rounds alternating with the catalog alone). */
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 4_000);
const ROUNDS = 4;
const WARMUP_MS = 500;
/** A folder to write the gateway's CPU and allocation profiles of the change phase into, per size (none by default). */
const PROFILE = process.env.BENCH_CPU_PROFILE;

const QUERY = '{ components { nodes { identifier workloadsByComponent { nodes { identifier cluster readyReplicas desiredReplicas restarts } } } } }';
const SUBSCRIPTION = 'subscription { entityChanged(blueprint: WORKLOAD) { identifier change entity { ... on Workload { desiredReplicas readyReplicas } } } }';

/** A gateway's memory after a full GC: V8's heap (used, and committed: `heapTotal`), buffers outside it, and RSS split as Linux counts it. */
interface MemorySample {
  readonly heapUsed: number;
  readonly heapTotal: number;
  /** Memory V8 holds for the heap's spaces, in RAM (`v8.getHeapSpaceStatistics()` physical sizes). */
  readonly heapPhysical: number;
  /** Buffers and other memory held outside the V8 heap on its behalf (`external`, ArrayBuffers included). */
  readonly external: number;
  readonly rss: number;
  /** Anonymous RSS (heap, malloc) and file-backed RSS (the node binary and libraries mapped), from /proc/self/status. */
  readonly rssAnon: number;
  readonly rssFile: number;
  /** Per V8 heap space (old, new, code, large objects…): MB used and MB held. */
  readonly spaces: Record<string, { readonly usedMB: number; readonly heldMB: number }>;
}
type Bytes = Exclude<keyof MemorySample, 'spaces'>;

// ---------------------------------------------------------------------------------------------
// Helpers.



function summary(values: readonly number[]) {
  const sorted = Float64Array.from(values).sort();
  return { samples: sorted.length, p50Ms: round(percentile(sorted, 50), 2), p99Ms: round(percentile(sorted, 99), 2), maxMs: round(sorted[sorted.length - 1] ?? NaN, 2) };
}

const n = (x: number) => x.toLocaleString('en-US');
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

function describeMemory(m: MemorySample): string {
  const spaces = Object.entries(m.spaces)
    .filter(([, s]) => s.heldMB >= 1)
    .map(([name, s]) => `${name.replace(/_space$/, '')} ${s.usedMB}/${s.heldMB}`)
    .join(', ');
  return `heap ${mb(m.heapUsed)} MB used / ${mb(m.heapPhysical)} MB held (${spaces}), external ${mb(m.external)} MB; RSS ${mb(m.rss)} MB (anonymous ${mb(m.rssAnon)}, files ${mb(m.rssFile)})`;
}

/** Garbage-collection pauses in a window: how many, their total and the longest (the tail of change-to-event follows them). */
interface GcPauses {
  readonly count: number;
  readonly totalMs: number;
  readonly maxMs: number;
  /** Pauses of 10 ms or more. */
  readonly long: number;
  /** Pauses by kind (minor: scavenges; major: mark-compact; incremental: marking steps; weakcb: weak callbacks): count and longest ms. */
  readonly byKind: Record<string, { readonly count: number; readonly maxMs: number }>;
}

/** CPU time this process has used (all its threads: the collector's helpers included), in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const NO_PAUSES: GcPauses = { count: 0, totalMs: 0, maxMs: 0, long: 0, byKind: {} };

/** Two windows of pauses as one. */
function addPauses(a: GcPauses, b: GcPauses): GcPauses {
  const byKind: Record<string, { count: number; maxMs: number }> = {};
  for (const [kind, k] of [...Object.entries(a.byKind), ...Object.entries(b.byKind)]) {
    const sum = (byKind[kind] ??= { count: 0, maxMs: 0 });
    sum.count += k.count;
    sum.maxMs = Math.max(sum.maxMs, k.maxMs);
  }
  return { count: a.count + b.count, totalMs: round(a.totalMs + b.totalMs, 1), maxMs: Math.max(a.maxMs, b.maxMs), long: a.long + b.long, byKind };
}

const GC_KINDS: Record<number, string> = {
  [perfConstants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** Records this process's GC pauses from now on; `take()` answers them and starts over. */
function watchGc(): { take(): GcPauses; stop(): void } {
  let pauses: { ms: number; kind: string }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ ms: e.duration, kind: GC_KINDS[((e as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind ?? 0] ?? 'other' });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    take() {
      const p = pauses;
      pauses = [];
      const byKind: Record<string, { count: number; maxMs: number }> = {};
      for (const { ms, kind } of p) {
        const k = (byKind[kind] ??= { count: 0, maxMs: 0 });
        k.count++;
        k.maxMs = Math.max(k.maxMs, round(ms, 1));
      }
      const ms = p.map((x) => x.ms);
      return { count: p.length, totalMs: round(ms.reduce((a, b) => a + b, 0), 1), maxMs: round(Math.max(0, ...ms), 1), long: ms.filter((d) => d >= 10).length, byKind };
    },
    stop: () => observer.disconnect(),
  };
}

interface Child {
  /** What the child sent when it was ready. */
  readonly ready: Record<string, unknown>;
  readonly startSeconds: number;
  request<T>(type: string, body?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

const children = new Set<ChildProcess>();

/** Starts `kubernetes.bench.ts <mode>` with `env`, and waits for its `ready` message. */
async function startChild(mode: 'gateway' | 'simulators', env: Record<string, string>, nodeArgs: readonly string[]): Promise<Child> {
  const started = performance.now();
  // With BENCH_PIN, the simulators (the instrument) get the last core to themselves; the gateways
  // and the client share the others, so the simulators' work and collections take no CPU from them.
  const cores = os.cpus().length;
  const pin = PIN ? (mode === 'simulators' ? `${cores - 1}` : `0-${cores - 2}`) : null;
  const command = pin ? 'taskset' : process.execPath;
  const args = [...nodeArgs, import.meta.filename, mode];
  const child = spawn(command, pin ? ['-c', pin, process.execPath, ...args] : args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.NODE_ENV ? { NODE_ENV: process.env.NODE_ENV } : {}), ...env },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const pending = new Map<number, { resolve(m: unknown): void; reject(e: Error): void }>();
  let nextId = 0;
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.on('message', (m: { type?: string; id?: number }) => {
      if (m.type === 'ready') resolve(m);
      else if (m.id !== undefined) {
        pending.get(m.id)?.resolve(m);
        pending.delete(m.id);
      }
    });
    child.once('exit', (code) => {
      const error = new Error(`${mode} exited (${code})`);
      reject(error);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  });
  const answer = await ready;
  return {
    ready: answer,
    startSeconds: round((performance.now() - started) / 1000, 2),
    request: <T>(type: string, body: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (m: unknown) => void, reject });
        child.send({ ...body, type, id });
      }),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close', id: -1 });
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Serves the parent's requests in a child process: `handlers[type](message)` answers each. */
function serveParent(ready: Record<string, unknown>, handlers: Record<string, (m: Record<string, unknown>) => unknown>): void {
  const send = (m: unknown) => process.send?.(m);
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: Record<string, unknown> & { type: string; id: number }) => {
    void (async () => {
      const result = await handlers[m.type](m);
      send({ ...(result as object), id: m.id });
      if (m.type === 'close') process.exit(0);
    })();
  });
  send({ ...ready, type: 'ready' });
}

/** What the bench asks of every child process (a gateway, the simulators). */
interface ProcessControls {
  readonly startSeconds: number;
  /** The process's GC pauses since the last call. */
  gc(): Promise<GcPauses>;
  /** A full collection in the process. */
  collect(): Promise<void>;
  /** CPU time the process has used (all threads), ms. */
  cpu(): Promise<number>;
  /** Starts V8's CPU profiler and allocation sampling; `profileStop(file)` writes both (`BENCH_CPU_PROFILE`). */
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  close(): Promise<void>;
}

function controlsOf(child: Child): ProcessControls {
  return {
    startSeconds: child.startSeconds,
    gc: async () => {
      const { id: _id, ...pauses } = await child.request<GcPauses & { id: number }>('gc');
      return pauses;
    },
    collect: async () => void (await child.request('collect')),
    cpu: async () => (await child.request<{ cpuMs: number }>('cpu')).cpuMs,
    profileStart: async () => void (await child.request('profile-start')),
    profileStop: async (file) => void (await child.request('profile-stop', { file })),
    close: () => child.close(),
  };
}

interface Gateway extends ProcessControls {
  readonly url: string;
  memory(): Promise<MemorySample>;
}

async function startGateway(env: Record<string, string>): Promise<Gateway> {
  const child = await startChild('gateway', { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env }, ['--expose-gc']);
  return {
    ...controlsOf(child),
    url: child.ready.url as string,
    memory: async () => {
      const { id: _id, ...sample } = await child.request<MemorySample & { id: number }>('memory');
      return sample;
    },
  };
}

/** The simulators' process, as the bench sees it. */
interface Simulators extends ProcessControls {
  readonly pods: number;
  readonly podJsonBytesAvg: number;
  readonly kubeconfigYaml: string;
  /** Lists the production simulator has answered so far. */
  lists(): Promise<number>;
  /** Scales production's orders/cart-service; answers the simulator's clock (ns) when the Deployment's event was published, just before the watches write it. */
  scale(replicas: number): Promise<bigint>;
  /** How long each scale() took in the simulator (ms), since the last call. */
  scaleTimes(): Promise<number[]>;
}

async function startSimulators(extraPods: number): Promise<Simulators> {
  const child = await startChild('simulators', { BENCH_EXTRA_PODS: String(extraPods) }, ['--max-old-space-size=8192', '--expose-gc']);
  return {
    ...controlsOf(child),
    pods: child.ready.pods as number,
    podJsonBytesAvg: child.ready.podJsonBytesAvg as number,
    kubeconfigYaml: child.ready.kubeconfigYaml as string,
    lists: async () => (await child.request<{ lists: number }>('lists')).lists,
    scale: async (replicas) => BigInt((await child.request<{ at: string }>('scale', { replicas })).at),
    scaleTimes: async () => (await child.request<{ ms: number[] }>('scale-times')).ms,
  };
}

async function query(url: string): Promise<{ data?: { components: { nodes: unknown[] } }; errors?: { message: string }[] }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
  return (await res.json()) as { data?: { components: { nodes: unknown[] } }; errors?: { message: string }[] };
}

async function runFor(url: string, ms: number, into: number[] | null): Promise<void> {
  const stop = performance.now() + ms;
  while (performance.now() < stop) {
    const t = performance.now();
    const r = await query(url);
    if (r.errors) throw new Error(`query: ${r.errors[0].message}`);
    into?.push(performance.now() - t);
  }
}

// ---------------------------------------------------------------------------------------------
// Main.

interface SizeResult {
  readonly pods: number;
  readonly podJsonBytesAvg: number;
  readonly simulatorStartSeconds: number;
  readonly gatewayStartSeconds: number;
  readonly syncLists: number;
  readonly memory: MemorySample;
  /** After the queries and changes: what serving added (the merged views of Workload and Pod, their reverse indexes). */
  readonly serving: MemorySample;
  readonly watched: ReturnType<typeof summary>;
  readonly catalog: ReturnType<typeof summary>;
  readonly ratioP50: number;
  readonly workloadsInAnswer: number;
  readonly changes?: { readonly count: number; readonly latency: ReturnType<typeof summary>; readonly eventsReceived: number; readonly gcPauses: { readonly gateway: GcPauses; readonly simulators: GcPauses; readonly bench: GcPauses } };
}

async function main() {
  const { createClient } = await import('graphql-ws');
  const WebSocket = (await import('ws')).default;

  const started = Date.now();
  if (PIN) execFileSync('taskset', ['-cp', `0-${os.cpus().length - 2}`, String(process.pid)], { stdio: 'ignore' });
  // This process holds the clients only: its collections are counted beside the gateway's and the simulators'.
  const benchGc = watchGc();
  const loadBefore = os.loadavg().map((l) => round(l, 2));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lattice-bench-kube-'));
  const stopAll = () => {
    for (const c of children) c.kill('SIGKILL');
  };
  process.once('SIGINT', () => {
    stopAll();
    process.exit(130);
  });

  /** One size under test: its simulators and gateway (alive until the end), what was measured so far. */
  interface Setup {
    readonly size: number;
    readonly simulators: Simulators;
    readonly gateway: Gateway;
    readonly syncLists: number;
    readonly memory: MemorySample;
    readonly watched: ReturnType<typeof summary>;
    readonly catalog: ReturnType<typeof summary>;
    readonly workloadsInAnswer: number;
    changes?: Changes;
    readonly latencies: number[];
    /** The simulator's own time per scale() (ms). */
    readonly scaleMs: number[];
    /** CPU time used during the timed changes, ms, per process. */
    readonly cpuMs: { gateway: number; simulators: number; bench: number };
    pauses: { gateway: GcPauses; simulators: GcPauses; bench: GcPauses };
  }

  /** A graphql-ws subscriber to `entityChanged(blueprint: WORKLOAD)` on one gateway, timing the changes it asks its simulators for. */
  interface Changes {
    measure(count: number, into: number[]): Promise<void>;
    readonly eventsReceived: number;
    dispose(): Promise<void>;
  }

  const subscribeChanges = async (gateway: Gateway, simulators: Simulators): Promise<Changes> => {
    const client = createClient({ url: `${gateway.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
    let waiting: { replicas: number; resolve: (t: bigint) => void } | undefined;
    /** The change's follow-up: the Workload's status with every replica ready (after its pods' events). */
    let settling: { replicas: number; resolve: () => void } | undefined;
    let eventsReceived = 0;
    client.subscribe(
      { query: SUBSCRIPTION },
      {
        next: (v) => {
          const now = process.hrtime.bigint();
          eventsReceived++;
          const e = (v.data as { entityChanged: { identifier: string; entity: { desiredReplicas: number; readyReplicas: number } | null } }).entityChanged;
          if (e.identifier !== 'production/orders/cart-service') return;
          const pending = waiting;
          if (pending && e.entity?.desiredReplicas === pending.replicas) {
            waiting = undefined;
            pending.resolve(now);
          }
          const settled = settling;
          if (settled && e.entity?.desiredReplicas === settled.replicas && e.entity.readyReplicas === settled.replicas) {
            settling = undefined;
            settled.resolve();
          }
        },
        error: (e) => console.warn('  subscription error', e),
        complete: () => undefined,
      },
    );
    // Wait until the subscription is live: scale until one event arrives.
    let replicas = 3;
    let subscribed = false;
    for (let i = 0; !subscribed && i < 100; i++) {
      replicas = replicas === 3 ? 4 : 3;
      const got = new Promise<bigint>((resolve) => (waiting = { replicas, resolve }));
      await simulators.scale(replicas);
      subscribed = (await Promise.race([got.then(() => true), sleep(100).then(() => false)])) as boolean;
    }
    if (!subscribed) throw new Error('the entityChanged subscription never received an event');
    await sleep(200);
    eventsReceived = 0;
    return {
      get eventsReceived() {
        return eventsReceived;
      },
      async measure(count, into) {
        for (let i = 0; i < count; i++) {
          replicas = replicas === 3 ? 4 : 3;
          const got = new Promise<bigint>((resolve) => (waiting = { replicas, resolve }));
          const settled = new Promise<void>((resolve) => (settling = { replicas, resolve }));
          const timeout = sleep(5_000).then(() => null);
          const [at, arrived] = await Promise.all([simulators.scale(replicas), Promise.race([got, timeout])]);
          if (arrived === null) throw new Error(`change ${into.length}: no entityChanged within 5 s`);
          into.push(Number(arrived - at) / 1e6);
          // One change at a time: the next starts once this one's follow-ups (its pods' events, the
          // Workload's status) have reached the client, and 2 ms more for the pods' own status events.
          if ((await Promise.race([settled.then(() => true), sleep(5_000).then(() => false)])) === false) throw new Error(`change ${into.length}: the Workload never reported ${replicas} ready replicas`);
          await sleep(2);
        }
      },
      dispose: async () => void (await client.dispose()),
    };
  };

  const results: SizeResult[] = [];
  const setups: Setup[] = [];
  let catalogMemory: MemorySample;
  let catalogServing: MemorySample;
  let catalogGateway: Gateway | undefined;
  try {
    // The catalog alone: the same blueprints and catalog, no sources.
    const catalogConfig = path.join(dir, 'catalog-only.yaml');
    writeFileSync(catalogConfig, [`blueprints: ${JSON.stringify(path.join(ROOT, 'examples/kubernetes/blueprints'))}`, `catalog: ${JSON.stringify(path.join(ROOT, 'catalog'))}`, 'watch: false', 'server:', '  host: 127.0.0.1', ''].join('\n'));
    catalogGateway = await startGateway({ LATTICE_CONFIG: catalogConfig });
    catalogMemory = await catalogGateway.memory();
    console.log(`catalog alone: ${describeMemory(catalogMemory)}`);
    await runFor(catalogGateway.url, WARMUP_MS, null);

    // Per size, one after the other: simulators and a gateway, the sync, memory, query latency.
    for (const size of SIZES) {
      const simulators = await startSimulators(Math.max(0, size - 5));
      const kubeconfigFile = path.join(dir, `kubeconfig-${size}`);
      writeFileSync(kubeconfigFile, simulators.kubeconfigYaml);
      console.log(`${n(simulators.pods)} pods (avg JSON ${n(simulators.podJsonBytesAvg)} B), simulators up in ${simulators.startSeconds} s; gateway syncing…`);
      const gateway = await startGateway({ LATTICE_CONFIG: EXAMPLE, KUBECONFIG_FILE: kubeconfigFile });
      const syncLists = await simulators.lists();
      const memory = await gateway.memory();
      console.log(`  synced in ${gateway.startSeconds} s (${syncLists} lists); ${describeMemory(memory)}`);

      // Query latency, watched state vs the catalog alone, alternating rounds.
      const answer = await query(gateway.url);
      if (answer.errors) throw new Error(`query: ${answer.errors[0].message}`);
      const workloadsInAnswer = ((answer.data?.components.nodes ?? []) as { workloadsByComponent: { nodes: unknown[] } }[]).reduce((a, c) => a + c.workloadsByComponent.nodes.length, 0);
      await runFor(gateway.url, WARMUP_MS, null);
      await runFor(catalogGateway.url, WARMUP_MS, null);
      const watched: number[] = [];
      const catalog: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        await runFor(gateway.url, TIME_MS / ROUNDS, watched);
        await runFor(catalogGateway.url, TIME_MS / ROUNDS, catalog);
      }
      const w = summary(watched);
      const c = summary(catalog);
      console.log(`  query p50 ${w.p50Ms} ms (catalog alone ${c.p50Ms} ms), p99 ${w.p99Ms} ms (${c.p99Ms} ms)`);
      setups.push({ size, simulators, gateway, syncLists, memory, watched: w, catalog: c, workloadsInAnswer, latencies: [], scaleMs: [], cpuMs: { gateway: 0, simulators: 0, bench: 0 }, pauses: { gateway: NO_PAUSES, simulators: NO_PAUSES, bench: NO_PAUSES } });
    }

    // Change to event, every size in alternating rounds (forward, then backward), so drift in the
    // machine or in the bench process weighs on every size alike.
    for (const s of setups) s.changes = await subscribeChanges(s.gateway, s.simulators);
    if (PROFILE) for (const s of setups) await Promise.all([s.gateway.profileStart(), s.simulators.profileStart()]);
    for (let r = 0; r < CHANGE_ROUNDS; r++) {
      const count = Math.floor(CHANGES / CHANGE_ROUNDS) + (r < CHANGES % CHANGE_ROUNDS ? 1 : 0);
      for (const s of r % 2 === 0 ? setups : [...setups].reverse()) {
        // Every process starts each round from a full collection, so the collections during it come
        // from the changes' own allocation, at every size alike.
        await Promise.all([s.gateway.collect(), s.simulators.collect()]);
        (globalThis as { gc?: () => void }).gc?.();
        await s.gateway.gc();
        await s.simulators.gc();
        benchGc.take();
        await s.simulators.scaleTimes();
        const [gatewayCpu, simulatorsCpu, benchCpu] = [await s.gateway.cpu(), await s.simulators.cpu(), cpuMs()];
        await s.changes!.measure(count, s.latencies);
        s.cpuMs.bench += cpuMs() - benchCpu;
        s.cpuMs.gateway += (await s.gateway.cpu()) - gatewayCpu;
        s.cpuMs.simulators += (await s.simulators.cpu()) - simulatorsCpu;
        s.scaleMs.push(...(await s.simulators.scaleTimes()));
        s.pauses = { gateway: addPauses(s.pauses.gateway, await s.gateway.gc()), simulators: addPauses(s.pauses.simulators, await s.simulators.gc()), bench: addPauses(s.pauses.bench, benchGc.take()) };
      }
    }
    if (PROFILE) {
      for (const s of setups) {
        const file = path.join(PROFILE, `gateway-changes-${s.size}.cpuprofile`);
        await s.gateway.profileStop(file);
        await s.simulators.profileStop(file.replace('gateway-', 'simulators-'));
        console.log(`wrote ${file} and the simulators' profiles beside it`);
      }
    }

    const pausesText = (p: GcPauses) => `${p.count} (${p.long} ≥ 10 ms, longest ${p.maxMs} ms; ${Object.entries(p.byKind).map(([k, v]) => `${k} ${v.count}, longest ${v.maxMs}`).join('; ')})`;
    for (const s of setups) {
      const latency = summary(s.latencies);
      const gcs = s.pauses;
      console.log(`${n(s.simulators.pods)} pods: change → entityChanged p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms over ${CHANGES} scales in ${CHANGE_ROUNDS} rounds (${s.changes!.eventsReceived} events); GC pauses meanwhile: gateway ${pausesText(gcs.gateway)}, simulators ${pausesText(gcs.simulators)}, bench process ${pausesText(gcs.bench)}`);
      const scale = summary(s.scaleMs);
      const perChange = (ms: number) => round(ms / CHANGES, 2);
      console.log(`  CPU per change (all threads): gateway ${perChange(s.cpuMs.gateway)} ms, simulators ${perChange(s.cpuMs.simulators)} ms, bench process ${perChange(s.cpuMs.bench)} ms`);
      console.log(`  the simulator's own scale() (the write and the controllers' follow-up writes): p50 ${scale.p50Ms} ms, p99 ${scale.p99Ms} ms, max ${scale.maxMs} ms`);
      console.log(`  slowest changes (ms): ${[...s.latencies].sort((a, b) => b - a).slice(0, 15).map((x) => round(x, 1)).join(', ')}`);
      const serving = await s.gateway.memory();
      console.log(`  serving: ${describeMemory(serving)}`);
      results.push({
        pods: s.simulators.pods,
        podJsonBytesAvg: s.simulators.podJsonBytesAvg,
        simulatorStartSeconds: s.simulators.startSeconds,
        gatewayStartSeconds: s.gateway.startSeconds,
        syncLists: s.syncLists,
        memory: s.memory,
        serving,
        watched: s.watched,
        catalog: s.catalog,
        ratioP50: round(s.watched.p50Ms / s.catalog.p50Ms, 2),
        workloadsInAnswer: s.workloadsInAnswer,
        changes: { count: CHANGES, latency, eventsReceived: s.changes!.eventsReceived, gcPauses: gcs },
      });
    }
    // The catalog alone has answered every round by now: its memory while serving, to compare with.
    catalogServing = await catalogGateway.memory();
  } finally {
    for (const s of setups) {
      await s.changes?.dispose();
      await s.gateway.close();
      await s.simulators.close();
    }
    benchGc.stop();
    await catalogGateway?.close();
    stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
  const durationS = round((Date.now() - started) / 1000, 1);
  // Sizes may be given in any order (BENCH_SIZES=100000,10000 measures the larger first): compare them in ascending order.
  results.sort((a, b) => a.pods - b.pods);

  // Memory per watched pod: against the catalog-alone gateway, and marginal between sizes.
  const at = (size: number) => results.find((r) => r.pods >= size && r.pods < size * 1.01);
  const m = at(MEMORY_SIZE);
  const largest = results.at(-1);
  const base = catalogMemory!;
  const perPod = (r: SizeResult, from: MemorySample, fromPods: number) => {
    const per = (k: Bytes) => Math.round((r.memory[k] - from[k]) / (r.pods - fromPods));
    return { heapUsed: per('heapUsed'), heapHeld: per('heapPhysical'), external: per('external'), rss: per('rss'), rssAnon: per('rssAnon'), rssFile: per('rssFile') };
  };
  const perPodRows = results.map((r, i) => ({
    pods: r.pods,
    podJsonBytesAvg: r.podJsonBytesAvg,
    vsCatalogAlone: perPod(r, base, 0),
    marginal: i > 0 ? { fromPods: results[i - 1].pods, ...perPod(r, results[i - 1].memory, results[i - 1].pods) } : null,
  }));
  const memory = m
    ? {
        pods: m.pods,
        podJsonBytesAvg: m.podJsonBytesAvg,
        heapBytesPerPodVsCatalogAlone: Math.round((m.memory.heapUsed - base.heapUsed) / m.pods),
        rssBytesPerPodVsCatalogAlone: Math.round((m.memory.rss - base.rss) / m.pods),
        heapMB: mb(m.memory.heapUsed),
        catalogAloneHeapMB: mb(base.heapUsed),
      }
    : null;
  const rssAtLargest = largest
    ? {
        pods: largest.pods,
        rssBytesPerPod: Math.round((largest.memory.rss - base.rss) / largest.pods),
        rssBytesPerPodServing: Math.round((largest.serving.rss - catalogServing!.rss) / largest.pods),
        heapBytesPerPodServing: Math.round((largest.serving.heapUsed - catalogServing!.heapUsed) / largest.pods),
        jsonBytes: largest.podJsonBytesAvg,
      }
    : null;
  const changes = m?.changes ?? null;
  // Per-event cost must not grow with the catalog: p99 at the largest size against the smallest measured.
  const measured = results.filter((r) => r.changes);
  const smallest = measured[0];
  const largestChanges = measured.at(-1);
  const targets = {
    heapPerObjectAtMostJsonSize: memory ? { met: memory.heapBytesPerPodVsCatalogAlone <= memory.podJsonBytesAvg, heapBytesPerPod: memory.heapBytesPerPodVsCatalogAlone, jsonBytes: memory.podJsonBytesAvg } : null,
    rssPerObjectAtMostTwiceJsonSize: rssAtLargest ? { met: Math.max(rssAtLargest.rssBytesPerPod, rssAtLargest.rssBytesPerPodServing) <= 2 * rssAtLargest.jsonBytes, ...rssAtLargest } : null,
    changeToEventP99Under100ms: changes ? { met: changes.latency.p99Ms < 100, p99Ms: changes.latency.p99Ms } : null,
    changeToEventP99AtLargestNoWorse:
      smallest && largestChanges && smallest !== largestChanges
        ? { met: largestChanges.changes!.latency.p99Ms <= smallest.changes!.latency.p99Ms, smallest: { pods: smallest.pods, p99Ms: smallest.changes!.latency.p99Ms }, largest: { pods: largestChanges.pods, p99Ms: largestChanges.changes!.latency.p99Ms } }
        : null,
  };

  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: round(os.totalmem() / 2 ** 30, 1),
    nodeEnv: process.env.NODE_ENV ?? null,
    loadAverageBefore: loadBefore,
    loadAverageAfter: os.loadavg().map((l) => round(l, 2)),
  };
  const env = Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_') && k !== 'BENCH_CPU_PROFILE').sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v} `).join('');
  const command = `${env}npm run bench:kubernetes`;
  const settings = { sizes: SIZES, changes: CHANGES, changeRounds: CHANGE_ROUNDS, pinned: PIN, timeMsPerGatewayPerSize: TIME_MS, rounds: ROUNDS, warmupMs: WARMUP_MS, query: QUERY, subscription: SUBSCRIPTION, pageSize: 500 };

  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  const memTable = [
    line(['watched pods', 'avg pod JSON B', 'heap used MB', 'heap held MB', 'external MB', 'RSS MB', 'RSS anonymous MB', 'RSS files MB', 'sync s (gateway start)', 'lists']),
    line(Array(10).fill('---')),
    line(['0 (catalog alone)', '—', mb(base.heapUsed), mb(base.heapPhysical), mb(base.external), mb(base.rss), mb(base.rssAnon), mb(base.rssFile), '—', '—']),
    ...results.map((r) => line([n(r.pods), n(r.podJsonBytesAvg), mb(r.memory.heapUsed), mb(r.memory.heapPhysical), mb(r.memory.external), mb(r.memory.rss), mb(r.memory.rssAnon), mb(r.memory.rssFile), r.gatewayStartSeconds, r.syncLists])),
  ].join('\n');
  const perPodTable = [
    line(['watched pods', 'per pod, from', 'heap used B', 'heap held B', 'external B', 'RSS B', 'RSS anonymous B', 'avg pod JSON B']),
    line(Array(8).fill('---')),
    ...perPodRows.flatMap((r) => [
      line([n(r.pods), 'the catalog alone', `**${n(r.vsCatalogAlone.heapUsed)}**`, n(r.vsCatalogAlone.heapHeld), n(r.vsCatalogAlone.external), `**${n(r.vsCatalogAlone.rss)}**`, n(r.vsCatalogAlone.rssAnon), n(r.podJsonBytesAvg)]),
      ...(r.marginal ? [line([n(r.pods), `${n(r.marginal.fromPods)} pods (marginal)`, n(r.marginal.heapUsed), n(r.marginal.heapHeld), n(r.marginal.external), n(r.marginal.rss), n(r.marginal.rssAnon), n(r.podJsonBytesAvg)])] : []),
    ]),
  ].join('\n');
  const servingTable = [
    line(['watched pods', 'heap used MB', 'heap held MB', 'RSS MB', 'heap used B per pod', 'RSS B per pod', 'avg pod JSON B']),
    line(Array(7).fill('---')),
    line(['0 (catalog alone)', mb(catalogServing!.heapUsed), mb(catalogServing!.heapPhysical), mb(catalogServing!.rss), '—', '—', '—']),
    ...results.map((r) =>
      line([n(r.pods), mb(r.serving.heapUsed), mb(r.serving.heapPhysical), mb(r.serving.rss), `**${n(Math.round((r.serving.heapUsed - catalogServing!.heapUsed) / r.pods))}**`, `**${n(Math.round((r.serving.rss - catalogServing!.rss) / r.pods))}**`, n(r.podJsonBytesAvg)]),
    ),
  ].join('\n');
  const queryTable = [
    line(['watched pods', 'workloads in answer', 'watched p50 ms', 'watched p99 ms', 'catalog alone p50 ms', 'catalog alone p99 ms', 'p50 ratio', 'samples (watched / catalog)']),
    line(Array(8).fill('---')),
    ...results.map((r) => line([n(r.pods), r.workloadsInAnswer, r.watched.p50Ms, r.watched.p99Ms, r.catalog.p50Ms, r.catalog.p99Ms, `${r.ratioP50}x`, `${r.watched.samples} / ${r.catalog.samples}`])),
  ].join('\n');
  const changeTable = measured.length
    ? [
        line(['watched pods', 'changes', 'p50 ms', 'p99 ms', 'max ms', 'entityChanged events received', 'gateway GC pauses (≥ 10 ms, longest ms)', 'simulators GC pauses (≥ 10 ms, longest ms)', 'client GC pauses (≥ 10 ms, longest ms)']),
        line(Array(9).fill('---')),
        ...measured.map((r) => {
          const g = r.changes!.gcPauses;
          return line([n(r.pods), n(r.changes!.count), r.changes!.latency.p50Ms, `**${r.changes!.latency.p99Ms}**`, r.changes!.latency.maxMs, n(r.changes!.eventsReceived), `${g.gateway.count} (${g.gateway.long}, ${g.gateway.maxMs})`, `${g.simulators.count} (${g.simulators.long}, ${g.simulators.maxMs})`, `${g.bench.count} (${g.bench.long}, ${g.bench.maxMs})`]);
        }),
      ].join('\n')
    : '(not measured)';
  const tables = `Memory (gateway process only, after a full GC; heap held: the pages V8 keeps for its heap, \`v8.getHeapSpaceStatistics()\` physical sizes; RSS anonymous and files from /proc/self/status):\n\n${memTable}\n\nPer watched pod:\n\n${perPodTable}\n\nWhile serving (after the queries and changes below, after a full GC: the merged views of Workload and Pod and their reverse indexes built), per pod against the catalog alone at the same point:\n\n${servingTable}\n\nQuery latency over HTTP (\`${QUERY}\`):\n\n${queryTable}\n\nChange to event (the simulator publishes the Deployment's change, just before its watches write it → \`entityChanged\` at a graphql-ws subscriber in the bench process; both processes read the machine's monotonic clock; every size's gateway and simulators alive together, the changes in ${CHANGE_ROUNDS} rounds alternating between the sizes):\n\n${changeTable}`;

  const out = { benchmark: 'kubernetes', command, environment, settings, targets, durationSeconds: durationS, catalogAlone: { memory: base, serving: catalogServing! }, memory, perPod: perPodRows, results };
  const md = `# Kubernetes benchmark

Memory per watched object, query latency served from watched state against the catalog alone, and
change-to-event latency, in one run. See [bench/README.md](../README.md).

- Date: ${environment.date}
- Node: ${environment.node}, NODE_ENV ${environment.nodeEnv ?? 'unset'}
- Machine: ${environment.cpus} cores (\`os.cpus().length\`), ${environment.cpuModel}, ${environment.memoryGB} GB, ${environment.platform}; load average (1/5/15 min) ${environment.loadAverageBefore.join(' / ')} before, ${environment.loadAverageAfter.join(' / ')} after
- Command: \`${command}\` (took ${durationS} s)
- Setup: two Kubernetes API simulators (\`staging\`, \`production\` with extra standalone pods in namespace \`load\`, labelled \`backstage.io/kubernetes-id: LoadService<n % 100>\`) in a child process of their own; each Lattice in its own child process (\`--expose-gc\`), \`examples/kubernetes/lattice.yaml\` pointed at the simulators (pageSize 500); the catalog-alone Lattice has the same blueprints and catalog and no sources. Queries over HTTP, sequential, ${ROUNDS} alternating rounds of ${TIME_MS / ROUNDS} ms per gateway after ${WARMUP_MS} ms warm-up each.
- ${PIN ? `Pinned (BENCH_PIN=1, \`taskset\`): the simulators alone on core ${environment.cpus - 1}, the gateways and the clients on the other${environment.cpus > 2 ? 's' : ''}.` : `Everything (simulators, gateways, clients) shares the same ${environment.cpus} cores.`}

${tables}

Targets: heap growth per watched object no larger than the object's JSON size — **${targets.heapPerObjectAtMostJsonSize ? (targets.heapPerObjectAtMostJsonSize.met ? 'met' : 'not met') : 'not measured'}**; RSS growth per watched pod at most twice its JSON size at the largest size, after the sync and while serving (${rssAtLargest ? `${n(rssAtLargest.rssBytesPerPod)} B and ${n(rssAtLargest.rssBytesPerPodServing)} B at ${n(rssAtLargest.pods)} pods` : '—'}) — **${targets.rssPerObjectAtMostTwiceJsonSize ? (targets.rssPerObjectAtMostTwiceJsonSize.met ? 'met' : 'not met') : 'not measured'}**; change-to-event p99 under 100 ms at ${n(MEMORY_SIZE)} pods — **${targets.changeToEventP99Under100ms ? (targets.changeToEventP99Under100ms.met ? 'met' : 'not met') : 'not measured'}**; change-to-event p99 at the largest size no worse than at the smallest (${targets.changeToEventP99AtLargestNoWorse ? `${targets.changeToEventP99AtLargestNoWorse.largest.p99Ms} ms at ${n(targets.changeToEventP99AtLargestNoWorse.largest.pods)} pods, ${targets.changeToEventP99AtLargestNoWorse.smallest.p99Ms} ms at ${n(targets.changeToEventP99AtLargestNoWorse.smallest.pods)}` : '—'}) — **${targets.changeToEventP99AtLargestNoWorse ? (targets.changeToEventP99AtLargestNoWorse.met ? 'met' : 'not met') : 'not measured'}**.
`;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'kubernetes.json'), `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(path.join(RESULTS, 'kubernetes.md'), md);
  console.log(`\n${tables}\n\nnode ${environment.node}, ${environment.cpus} cores; ${durationS} s.`);
  console.log('wrote bench/results/kubernetes.json and kubernetes.md');
}

/** IPC handlers `profile-start` and `profile-stop` (`{ file }`): V8's CPU profile and allocation sampling of this process. */
async function profilerHandlers(): Promise<Record<string, (m: Record<string, unknown>) => unknown>> {
  const { Session } = await import('node:inspector/promises');
  const inspector = new Session();
  return {
    'profile-start': async () => {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.setSamplingInterval', { interval: 100 });
      await inspector.post('Profiler.start');
      await inspector.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      return {};
    },
    'profile-stop': async (m) => {
      const { profile } = await inspector.post('Profiler.stop');
      writeFileSync(m.file as string, JSON.stringify(profile));
      const { profile: allocations } = await inspector.post('HeapProfiler.stopSampling');
      writeFileSync((m.file as string).replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(allocations));
      inspector.disconnect();
      return {};
    },
  };
}

// Gateway mode: a child process running one Lattice, answering the bench over IPC.
async function gatewayMode() {
  const { loadConfig } = await import('../src/config/index.ts');
  const { startLattice } = await import('../src/server/app.ts');
  const config = loadConfig(process.env, ROOT);
  // The bench measures the gateway, not its request budget.
  const lattice = await startLattice({ ...config, rateLimits: { ...config.rateLimits, enabled: false } });
  const gcPauses = watchGc();
  serveParent(
    { url: lattice.url },
    {
      gc: () => gcPauses.take(),
      collect: () => ((globalThis as { gc?: () => void }).gc?.(), {}),
      cpu: () => ({ cpuMs: cpuMs() }),
      memory: async () => {
        const gc = (globalThis as { gc?: () => void }).gc;
        for (let i = 0; i < 3; i++) {
          gc?.();
          await sleep(20);
        }
        const u = process.memoryUsage();
        const status = readFileSync('/proc/self/status', 'utf8');
        const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
        const spaces = v8.getHeapSpaceStatistics();
        const heapPhysical = spaces.reduce((a, space) => a + space.physical_space_size, 0);
        const bySpace = Object.fromEntries(spaces.map((space) => [space.space_name, { usedMB: mb(space.space_used_size), heldMB: mb(space.physical_space_size) }]));
        return { heapUsed: u.heapUsed, heapTotal: u.heapTotal, heapPhysical, external: u.external, rss: u.rss, rssAnon: kB('RssAnon'), rssFile: kB('RssFile'), spaces: bySpace } satisfies MemorySample;
      },
      ...(await profilerHandlers()),
      close: async () => {
        await lattice.close();
        return {};
      },
    },
  );
}

// Simulators mode: the two Kubernetes API simulators in a child process, scaled on request.
async function simulatorsMode() {
  const { startKubernetesSimulator } = await import('../test/simulators/kubernetes/server.ts');
  const { kubeconfigFor } = await import('../test/simulators/kubernetes/kubeconfig.ts');
  const staging = await startKubernetesSimulator({ name: 'staging' });
  const production = await startKubernetesSimulator({ name: 'production', extraPods: Number(process.env.BENCH_EXTRA_PODS ?? 0) });
  const pods = production.list('pods', { labelSelector: 'backstage.io/kubernetes-id' });
  const podJsonBytesAvg = Math.round(pods.reduce((a, p) => a + Buffer.byteLength(JSON.stringify(p)), 0) / pods.length);
  const kubeconfigYaml = kubeconfigFor([{ sim: staging, context: 'staging' }, { sim: production, context: 'production' }]).yaml;
  const gcPauses = watchGc();
  // The clock starts when the API server publishes the change: this listener is subscribed before
  // any watch, so it runs just before the watches write the event (the simulator's own work on the
  // write, and a collection it triggers, are the API server's latency, not the gateway's).
  let scaling: { replicas: number; published?: bigint } | undefined;
  /** How long each scale() took in the simulator (the write, its events, the controllers' follow-up writes), since the last `scale-times`. */
  let scaleNs: number[] = [];
  production.cluster.subscribe((event) => {
    const o = event.object as { kind?: string; metadata: { namespace?: string; name?: string }; spec?: { replicas?: number } };
    if (scaling && scaling.published === undefined && o.kind === 'Deployment' && o.metadata.namespace === 'orders' && o.metadata.name === 'cart-service' && o.spec?.replicas === scaling.replicas) {
      scaling.published = process.hrtime.bigint();
    }
  });
  serveParent(
    { pods: pods.length, podJsonBytesAvg, kubeconfigYaml },
    {
      lists: () => ({ lists: production.stats.byVerb.list }),
      'scale-times': () => {
        const ms = scaleNs.map((ns) => ns / 1e6);
        scaleNs = [];
        return { ms };
      },
      scale: (m) => {
        scaling = { replicas: m.replicas as number };
        const before = process.hrtime.bigint();
        production.scale('orders', 'cart-service', scaling.replicas);
        scaleNs.push(Number(process.hrtime.bigint() - before));
        if (scaling.published === undefined) throw new Error('the scale published no Deployment event');
        return { at: String(scaling.published) };
      },
      gc: () => gcPauses.take(),
      collect: () => ((globalThis as { gc?: () => void }).gc?.(), {}),
      cpu: () => ({ cpuMs: cpuMs() }),
      ...(await profilerHandlers()),
      close: async () => {
        await Promise.all([staging.close(), production.close()]);
        return {};
      },
    },
  );
}

if (process.argv[2] === 'gateway') await gatewayMode();
else if (process.argv[2] === 'simulators') await simulatorsMode();
else await main();
