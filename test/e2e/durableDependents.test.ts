/**
 * A change's dependents survive the death of the replica that made the change (issue 10), with
 * two gateway PROCESSES on one real Redis. A `Svc` mirrors its `Env`'s tier (`envTier`); an
 * automation on the Svc's ENTITY_UPDATED fires when the mirrored tier changes.
 *
 * Replica A runs with LATTICE_TEST_HOLD_JOBS=automation-dependents: its worker on the dependents
 * queue takes each job and never finishes it (it logs the job it holds), so A is killed, with
 * SIGKILL, while it holds the dependents jobs of the Env's creation and of its tier change, both
 * made on A (B never observes them: a mutation is observed where it is made). B, started while A
 * holds them, takes them over (BullMQ's stalled-job recovery), observes the Svc and the automation
 * fires, exactly once, with the diff of the tier change.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replicaYaml } from '../helpers/replicaYaml.ts';
import { DEPENDENTS_QUEUE, EVENTS_QUEUE } from '../../src/runs/automations/service.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis.ts';
import { until } from '../helpers/until.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const ADMIN = `lat_${randomBytes(12).toString('hex')}`;

let dir: string;
let env: Record<string, string>;
const gateways: GatewayProcess[] = [];
const queues: Queue[] = [];

const BLUEPRINTS = [
  { identifier: 'Env', title: 'Environment', schema: { properties: { tier: { type: 'string' } } } },
  { identifier: 'Svc', title: 'Service', schema: { properties: {} }, relations: { env: { target: 'Env', required: false, many: false } }, mirrorProperties: { envTier: { path: 'env.tier' } } },
  { identifier: 'Marker', title: 'Marker', schema: { properties: {} } },
];

const MIRROR_CHANGED = {
  identifier: 'mirror_changed',
  title: 'mirror_changed',
  trigger: {
    type: 'automation',
    event: { type: 'ENTITY_UPDATED', blueprintIdentifier: 'Svc' },
    condition: { type: 'JQ', expressions: ['.diff.before.properties.envTier != .diff.after.properties.envTier'], combinator: 'and' },
  },
  invocationMethod: { type: 'UPSERT_ENTITY', blueprintIdentifier: 'Marker', mapping: { identifier: '{{ "mirror-" + .event.context.entityIdentifier + "-" + (.event.diff.after.properties.envTier // "none") }}' } },
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lattice-durable-dependents-'));
  for (const d of ['blueprints', 'catalog', 'actions', 'automations', 'scorecards']) mkdirSync(path.join(dir, d));
  for (const bp of BLUEPRINTS) writeFileSync(path.join(dir, 'blueprints', `${bp.identifier}.json`), JSON.stringify(bp));
  writeFileSync(path.join(dir, 'automations/mirror_changed.json'), JSON.stringify(MIRROR_CHANGED));
  writeFileSync(
    path.join(dir, 'lattice.yaml'),
    [
      ...replicaYaml({ folders: ['blueprints: blueprints', 'catalog: catalog', 'actions: actions', 'automations: automations', 'scorecards: scorecards'], prefix: PREFIX, anonymous: false, tokens: [{ name: 'admin', token: ADMIN, user: 'admin@example.com', roles: ['Admin'] }] }),
      '',
    ].join('\n'),
  );
  env = { REDIS_URL, LATTICE_CONFIG: path.join(dir, 'lattice.yaml'), LATTICE_QUEUE_STALLED_MS: '2000' };
});

afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
  for (const g of gateways) if (g.child.exitCode === null && g.child.signalCode === null) g.child.kill('SIGTERM');
  await Promise.all(gateways.map((g) => g.exited));
  await deleteKeys(REDIS_URL, PREFIX);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function gql(g: GatewayProcess, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${g.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors) throw new Error(`${g.name}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The jobs a queue holds, by state (in Redis, whichever replica added or runs them). */
function queue(name: string): Queue {
  const q = new Queue(name, { connection: { url: REDIS_URL }, prefix: `${PREFIX}bull` });
  queues.push(q);
  return q;
}

const held = (g: GatewayProcess) => g.output.filter((line) => line.includes('job queue: holding a job (LATTICE_TEST_HOLD_JOBS)') && line.includes(`"queue":"${DEPENDENTS_QUEUE}"`));

it('the replica that made a change dies holding its dependents jobs: the other replica observes the dependents, the automation fires once', async () => {
  const a = await startGatewayProcess('A', { ...env, LATTICE_TEST_HOLD_JOBS: DEPENDENTS_QUEUE });
  gateways.push(a);
  await gql(a, 'mutation { upsertEntity(blueprint: ENV, identifier: "e1", properties: { tier: "dev" }) { identifier } }');
  await gql(a, 'mutation { upsertEntity(blueprint: SVC, identifier: "s1", relations: { env: "e1" }) { identifier } }');
  expect((await gql(a, '{ svc(identifier: "s1") { envTier } }')).svc).toEqual({ envTier: 'dev' });
  // The Env's creation queued a dependents job (the Svc's mirror reads Envs); A holds it.
  await until(() => held(a).length === 1, 'A holding the dependents job of the Env’s creation');
  await gql(a, 'mutation { upsertEntity(blueprint: ENV, identifier: "e1", properties: { tier: "prod" }) { identifier } }');
  await until(() => held(a).length === 2, 'A holding the dependents job of the tier change');

  const dependents = queue(DEPENDENTS_QUEUE);
  expect(await dependents.getJobCounts('active', 'completed')).toEqual({ active: 2, completed: 0 });
  const b = await startGatewayProcess('B', env);
  gateways.push(b);
  a.child.kill('SIGKILL');
  expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });

  await until(async () => (await gql(b, '{ marker(identifier: "mirror-s1-prod") { identifier } }')).marker, 'the mirror automation, run by B');
  // Every job done: both dependents jobs (by B), every event, every run.
  await until(async () => (await dependents.getJobCounts('completed')).completed === 2, 'B completing both dependents jobs');
  const events = queue(EVENTS_QUEUE);
  await until(async () => Object.values(await events.getJobCounts('wait', 'active', 'delayed', 'prioritized')).every((n) => n === 0), 'the events queue drained');
  const runs = (await gql(b, '{ runs(filter: { action: "mirror_changed" }, first: 100) { nodes { status automation { event } } } }')).runs.nodes;
  expect(runs).toHaveLength(1);
  expect(runs[0].automation.event).toMatchObject({ action: 'UPDATE', context: { entityIdentifier: 's1' }, diff: { before: { properties: { envTier: 'dev' } }, after: { properties: { envTier: 'prod' } } } });
  await until(async () => (await gql(b, '{ runs(filter: { action: "mirror_changed" }, first: 100) { nodes { status } } }')).runs.nodes[0].status === 'SUCCESS', 'the run ended');
  expect(await dependents.getJobCounts('active', 'wait', 'delayed', 'failed', 'completed')).toEqual({ active: 0, wait: 0, delayed: 0, failed: 0, completed: 2 });
  expect(held(b)).toEqual([]);
  expect((await gql(b, '{ markers(first: 100) { nodes { identifier } } }')).markers.nodes).toEqual([{ identifier: 'mirror-s1-prod' }]);
});
