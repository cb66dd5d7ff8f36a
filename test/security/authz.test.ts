/**
 * Authorization everywhere, tried as an attacker would, over real HTTP (POST and GET) and
 * graphql-ws against a real gateway: anonymous callers are read-only (and can be shut out), catalog
 * writes follow each blueprint's Port-shaped permissions (Admin only by default, `ownedByTeam`,
 * `updateProperties`), `update_pod_count` scales nothing but the entity's own deployment whatever
 * inputs are sent, `runs` paging and run ids leak nothing of runs the caller may not see, and every
 * secret an executor echoes is masked in what the run stores.
 */
import { readFileSync, writeFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import type { Config } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { startReceiver, type Receiver } from '../runs/receiver.ts';
import { ADMIN_TOKEN, ADMIN_TOKEN_CONFIG, gql, ROOT, startTestLattice, tempProject } from '../helpers/lattice.ts';

const SIGNING_SECRET = 'authz-test-signing-secret-0123456789';
const PROVISIONER_SECRET_PATH = 'provision-secret-path-9f8e7d';
const tokens = {
  admin: ADMIN_TOKEN,
  norole: 'tok-norole-6f2a1c9e',
  orders: 'tok-orders-member-7c1d',
  editor: 'tok-editor-0b3e5d',
  dev1: 'tok-dev1-a1b2c3d4',
  dev2: 'tok-dev2-e5f6a7b8',
};
const auth: Config['auth'] = {
  anonymous: true,
  tokens: [
    ADMIN_TOKEN_CONFIG,
    { name: 'norole', sha256: sha256Hex(tokens.norole), user: 'nobody@example.com' },
    { name: 'orders', sha256: sha256Hex(tokens.orders), user: 'olga@example.com', teams: ['orders'], roles: ['Member'] },
    { name: 'editor', sha256: sha256Hex(tokens.editor), user: 'edith@example.com', roles: ['Editor'] },
    { name: 'dev1', sha256: sha256Hex(tokens.dev1), user: 'dev1@example.com', roles: ['Member'] },
    { name: 'dev2', sha256: sha256Hex(tokens.dev2), user: 'dev2@example.com', roles: ['Member'] },
  ],
};
type Who = keyof typeof tokens;

let lattice: Lattice;
let receiver: Receiver;
const clients: Client[] = [];
const started: Lattice[] = [];

/** The shipped blueprints with permissions added: System by owning team, Component's `type` for Editors. */
function projectWithPermissions() {
  const project = tempProject();
  const edit = (file: string, permissions: unknown) => {
    const p = path.join(project.blueprintsDir, file);
    writeFileSync(p, JSON.stringify({ ...JSON.parse(readFileSync(p, 'utf8')), permissions }, null, 2));
  };
  edit('System.json', { entities: { register: { ownedByTeam: true }, update: { ownedByTeam: true } } });
  edit('Component.json', { entities: { updateProperties: { type: { roles: ['Editor'] } } } });
  cpSync(path.join(ROOT, 'schema/actions'), path.join(project.dir, 'schema/actions'), { recursive: true });
  return project;
}

beforeAll(async () => {
  receiver = await startReceiver(SIGNING_SECRET);
  const project = projectWithPermissions();
  lattice = await startTestLattice({
    blueprintsDir: project.blueprintsDir,
    catalogDir: project.catalogDir,
    actionsDir: path.join(project.dir, 'schema/actions'),
    auth,
    actionSecrets: { PROVISIONER_URL: `${receiver.url}/${PROVISIONER_SECRET_PATH}`, RUNBOOK_URL: `${receiver.url}/runbook` },
    webhookSigningSecret: SIGNING_SECRET,
  });
  started.push(lattice);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await Promise.all(started.map((l) => l.close()));
  await receiver?.close();
});

const as = (who: Who | null, query: string, variables?: Record<string, unknown>, url = lattice.url) => gql(url, query, variables, who ? { token: tokens[who] } : {});

function wsClient(url: string, connectionParams: Record<string, unknown> = {}, onClose?: (code: number) => void): Client {
  const c = createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (e) => onClose?.((e as { code: number }).code) },
  });
  clients.push(c);
  return c;
}

/** One operation over graphql-ws: its single result (execution errors included). */
function overWs(c: Client, query: string): Promise<{ data?: any; errors?: { message: string; extensions?: Record<string, any> }[] }> {
  return new Promise((resolve, reject) => {
    let result: any;
    c.subscribe({ query }, { next: (v) => (result = v), error: reject, complete: () => resolve(result) });
  });
}

async function until<T>(check: () => T | undefined | false, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const SEND_A_TOKEN = 'send "Authorization: Bearer <token>"';

describe('anonymous callers are read-only', () => {
  it('refuses every kind of mutation over HTTP POST with UNAUTHENTICATED, and nothing is written', async () => {
    const mutations = [
      'upsertEntity(blueprint: COMPONENT, identifier: "EvilAPI", title: "evil") { identifier }',
      'deleteEntity(blueprint: DOMAIN, identifier: "Orders")',
      'executeAction(action: "provision_cloud_resource", inputs: { name: "evil", type: "s3-bucket" }) { id }',
      'cancelRun(id: "run_anything") { id }',
      'approveRun(id: "run_anything") { id }',
    ];
    for (const m of mutations) {
      const res = await as(null, `mutation { ${m} }`);
      expect(res.errors?.[0].extensions?.code, m).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0].message, m).toContain(SEND_A_TOKEN);
      expect(res.errors?.[0].message, m).toContain('anonymous callers may only read');
    }
    const after = await as(null, '{ component(identifier: "EvilAPI") { identifier } domain(identifier: "Orders") { identifier } }');
    expect(after.data).toEqual({ component: null, domain: { identifier: 'Orders' } });
  });

  it('refuses mutations over graphql-ws too (an anonymous socket stays open for queries)', async () => {
    const c = wsClient(lattice.url);
    const write = await overWs(c, 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "EvilWs") { identifier } }');
    expect(write.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(write.errors?.[0].message).toContain(SEND_A_TOKEN);
    const del = await overWs(c, 'mutation { deleteEntity(blueprint: DOMAIN, identifier: "Orders") }');
    expect(del.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const read = await overWs(c, '{ domain(identifier: "Orders") { identifier } component(identifier: "EvilWs") { identifier } }');
    expect(read).toMatchObject({ data: { domain: { identifier: 'Orders' }, component: null } });
    expect(read.errors).toBeUndefined();
  });

  it('GET cannot mutate at all, even with an Admin token (405), and nothing changes', async () => {
    const q = encodeURIComponent('mutation { deleteEntity(blueprint: DOMAIN, identifier: "Orders") }');
    const res = await fetch(`${lattice.url}/graphql?query=${q}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true', authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(405);
    expect((await as(null, '{ domain(identifier: "Orders") { identifier } }')).data).toEqual({ domain: { identifier: 'Orders' } });
  });

  it('with auth.anonymous false: HTTP without a token is 401 UNAUTHENTICATED and a socket without one is closed with 4403', async () => {
    const closed = await startTestLattice({ auth: { ...auth, anonymous: false } });
    started.push(closed);
    const res = await fetch(`${closed.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ domains { totalCount } }' }) });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toContain('Authorization: Bearer <token>');
    let code: number | undefined;
    const c = wsClient(closed.url, {}, (x) => (code = x));
    c.subscribe({ query: '{ domains { totalCount } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    expect(await until(() => code, 'the close')).toBe(4403);
    expect((await as('admin', '{ domains { totalCount } }', undefined, closed.url)).data).toEqual({ domains: { totalCount: 1 } });
  });
});

describe('catalog write permissions (Port blueprint permissions)', () => {
  it('a token with no role may not register, update or unregister: FORBIDDEN naming the blueprint, the operation and what it requires', async () => {
    const res = await as('norole', 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "Sneaky", properties: { type: "service" }) { identifier } }');
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', blueprint: 'Component', operation: 'register', required: { roles: ['Admin'], ownedByTeam: false } });
    expect(res.errors?.[0].message).toBe("nobody@example.com may not register Component entities: the blueprint's permissions (entities.register) require one of the roles Admin");
    expect((await as('admin', 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "Victim", properties: { type: "service" }) { identifier } }')).errors).toBeUndefined();
    const update = await as('norole', 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "Victim", title: "pwned", properties: { type: "service" }) { identifier } }');
    expect(update.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', blueprint: 'Component', operation: 'update' });
    const del = await as('norole', 'mutation { deleteEntity(blueprint: COMPONENT, identifier: "Victim") }');
    expect(del.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', blueprint: 'Component', operation: 'unregister' });
    expect((await as(null, '{ component(identifier: "Victim") { title } c: component(identifier: "Sneaky") { title } }')).data).toEqual({ component: { title: null }, c: null });
  });

  it('the Admin role registers, updates and unregisters', async () => {
    expect((await as('admin', 'mutation { upsertEntity(blueprint: DOMAIN, identifier: "Adm", title: "one") { title } }')).data).toEqual({ upsertEntity: { title: 'one' } });
    expect((await as('admin', 'mutation { upsertEntity(blueprint: DOMAIN, identifier: "Adm", title: "two") { title } }')).data).toEqual({ upsertEntity: { title: 'two' } });
    expect((await as('admin', 'mutation { deleteEntity(blueprint: DOMAIN, identifier: "Adm") }')).data).toEqual({ deleteEntity: true });
  });

  it('ownedByTeam: a team member registers and updates its own team\'s systems only, and cannot take over or delete', async () => {
    const upsert = (id: string, team: string, title = id) => `mutation { upsertEntity(blueprint: SYSTEM, identifier: "${id}", title: "${title}", team: ["${team}"], relations: { domain: "Orders" }) { identifier team } }`;
    expect((await as('orders', upsert('OrdersSys', 'orders'))).data).toEqual({ upsertEntity: { identifier: 'OrdersSys', team: ['orders'] } });
    expect((await as('orders', upsert('OrdersSys', 'orders', 'renamed'))).errors).toBeUndefined();
    const foreign = await as('orders', upsert('PaySysByOrders', 'payments'));
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', blueprint: 'System', operation: 'register', required: { ownedByTeam: true } });
    expect(foreign.errors?.[0].message).toContain('membership of a team that owns the entity');
    expect((await as('admin', upsert('PaySys', 'payments'))).errors).toBeUndefined();
    // Taking another team's system over by writing one's own team into it: the stored team decides.
    const takeover = await as('orders', upsert('PaySys', 'orders'));
    expect(takeover.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', blueprint: 'System', operation: 'update' });
    // unregister is not granted: Admin only.
    const del = await as('orders', 'mutation { deleteEntity(blueprint: SYSTEM, identifier: "OrdersSys") }');
    expect(del.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', operation: 'unregister' });
    // Component has no ownedByTeam: the same member may not register one even for its team.
    const component = await as('orders', 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "OrdersThing", team: ["orders"]) { identifier } }');
    expect(component.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', blueprint: 'Component', operation: 'register' });
    expect((await as(null, '{ system(identifier: "PaySys") { team } }')).data).toEqual({ system: { team: ['payments'] } });
  });

  it('updateProperties: an Editor changes Component.type and nothing else', async () => {
    expect((await as('admin', 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "Editable", title: "E", properties: { type: "service" }) { identifier } }')).errors).toBeUndefined();
    const ok = await as('editor', 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "Editable", title: "E", properties: { type: "library" }) { identifier properties } }');
    expect(ok.errors).toBeUndefined();
    expect(ok.data.upsertEntity.properties).toEqual({ type: 'library' });
    const title = await as('editor', 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "Editable", title: "mine", properties: { type: "library" }) { identifier } }');
    expect(title.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', operation: 'update' });
    const relation = await as('editor', 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "Editable", title: "E", properties: { type: "library" }, relations: { system: "Cart" }) { identifier } }');
    expect(relation.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', operation: 'update' });
    const register = await as('editor', 'mutation { upsertEntity(blueprint: COMPONENT, identifier: "EditorNew", properties: { type: "library" }) { identifier } }');
    expect(register.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', operation: 'register' });
  });
});

describe('update_pod_count reaches only the entity\'s own deployment', () => {
  const runTotal = async () => (await as('admin', '{ runs(first: 1000) { nodes { id } } }')).data.runs.nodes.length;

  it('takes only `replicas`: any other input is refused by the input schema (HTTP and typed mutation), and no run is created', async () => {
    const before = await runTotal();
    const hostile = [
      { replicas: 0, deployment: 'coredns', namespace: 'kube-system' },
      { replicas: 0, cluster: 'staging' },
      { replicas: 0, resource: { namespace: 'kube-system', name: 'coredns' } },
    ];
    for (const inputs of hostile) {
      const res = await as('admin', 'mutation($inputs: JSON!) { executeAction(action: "update_pod_count", entity: "CartService", inputs: $inputs) { id } }', { inputs });
      expect(res.errors?.[0].extensions?.code, JSON.stringify(inputs)).toBe('INVALID_INPUTS');
      expect(res.errors?.[0].message).toMatch(/unknown input "(deployment|cluster|resource)"/);
    }
    const typed = await as('admin', 'mutation { updatePodCount(entity: "CartService", input: { replicas: 0, deployment: "coredns", namespace: "kube-system" }) { id } }');
    expect(typed.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const otherEntity = await as('admin', 'mutation { updatePodCount(entity: "CorePaymentLibrary", input: { replicas: 0 }) { id } }');
    expect(otherEntity.errors?.[0].extensions?.code).toBe('INVALID_ENTITY');
    const member = await as('dev1', 'mutation { updatePodCount(entity: "CartService", input: { replicas: 0 }) { id } }');
    expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await runTotal()).toBe(before);
  });

  it('the shipped action reads cluster, namespace and deployment from the entity (see test/security/podCount.test.ts for the invocation itself)', () => {
    const action = JSON.parse(readFileSync(path.join(ROOT, 'schema/actions/update_pod_count.json'), 'utf8'));
    expect(Object.keys(action.trigger.userInputs.properties)).toEqual(['replicas']);
    expect(action.invocationMethod).toMatchObject({
      cluster: '{{ .entity.properties.kubernetesCluster }}',
      resource: { namespace: '{{ .entity.properties.kubernetesNamespace }}', name: '{{ .entity.properties.kubernetesDeployment }}' },
    });
  });
});

describe('runs: paging and run ids leak nothing the caller may not see', () => {
  const ids: Record<'dev1' | 'dev2', string[]> = { dev1: [], dev2: [] };
  const provision = async (who: 'dev1' | 'dev2', name: string) => {
    const res = await as(who, `mutation { provisionCloudResource(input: { name: "${name}", type: S3_BUCKET }) { id } }`);
    expect(res.errors).toBeUndefined();
    ids[who].push(res.data.provisionCloudResource.id);
  };

  beforeAll(async () => {
    // Interleaved, so each of dev2's pages lies between dev1's runs in the store.
    await provision('dev1', 'runs-a1');
    await provision('dev2', 'runs-b1');
    await provision('dev1', 'runs-a2');
    await provision('dev1', 'runs-a3');
    await provision('dev2', 'runs-b2');
    await provision('dev1', 'runs-a4');
  });

  const cursorOf = (id: string) => Buffer.from(`run:${id}`).toString('base64url');

  it('pages hold only the caller\'s runs; no cursor or field names another user\'s run', async () => {
    const seen: string[] = [];
    const texts: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: Response = await fetch(`${lattice.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.dev2}` },
        body: JSON.stringify({ query: 'query($after: String) { runs(first: 1, after: $after) { nodes { id createdBy } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }', variables: { after } }),
      });
      const text: string = await res.text();
      texts.push(text);
      const runs: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; startCursor: string | null; endCursor: string | null } } = JSON.parse(text).data.runs;
      seen.push(...runs.nodes.map((n) => n.id));
      for (const c of [runs.pageInfo.startCursor, runs.pageInfo.endCursor]) if (c) texts.push(Buffer.from(c, 'base64url').toString());
      if (!runs.pageInfo.hasNextPage) break;
      after = runs.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids.dev2].reverse());
    for (const id of ids.dev1) for (const t of texts) expect(t).not.toContain(id);
  });

  it('an `after` naming a run the caller may not see is refused exactly like a malformed or unknown one', async () => {
    const page = (after: string) => as('dev2', 'query($after: String) { runs(first: 5, after: $after) { nodes { id } } }', { after });
    const invisible = await page(cursorOf(ids.dev1[1]));
    const unknown = await page(cursorOf('run_00000000000000000000000000'));
    const garbage = await page('not-a-cursor');
    expect(invisible.errors?.[0]).toEqual(unknown.errors?.[0]);
    expect(invisible.errors?.[0]).toEqual(garbage.errors?.[0]);
    expect(invisible.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(invisible.data).toBeNull();
  });

  it('run(id) is null, and approve/decline/cancel answer NOT_FOUND, for an invisible run exactly as for one that does not exist (HTTP and ws)', async () => {
    const hidden = ids.dev1[0];
    const missing = 'run_01ZZZZZZZZZZZZZZZZZZZZZZZZ';
    expect((await as('dev2', `{ a: run(id: "${hidden}") { id } b: run(id: "${missing}") { id } }`)).data).toEqual({ a: null, b: null });
    const c = wsClient(lattice.url, { token: tokens.dev2 });
    for (const op of ['approveRun(id: "ID") { id }', 'declineRun(id: "ID", reason: "no") { id }', 'cancelRun(id: "ID") { id }']) {
      const forId = (id: string) => `mutation { m: ${op.replace('ID', id)} }`;
      for (const transport of ['http', 'ws'] as const) {
        const send = (q: string) => (transport === 'http' ? as('dev2', q) : overWs(c, q));
        const a = (await send(forId(hidden))).errors?.[0];
        const b = (await send(forId(missing))).errors?.[0];
        expect(a?.extensions, `${op} over ${transport}`).toEqual(b?.extensions);
        expect(a?.extensions?.code).toBe('NOT_FOUND');
        expect(a?.message.replace(hidden, 'ID')).toBe(b?.message.replace(missing, 'ID'));
      }
    }
    // Executors' mutations take no credentials: a wrong token on a real run and any token on a made-up id answer alike.
    for (const m of ['updateRun(id: "ID", token: "guess", summary: "x") { id }', 'appendRunLog(id: "ID", token: "guess", message: "x") { cursor }']) {
      const a = (await as(null, `mutation { m: ${m.replace('ID', hidden)} }`)).errors?.[0];
      const b = (await as(null, `mutation { m: ${m.replace('ID', missing)} }`)).errors?.[0];
      expect(a?.extensions?.code, m).toBe('FORBIDDEN');
      expect({ ...a?.extensions, runId: 'ID' }).toEqual({ ...b?.extensions, runId: 'ID' });
      expect(a?.message.replace(hidden, 'ID')).toBe(b?.message.replace(missing, 'ID'));
    }
    // The creator still sees and cancels it.
    expect((await as('dev1', `mutation { cancelRun(id: "${hidden}") { status } }`)).data).toEqual({ cancelRun: { status: 'CANCELLED' } });
  });
});

describe('masking what executors report', () => {
  it('an echoed executor token, the signing secret, an API token and a LATTICE_SECRET_* value never reach the run', async () => {
    const before = receiver.received.length;
    const res = await as('dev1', 'mutation { provisionCloudResource(input: { name: "masked", type: S3_BUCKET }) { id } }');
    const runId: string = res.data.provisionCloudResource.id;
    const delivery = await until(() => receiver.received.slice(before).find((r) => r.headers['x-lattice-run-id'] === runId), 'the webhook');
    const runToken = String(delivery.headers['x-lattice-run-token']);
    expect(runToken.length).toBeGreaterThan(20);
    const echo = `token=${runToken} secret ${SIGNING_SECRET}; Authorization: Bearer ${tokens.dev1}. url ${receiver.url}/${PROVISIONER_SECRET_PATH}`;
    const line = await as(null, 'mutation($id: ID!, $token: String!, $m: String!) { appendRunLog(id: $id, token: $token, message: $m) { message } }', { id: runId, token: runToken, m: echo });
    expect(line.errors).toBeUndefined();
    const report = await as(null, 'mutation($id: ID!, $token: String!, $m: String!) { updateRun(id: $id, token: $token, summary: $m, statusLabel: $m, link: $m) { id } }', { id: runId, token: runToken, m: echo });
    expect(report.errors).toBeUndefined();
    const run = await as('dev1', `{ run(id: "${runId}") { summary statusLabel links logs { message } } }`);
    const stored = JSON.stringify(run.data);
    for (const secret of [runToken, SIGNING_SECRET, tokens.dev1, PROVISIONER_SECRET_PATH]) expect(stored).not.toContain(secret);
    expect(line.data.appendRunLog.message).toBe('token=*** secret ***; Authorization: Bearer ***. url ***');
    expect(run.data.run.summary).toBe('token=*** secret ***; Authorization: Bearer ***. url ***');
  });
});
