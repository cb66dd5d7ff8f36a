/**
 * Self-service actions over real HTTP and graphql-ws, with the shipped example definitions
 * (schema/actions/): typed mutations, a webhook receiver that verifies Port's signature with its
 * own HMAC and reports back with the run's token, subscribers that see every status and log line
 * in order, invalid inputs that create nothing, approvals by two named SREs, idempotency keys,
 * and callers without credentials.
 */
import { createHmac } from 'node:crypto';
import { cpSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import type { Lattice } from '../../src/server/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import { ROOT, startTestLattice, tempProject } from '../helpers/lattice.ts';

const SIGNING_SECRET = 'test-signing-secret';
const users = { dev: 'dev@example.com', ana: 'sre-ana@example.com', bo: 'sre-bo@example.com' };
const tokens = { dev: 'tok-dev', ana: 'tok-ana', bo: 'tok-bo' };

interface Received {
  path: string;
  body: any;
  headers: http.IncomingHttpHeaders;
  signatureValid: boolean;
}

let lattice: Lattice;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const ts = String(req.headers['x-port-timestamp']);
      const expected = `v1,${createHmac('sha256', SIGNING_SECRET).update(`${ts}.${raw}`).digest('base64')}`;
      received.push({ path: req.url ?? '', body: JSON.parse(raw), headers: req.headers, signatureValid: req.headers['x-port-signature'] === expected });
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const project = tempProject();
  cpSync(path.join(ROOT, 'schema/actions'), path.join(project.dir, 'schema/actions'), { recursive: true });
  lattice = await startTestLattice({
    blueprintsDir: project.blueprintsDir,
    catalogDir: project.catalogDir,
    actionsDir: path.join(project.dir, 'schema/actions'),
    auth: {
      anonymous: true,
      tokens: [
        { name: 'dev', sha256: sha256Hex(tokens.dev), user: users.dev, roles: ['Member'] },
        { name: 'ana', sha256: sha256Hex(tokens.ana), user: users.ana, roles: ['SRE'] },
        { name: 'bo', sha256: sha256Hex(tokens.bo), user: users.bo, roles: ['SRE'] },
      ],
    },
    actionSecrets: { PROVISIONER_URL: `${receiverUrl}/provision`, RUNBOOK_URL: `${receiverUrl}/runbook` },
    webhookSigningSecret: SIGNING_SECRET,
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await lattice?.close();
  await new Promise((r) => receiver?.close(r));
});

async function as(who: keyof typeof tokens | null, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${lattice.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
}

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function subscribe(who: keyof typeof tokens, query: string) {
  const client = createClient({ url: `${lattice.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { token: tokens[who] }, retryAttempts: 0 });
  clients.push(client);
  const events: any[] = [];
  client.subscribe({ query }, { next: (v) => events.push(v.data), error: (e) => events.push({ error: e }), complete: () => events.push('complete') });
  return events;
}

const runCount = async () => (await as('dev', '{ runs(first: 100) { nodes { id } } }')).data.runs.nodes.length;

describe('a webhook action, end to end', () => {
  it('runs through the typed mutation, signed; the executor reports back; subscribers see it all in order', async () => {
    const before = received.length;
    const res = await as('dev', 'mutation { provisionCloudResource(input: { name: "orders-events", type: KAFKA_TOPIC, component: "CartService" }) { id status action inputs createdBy } }');
    expect(res.errors).toBeUndefined();
    const run = res.data.provisionCloudResource;
    expect(run).toMatchObject({ status: 'IN_PROGRESS', action: 'provision_cloud_resource', inputs: { name: 'orders-events', type: 'kafka-topic', size: 'small', component: 'CartService' }, createdBy: users.dev });

    const updates = subscribe('dev', `subscription { runUpdated(id: "${run.id}") { status statusLabel summary } }`);
    const logs = subscribe('dev', `subscription { runLogs(id: "${run.id}") { cursor message } }`);
    await until(() => received.length === before + 1, 'the webhook');
    const call = received[received.length - 1];
    expect(call.path).toBe('/provision');
    expect(call.signatureValid).toBe(true);
    expect(call.headers['idempotency-key']).toBe(run.id);
    expect(call.body).toEqual({ resource: 'orders-events', type: 'kafka-topic', size: 'small', usedBy: 'CartService', requestedBy: users.dev, runId: run.id });

    // The executor reports back with the token the webhook carried.
    const token = String(call.headers['x-lattice-run-token']);
    const exec = (q: string) => as(null, q, { id: run.id, token });
    for (const line of ['creating topic', 'setting ACLs']) expect((await exec(`mutation($id: ID!, $token: String!) { appendRunLog(id: $id, token: $token, message: "${line}") { cursor } }`)).errors).toBeUndefined();
    expect((await exec('mutation($id: ID!, $token: String!) { updateRun(id: $id, token: $token, statusLabel: "almost", link: "https://provisioner.example/runs/1") { status } }')).errors).toBeUndefined();
    const done = await exec('mutation($id: ID!, $token: String!) { appendRunLog(id: $id, token: $token, message: "done", terminationStatus: SUCCESS) { cursor message } }');
    expect(done.data.appendRunLog.message).toBe('done');
    const forged = await as(null, 'mutation($id: ID!) { updateRun(id: $id, token: "forged", status: FAILURE) { status } }', { id: run.id });
    expect(forged.errors?.[0].extensions.code).toBe('FORBIDDEN');

    await until(() => updates.includes('complete'), 'the run to end');
    await until(() => logs.filter((l) => l !== 'complete').length >= 3, 'three log lines');
    const lines = logs.filter((l) => l !== 'complete');
    expect(updates.filter((u) => u !== 'complete').map((u) => u.runUpdated.status)).toEqual(expect.arrayContaining(['IN_PROGRESS', 'SUCCESS']));
    expect(updates.at(-2).runUpdated.status).toBe('SUCCESS');
    expect(lines.map((l) => l.runLogs.message).filter((m: string) => ['creating topic', 'setting ACLs', 'done'].includes(m))).toEqual(['creating topic', 'setting ACLs', 'done']);
    const cursors = lines.map((l) => Number(l.runLogs.cursor));
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);

    const final = await as('dev', `{ run(id: "${run.id}") { status statusLabel links endedAt logs { message } } }`);
    expect(final.data.run).toMatchObject({ status: 'SUCCESS', statusLabel: 'almost', links: ['https://provisioner.example/runs/1'] });
    expect(final.data.run.logs.map((l: { message: string }) => l.message)).toEqual(expect.arrayContaining(['creating topic', 'setting ACLs', 'done']));
  });

  it('invalid inputs: an error with JSON pointers, no run created, nothing invoked', async () => {
    const runs = await runCount();
    const calls = received.length;
    const res = await as('dev', 'mutation { executeAction(action: "provision_cloud_resource", inputs: { name: "Bad Name", type: "mysql", component: "NoSuchService" }) { id } }');
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'INVALID_INPUTS' });
    const pointers = res.errors?.[0].extensions.problems.map((p: { pointer: string }) => p.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/inputs/name', '/inputs/type']));
    const typed = await as('dev', 'mutation { provisionCloudResource(input: { name: "ok-name", type: MYSQL }) { id } }');
    expect(typed.errors?.[0].message).toContain('MYSQL');
    await new Promise((r) => setTimeout(r, 100));
    expect(await runCount()).toBe(runs);
    expect(received.length).toBe(calls);
  });

  it('the same idempotency key returns the same run and invokes once', async () => {
    const calls = received.length;
    const q = 'mutation { executeAction(action: "provision_cloud_resource", inputs: { name: "idem-1", type: "s3-bucket" }, idempotencyKey: "k-1") { id } }';
    const [a, b] = await Promise.all([as('dev', q), as('dev', q)]);
    expect(a.data.executeAction.id).toBe(b.data.executeAction.id);
    await until(() => received.length === calls + 1, 'one webhook call');
    await new Promise((r) => setTimeout(r, 100));
    expect(received.length).toBe(calls + 1);
  });

  it('every webhook call the gateway makes is counted on /metrics, under the source "webhook"', async () => {
    const calls = received.length;
    const res = await as('dev', 'mutation { executeAction(action: "provision_cloud_resource", inputs: { name: "counted-1", type: "s3-bucket" }) { id } }');
    expect(res.errors).toBeUndefined();
    await until(() => received.length === calls + 1, 'the webhook');
    const metrics = await (await fetch(`${lattice.url}/metrics`)).text();
    expect(metrics.match(/lattice_upstream_calls_total\{source="webhook"\} (\d+)/)?.[1]).toBe(String(received.length));
  });

  it('callers without credentials cannot run actions', async () => {
    const res = await as(null, 'mutation { executeAction(action: "provision_cloud_resource", inputs: { name: "anon", type: "s3-bucket" }) { id } }');
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('runs are Relay-shaped', () => {
  async function withHeader(token: string, query: string, variables: Record<string, unknown>) {
    const res = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-lattice-run-token': token }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
  }

  it('the executor reports with its token in the X-Lattice-Run-Token header; the deprecated argument is not needed', async () => {
    const calls = received.length;
    const run = (await as('dev', 'mutation { provisionCloudResource(input: { name: "header-1", type: S3_BUCKET }) { id } }')).data.provisionCloudResource;
    await until(() => received.length === calls + 1, 'the webhook');
    const token = String(received.at(-1)?.headers['x-lattice-run-token']);
    const forged = await withHeader('forged', 'mutation($id: ID!) { appendRunLog(id: $id, message: "x") { cursor } }', { id: run.id });
    expect(forged.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const logged = await withHeader(token, 'mutation($id: ID!) { appendRunLog(id: $id, message: "from the header") { message } }', { id: run.id });
    expect(logged.errors).toBeUndefined();
    expect(logged.data.appendRunLog.message).toBe('from the header');
    const ended = await withHeader(token, 'mutation($id: ID!) { updateRun(id: $id, status: SUCCESS, summary: "done") { status summary } }', { id: run.id });
    expect(ended.data.updateRun).toEqual({ status: 'SUCCESS', summary: 'done' });
    const deprecated = await as(null, '{ __type(name: "Mutation") { fields { name args(includeDeprecated: true) { name isDeprecated type { kind } } } } }');
    const args = deprecated.data.__type.fields.find((f: { name: string }) => f.name === 'updateRun').args;
    expect(args.find((a: { name: string }) => a.name === 'token')).toEqual({ name: 'token', isDeprecated: true, type: { kind: 'SCALAR' } });
  });

  it('a run is a Node: node(id:) finds it by its id, for callers who may see it', async () => {
    const run = (await as('dev', 'mutation { executeAction(action: "provision_cloud_resource", inputs: { name: "node-1", type: "s3-bucket" }) { id } }')).data.executeAction;
    const res = await as('dev', `{ node(id: "${run.id}") { __typename id ... on ActionRun { action } } }`);
    expect(res.data.node).toEqual({ __typename: 'ActionRun', id: run.id, action: 'provision_cloud_resource' });
    expect((await as('ana', `{ node(id: "${run.id}") { id } }`)).data.node).toBeNull();
  });

  it('runs: edges with cursors, totalCount, oldest or newest first, paged, filtered by blueprint', async () => {
    await as('dev', 'mutation { executeAction(action: "provision_cloud_resource", inputs: { name: "order-1", type: "s3-bucket" }) { id } }');
    const all = (await as('dev', '{ runs(first: 1000) { totalCount nodes { id } edges { cursor node { id } } } }')).data.runs;
    expect(all.totalCount).toBe(all.nodes.length);
    expect(all.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(all.nodes.map((n: { id: string }) => n.id));
    const oldest = (await as('dev', '{ runs(first: 1000, orderBy: CREATED_AT_ASC) { nodes { id } } }')).data.runs.nodes.map((n: { id: string }) => n.id);
    expect(oldest).toEqual(all.nodes.map((n: { id: string }) => n.id).reverse());
    const first = (await as('dev', '{ runs(first: 2, orderBy: CREATED_AT_ASC) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }')).data.runs;
    expect(first.totalCount).toBe(all.totalCount);
    expect(first.pageInfo.hasNextPage).toBe(all.totalCount > 2);
    const next = (await as('dev', `{ runs(first: 2, orderBy: CREATED_AT_ASC, after: "${first.pageInfo.endCursor}") { nodes { id } } }`)).data.runs.nodes.map((n: { id: string }) => n.id);
    expect([...first.edges.map((e: { node: { id: string } }) => e.node.id), ...next]).toEqual(oldest.slice(0, 4));
    const onComponents = (await as('dev', '{ runs(first: 1000, filter: { blueprint: COMPONENT }) { totalCount } }')).data.runs.totalCount;
    const onNothing = (await as('dev', '{ runs(first: 1000, filter: { blueprint: DOMAIN }) { totalCount } }')).data.runs.totalCount;
    expect(onNothing).toBe(0);
    expect(onComponents).toBeLessThan(all.totalCount);
  });
});

describe('approvals: the incident runbook needs both named SREs', () => {
  const start = async () => (await as('dev', 'mutation { incidentRunbook(entity: "CartService", input: { incident: "INC-42", region: EU_WEST_1 }) { id status } }')).data.incidentRunbook;

  it('waits, refuses the requester and non-approvers, proceeds after ALL approve', async () => {
    const calls = received.length;
    const run = await start();
    expect(run.status).toBe('WAITING_FOR_APPROVAL');
    const byDev = await as('dev', `mutation { approveRun(id: "${run.id}") { status } }`);
    expect(byDev.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await as('ana', `mutation { approveRun(id: "${run.id}", reason: "ok") { status } }`)).data.approveRun.status).toBe('WAITING_FOR_APPROVAL');
    expect(received.length).toBe(calls);
    expect((await as('bo', `mutation { approveRun(id: "${run.id}") { status approvals { user decision } } }`)).data.approveRun).toMatchObject({
      status: 'IN_PROGRESS',
      approvals: [
        { user: users.ana, decision: 'APPROVE' },
        { user: users.bo, decision: 'APPROVE' },
      ],
    });
    await until(() => received.length === calls + 1, 'the runbook webhook');
    expect(received.at(-1)?.body).toEqual({ service: 'CartService', incident: 'INC-42', region: 'eu-west-1' });
  });

  it('a decline with a reason ends the run DECLINED; nothing is invoked', async () => {
    const calls = received.length;
    const run = await start();
    const res = await as('ana', `mutation { declineRun(id: "${run.id}", reason: "not during the freeze") { status approvals { decision reason } } }`);
    expect(res.data.declineRun).toEqual({ status: 'DECLINED', approvals: [{ decision: 'DECLINE', reason: 'not during the freeze' }] });
    expect((await as('bo', `mutation { approveRun(id: "${run.id}") { status } }`)).errors?.[0].extensions.code).toBe('ILLEGAL_TRANSITION');
    expect(received.length).toBe(calls);
  });

  it('the action\'s condition applies: a library cannot run the runbook', async () => {
    const res = await as('dev', 'mutation { incidentRunbook(entity: "CoreKafkaLibrary", input: { incident: "INC-1", region: US_EAST_1 }) { id } }');
    expect(res.errors?.[0].extensions.code).toBe('INVALID_ENTITY');
  });

  it('lists the actions with their typed mutation names', async () => {
    const res = await as(null, '{ actions { identifier mutationName operation blueprint } }');
    expect(res.data.actions).toContainEqual({ identifier: 'incident_runbook', mutationName: 'incidentRunbook', operation: 'DAY_2', blueprint: 'COMPONENT' });
    expect(res.data.actions).toHaveLength(readdirSync(path.join(ROOT, 'schema/actions')).length);
  });
});

describe('UPSERT_ENTITY: lock deployments (examples/actions)', () => {
  it('writes a DeploymentLock with a timer property, related to the component', async () => {
    const config = loadConfig({ LATTICE_CONFIG: path.join(ROOT, 'examples/actions/lattice.yaml') }, ROOT);
    const l = await startTestLattice({
      blueprintsDir: config.blueprintsDir,
      catalogDir: config.catalogDir,
      actionsDir: config.actionsDir,
      auth: { anonymous: false, tokens: [{ name: 'dev', sha256: sha256Hex(tokens.dev), user: users.dev, roles: ['Member'] }] },
    });
    try {
      const call = async (query: string) =>
        (await (await fetch(`${l.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.dev}` }, body: JSON.stringify({ query }) })).json()) as any;
      const res = await call('mutation { lockDeployments(entity: "CartService", input: { reason: "release freeze", hours: 48 }) { id status } }');
      expect(res.errors).toBeUndefined();
      let lock: any;
      for (let i = 0; i < 100 && !lock?.data?.deploymentLock; i++) {
        await new Promise((r) => setTimeout(r, 20));
        lock = await call('{ deploymentLock(identifier: "CartService-lock") { title reason lockedBy expiresAt { expiresAt isExpired } component { identifier deploymentLocks { totalCount } } } }');
      }
      const d = lock.data.deploymentLock;
      expect(d).toMatchObject({ title: 'Deployments of CartService locked', reason: 'release freeze', lockedBy: users.dev, component: { identifier: 'CartService', deploymentLocks: { totalCount: 1 } } });
      expect(d.expiresAt.isExpired).toBe(false);
      const hours = (Date.parse(d.expiresAt.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(47);
      expect(hours).toBeLessThanOrEqual(48);
      const run = await call(`{ run(id: "${res.data.lockDeployments.id}") { status summary } }`);
      expect(run.data.run).toMatchObject({ status: 'SUCCESS', summary: 'created DeploymentLock "CartService-lock"' });
    } finally {
      await l.close();
    }
  });
});
