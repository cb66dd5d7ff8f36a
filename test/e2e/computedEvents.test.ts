/**
 * Changes Lattice computes are entity changes (docs/orchestration.md, "What is an entity
 * change"), with two gateway PROCESSES on one real Redis and a Kubernetes simulator. An `Env`
 * is a catalog entity whose `tier` a labelled namespace of the same name adds (both replicas
 * watch it, so both observe each tier change and its dependents; the event ids and the entity
 * states make each one event). A `Svc` mirrors its Env's tier (`envTier`) and is graded by a
 * scorecard on it; a `Squad` counts the Envs pointing at it (`envs`, an aggregation).
 *
 * - an automation on ENTITY_UPDATED of `Svc` fires once per change of the mirrored tier;
 * - the Svc's scorecard level moves with it (Basic → Gold → Basic): an automation on the level
 *   fires once per move, and an `entityChanged` subscriber on the other replica receives each
 *   change of the Svc's served content once;
 * - an automation on ENTITY_UPDATED of `Squad` fires once per change of its count (an Env
 *   created, an Env deleted);
 * - the Env deleted: the Svc's relation to it dangles, an ENTITY_UPDATED whose diff shows the
 *   relation going to null.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { replicaYaml } from '../helpers/replicaYaml.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis.ts';
import { until } from '../helpers/until.ts';
import { kubeconfigFor } from '../simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubernetesSimulator } from '../simulators/kubernetes/server.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const ADMIN = `lat_${randomBytes(12).toString('hex')}`;

let dir: string;
let sim: KubernetesSimulator;
let a: GatewayProcess;
let b: GatewayProcess;
let client: Client | undefined;
/** What the `entityChanged` subscriber on replica B received for svc1: `<envTier>:<level>`. */
const received: string[] = [];

const BLUEPRINTS = [
  { identifier: 'Squad', title: 'Squad', schema: { properties: {} }, aggregationProperties: { envs: { title: 'Environments', target: 'Env', calculationSpec: { calculationBy: 'entities', func: 'count' } } } },
  { identifier: 'Env', title: 'Environment', schema: { properties: { tier: { type: 'string' } } }, relations: { squad: { target: 'Squad', required: false, many: false } } },
  { identifier: 'Svc', title: 'Service', schema: { properties: {} }, relations: { env: { target: 'Env', required: false, many: false } }, mirrorProperties: { envTier: { path: 'env.tier' } } },
  { identifier: 'Marker', title: 'Marker', schema: { properties: {} } },
];

const SCORECARD = {
  identifier: 'Readiness',
  title: 'Readiness',
  blueprint: 'Svc',
  levels: [{ title: 'Basic' }, { title: 'Gold' }],
  rules: [{ identifier: 'prod', title: 'Runs in production', level: 'Gold', query: { combinator: 'and', conditions: [{ property: 'envTier', operator: '=', value: 'prod' }] } }],
};

/** An automation that writes a Marker named by `name` (a template over the event). */
const marker = (identifier: string, blueprint: string, condition: string[], name: string) => ({
  identifier,
  title: identifier,
  trigger: { type: 'automation', event: { type: 'ENTITY_UPDATED', blueprintIdentifier: blueprint }, condition: { type: 'JQ', expressions: condition, combinator: 'and' } },
  invocationMethod: { type: 'UPSERT_ENTITY', blueprintIdentifier: 'Marker', mapping: { identifier: name } },
});

const AUTOMATIONS = [
  marker('mirror_changed', 'Svc', ['.diff.before.properties.envTier != .diff.after.properties.envTier', '.diff.after.relations.env != null'], '{{ "mirror-" + .event.context.entityIdentifier + "-" + (.event.diff.after.properties.envTier // "none") }}'),
  marker('aggregation_changed', 'Squad', ['.diff.before.properties.envs != .diff.after.properties.envs'], '{{ "envs-" + .event.context.entityIdentifier + "-" + (.event.diff.after.properties.envs | tostring) }}'),
  marker('related_deleted', 'Svc', ['.diff.before.relations.env != null', '.diff.after.relations.env == null'], '{{ "gone-" + .event.context.entityIdentifier + "-" + .event.diff.before.relations.env }}'),
  marker('level_changed', 'Svc', ['.diff.before.scorecards.Readiness.level != .diff.after.scorecards.Readiness.level'], '{{ "level-" + .event.context.entityIdentifier + "-" + .event.diff.after.scorecards.Readiness.level }}'),
];

beforeAll(async () => {
  sim = await startKubernetesSimulator({ name: 'dev' });
  dir = mkdtempSync(path.join(tmpdir(), 'lattice-computed-events-'));
  for (const d of ['blueprints', 'catalog', 'actions', 'automations', 'scorecards']) mkdirSync(path.join(dir, d));
  writeFileSync(path.join(dir, 'kubeconfig'), kubeconfigFor(sim, { context: 'dev' }).yaml);
  for (const bp of BLUEPRINTS) writeFileSync(path.join(dir, 'blueprints', `${bp.identifier}.json`), JSON.stringify(bp));
  writeFileSync(path.join(dir, 'scorecards/Readiness.json'), JSON.stringify(SCORECARD));
  for (const x of AUTOMATIONS) writeFileSync(path.join(dir, 'automations', `${x.identifier}.json`), JSON.stringify(x));
  writeFileSync(
    path.join(dir, 'lattice.yaml'),
    [
      ...replicaYaml({ folders: ['blueprints: blueprints', 'catalog: catalog', 'actions: actions', 'automations: automations', 'scorecards: scorecards'], prefix: PREFIX, anonymous: true, tokens: [{ name: 'admin', token: ADMIN, user: 'admin@example.com', roles: ['Admin'] }] }),
      'sources:',
      '  - name: kubernetes',
      '    kind: kubernetes',
      '    options:',
      '      clusters:',
      `        - { name: dev, kubeconfig: ${JSON.stringify(path.join(dir, 'kubeconfig'))} }`,
      '    resources:',
      '      - kind: v1/namespaces',
      '        options: { labelSelector: lattice.dev/env=true }',
      '        entity:',
      '          mappings:',
      '            identifier: .metadata.name',
      '            blueprint: \'"Env"\'',
      '            properties:',
      '              tier: \'.metadata.annotations["lattice.dev/tier"]\'',
      '',
    ].join('\n'),
  );
  const env = { REDIS_URL, LATTICE_CONFIG: path.join(dir, 'lattice.yaml'), LATTICE_QUEUE_STALLED_MS: '2000' };
  [a, b] = await Promise.all([startGatewayProcess('A', env), startGatewayProcess('B', env)]);
});

afterAll(async () => {
  await client?.dispose();
  for (const g of [a, b]) if (g && g.child.exitCode === null && g.child.signalCode === null) g.child.kill('SIGTERM');
  await Promise.all([a, b].filter(Boolean).map((g) => g.exited));
  await sim?.close();
  await deleteKeys(REDIS_URL, PREFIX);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function gql(g: GatewayProcess, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${g.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors) throw new Error(`${g.name}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface RunView {
  status: string;
  automation: { eventId: string; event: any } | null;
}

async function runsOf(automation: string): Promise<RunView[]> {
  return (await gql(a, 'query($a: String) { runs(filter: { action: $a }, first: 100) { nodes { status automation { eventId event } } } }', { a: automation })).runs.nodes;
}

const ended = async (automation: string) => (await runsOf(automation)).filter((r) => r.status === 'SUCCESS');

/** The markers the automations wrote, by name. */
async function markers(): Promise<string[]> {
  return (await gql(a, '{ markers(first: 100) { nodes { identifier } } }')).markers.nodes.map((n: { identifier: string }) => n.identifier).sort();
}

function namespace(name: string, annotations: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'lattice.dev/env': 'true' }, annotations } };
}

/** Both replicas serve svc1 as `check` wants it (both have seen the watch event). */
async function bothSee(check: (svc: any) => boolean, what: string) {
  for (const g of [a, b]) await until(async () => check((await gql(g, '{ svc(identifier: "svc1") { envTier env { identifier } scorecards { level } } }')).svc), `${g.name}: ${what}`);
}

describe('computed values fire automations, once across two replicas', () => {
  it('the catalog: a squad, an Env of it, a Svc in it; the subscriber on B in place', async () => {
    const sub = createClient({ url: `${b.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${ADMIN}` } });
    client = sub;
    let probed = false;
    sub.subscribe(
      { query: 'subscription { entityChanged(blueprint: SVC) { identifier entity { ... on Svc { envTier scorecards { level } } } } }' },
      {
        next: (v: any) => {
          const c = v.data?.entityChanged;
          if (c?.identifier === 'probe') probed = true;
          if (c?.identifier === 'svc1') received.push(`${c.entity?.envTier ?? ''}:${c.entity?.scorecards[0]?.level}`);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    // The subscription is in place once a write of another Svc reaches it (written again until it does).
    await until(async () => {
      await gql(a, 'mutation { upsertEntity(blueprint: SVC, identifier: "probe") { identifier } }');
      return probed;
    }, 'the subscription on B');
    await gql(a, 'mutation { upsertEntity(blueprint: SQUAD, identifier: "sq1") { identifier } }');
    await gql(a, 'mutation { upsertEntity(blueprint: ENV, identifier: "ns-1", relations: { squad: "sq1" }) { identifier } }');
    await gql(a, 'mutation { upsertEntity(blueprint: SVC, identifier: "svc1", relations: { env: "ns-1" }) { identifier } }');
    await until(async () => (await markers()).includes('envs-sq1-1'), 'the squad counting ns-1');
  });

  it('the namespace gives the Env a tier, then another: the Svc’s mirror changes, and its level with it', async () => {
    sim.apply(namespace('ns-1', { 'lattice.dev/tier': 'dev' }));
    await bothSee((s) => s?.envTier === 'dev', 'ns-1 in dev');
    await until(async () => (await markers()).includes('mirror-svc1-dev'), 'the mirror automation (dev)');
    sim.patch('namespaces', undefined, 'ns-1', { metadata: { annotations: { 'lattice.dev/tier': 'prod' } } }, 'merge');
    await bothSee((s) => s?.envTier === 'prod' && s.scorecards[0].level === 'Gold', 'ns-1 in prod');
    await until(async () => {
      const list = await markers();
      return list.includes('mirror-svc1-prod') && list.includes('level-svc1-Gold');
    }, 'the mirror and level automations (prod)');
    sim.delete('namespaces', undefined, 'ns-1');
    await bothSee((s) => s?.envTier === null && s.env?.identifier === 'ns-1', 'ns-1 without a tier');
    await until(async () => {
      const list = await markers();
      return list.includes('mirror-svc1-none') && list.includes('level-svc1-Basic');
    }, 'the mirror and level automations (no tier)');
  });

  it('an Env created and one deleted: the squad counts them; the Svc left pointing at the deleted one fires', async () => {
    await gql(b, 'mutation { upsertEntity(blueprint: ENV, identifier: "ns-2", relations: { squad: "sq1" }) { identifier } }');
    await until(async () => (await markers()).includes('envs-sq1-2'), 'the squad counting ns-2');
    await gql(b, 'mutation { deleteEntity(blueprint: ENV, identifier: "ns-1") }');
    await until(async () => (await markers()).includes('gone-svc1-ns-1'), 'the related deletion automation');
    await until(async () => (await ended('aggregation_changed')).length === 3, 'the squad counting one less');
    const [gone] = await runsOf('related_deleted');
    expect(gone.automation?.event).toMatchObject({
      action: 'UPDATE',
      context: { blueprintIdentifier: 'Svc', entityIdentifier: 'svc1' },
      diff: { before: { relations: { env: 'ns-1' }, properties: { envTier: null }, scorecards: { Readiness: { level: 'Basic' } } }, after: { relations: { env: null }, properties: { envTier: null }, scorecards: { Readiness: { level: 'Basic' } } } },
    });
  });

  it('counted at the end: one run per change and automation, one event per change for the subscriber', async () => {
    const after = async (automation: string, read: (diffAfter: any) => unknown) => (await ended(automation)).map((r) => String(read(r.automation?.event.diff.after))).sort();
    expect(await after('mirror_changed', (d) => d.properties.envTier)).toEqual(['dev', 'null', 'prod']);
    expect(await after('level_changed', (d) => d.scorecards.Readiness.level)).toEqual(['Basic', 'Gold']);
    expect(await after('aggregation_changed', (d) => d.properties.envs)).toEqual(['1', '1', '2']);
    expect(await after('related_deleted', (d) => d.relations.env)).toEqual(['null']);
    for (const automation of AUTOMATIONS.map((x) => x.identifier)) {
      const runs = await runsOf(automation);
      expect(runs.every((r) => r.status === 'SUCCESS')).toBe(true);
      expect(new Set(runs.map((r) => r.automation?.eventId)).size).toBe(runs.length);
    }
    // Each change of svc1's served content reached the subscriber on B once: its creation (a
    // write), then as a dependent, published by the replica whose compare-and-set recorded it.
    await until(() => received.length >= 5, 'five svc1 events');
    expect(received).toEqual([':Basic', 'dev:Basic', 'prod:Gold', ':Basic', ':Basic']);
  });
});
