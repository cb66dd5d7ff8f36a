/**
 * Runs benchmark: delivery of run updates to many subscribers, memory per subscriber, and runs
 * accepted per second, with the in-process and the Redis back ends side by side in one run.
 *
 * Gateways are `startLattice(loadConfig())` in child processes started from this same file
 * (`runs.bench.ts gateway`, with `--expose-gc` and an IPC channel so the bench can ask a gateway
 * for its heap after a full GC). The bench process is the client side: a webhook receiver that
 * answers 202 at once and keeps each run's executor token, graphql-ws clients (one connection
 * per subscriber) and the executor's HTTP mutations. Sending and receiving happen in this
 * process, so one clock times both.
 *
 * - in-process: one gateway (in-process run store and events cannot be shared by two replicas).
 * - redis: two gateways on one Redis (127.0.0.1:6379, REDIS_URL to change), subscribers split
 *   between them, updates sent alternately through each: half the deliveries cross replicas.
 *
 *   npm run bench:runs
 *   BENCH_SUBSCRIBERS=2000 BENCH_RUNS=20 BENCH_UPDATE_RATE=20 BENCH_ACCEPT_MS=5000 npm run bench:runs
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile, round } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// ---------------------------------------------------------------------------------------------

interface MemorySample {
  readonly heapUsed: number;
  readonly rss: number;
  readonly external: number;
}


// ---------------------------------------------------------------------------------------------
// Settings.

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
/** updateRun calls per run (then one appendRunLog that ends the run, also measured). */
const UPDATES_PER_RUN = Number(process.env.BENCH_UPDATES_PER_RUN ?? 8);
/** Executor mutations per second, open loop (sent on schedule, not after the previous answer). */
const UPDATE_RATE = Number(process.env.BENCH_UPDATE_RATE ?? 20);
const ACCEPT_MS = Number(process.env.BENCH_ACCEPT_MS ?? 5_000);
const ACCEPT_WARMUP_MS = 1_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
/** Subscriptions opened at once while connecting. */
const CONNECT_BATCH = 250;

// ---------------------------------------------------------------------------------------------
// Helpers.



function summary(values: readonly number[]) {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, p50Ms: round(percentile(sorted, 50), 1), p99Ms: round(percentile(sorted, 99), 1), maxMs: round(sorted[sorted.length - 1] ?? NaN, 1) };
}

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      console.warn(`  (timed out waiting for ${what})`);
      return false;
    }
    await sleep(10);
  }
  return true;
}

interface Gateway {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  memory(): Promise<MemorySample>;
  close(): Promise<void>;
}

/** A webhook receiver that answers 202 at once and keeps each run's executor token. */
interface Receiver {
  readonly url: string;
  readonly tokens: Map<string, string>;
  calls: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const tokens = new Map<string, string>();
  const r = { url: '', tokens, calls: 0, close: async () => undefined } as Receiver;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      r.calls++;
      tokens.set(String(req.headers['x-lattice-run-id']), String(req.headers['x-lattice-run-token']));
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (r as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  r.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}

interface Project {
  readonly dir: string;
  readonly token: string;
  readonly env: Record<string, string>;
}

function writeProject(receiver: Receiver, redisPrefix: string | undefined): Project {
  const { sha256Hex } = sha;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lattice-bench-runs-'));
  mkdirSync(path.join(dir, 'actions'));
  writeFileSync(
    path.join(dir, 'actions', 'provision.json'),
    JSON.stringify({
      identifier: 'provision',
      title: 'Provision a resource',
      trigger: { type: 'self-service', operation: 'CREATE', blueprintIdentifier: 'Resource', userInputs: { properties: { name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } }, required: ['name'] } },
      invocationMethod: { type: 'WEBHOOK', url: '{{ secrets.HOOK_URL }}', synchronized: false, body: { name: '{{ inputs.name }}', runId: '{{ run.id }}' } },
    }),
  );
  const token = `lat_${randomBytes(12).toString('hex')}`;
  writeFileSync(
    path.join(dir, 'lattice.yaml'),
    [
      `blueprints: ${JSON.stringify(path.join(ROOT, 'schema/blueprints'))}`,
      `catalog: ${JSON.stringify(path.join(ROOT, 'catalog'))}`,
      'actions: actions',
      'watch: false',
      ...(redisPrefix ? ['redis:', `  prefix: "${redisPrefix}"`] : []),
      'server:',
      '  host: 127.0.0.1',
      'auth:',
      '  anonymous: true', // executors report with the run's token only
      '  tokens:',
      `    - { name: bench, sha256: "${sha256Hex(token)}", user: "bench@example.com", roles: [Member] }`,
      '',
    ].join('\n'),
  );
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    LOG_LEVEL: 'warn',
    LATTICE_CONFIG: path.join(dir, 'lattice.yaml'),
    LATTICE_SECRET_KEY: randomBytes(32).toString('hex'),
    LATTICE_WEBHOOK_SIGNING_SECRET: randomBytes(16).toString('hex'),
    LATTICE_SECRET_HOOK_URL: `${receiver.url}/hook`,
    ...(redisPrefix ? { REDIS_URL } : {}),
    ...(process.env.NODE_ENV ? { NODE_ENV: process.env.NODE_ENV } : {}),
  };
  return { dir, token, env };
}

let sha: { sha256Hex: (s: string) => string };
const children = new Set<ChildProcess>();

async function startGateway(name: string, project: Project): Promise<Gateway> {
  const child = spawn(process.execPath, ['--expose-gc', import.meta.filename, 'gateway'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: project.env });
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
      const onExit = (code: number | null) => reject(new Error(`gateway ${name} exited (${code}) waiting for "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { url } = await waitFor<{ url: string }>('ready');
  return {
    name,
    url,
    child,
    memory: async () => {
      const answer = waitFor<MemorySample>('memory');
      child.send({ type: 'memory' });
      const { heapUsed, rss, external } = await answer;
      return { heapUsed, rss, external };
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

/** The mutations the bench sends answer `executeAction { id status }`. */
type Answer = { data?: { executeAction?: { id: string; status: string } }; errors?: { message: string }[] };

async function gql(url: string, query: string, variables: Record<string, unknown>, token: string | null): Promise<Answer> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Answer;
}

const EXECUTE = 'mutation($name: String!) { executeAction(action: "provision", inputs: { name: $name }) { id status } }';
const UPDATE = 'mutation($id: ID!, $token: String!, $label: String) { updateRun(id: $id, token: $token, statusLabel: $label) { status } }';
const APPEND = 'mutation($id: ID!, $token: String!, $message: String!, $end: RunStatus) { appendRunLog(id: $id, token: $token, message: $message, terminationStatus: $end) { cursor } }';
const RUN_UPDATED = 'subscription($id: ID!) { runUpdated(id: $id) { id status statusLabel } }';

// ---------------------------------------------------------------------------------------------
// Delivery latency and memory per subscriber.

interface DeliveryResult {
  readonly gateways: number;
  readonly runs: number;
  readonly subscribersRequested: number;
  readonly subscribers: number;
  readonly updatesSent: number;
  readonly deliveriesExpected: number;
  readonly deliveriesReceived: number;
  readonly subscribeSeconds: number;
  readonly latency: ReturnType<typeof summary>;
  readonly mutationLatency: ReturnType<typeof summary>;
  readonly memory: { readonly heapBytesPerSubscriber: number; readonly rssBytesPerSubscriber: number; readonly heapBeforeMB: number; readonly heapAfterMB: number; readonly rssBeforeMB: number; readonly rssAfterMB: number };
}

async function benchDelivery(gateways: readonly Gateway[], receiver: Receiver, token: string): Promise<DeliveryResult> {
  const { createClient } = await import('graphql-ws');
  const WebSocket = (await import('ws')).default;

  // The runs, in progress, with their executor tokens (from the webhook calls).
  const runIds: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await gql(gateways[i % gateways.length].url, EXECUTE, { name: `watched-${i}` }, token);
    if (r.errors) throw new Error(`executeAction: ${r.errors[0].message}`);
    runIds.push(r.data!.executeAction!.id);
  }
  await until(() => runIds.every((id) => receiver.tokens.has(id)), 'the webhook calls of the watched runs', 20_000);

  const before = await Promise.all(gateways.map((g) => g.memory()));

  // Subscribers: one graphql-ws connection each, run i % RUNS, gateway i % gateways.
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  let initial = 0;
  let errors = 0;
  let firstError: unknown;
  const clients: { dispose(): void | Promise<void> }[] = [];
  const subscribeStarted = performance.now();
  let opened = 0;
  for (let start = 0; start < SUBSCRIBERS; start += CONNECT_BATCH) {
    const end = Math.min(SUBSCRIBERS, start + CONNECT_BATCH);
    for (let i = start; i < end; i++) {
      const g = gateways[i % gateways.length];
      const client = createClient({ url: `${g.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { token }, retryAttempts: 0, lazy: true });
      clients.push(client);
      let first = true;
      client.subscribe(
        { query: RUN_UPDATED, variables: { id: runIds[Math.floor(i / gateways.length) % RUNS] } },
        {
          next: (v) => {
            const now = performance.now();
            if (first) {
              first = false;
              initial++;
              return;
            }
            const u = (v.data as { runUpdated: { id: string; status: string; statusLabel: string | null } }).runUpdated;
            const t = sentAt.get(`${u.id}|${u.status}|${u.statusLabel}`);
            if (t !== undefined) {
              latencies.push(now - t);
              received++;
            }
          },
          error: (e) => {
            errors++;
            firstError ??= e;
          },
          complete: () => undefined,
        },
      );
    }
    const ok = await until(() => initial + errors >= end, `subscribers ${start + 1}–${end}`, 30_000);
    opened = initial;
    if (!ok || errors > 0) break;
  }
  const subscribeSeconds = round((performance.now() - subscribeStarted) / 1000, 1);
  if (errors > 0) console.warn(`  ${errors} subscriptions failed: ${String((firstError as Error)?.message ?? JSON.stringify(firstError))}`);
  const subscribers = opened;
  console.log(`  ${subscribers} subscribers on ${gateways.length} gateway(s) in ${subscribeSeconds} s`);

  const after = await Promise.all(gateways.map((g) => g.memory()));
  const sum = (xs: MemorySample[], k: keyof MemorySample) => xs.reduce((a, m) => a + m[k], 0);
  const memory = {
    heapBytesPerSubscriber: Math.round((sum(after, 'heapUsed') - sum(before, 'heapUsed')) / Math.max(1, subscribers)),
    rssBytesPerSubscriber: Math.round((sum(after, 'rss') - sum(before, 'rss')) / Math.max(1, subscribers)),
    heapBeforeMB: round(sum(before, 'heapUsed') / 2 ** 20, 1),
    heapAfterMB: round(sum(after, 'heapUsed') / 2 ** 20, 1),
    rssBeforeMB: round(sum(before, 'rss') / 2 ** 20, 1),
    rssAfterMB: round(sum(after, 'rss') / 2 ** 20, 1),
  };

  // Subscribers per run (what each update should reach).
  const perRun = new Map<string, number>();
  for (let i = 0; i < subscribers; i++) {
    const id = runIds[Math.floor(i / gateways.length) % RUNS];
    perRun.set(id, (perRun.get(id) ?? 0) + 1);
  }

  // The executor's mutations, open loop at UPDATE_RATE, through the gateways in turn.
  const mutationLatencies: number[] = [];
  const pending: Promise<void>[] = [];
  let expected = 0;
  let seq = 0;
  const interval = 1000 / UPDATE_RATE;
  const t0 = performance.now();
  const steps: { id: string; end: boolean; label: string }[] = [];
  for (let u = 0; u < UPDATES_PER_RUN; u++) for (const id of runIds) steps.push({ id, end: false, label: `u${u}` });
  for (const id of runIds) steps.push({ id, end: true, label: `u${UPDATES_PER_RUN - 1}` });
  for (const step of steps) {
    const due = t0 + seq * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const g = gateways[seq % gateways.length];
    seq++;
    const runToken = receiver.tokens.get(step.id) as string;
    expected += perRun.get(step.id) ?? 0;
    const sent = performance.now();
    sentAt.set(`${step.id}|${step.end ? 'SUCCESS' : 'IN_PROGRESS'}|${step.label}`, sent);
    const p = step.end ? gql(g.url, APPEND, { id: step.id, token: runToken, message: 'done', end: 'SUCCESS' }, null) : gql(g.url, UPDATE, { id: step.id, token: runToken, label: step.label }, null);
    pending.push(
      p.then((r) => {
        mutationLatencies.push(performance.now() - sent);
        if (r.errors) throw new Error(`executor mutation: ${r.errors[0].message}`);
      }),
    );
  }
  await Promise.all(pending);
  await until(() => received >= expected, `${expected} deliveries (have ${received})`, 20_000);

  await Promise.all(clients.map((c) => c.dispose()));
  return {
    gateways: gateways.length,
    runs: RUNS,
    subscribersRequested: SUBSCRIBERS,
    subscribers,
    updatesSent: steps.length,
    deliveriesExpected: expected,
    deliveriesReceived: received,
    subscribeSeconds,
    latency: summary(latencies),
    mutationLatency: summary(mutationLatencies),
    memory,
  };
}

// ---------------------------------------------------------------------------------------------
// Runs accepted per second.

interface AcceptResult {
  readonly gateways: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly runs: number;
  readonly runsPerSecond: number;
  readonly latency: ReturnType<typeof summary>;
  readonly webhookCallsAfterDrain: number;
  readonly errors: number;
}

async function benchAccept(gateways: readonly Gateway[], receiver: Receiver, token: string, tag: string): Promise<AcceptResult> {
  let n = 0;
  let errors = 0;
  const load = async (ms: number, latencies: number[] | null) => {
    const stop = performance.now() + ms;
    let runs = 0;
    const worker = async (w: number) => {
      let i = 0;
      while (performance.now() < stop) {
        const g = gateways[(w + i++) % gateways.length];
        const t = performance.now();
        const r = await gql(g.url, EXECUTE, { name: `${tag}-${n++}` }, token);
        if (r.errors || r.data?.executeAction?.status !== 'IN_PROGRESS') {
          errors++;
          continue;
        }
        latencies?.push(performance.now() - t);
        runs++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
    return { runs, seconds: (performance.now() - started) / 1000 };
  };
  const callsBefore = receiver.calls;
  await load(ACCEPT_WARMUP_MS, null);
  const latencies: number[] = [];
  const { runs, seconds } = await load(ACCEPT_MS, latencies);
  // Let the invocations of every accepted run finish before the next case.
  const total = n - errors;
  await until(() => receiver.calls - callsBefore >= total, 'the webhook calls of the accepted runs', 30_000);
  return {
    gateways: gateways.length,
    concurrency: CONCURRENCY,
    seconds: round(seconds, 2),
    runs,
    runsPerSecond: Math.round(runs / seconds),
    latency: summary(latencies),
    webhookCallsAfterDrain: receiver.calls - callsBefore,
    errors,
  };
}

// ---------------------------------------------------------------------------------------------
// Main.

interface BackendResult {
  readonly backend: 'in-process' | 'redis';
  readonly delivery: DeliveryResult;
  readonly accept: AcceptResult[];
}

async function runBackend(backend: 'in-process' | 'redis', receiver: Receiver): Promise<BackendResult> {
  const prefix = backend === 'redis' ? `lattice-bench:${randomUUID()}:` : undefined;
  const project = writeProject(receiver, prefix);
  const gateways: Gateway[] = [];
  try {
    const names = backend === 'redis' ? ['A', 'B'] : ['M'];
    gateways.push(...(await Promise.all(names.map((name) => startGateway(name, project)))));
    console.log(`${backend}: delivery…`);
    const delivery = await benchDelivery(gateways, receiver, project.token);
    console.log(`  p50 ${delivery.latency.p50Ms} ms, p99 ${delivery.latency.p99Ms} ms, ${delivery.deliveriesReceived}/${delivery.deliveriesExpected} delivered; heap ${delivery.memory.heapBytesPerSubscriber} B/subscriber`);
    const accept: AcceptResult[] = [];
    console.log(`${backend}: runs accepted, 1 gateway…`);
    accept.push(await benchAccept(gateways.slice(0, 1), receiver, project.token, 'one'));
    console.log(`  ${accept[0].runsPerSecond} runs/s`);
    if (gateways.length > 1) {
      console.log(`${backend}: runs accepted, ${gateways.length} gateways…`);
      accept.push(await benchAccept(gateways, receiver, project.token, 'two'));
      console.log(`  ${accept[1].runsPerSecond} runs/s`);
    }
    return { backend, delivery, accept };
  } finally {
    await Promise.all(gateways.map((g) => g.close()));
    rmSync(project.dir, { recursive: true, force: true });
    if (prefix) {
      const { Redis } = await import('ioredis');
      const redis = new Redis(REDIS_URL);
      try {
        const keys = await redis.keys(`${prefix}*`);
        for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
      } finally {
        redis.disconnect();
      }
    }
  }
}

function tables(results: readonly BackendResult[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  const d = [
    line(['back end', 'gateways', 'subscribers', 'runs', 'deliveries', 'p50 ms', 'p99 ms', 'max ms', 'executor mutation p50 / p99 ms', 'heap B/subscriber', 'RSS B/subscriber']),
    line(Array(11).fill('---')),
    ...results.map((r) => {
      const x = r.delivery;
      return line([r.backend, x.gateways, x.subscribers.toLocaleString('en-US'), x.runs, `${x.deliveriesReceived.toLocaleString('en-US')} / ${x.deliveriesExpected.toLocaleString('en-US')}`, x.latency.p50Ms, x.latency.p99Ms, x.latency.maxMs, `${x.mutationLatency.p50Ms} / ${x.mutationLatency.p99Ms}`, x.memory.heapBytesPerSubscriber.toLocaleString('en-US'), x.memory.rssBytesPerSubscriber.toLocaleString('en-US')]);
    }),
  ];
  const a = [
    line(['back end', 'gateways', 'in flight', 'runs', 'seconds', 'runs/s', 'p50 ms', 'p99 ms', 'errors']),
    line(Array(9).fill('---')),
    ...results.flatMap((r) => r.accept.map((x) => line([r.backend, x.gateways, x.concurrency, x.runs, x.seconds, `**${x.runsPerSecond}**`, x.latency.p50Ms, x.latency.p99Ms, x.errors]))),
  ];
  return `Delivery of run updates (mutation sent → update received by each subscriber):\n\n${d.join('\n')}\n\nRuns accepted (executeAction → run stored, IN_PROGRESS, answered):\n\n${a.join('\n')}`;
}

async function main() {
  sha = await import('../src/auth/authenticate.ts');
  const receiver = await startReceiver();
  const started = Date.now();
  const results: BackendResult[] = [];
  const stopAll = () => {
    for (const c of children) c.kill('SIGKILL');
  };
  process.once('SIGINT', () => {
    stopAll();
    process.exit(130);
  });
  try {
    results.push(await runBackend('in-process', receiver));
    results.push(await runBackend('redis', receiver));
  } finally {
    stopAll();
    await receiver.close();
  }
  const durationS = round((Date.now() - started) / 1000, 1);

  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    nodeEnv: process.env.NODE_ENV ?? null,
    redis: REDIS_URL.replace(/\/\/[^@]*@/, '//'),
  };
  const command = 'npm run bench:runs';
  const settings = { subscribers: SUBSCRIBERS, runs: RUNS, updatesPerRun: UPDATES_PER_RUN, updateRatePerSecond: UPDATE_RATE, acceptMs: ACCEPT_MS, acceptWarmupMs: ACCEPT_WARMUP_MS, concurrency: CONCURRENCY, connectBatch: CONNECT_BATCH };
  const redis = results.find((r) => r.backend === 'redis');
  const targets = {
    p99DeliveryUnder100msAt5000: {
      met: results.every((r) => r.delivery.subscribers >= 5_000 && r.delivery.latency.p99Ms < 100 && r.delivery.deliveriesReceived === r.delivery.deliveriesExpected),
      subscribersMeasured: Object.fromEntries(results.map((r) => [r.backend, r.delivery.subscribers])),
    },
    atLeast500RunsPerSecondWithRedis: { met: (redis?.accept[0]?.runsPerSecond ?? 0) >= 500, oneGateway: redis?.accept[0]?.runsPerSecond, twoGateways: redis?.accept[1]?.runsPerSecond },
  };
  const out = { benchmark: 'runs', command, environment, settings, targets, durationSeconds: durationS, results };
  const md = `# Runs benchmark

Run updates delivered to many graphql-ws subscribers, memory per subscriber, and runs accepted per
second, with the in-process and the Redis back ends side by side. See [bench/README.md](../README.md).

- Date: ${environment.date}
- Node: ${environment.node}, NODE_ENV ${environment.nodeEnv ?? 'unset'}
- Machine: ${environment.cpus} cores (\`os.cpus().length\`), ${environment.cpuModel}, ${environment.platform}; Redis ${environment.redis} on the same machine
- Command: \`${command}\`
- Settings: ${SUBSCRIBERS.toLocaleString('en-US')} subscribers requested over ${RUNS} runs (one graphql-ws connection each); ${UPDATES_PER_RUN} updateRun + 1 ending appendRunLog per run at ${UPDATE_RATE} mutations/s; accepted runs: ${CONCURRENCY} in flight for ${ACCEPT_MS} ms after ${ACCEPT_WARMUP_MS} ms warm-up; took ${durationS} s
- in-process runs on one gateway (its run store and events live in that process: two replicas are not possible); redis runs on two gateways on one Redis, subscribers split between them and updates sent through each in turn, so half the deliveries cross replicas.
- Everything (gateways, Redis, the webhook receiver and all the subscribers' clients) shares the same ${environment.cpus} cores.

${tables(results)}

Memory per subscriber: gateway heap after a full GC (\`--expose-gc\`, \`process.memoryUsage().heapUsed\`, summed over the gateways) after subscribing, minus before, over the subscribers; RSS the same. One subscriber = one WebSocket connection + graphql-ws + one \`runUpdated\` subscription.

Targets: p99 delivery under 100 ms at 5,000 subscribers — **${targets.p99DeliveryUnder100msAt5000.met ? 'met' : 'not met'}**; at least 500 runs accepted per second with Redis (one gateway) — **${targets.atLeast500RunsPerSecondWithRedis.met ? 'met' : 'not met'}**.
`;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'runs.json'), `${JSON.stringify(out, null, 2)}\n`);
  writeFileSync(path.join(RESULTS, 'runs.md'), md);
  console.log(`\n${tables(results)}\n\nnode ${environment.node}, ${environment.cpus} cores; ${durationS} s.`);
  console.log(`wrote bench/results/runs.json and runs.md`);
}

// Gateway mode: a child process running one Lattice, answering the bench over IPC.
async function gatewayMode() {
  const { loadConfig } = await import('../src/config/index.ts');
  const { startLattice } = await import('../src/server/app.ts');
  const config = loadConfig();
  // The bench measures the gateway, not its request budget.
  const lattice = await startLattice({ ...config, rateLimits: { ...config.rateLimits, enabled: false } });
  const send = (m: unknown) => process.send?.(m);
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: { type: string }) => {
    void (async () => {
      if (m.type === 'memory') {
        const gc = (globalThis as { gc?: () => void }).gc;
        for (let i = 0; i < 3; i++) {
          gc?.();
          await sleep(20);
        }
        const u = process.memoryUsage();
        send({ type: 'memory', heapUsed: u.heapUsed, rss: u.rss, external: u.external } satisfies MemorySample & { type: string });
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
