/**
 * Automations benchmark, the in-process and the Redis back ends side by side in one run:
 *
 * - timer expiry skew: TIMERS DevEnvironment entities whose `expires_at` fall in a 2 s window a
 *   few seconds ahead, written through the gateways (alternately, with Redis); an automation on
 *   TIMER_PROPERTY_EXPIRED posts to a receiver in this process. Skew = the automation run's
 *   creation (the timer fired and the run was stored; the gateway's clock, the same machine) and
 *   the webhook's arrival here, each minus `expires_at`.
 * - event-to-invocation latency: entities created at RATE per second (open loop, alternately on
 *   each gateway) for SECONDS; an automation on ENTITY_CREATED posts to the receiver. Latency =
 *   arrival − the moment the mutation was sent.
 *
 * Back ends: in-process (one gateway; its queues live in its process) and Redis (two gateways,
 * BullMQ queues shared). Gateways are `src/server/main.ts` processes.
 *
 *   npm run bench:automations
 *   BENCH_TIMERS=1000 BENCH_RATE=100 BENCH_SECONDS=10 npm run bench:automations
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { sha256Hex } from '../src/auth/authenticate.ts';
import { startGatewayProcess, type GatewayProcess } from '../test/helpers/gateway.ts';
import { percentile, round } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TIMERS = Number(process.env.BENCH_TIMERS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOKEN = `lat_${randomBytes(12).toString('hex')}`;

interface Arrival {
  readonly id: string;
  readonly at: number;
}

/** The webhook receiver: records when each automation's call arrived. */
async function receiver() {
  const arrivals = new Map<string, Arrival>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const at = Date.now();
      const { id } = JSON.parse(body) as { id: string };
      if (!arrivals.has(id)) arrivals.set(id, { id, at });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function project(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lattice-bench-automations-'));
  for (const d of ['catalog', 'actions', 'automations']) mkdirSync(path.join(dir, d));
  const hook = (identifier: string, event: object, prefixOf: string) => ({
    identifier,
    trigger: { type: 'automation', event, condition: { type: 'JQ', expressions: [`.context.entityIdentifier | startswith("${prefixOf}")`] } },
    invocationMethod: { type: 'WEBHOOK', url: '{{ .secrets.HOOK_URL }}', synchronized: true, body: { id: '{{ .event.context.entityIdentifier }}' } },
  });
  writeFileSync(path.join(dir, 'automations/expired.json'), JSON.stringify(hook('bench_expired', { type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: 'DevEnvironment', propertyIdentifier: 'expires_at' }, 'tm-')));
  writeFileSync(path.join(dir, 'automations/created.json'), JSON.stringify(hook('bench_created', { type: 'ENTITY_CREATED', blueprintIdentifier: 'DevEnvironment' }, 'lat-')));
  writeFileSync(
    path.join(dir, 'lattice.yaml'),
    [
      `blueprints: ${JSON.stringify(path.join(ROOT, 'schema/blueprints'))}`,
      'catalog: catalog',
      'actions: actions',
      'automations: automations',
      'watch: false',
      'rateLimits: { enabled: false }',
      `redis: { prefix: "${prefix}" }`,
      'auth:',
      '  tokens:',
      `    - { name: bench, sha256: "${sha256Hex(TOKEN)}", user: "bench@example.com", roles: [Admin] }`,
      '',
    ].join('\n'),
  );
  return dir;
}

async function gql<T = unknown>(g: GatewayProcess, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${g.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** What the bench reads back of an expiry's automation run. */
interface ExpiredRun {
  readonly createdAt: string;
  readonly automation: { readonly event: { readonly context: { readonly entityIdentifier: string }; readonly diff: { readonly after: { readonly properties: { readonly expires_at: string } } } } };
}

interface RunPage {
  readonly nodes: ExpiredRun[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string };
}

const UPSERT = 'mutation($id: String!, $p: JSON) { upsertEntity(blueprint: DEV_ENVIRONMENT, identifier: $id, properties: $p) { identifier } }';

function stats(values: number[]) {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, p50: round(percentile(sorted, 50), 1), p99: round(percentile(sorted, 99), 1), max: round(sorted[sorted.length - 1] ?? NaN, 1) };
}

async function runBackEnd(name: 'in-process' | 'redis') {
  const hook = await receiver();
  const prefix = `lattice-bench:${randomUUID()}:`;
  const dir = project(prefix);
  const env: Record<string, string> = { LATTICE_CONFIG: path.join(dir, 'lattice.yaml'), LATTICE_SECRET_HOOK_URL: hook.url, LATTICE_SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' }; // info: the URL comes from the "serving" line
  if (name === 'redis') env.REDIS_URL = REDIS_URL;
  const gateways = await Promise.all((name === 'redis' ? ['A', 'B'] : ['A']).map((n) => startGatewayProcess(n, env)));
  if (process.env.BENCH_LOG_LEVEL === 'debug') for (const g of gateways) g.child.stdout?.on('data', (c: Buffer) => process.stdout.write(c));
  const pick = (i: number) => gateways[i % gateways.length];
  try {
    // Timers: written, then waited for.
    const start = Date.now() + 4000 + TIMERS * 8;
    const due = new Map<string, number>();
    const late = new Set<string>();
    // 4 writes at a time: the Redis entity store retries conflicting writers (WATCH) a bounded number of times.
    for (let i = 0; i < TIMERS; i += 4) {
      await Promise.all(
        Array.from({ length: Math.min(4, TIMERS - i) }, (_, k) => {
          const id = `tm-${i + k}`;
          const at = start + Math.floor(((i + k) * 2000) / TIMERS);
          due.set(id, at);
          return gql(pick(i + k), UPSERT, { id, p: { expires_at: new Date(at).toISOString() } }).then(() => {
            // Written after it was due: its skew would measure the write, not the timer.
            if (Date.now() >= at) late.add(id);
          });
        }),
      );
    }
    const deadline = start + 2000 + 60_000;
    while ([...due.keys()].some((id) => !hook.arrivals.has(id)) && Date.now() < deadline) await sleep(50);
    const arrivalSkew = [...due].flatMap(([id, at]) => (hook.arrivals.has(id) && !late.has(id) ? [(hook.arrivals.get(id) as Arrival).at - at] : []));
    const runs: ExpiredRun[] = [];
    for (let after: string | null = null; ; ) {
      const page: RunPage = (await gql<{ runs: RunPage }>(gateways[0], 'query($after: String) { runs(filter: { action: "bench_expired" }, first: 1000, after: $after) { nodes { createdAt automation { event } } pageInfo { hasNextPage endCursor } } }', { after })).runs;
      runs.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const fireSkew = runs.filter((r) => !late.has(r.automation.event.context.entityIdentifier)).map((r) => Date.parse(r.createdAt) - Date.parse(r.automation.event.diff.after.properties.expires_at));

    // Events: created at RATE per second, open loop.
    const sent = new Map<string, number>();
    /** Mutations the gateway refused (the Redis store's bounded retries under contention): no event, left out. */
    const failed: string[] = [];
    /** When each mutation was answered: the change is stored and observed by then. */
    const answered = new Map<string, number>();
    const t0 = Date.now();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < RATE * SECONDS; i++) {
      const wait = t0 + (i * 1000) / RATE - Date.now();
      if (wait > 0) await sleep(wait);
      const id = `lat-${i}`;
      sent.set(id, Date.now());
      pending.push(
        gql(pick(i), UPSERT, { id, p: { owner: 'bench' } }).then(
          () => answered.set(id, Date.now()),
          () => sent.delete(id) && failed.push(id),
        ),
      );
    }
    await Promise.all(pending);
    const until = Date.now() + 30_000;
    while ([...sent.keys()].some((id) => !hook.arrivals.has(id)) && Date.now() < until) await sleep(50);
    const latency = [...sent].flatMap(([id, at]) => (hook.arrivals.has(id) ? [(hook.arrivals.get(id) as Arrival).at - at] : []));
    const afterWrite = [...answered].flatMap(([id, at]) => (hook.arrivals.has(id) ? [(hook.arrivals.get(id) as Arrival).at - at] : []));
    const mutation = [...answered].map(([id, at]) => at - (sent.get(id) as number));
    const calls = [...hook.arrivals.keys()].filter((id) => id.startsWith('lat-')).length;
    return { backEnd: name, gateways: gateways.length, fireSkew: stats(fireSkew), arrivalSkew: stats(arrivalSkew), timersFired: runs.length, writtenLate: late.size, latency: stats(latency), afterWrite: stats(afterWrite), mutation: stats(mutation), eventsSent: sent.size, writesRefused: failed.length, calls };
  } finally {
    for (const g of gateways) g.child.kill('SIGTERM');
    await Promise.all(gateways.map((g) => g.exited));
    await hook.close();
    rmSync(dir, { recursive: true, force: true });
    if (name === 'redis') {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  }
}

const began = Date.now();
const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' ');
const results = [];
for (const backEnd of ['in-process', 'redis'] as const) {
  console.log(`${backEnd}…`);
  results.push(await runBackEnd(backEnd));
  console.log(JSON.stringify(results[results.length - 1]));
}
const [mem, red] = results;
const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
const md = [
  '# Automations benchmark',
  '',
  'Timer expiry skew and automation event-to-invocation latency, in-process and Redis side by side. See [bench/README.md](../README.md).',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Node: ${process.version}; machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, load average before ${loadBefore}, at the end ${load}; Redis ${REDIS_URL} on the same machine`,
  `- Command: \`npm run bench:automations\` (BENCH_TIMERS=${TIMERS} BENCH_RATE=${RATE} BENCH_SECONDS=${SECONDS}); took ${round((Date.now() - began) / 1000, 1)} s`,
  '- Everything (gateways, Redis, the webhook receiver, the load) shares the same cores.',
  '',
  `Timer expiry skew (${TIMERS} timers due within 2 s; ms after \`expires_at\`):`,
  '',
  '| back end | gateways | timers fired | written after due (left out) | run stored p50 / p99 / max | webhook arrived p50 / p99 / max |',
  '| --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => `| ${r.backEnd} | ${r.gateways} | ${r.timersFired} / ${TIMERS} | ${r.writtenLate} | ${r.fireSkew.p50} / ${r.fireSkew.p99} / ${r.fireSkew.max} | ${r.arrivalSkew.p50} / ${r.arrivalSkew.p99} / ${r.arrivalSkew.max} |`),
  '',
  `Event-to-invocation latency (ENTITY_CREATED at ${RATE}/s for ${SECONDS} s, open loop; mutation sent → webhook arrived, ms):`,
  '',
  '| back end | gateways | events | writes refused (left out) | invocations | sent → arrived p50 / p99 / max | mutation answered p50 / p99 | answered → arrived p50 / p99 / max |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => `| ${r.backEnd} | ${r.gateways} | ${r.eventsSent} | ${r.writesRefused} | ${r.calls} | ${r.latency.p50} / ${r.latency.p99} / ${r.latency.max} | ${r.mutation.p50} / ${r.mutation.p99} | ${r.afterWrite.p50} / ${r.afterWrite.p99} / ${r.afterWrite.max} |`),
  '',
  `Ratios redis / in-process: timer skew p99 ${round(red.fireSkew.p99 / mem.fireSkew.p99, 2)}x, latency p99 ${round(red.latency.p99 / mem.latency.p99, 2)}x.`,
  '',
].join('\n');
writeFileSync(path.join(RESULTS, 'automations.md'), md);
writeFileSync(path.join(RESULTS, 'automations.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: os.cpus().length, load, settings: { TIMERS, RATE, SECONDS }, results }, null, 2)}\n`);
console.log(md);
