/**
 * Kubernetes benchmark (issue 4, Performance): memory per watched object, query latency served
 * from watched state against the catalog alone, and change-to-event latency, in one run.
 *
 * The Kubernetes API simulators (`staging`, and `production` with N extra pods) run in this
 * process; every Lattice is `startLattice(loadConfig())` in a child process started from this
 * same file (`kubernetes.bench.ts gateway`, `--expose-gc`, an IPC channel to ask for its heap
 * after a full GC and to close), so the simulators' heap is not counted in the gateway's. The
 * gateways use the shipped examples/kubernetes/lattice.yaml (pageSize 500) pointed at the
 * simulators; the catalog-alone gateway has the same blueprints and catalog and no sources.
 * Queries go over HTTP; the entityChanged subscriber is a graphql-ws client in this process, so
 * one clock times `sim.scale(...)` and the event's arrival.
 *
 * Change-to-event latency is measured at every size: with the reader's incremental merge
 * (src/data/reader.ts) a change costs its own entities, so p99 at 100,000 pods should be no
 * worse than at 10,000.
 *
 *   npm run bench:kubernetes
 *   BENCH_SIZES=10000,100000 npm run bench:kubernetes
 *   BENCH_SIZES=1000,10000 BENCH_CHANGES=200 BENCH_TIME_MS=2000 npm run bench:kubernetes
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
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
/** Measured query time per gateway per size (split into rounds alternating with the catalog alone). */
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 4_000);
const ROUNDS = 4;
const WARMUP_MS = 500;

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
}

/** Records this process's GC pauses from now on; `take()` answers them and starts over. */
function watchGc(): { take(): GcPauses; stop(): void } {
  let pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push(e.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    take() {
      const p = pauses;
      pauses = [];
      return { count: p.length, totalMs: round(p.reduce((a, b) => a + b, 0), 1), maxMs: round(Math.max(0, ...p), 1), long: p.filter((d) => d >= 10).length };
    },
    stop: () => observer.disconnect(),
  };
}

interface Gateway {
  readonly url: string;
  readonly startSeconds: number;
  memory(): Promise<MemorySample>;
  /** The gateway's GC pauses since the last call. */
  gc(): Promise<GcPauses>;
  close(): Promise<void>;
}

const children = new Set<ChildProcess>();

async function startGateway(env: Record<string, string>): Promise<Gateway> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', import.meta.filename, 'gateway'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...(process.env.NODE_ENV ? { NODE_ENV: process.env.NODE_ENV } : {}), ...env },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const waitFor = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null) => reject(new Error(`gateway exited (${code}) waiting for "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { url } = await waitFor<{ url: string }>('ready');
  return {
    url,
    startSeconds: round((performance.now() - started) / 1000, 2),
    memory: async () => {
      const answer = waitFor<MemorySample & { type: string }>('memory');
      child.send({ type: 'memory' });
      const { type: _type, ...sample } = await answer;
      return sample;
    },
    gc: async () => {
      const answer = waitFor<GcPauses & { type: string }>('gc');
      child.send({ type: 'gc' });
      const { type: _type, ...pauses } = await answer;
      return pauses;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
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
  readonly changes?: { readonly count: number; readonly latency: ReturnType<typeof summary>; readonly eventsReceived: number; readonly gcPauses: { readonly gateway: GcPauses; readonly bench: GcPauses } };
}

async function main() {
  const { startKubernetesSimulator } = await import('../test/simulators/kubernetes/server.ts');
  const { kubeconfigFor } = await import('../test/simulators/kubernetes/kubeconfig.ts');
  const { createClient } = await import('graphql-ws');
  const WebSocket = (await import('ws')).default;

  const started = Date.now();
  // The simulators live in this process: their collections pause the clock that times changes too.
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

  const results: SizeResult[] = [];
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

    for (const size of SIZES) {
      const t0 = performance.now();
      const staging = await startKubernetesSimulator({ name: 'staging' });
      const production = await startKubernetesSimulator({ name: 'production', extraPods: Math.max(0, size - 5) });
      const simulatorStartSeconds = round((performance.now() - t0) / 1000, 2);
      let gateway: Gateway | undefined;
      const clients: { dispose(): void | Promise<void> }[] = [];
      try {
        const pods = production.list('pods', { labelSelector: 'backstage.io/kubernetes-id' });
        const podJsonBytesAvg = Math.round(pods.reduce((a, p) => a + Buffer.byteLength(JSON.stringify(p)), 0) / pods.length);
        const kubeconfigFile = path.join(dir, `kubeconfig-${size}`);
        writeFileSync(kubeconfigFile, kubeconfigFor([{ sim: staging, context: 'staging' }, { sim: production, context: 'production' }]).yaml);
        console.log(`${n(pods.length)} pods (avg JSON ${n(podJsonBytesAvg)} B), simulators up in ${simulatorStartSeconds} s; gateway syncing…`);
        gateway = await startGateway({ LATTICE_CONFIG: EXAMPLE, KUBECONFIG_FILE: kubeconfigFile });
        const syncLists = production.stats.byVerb.list;
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

        // Change-to-event latency: sim.scale → entityChanged at a graphql-ws subscriber.
        let changes: SizeResult['changes'];
        {
          const client = createClient({ url: `${gateway.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
          clients.push(client);
          let waiting: { replicas: number; resolve: (t: number) => void } | undefined;
          let eventsReceived = 0;
          let subscribed = false;
          client.subscribe(
            { query: SUBSCRIPTION },
            {
              next: (v) => {
                const now = performance.now();
                eventsReceived++;
                const e = (v.data as { entityChanged: { identifier: string; entity: { desiredReplicas: number } | null } }).entityChanged;
                const pending = waiting;
                if (pending && e.identifier === 'production/orders/cart-service' && e.entity?.desiredReplicas === pending.replicas) {
                  waiting = undefined;
                  pending.resolve(now);
                }
              },
              error: (e) => console.warn('  subscription error', e),
              complete: () => undefined,
            },
          );
          // Wait until the subscription is live: scale until one event arrives.
          let replicas = 3;
          for (let i = 0; !subscribed && i < 100; i++) {
            replicas = replicas === 3 ? 4 : 3;
            const got = new Promise<number>((resolve) => (waiting = { replicas, resolve }));
            production.scale('orders', 'cart-service', replicas);
            subscribed = (await Promise.race([got.then(() => true), sleep(100).then(() => false)])) as boolean;
          }
          if (!subscribed) throw new Error('the entityChanged subscription never received an event');
          await sleep(200);
          const latencies: number[] = [];
          eventsReceived = 0;
          await gateway.gc();
          benchGc.take();
          for (let i = 0; i < CHANGES; i++) {
            replicas = replicas === 3 ? 4 : 3;
            const got = new Promise<number>((resolve) => (waiting = { replicas, resolve }));
            const t = performance.now();
            production.scale('orders', 'cart-service', replicas);
            const arrived = await Promise.race([got, sleep(5_000).then(() => NaN)]);
            if (Number.isNaN(arrived)) throw new Error(`change ${i}: no entityChanged within 5 s`);
            latencies.push(arrived - t);
            await sleep(2); // let the controller's follow-up events (status, pods) drain
          }
          changes = { count: CHANGES, latency: summary(latencies), eventsReceived, gcPauses: { gateway: await gateway.gc(), bench: benchGc.take() } };
          const gcs = changes.gcPauses;
          console.log(`  change → entityChanged p50 ${changes.latency.p50Ms} ms, p99 ${changes.latency.p99Ms} ms over ${CHANGES} scales (${eventsReceived} events); GC pauses meanwhile: gateway ${gcs.gateway.count} (${gcs.gateway.long} ≥ 10 ms, longest ${gcs.gateway.maxMs} ms), bench process ${gcs.bench.count} (${gcs.bench.long} ≥ 10 ms, longest ${gcs.bench.maxMs} ms)`);
        }
        const serving = await gateway.memory();
        console.log(`  serving: ${describeMemory(serving)}`);
        results.push({ pods: pods.length, podJsonBytesAvg, simulatorStartSeconds, gatewayStartSeconds: gateway.startSeconds, syncLists, memory, serving, watched: w, catalog: c, ratioP50: round(w.p50Ms / c.p50Ms, 2), workloadsInAnswer, changes });
      } finally {
        await Promise.all(clients.map((c) => c.dispose()));
        await gateway?.close();
        await Promise.all([staging.close(), production.close()]);
      }
    }
    // The catalog alone has answered every round by now: its memory while serving, to compare with.
    catalogServing = await catalogGateway.memory();
  } finally {
    benchGc.stop();
    await catalogGateway?.close();
    stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
  const durationS = round((Date.now() - started) / 1000, 1);

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
  const command = 'npm run bench:kubernetes';
  const settings = { sizes: SIZES, changes: CHANGES, timeMsPerGatewayPerSize: TIME_MS, rounds: ROUNDS, warmupMs: WARMUP_MS, query: QUERY, subscription: SUBSCRIPTION, pageSize: 500 };

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
        line(['watched pods', 'changes', 'p50 ms', 'p99 ms', 'max ms', 'entityChanged events received', 'gateway GC pauses (≥ 10 ms, longest ms)', 'bench process GC pauses (≥ 10 ms, longest ms)']),
        line(Array(8).fill('---')),
        ...measured.map((r) => {
          const g = r.changes!.gcPauses;
          return line([n(r.pods), n(r.changes!.count), r.changes!.latency.p50Ms, `**${r.changes!.latency.p99Ms}**`, r.changes!.latency.maxMs, n(r.changes!.eventsReceived), `${g.gateway.count} (${g.gateway.long}, ${g.gateway.maxMs})`, `${g.bench.count} (${g.bench.long}, ${g.bench.maxMs})`]);
        }),
      ].join('\n')
    : '(not measured)';
  const tables = `Memory (gateway process only, after a full GC; heap held: the pages V8 keeps for its heap, \`v8.getHeapSpaceStatistics()\` physical sizes; RSS anonymous and files from /proc/self/status):\n\n${memTable}\n\nPer watched pod:\n\n${perPodTable}\n\nWhile serving (after the queries and changes below, after a full GC: the merged views of Workload and Pod and their reverse indexes built), per pod against the catalog alone at the same point:\n\n${servingTable}\n\nQuery latency over HTTP (\`${QUERY}\`):\n\n${queryTable}\n\nChange to event (\`sim.scale(...)\` in the simulator → \`entityChanged\` at a graphql-ws subscriber):\n\n${changeTable}`;

  const out = { benchmark: 'kubernetes', command, environment, settings, targets, durationSeconds: durationS, catalogAlone: { memory: base, serving: catalogServing! }, memory, perPod: perPodRows, results };
  const md = `# Kubernetes benchmark

Memory per watched object, query latency served from watched state against the catalog alone, and
change-to-event latency, in one run. See [bench/README.md](../README.md).

- Date: ${environment.date}
- Node: ${environment.node}, NODE_ENV ${environment.nodeEnv ?? 'unset'}
- Machine: ${environment.cpus} cores (\`os.cpus().length\`), ${environment.cpuModel}, ${environment.memoryGB} GB, ${environment.platform}; load average (1/5/15 min) ${environment.loadAverageBefore.join(' / ')} before, ${environment.loadAverageAfter.join(' / ')} after
- Command: \`${command}\` (took ${durationS} s)
- Setup: two Kubernetes API simulators (\`staging\`, \`production\` with extra standalone pods in namespace \`load\`, labelled \`backstage.io/kubernetes-id: LoadService<n % 100>\`) in the bench process; each Lattice in its own child process (\`--expose-gc\`), \`examples/kubernetes/lattice.yaml\` pointed at the simulators (pageSize 500); the catalog-alone Lattice has the same blueprints and catalog and no sources. Queries over HTTP, sequential, ${ROUNDS} alternating rounds of ${TIME_MS / ROUNDS} ms per gateway after ${WARMUP_MS} ms warm-up each.
- Everything (simulators, gateways, client) shares the same ${environment.cpus} cores.

${tables}

Targets: heap growth per watched object no larger than the object's JSON size — **${targets.heapPerObjectAtMostJsonSize ? (targets.heapPerObjectAtMostJsonSize.met ? 'met' : 'not met') : 'not measured'}**; RSS growth per watched pod at most twice its JSON size at the largest size, after the sync and while serving (${rssAtLargest ? `${n(rssAtLargest.rssBytesPerPod)} B and ${n(rssAtLargest.rssBytesPerPodServing)} B at ${n(rssAtLargest.pods)} pods` : '—'}) — **${targets.rssPerObjectAtMostTwiceJsonSize ? (targets.rssPerObjectAtMostTwiceJsonSize.met ? 'met' : 'not met') : 'not measured'}**; change-to-event p99 under 100 ms at ${n(MEMORY_SIZE)} pods — **${targets.changeToEventP99Under100ms ? (targets.changeToEventP99Under100ms.met ? 'met' : 'not met') : 'not measured'}**; change-to-event p99 at the largest size no worse than at the smallest (${targets.changeToEventP99AtLargestNoWorse ? `${targets.changeToEventP99AtLargestNoWorse.largest.p99Ms} ms at ${n(targets.changeToEventP99AtLargestNoWorse.largest.pods)} pods, ${targets.changeToEventP99AtLargestNoWorse.smallest.p99Ms} ms at ${n(targets.changeToEventP99AtLargestNoWorse.smallest.pods)}` : '—'}) — **${targets.changeToEventP99AtLargestNoWorse ? (targets.changeToEventP99AtLargestNoWorse.met ? 'met' : 'not met') : 'not measured'}**.
`;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'kubernetes.json'), `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(path.join(RESULTS, 'kubernetes.md'), md);
  console.log(`\n${tables}\n\nnode ${environment.node}, ${environment.cpus} cores; ${durationS} s.`);
  console.log('wrote bench/results/kubernetes.json and kubernetes.md');
}

// Gateway mode: a child process running one Lattice, answering the bench over IPC.
async function gatewayMode() {
  const { loadConfig } = await import('../src/config/index.ts');
  const { startLattice } = await import('../src/server/app.ts');
  const config = loadConfig(process.env, ROOT);
  // The bench measures the gateway, not its request budget.
  const lattice = await startLattice({ ...config, rateLimits: { ...config.rateLimits, enabled: false } });
  const send = (m: unknown) => process.send?.(m);
  const gcPauses = watchGc();
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: { type: string }) => {
    void (async () => {
      if (m.type === 'gc') {
        send({ type: 'gc', ...gcPauses.take() });
      } else if (m.type === 'memory') {
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
        send({ type: 'memory', heapUsed: u.heapUsed, heapTotal: u.heapTotal, heapPhysical, external: u.external, rss: u.rss, rssAnon: kB('RssAnon'), rssFile: kB('RssFile'), spaces: bySpace } satisfies MemorySample & { type: string });
      } else if (m.type === 'close') {
        await lattice.close();
        send({ type: 'closed' });
        process.exit(0);
      }
    })();
  });
  send({ type: 'ready', url: lattice.url });
}

if (process.argv[2] === 'gateway') await gatewayMode();
else await main();
