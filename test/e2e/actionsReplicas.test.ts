/**
 * Two gateway PROCESSES (`src/server/main.ts`) and one real Redis: runs execute on the BullMQ run
 * queue, so any replica runs any run.
 *
 * - Subscribe on A (runUpdated + runLogs over graphql-ws), execute on B, the executor reports back
 *   through both: A receives every status change and every log line, in order.
 * - B accepts a run and its Worker is inside the webhook call (the receiver holds the request)
 *   when B is killed with SIGKILL: A's Worker recovers the stalled job and invokes the run again
 *   with the same Idempotency-Key; the run ends SUCCESS exactly once.
 *
 * Each replica gets its own webhook URL through LATTICE_SECRET_HOOK_URL (`/hook/A`, `/hook/B`), so
 * the receiver knows which replica called. It checks every signature with its own HMAC and counts
 * calls per Idempotency-Key (test/runs/receiver.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import { RUN_QUEUE_NAME } from '../../src/runs/queue.ts';
import { startReceiver, type Receiver } from '../runs/receiver.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway.ts';
import { ROOT } from '../helpers/lattice.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const SIGNING_SECRET = randomBytes(16).toString('hex');
const SECRET_KEY = randomBytes(32).toString('hex');
const TOKEN = `lat_${randomBytes(12).toString('hex')}`;
const USER = 'ci@example.com';
/** BullMQ lock duration and stalled-check interval of the gateways under test. */
const STALLED_MS = 2000;

type Gateway = GatewayProcess;

let dir: string;
let receiver: Receiver;
const children: ChildProcess[] = [];
const clients: Client[] = [];
/** Releases the requests the receiver holds (at the end: their callers are gone by then). */
const holds: (() => void)[] = [];

beforeAll(async () => {
  receiver = await startReceiver(SIGNING_SECRET);
  dir = mkdtempSync(path.join(tmpdir(), 'lattice-replicas-'));
  mkdirSync(path.join(dir, 'actions'));
  writeFileSync(
    path.join(dir, 'actions', 'provision.json'),
    JSON.stringify({
      identifier: 'provision',
      title: 'Provision a resource',
      trigger: {
        type: 'self-service',
        operation: 'CREATE',
        blueprintIdentifier: 'Resource',
        userInputs: { properties: { name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } }, required: ['name'] },
      },
      invocationMethod: { type: 'WEBHOOK', url: '{{ .secrets.HOOK_URL }}', synchronized: false, body: { name: '{{ .inputs.name }}', runId: '{{ .run.id }}' } },
    }),
  );
  writeFileSync(
    path.join(dir, 'lattice.yaml'),
    [
      `blueprints: ${JSON.stringify(path.join(ROOT, 'schema/blueprints'))}`,
      `catalog: ${JSON.stringify(path.join(ROOT, 'catalog'))}`,
      'actions: actions',
      'watch: false',
      'redis:',
      `  prefix: "${PREFIX}"`,
      'server:',
      '  host: 127.0.0.1',
      'auth:',
      '  anonymous: true', // executors report with the run's token only
      '  tokens:',
      `    - { name: ci, sha256: "${sha256Hex(TOKEN)}", user: "${USER}", roles: [Member] }`,
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const release of holds) release();
  await receiver?.close();
  await deleteKeys(REDIS_URL, PREFIX);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A replica over the shared Redis, with its own webhook URL (`/hook/<name>`). */
async function startGateway(name: string): Promise<Gateway> {
  const g = await startGatewayProcess(name, {
    REDIS_URL,
    LATTICE_CONFIG: path.join(dir, 'lattice.yaml'),
    LATTICE_SECRET_KEY: SECRET_KEY,
    LATTICE_WEBHOOK_SIGNING_SECRET: SIGNING_SECRET,
    LATTICE_SECRET_HOOK_URL: `${receiver.url}/hook/${name}`,
    LATTICE_QUEUE_STALLED_MS: String(STALLED_MS),
  });
  children.push(g.child);
  return g;
}

async function gql(g: Gateway, query: string, variables?: Record<string, unknown>, token: string | null = TOKEN) {
  const res = await fetch(`${g.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Followed {
  readonly updates: { status: string; statusLabel: string | null; summary: string | null }[];
  readonly logs: { cursor: string; message: string }[];
  readonly done: { updates: boolean; logs: boolean };
  readonly errors: unknown[];
}

/** runUpdated and runLogs of one run on one gateway, over one graphql-ws connection. */
function follow(g: Gateway, runId: string): Followed {
  const client = createClient({ url: `${g.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { token: TOKEN }, retryAttempts: 0 });
  clients.push(client);
  const f: Followed = { updates: [], logs: [], done: { updates: false, logs: false }, errors: [] };
  client.subscribe(
    { query: 'subscription($id: ID!) { runUpdated(id: $id) { status statusLabel summary } }', variables: { id: runId } },
    { next: (v) => void f.updates.push((v.data as any).runUpdated), error: (e) => void f.errors.push(e), complete: () => void (f.done.updates = true) },
  );
  client.subscribe(
    { query: 'subscription($id: ID!) { runLogs(id: $id) { cursor message } }', variables: { id: runId } },
    { next: (v) => void f.logs.push((v.data as any).runLogs), error: (e) => void f.errors.push(e), complete: () => void (f.done.logs = true) },
  );
  return f;
}

const EXECUTE = 'mutation($name: String!) { executeAction(action: "provision", inputs: { name: $name }) { id status } }';
const APPEND = 'mutation($id: ID!, $token: String!, $message: String!, $end: RunStatus) { appendRunLog(id: $id, token: $token, message: $message, terminationStatus: $end) { cursor } }';
const UPDATE = 'mutation($id: ID!, $token: String!, $label: String, $link: String) { updateRun(id: $id, token: $token, statusLabel: $label, link: $link) { status } }';
const RUN = 'query($id: ID!) { run(id: $id) { status statusLabel links logs(first: 100) { cursor message } } }';

const callsFor = (runId: string) => receiver.received.filter((r) => r.headers['idempotency-key'] === runId);

describe('two gateway processes on one Redis, runs on the BullMQ queue', () => {
  let a: Gateway;
  let b: Gateway;

  it('subscribe on A, execute on B: A receives every status change and every log line in order', async () => {
    [a, b] = await Promise.all([startGateway('A'), startGateway('B')]);
    const executed = await gql(b, EXECUTE, { name: 'orders-db' });
    expect(executed.errors).toBeUndefined();
    const run = executed.data.executeAction;
    expect(run.status).toBe('IN_PROGRESS');

    const seen = follow(a, run.id);
    await until(() => seen.updates.length === 1, 'the run as it is now, on A');
    // One replica's Worker invokes the webhook (signed, with the run id as idempotency key).
    await until(() => seen.logs.some((l) => l.message === 'webhook POST attempt 1: 200'), 'the webhook call, in the logs on A');
    const [call] = callsFor(run.id);
    expect(callsFor(run.id)).toHaveLength(1);
    expect(call.verified).toBe(true);
    expect(['/hook/A', '/hook/B']).toContain(call.path);
    expect(JSON.parse(call.body)).toEqual({ name: 'orders-db', runId: run.id });

    // The executor reports back with the token the webhook carried, through either replica.
    const token = String(call.headers['x-lattice-run-token']);
    const steps: [Gateway, string, Record<string, unknown>][] = [
      [b, UPDATE, { label: 'provisioning' }],
      [a, APPEND, { message: 'creating the database' }],
      [b, APPEND, { message: 'granting access' }],
      [a, UPDATE, { label: 'almost there', link: 'https://provisioner.example/runs/1' }],
      [b, APPEND, { message: 'done', end: 'SUCCESS' }],
    ];
    for (const [g, query, vars] of steps) expect((await gql(g, query, { id: run.id, token, ...vars }, null)).errors).toBeUndefined();

    await until(() => seen.done.updates && seen.done.logs, 'both subscriptions on A to complete');
    expect(seen.errors).toEqual([]);
    expect(seen.updates).toEqual([
      { status: 'IN_PROGRESS', statusLabel: null, summary: null },
      { status: 'IN_PROGRESS', statusLabel: 'provisioning', summary: null },
      { status: 'IN_PROGRESS', statusLabel: 'almost there', summary: null },
      { status: 'SUCCESS', statusLabel: 'almost there', summary: null },
    ]);
    const stored = (await gql(a, RUN, { id: run.id })).data.run;
    expect(stored).toMatchObject({ status: 'SUCCESS', links: ['https://provisioner.example/runs/1'] });
    expect(stored.logs.map((l: { message: string }) => l.message)).toEqual(['invoking WEBHOOK', 'webhook POST attempt 1: 200', 'creating the database', 'granting access', 'done']);
    // Every line, in order, no gap, no duplicate: exactly what the store holds.
    expect(seen.logs).toEqual(stored.logs);
    expect(seen.logs.map((l) => Number(l.cursor))).toEqual([1, 2, 3, 4, 5]);
    expect(callsFor(run.id)).toHaveLength(1);
  });

  it('B is killed while its Worker is inside the webhook call: A completes the run, exactly once', async () => {
    // Only B may take the run: stop A (gracefully: its Worker closes), start it again afterwards.
    a.child.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });

    // The receiver holds B's call (as a slow backend would) and answers A's at once.
    receiver.onRequest((r) => (r.path === '/hook/B' ? new Promise<void>((release) => holds.push(release)) : undefined));
    const executed = await gql(b, EXECUTE, { name: 'failover-db' });
    expect(executed.errors).toBeUndefined();
    const runId: string = executed.data.executeAction.id;
    await until(() => callsFor(runId).length === 1, "B's webhook call");
    expect(callsFor(runId)[0].path).toBe('/hook/B');
    expect((await gql(b, RUN, { id: runId })).data.run.status).toBe('IN_PROGRESS');

    a = await startGateway('A');
    const seen = follow(a, runId);
    await until(() => seen.updates.length === 1 && seen.logs.length === 1, 'the run and its first log line, on A');
    expect(seen.updates[0].status).toBe('IN_PROGRESS');

    b.child.kill('SIGKILL');
    expect(await b.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // B's lock expires; A's Worker moves the stalled job back and invokes the run again.
    await until(() => callsFor(runId).length === 2, "A's webhook call after B died");
    const calls = callsFor(runId);
    expect(calls.map((c) => c.path)).toEqual(['/hook/B', '/hook/A']);
    expect(a.output.some((line) => line.includes(`"runId":"${runId}"`) && line.includes('goes back to the queue'))).toBe(true);
    expect(calls.every((c) => c.verified)).toBe(true);
    // The same run, the same idempotency key, the same executor token on both calls.
    expect(calls[1].headers['x-lattice-run-token']).toBe(calls[0].headers['x-lattice-run-token']);
    expect(JSON.parse(calls[1].body)).toEqual({ name: 'failover-db', runId });

    // The receiver, seeing the key a second time, finishes its work once and reports once.
    await until(() => seen.logs.some((l) => l.message === 'webhook POST attempt 1: 200'), "A's webhook answer, in the logs");
    const token = String(calls[1].headers['x-lattice-run-token']);
    expect((await gql(a, APPEND, { id: runId, token, message: 'provisioned', end: 'SUCCESS' }, null)).errors).toBeUndefined();
    await until(() => seen.done.updates && seen.done.logs, 'both subscriptions on A to complete');
    expect(seen.errors).toEqual([]);
    expect(seen.updates.map((u) => u.status)).toEqual(['IN_PROGRESS', 'SUCCESS']);

    // A second completion is refused: an ended run never changes.
    const again = await gql(a, APPEND, { id: runId, token, message: 'provisioned again', end: 'SUCCESS' }, null);
    expect(again.errors?.[0].extensions.code).toBe('ILLEGAL_TRANSITION');

    const stored = (await gql(a, RUN, { id: runId })).data.run;
    expect(stored.status).toBe('SUCCESS');
    // One "invoking" line per invocation: B's (whose call never returned) and A's.
    expect(stored.logs.map((l: { message: string }) => l.message)).toEqual(['invoking WEBHOOK', 'invoking WEBHOOK', 'webhook POST attempt 1: 200', 'provisioned']);
    expect(seen.logs).toEqual(stored.logs);

    // The job is gone from the queue (completed and removed): nothing can invoke the run again.
    const queue = new Queue(RUN_QUEUE_NAME, { connection: { url: REDIS_URL }, prefix: `${PREFIX}bull` });
    try {
      await until(async () => (await queue.getJob(runId)) === undefined, 'the job to be removed');
      expect(await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed')).toEqual({
        wait: 0,
        active: 0,
        delayed: 0,
        prioritized: 0,
        'waiting-children': 0,
        failed: 0,
      });
    } finally {
      await queue.close();
    }
    // Precisely two calls for the run's key: B's, cut short when B died, and A's.
    expect(receiver.callsPerKey.get(runId)).toBe(2);
  });
});
