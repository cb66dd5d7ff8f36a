/**
 * Automations, timers and the TTL path with two gateway PROCESSES on one real Redis and a
 * Kubernetes simulator whose labelled namespaces are DevEnvironment entities (both replicas
 * watch it, so both see every namespace change):
 *
 * - each trigger type fires exactly once per event across the replicas (entity changes from the
 *   watch, a timer's expiry and the warning before it, a run's creation and update), also after
 *   replica B is killed with SIGKILL (the timers it may have armed live in Redis);
 * - a loop of two automations stops at the guard (automation.maxDepth 3), the refused run says why;
 * - the TTL path with the shipped files: provision_dev_environment (5 days), extend_dev_environment
 *   (+3 days, twice), a third extension past the cap waits for approval, then the timer is
 *   brought forward (the test's clock: short timers, waited on, never timed), it expires and
 *   teardown_dev_environment deletes the namespace and its workload; the entity goes and every
 *   step is in the run history.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicaYaml } from '../helpers/replicaYaml.ts';
import { ROOT } from '../helpers/lattice.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis.ts';
import { until } from '../helpers/until.ts';
import { kubeconfigFor } from '../simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubernetesSimulator } from '../simulators/kubernetes/server.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const SECRET_KEY = randomBytes(32).toString('hex');
const MEMBER = `lat_${randomBytes(12).toString('hex')}`;
const ADMIN = `lat_${randomBytes(12).toString('hex')}`;

let dir: string;
let sim: KubernetesSimulator;
let a: GatewayProcess;
let b: GatewayProcess;
const gateways: GatewayProcess[] = [];

const marker = (identifier: string, event: object, condition: string[], name = '{{ "m-" + .event.context.entityIdentifier }}') => ({
  identifier,
  title: identifier,
  trigger: { type: 'automation', event, condition: { type: 'JQ', expressions: condition, combinator: 'and' } },
  invocationMethod: { type: 'UPSERT_ENTITY', blueprintIdentifier: 'DevEnvironment', mapping: { identifier: name } },
});

const AUTOMATIONS = [
  marker('r_created', { type: 'ENTITY_CREATED', blueprintIdentifier: 'DevEnvironment' }, ['.context.entityIdentifier | startswith("e-")']),
  marker('r_updated', { type: 'ENTITY_UPDATED', blueprintIdentifier: 'DevEnvironment' }, ['.context.entityIdentifier | startswith("e-")']),
  marker('r_deleted', { type: 'ENTITY_DELETED', blueprintIdentifier: 'DevEnvironment' }, ['.context.entityIdentifier | startswith("e-")']),
  marker('r_any', { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: 'DevEnvironment' }, ['.context.entityIdentifier | startswith("e-")']),
  marker('r_expired', { type: 'TIMER_PROPERTY_EXPIRED', blueprintIdentifier: 'DevEnvironment', propertyIdentifier: 'expires_at' }, ['.context.entityIdentifier | startswith("t-")']),
  marker('r_expiring', { type: 'TIMER_PROPERTY_EXPIRING', blueprintIdentifier: 'DevEnvironment', propertyIdentifier: 'expires_at', before: '1h' }, ['.context.entityIdentifier | startswith("w-")']),
  marker('r_run_created', { type: 'RUN_CREATED', actionIdentifier: 'touch' }, ['true'], '{{ "m-run-created-" + .event.context.runId }}'),
  marker('r_run_updated', { type: 'RUN_UPDATED', actionIdentifier: 'touch' }, ['true'], '{{ "m-run-updated-" + .event.context.runId }}'),
  {
    ...marker('bump_a', { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: 'DevEnvironment' }, ['.context.entityIdentifier == "loop-a"', '.diff.after != null']),
    invocationMethod: { type: 'UPSERT_ENTITY', blueprintIdentifier: 'DevEnvironment', mapping: { identifier: 'loop-b', properties: { extensions: '{{ .event.diff.after.properties.extensions + 1 }}' } } },
  },
  {
    ...marker('bump_b', { type: 'ANY_ENTITY_CHANGE', blueprintIdentifier: 'DevEnvironment' }, ['.context.entityIdentifier == "loop-b"', '.diff.after != null']),
    invocationMethod: { type: 'UPSERT_ENTITY', blueprintIdentifier: 'DevEnvironment', mapping: { identifier: 'loop-a', properties: { extensions: '{{ .event.diff.after.properties.extensions + 1 }}' } } },
  },
];

beforeAll(async () => {
  sim = await startKubernetesSimulator({ name: 'dev' });
  dir = mkdtempSync(path.join(tmpdir(), 'lattice-automations-'));
  for (const d of ['actions', 'automations']) mkdirSync(path.join(dir, d));
  writeFileSync(path.join(dir, 'kubeconfig'), kubeconfigFor(sim, { context: 'dev' }).yaml);
  for (const f of ['provision_dev_environment.json', 'extend_dev_environment.json']) cpSync(path.join(ROOT, 'schema/actions', f), path.join(dir, 'actions', f));
  cpSync(path.join(ROOT, 'schema/automations/teardown_dev_environment.json'), path.join(dir, 'automations/teardown_dev_environment.json'));
  writeFileSync(
    path.join(dir, 'actions/touch.json'),
    JSON.stringify({
      identifier: 'touch',
      trigger: { type: 'self-service', operation: 'CREATE', blueprintIdentifier: 'DevEnvironment', userInputs: { properties: {} } },
      invocationMethod: { type: 'UPSERT_ENTITY', blueprintIdentifier: 'DevEnvironment', mapping: { identifier: 'touched' } },
    }),
  );
  AUTOMATIONS.forEach((x) => writeFileSync(path.join(dir, 'automations', `${x.identifier}.json`), JSON.stringify(x)));
  writeFileSync(
    path.join(dir, 'lattice.yaml'),
    [
      ...replicaYaml({
        folders: [`blueprints: ${JSON.stringify(path.join(ROOT, 'schema/blueprints'))}`, `catalog: ${JSON.stringify(path.join(ROOT, 'catalog'))}`, 'actions: actions', 'automations: automations'],
        prefix: PREFIX,
        anonymous: true,
        tokens: [{ name: 'dev', token: MEMBER, user: 'dev@example.com', roles: ['Member'] }, { name: 'admin', token: ADMIN, user: 'admin@example.com', roles: ['Admin'] }],
      }),
      'automation: { maxDepth: 3 }',
      'sources:',
      '  - name: kubernetes',
      '    kind: kubernetes',
      '    options:',
      '      clusters:',
      `        - { name: dev, kubeconfig: ${JSON.stringify(path.join(dir, 'kubeconfig'))} }`,
      '    resources:',
      '      - kind: v1/namespaces',
      '        options: { labelSelector: lattice.dev/dev-environment=true }',
      '        entity:',
      '          mappings:',
      '            identifier: .metadata.name',
      '            blueprint: \'"DevEnvironment"\'',
      '            properties:',
      '              cluster: .cluster',
      '              owner: \'.metadata.annotations["lattice.dev/owner"]\'',
      '              expires_at: \'.metadata.annotations["lattice.dev/expires-at"]\'',
      '              extensions: \'.metadata.annotations["lattice.dev/extensions"] // "0" | tonumber\'',
      '              started_at: .metadata.creationTimestamp',
      '',
    ].join('\n'),
  );
  const env = { REDIS_URL, LATTICE_CONFIG: path.join(dir, 'lattice.yaml'), LATTICE_SECRET_KEY: SECRET_KEY, LATTICE_QUEUE_STALLED_MS: '2000' };
  [a, b] = await Promise.all([startGatewayProcess('A', env), startGatewayProcess('B', env)]);
  gateways.push(a, b);
});

afterAll(async () => {
  for (const g of gateways) if (g.child.exitCode === null && g.child.signalCode === null) g.child.kill('SIGTERM');
  await Promise.all(gateways.map((g) => g.exited));
  await sim?.close();
  await deleteKeys(REDIS_URL, PREFIX);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function gql(g: GatewayProcess, query: string, variables?: Record<string, unknown>, token = ADMIN) {
  const res = await fetch(`${g.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
  if (body.errors) throw new Error(`${g.name}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface RunView {
  id: string;
  action: string;
  status: string;
  statusLabel: string | null;
  summary: string | null;
  automation: { depth: number; eventId: string; event: any } | null;
}

async function runsOf(action: string): Promise<RunView[]> {
  const data = await gql(a, 'query($a: String) { runs(filter: { action: $a }, first: 100) { nodes { id action status statusLabel summary automation { depth eventId event } } } }', { a: action });
  return data.runs.nodes;
}

const ended = (runs: RunView[]) => runs.filter((r) => r.status !== 'IN_PROGRESS' && r.status !== 'WAITING_FOR_APPROVAL');

function namespace(name: string, annotations: Record<string, string> = {}) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'lattice.dev/dev-environment': 'true' }, annotations } };
}

/** Both replicas serve the entity as `check` wants it (so both have seen the watch event). */
async function bothSee(identifier: string, check: (e: any) => boolean, what: string) {
  for (const g of [a, b]) await until(async () => check((await gql(g, 'query($id: String!) { devEnvironment(identifier: $id) { identifier owner expiresAt { expiresAt } extensions } }', { id: identifier })).devEnvironment), `${g.name}: ${what}`);
}

describe('each trigger type fires exactly once per event across two replicas', () => {
  it('entity changes from the Kubernetes watch, which both replicas see', async () => {
    sim.apply(namespace('e-1', { 'lattice.dev/owner': 'ann' }));
    await bothSee('e-1', (e) => e?.owner === 'ann', 'e-1 created');
    sim.patch('namespaces', undefined, 'e-1', { metadata: { annotations: { 'lattice.dev/owner': 'bob' } } }, 'merge');
    await bothSee('e-1', (e) => e?.owner === 'bob', 'e-1 updated');
    sim.delete('namespaces', undefined, 'e-1');
    await bothSee('e-1', (e) => e === null, 'e-1 deleted');
    for (const [automation, count] of [['r_created', 1], ['r_updated', 1], ['r_deleted', 1], ['r_any', 3]] as const) {
      await until(async () => ended(await runsOf(automation)).length >= count, `${automation} ×${count}`);
    }
  });

  it('a timer’s expiry and the warning before it, armed by both replicas, fire once', async () => {
    sim.apply(namespace('t-1', { 'lattice.dev/expires-at': new Date(Date.now() + 1500).toISOString() }));
    sim.apply(namespace('w-1', { 'lattice.dev/expires-at': new Date(Date.now() + 3_600_000 + 1500).toISOString() }));
    await until(async () => ended(await runsOf('r_expired')).length >= 1, 'r_expired');
    await until(async () => ended(await runsOf('r_expiring')).length >= 1, 'r_expiring');
    const [expired] = await runsOf('r_expired');
    expect(expired.automation?.event).toMatchObject({ action: 'TIMER_EXPIRED', context: { entityIdentifier: 't-1', propertyIdentifier: 'expires_at' } });
  });

  it('a run’s creation and its update', async () => {
    const run = (await gql(b, 'mutation { executeAction(action: "touch", inputs: {}) { id } }', undefined, MEMBER)).executeAction;
    await until(async () => ended(await runsOf('r_run_created')).length >= 1 && ended(await runsOf('r_run_updated')).length >= 1, 'the run automations');
    expect((await runsOf('r_run_created'))[0].automation?.event.context.runId).toBe(run.id);
  });

  it('a loop of two automations stops at the guard', async () => {
    await gql(b, 'mutation { upsertEntity(blueprint: DEV_ENVIRONMENT, identifier: "loop-a", properties: { extensions: 0 }) { identifier } }');
    const refused = await until(async () => [...(await runsOf('bump_a')), ...(await runsOf('bump_b'))].find((r) => r.status === 'FAILURE'), 'the refused run');
    expect(refused.summary).toMatch(/^loop guard: automation "bump_[ab]" would be run 4 of a chain .* past the limit of 3 \(automation\.maxDepth\); not invoked$/);
  });

  it('after B is killed: a timer armed before the kill and a change seen only by A fire once, on A', async () => {
    sim.apply(namespace('t-2', { 'lattice.dev/expires-at': new Date(Date.now() + 4000).toISOString() }));
    await bothSee('t-2', (e) => e?.identifier === 't-2', 't-2 created');
    b.child.kill('SIGKILL');
    await b.exited;
    sim.apply(namespace('e-2', { 'lattice.dev/owner': 'cid' }));
    await until(async () => ended(await runsOf('r_expired')).some((r) => r.automation?.event.context.entityIdentifier === 't-2'), 'the timer of t-2');
    await until(async () => ended(await runsOf('r_created')).some((r) => r.automation?.event.context.entityIdentifier === 'e-2'), 'the creation of e-2');
  });

  it('counted at the end: one run per event and automation, nothing more', async () => {
    const key = (r: RunView) => `${r.automation?.event.action}:${r.automation?.event.context.entityIdentifier ?? r.automation?.event.context.runId}`;
    const count = async (automation: string) => (await runsOf(automation)).map(key).sort();
    expect(await count('r_created')).toEqual(['CREATE:e-1', 'CREATE:e-2']);
    expect(await count('r_updated')).toEqual(['UPDATE:e-1']);
    expect(await count('r_deleted')).toEqual(['DELETE:e-1']);
    expect(await count('r_any')).toEqual(['CREATE:e-1', 'CREATE:e-2', 'DELETE:e-1', 'UPDATE:e-1']);
    expect(await count('r_expired')).toEqual(['TIMER_EXPIRED:t-1', 'TIMER_EXPIRED:t-2']);
    expect(await count('r_expiring')).toEqual(['TIMER_EXPIRING:w-1']);
    expect((await runsOf('r_run_created')).length).toBe(1);
    expect((await runsOf('r_run_updated')).length).toBe(1);
    const loop = [...(await runsOf('bump_a')), ...(await runsOf('bump_b'))];
    expect(loop.map((r) => `${r.automation?.depth}:${r.status}`).sort()).toEqual(['1:SUCCESS', '2:SUCCESS', '3:SUCCESS', '4:FAILURE']);
    // Every event id is distinct: no event made two runs of one automation.
    for (const automation of AUTOMATIONS.map((x) => x.identifier)) {
      const ids = (await runsOf(automation)).map((r) => r.automation?.eventId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('the TTL path (on replica A, B is gone)', () => {
  it('create for 5 days, extend by 3 days twice, a third extension waits for approval, expiry tears it down', async () => {
    const created = (await gql(a, 'mutation { provisionDevEnvironment(input: { name: "demo" }) { id status } }', undefined, MEMBER)).provisionDevEnvironment;
    await until(async () => (await gql(a, 'query($id: ID!) { run(id: $id) { status } }', { id: created.id })).run.status === 'SUCCESS', 'the create run');
    expect(sim.get('namespaces', undefined, 'dev-demo')).toBeTruthy();
    expect(sim.get('deployments', 'dev-demo', 'app')).toBeTruthy();
    const env = await until(async () => (await gql(a, '{ devEnvironment(identifier: "dev-demo") { owner extensions expiresAt { expiresAt isExpired } } }')).devEnvironment, 'the DevEnvironment entity');
    expect(env).toMatchObject({ owner: 'dev@example.com', extensions: 0, expiresAt: { isExpired: false } });
    const fiveDays = Date.parse(env.expiresAt.expiresAt);

    const extend = async () => (await gql(a, 'mutation { extendDevEnvironment(entity: "dev-demo") { id status statusLabel } }', undefined, MEMBER)).extendDevEnvironment;
    for (const n of [1, 2]) {
      const run = await extend();
      expect(run.status).toBe('IN_PROGRESS');
      await until(async () => (await gql(a, '{ devEnvironment(identifier: "dev-demo") { extensions } }')).devEnvironment?.extensions === n, `extension ${n}`);
    }
    const extended = (await gql(a, '{ devEnvironment(identifier: "dev-demo") { expiresAt { expiresAt } } }')).devEnvironment;
    expect(Date.parse(extended.expiresAt.expiresAt) - fiveDays).toBe(2 * 3 * 86_400_000);

    const third = await extend();
    expect(third.status).toBe('WAITING_FOR_APPROVAL');
    expect(third.statusLabel).toBe('needs approval: extension 3 of DevEnvironment "dev-demo" passes the policy\'s maximum of 2 extensions');
    await gql(a, 'mutation($id: ID!) { declineRun(id: $id, reason: "long enough") { status } }', { id: third.id });

    // The test's clock: bring the expiry forward, as a platform admin could; the timer is re-armed.
    sim.patch('namespaces', undefined, 'dev-demo', { metadata: { annotations: { 'lattice.dev/expires-at': new Date(Date.now() + 1000).toISOString() } } }, 'merge');
    const teardown = await until(async () => ended(await runsOf('teardown_dev_environment')).find((r) => r.automation?.event.context.entityIdentifier === 'dev-demo'), 'the teardown run');
    expect(teardown.status).toBe('SUCCESS');
    expect(sim.get('namespaces', undefined, 'dev-demo')).toBeUndefined();
    expect(sim.get('deployments', 'dev-demo', 'app')).toBeUndefined();
    await until(async () => (await gql(a, '{ devEnvironment(identifier: "dev-demo") { identifier } }')).devEnvironment === null, 'the entity removed');

    const runs = (await gql(a, '{ runs(first: 100) { nodes { action status inputs automation { event } } } }')).runs.nodes;
    const history = runs.filter((r: any) => r.inputs.name === 'demo' || r.action === 'extend_dev_environment' || r.automation?.event.context.entityIdentifier === 'dev-demo');
    expect(history.map((r: any) => `${r.action}:${r.status}`).reverse()).toEqual([
      'provision_dev_environment:SUCCESS',
      'extend_dev_environment:SUCCESS',
      'extend_dev_environment:SUCCESS',
      'extend_dev_environment:DECLINED',
      'teardown_dev_environment:SUCCESS',
    ]);
  });
});
