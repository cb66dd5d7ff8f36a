/**
 * Gates end to end: two gateway PROCESSES (`src/server/main.ts`) sharing one real Redis (entities,
 * runs, the BullMQ run queue, the audit log), a scorecard evaluated live, and a deploy gated on it.
 *
 * - The scorecard's level is read live on either replica, and moves as soon as the data does.
 * - A deploy to production is refused (GATE_FAILED, before any run exists) with each failed
 *   rule, its description and the action that fixes it; a deploy to staging is not gated (`if`).
 * - After the fix (the fix action run on the other replica, then a property written), the deploy
 *   is allowed and runs.
 * - With the entity below the level again, a waiver (asked on one replica, approved by an SRE on
 *   the other; the asker may not approve it) lets exactly one deploy through, audited as
 *   `gate.waived`; the next deploy is refused again.
 * - `dryRun` checks everything and renders the invocation without a run; `retryRun` re-executes a
 *   FAILURE run as a new run linked to it, and refuses a run that did not fail.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis.ts';

const REDIS_URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const SECRET_KEY = randomBytes(32).toString('hex');
const token = () => `lat_${randomBytes(12).toString('hex')}`;
const DEV = token();
const SRE = token();
const ADMIN = token();

type Gateway = GatewayProcess;

let dir: string;
const children: ChildProcess[] = [];
let A: Gateway;
let B: Gateway;

const json = (file: string, value: unknown) => writeFileSync(path.join(dir, file), JSON.stringify(value, null, 2));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lattice-gates-'));
  for (const d of ['blueprints', 'catalog', 'actions', 'scorecards']) mkdirSync(path.join(dir, d));
  json('blueprints/Service.json', {
    identifier: 'Service',
    title: 'Service',
    schema: {
      properties: {
        readme: { type: 'string', format: 'markdown' },
        replicas: { type: 'number' },
        minReplicas: { type: 'number' },
        deployedTo: { type: 'string' },
        version: { type: 'string', pattern: '^v[0-9]+$' },
      },
    },
  });
  json('scorecards/ProductionReadiness.json', {
    identifier: 'ProductionReadiness',
    title: 'Production Readiness',
    blueprint: 'Service',
    levels: [{ title: 'Basic' }, { title: 'Bronze' }, { title: 'Silver' }],
    rules: [
      { identifier: 'hasReadme', title: 'Has a README', description: 'The service documents itself', level: 'Bronze', query: { combinator: 'and', conditions: [{ property: 'readme', operator: 'isNotEmpty' }] }, actions: ['add_readme'] },
      {
        identifier: 'enoughReplicas',
        title: 'Runs its minimum replicas',
        description: 'replicas >= minReplicas',
        level: 'Silver',
        query: { combinator: 'and', conditions: [{ property: 'replicas', operator: '>=', value: { property: 'minReplicas' } }] },
      },
    ],
  });
  const day2 = (identifier: string, inputs: Record<string, unknown>, properties: Record<string, string>) => ({
    identifier,
    title: identifier,
    trigger: { type: 'self-service', operation: 'DAY-2', blueprintIdentifier: 'Service', userInputs: { properties: inputs } },
    invocationMethod: { type: 'UPSERT_ENTITY', blueprintIdentifier: 'Service', mapping: { identifier: '{{ .entity.identifier }}', properties } },
    permissions: { approve: { roles: ['SRE'] } },
  });
  json('actions/deploy.json', {
    ...day2('deploy', { environment: { type: 'string', enum: ['staging', 'production'] }, version: { type: 'string' } }, { deployedTo: '{{ .inputs.environment }}', version: '{{ .inputs.version }}' }),
    gates: [{ scorecard: 'ProductionReadiness', level: 'Silver', if: '.inputs.environment == "production"' }],
  });
  json('actions/add_readme.json', day2('add_readme', { text: { type: 'string' } }, { readme: '{{ .inputs.text }}' }));
  writeFileSync(
    path.join(dir, 'lattice.yaml'),
    [
      'blueprints: blueprints',
      'catalog: catalog',
      'actions: actions',
      'scorecards: scorecards',
      'watch: false',
      'redis:',
      `  prefix: "${PREFIX}"`,
      'server:',
      '  host: 127.0.0.1',
      'auth:',
      '  anonymous: false',
      '  tokens:',
      `    - { name: dev, sha256: "${sha256Hex(DEV)}", user: "dev@example.com", roles: [Member] }`,
      `    - { name: sre, sha256: "${sha256Hex(SRE)}", user: "sre@example.com", roles: [SRE] }`,
      `    - { name: admin, sha256: "${sha256Hex(ADMIN)}", user: "admin@example.com", roles: [Admin] }`,
      '',
    ].join('\n'),
  );
  [A, B] = await Promise.all([startGateway('A'), startGateway('B')]);
  const created = await gql(A, `mutation { upsertEntity(blueprint: SERVICE, identifier: "cart", properties: { replicas: 1, minReplicas: 2 }) { identifier } }`, ADMIN);
  expect(created.errors).toBeUndefined();
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await deleteKeys(REDIS_URL, PREFIX);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function startGateway(name: string): Promise<Gateway> {
  const g = await startGatewayProcess(name, { REDIS_URL, LATTICE_CONFIG: path.join(dir, 'lattice.yaml'), LATTICE_SECRET_KEY: SECRET_KEY });
  children.push(g.child);
  return g;
}

async function gql(g: Gateway, query: string, who: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${g.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${who}` }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
}

const RUN = 'id status summary retryOf waivedBy dryRun invocation waiver { reason durationSeconds expiresAt }';
const deploy = (g: Gateway, environment: string, who = DEV, extra = '') =>
  gql(g, `mutation($inputs: JSON!) { executeAction(action: "deploy", entity: "cart", inputs: $inputs${extra}) { ${RUN} } }`, who, { inputs: { environment, version: 'v2' } });

/** Waits for a run to end (status read from the store through either replica). */
async function ended(g: Gateway, id: string): Promise<{ status: string; summary: string | null }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await gql(g, `query($id: ID!) { run(id: $id) { status summary } }`, ADMIN, { id });
    const run = r.data?.run as { status: string; summary: string | null } | undefined;
    if (run && ['SUCCESS', 'FAILURE', 'DECLINED', 'CANCELLED'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} did not end: ${JSON.stringify(r)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const level = async (g: Gateway) => (await gql(g, `{ service(identifier: "cart") { scorecards { identifier level rules { identifier passed } } } }`, DEV)).data?.service.scorecards[0];
const deployRuns = async (g: Gateway) => (await gql(g, `{ runs(filter: { action: "deploy" }, first: 100) { nodes { id status waiver { reason } } } }`, ADMIN)).data.runs.nodes as { id: string; status: string; waiver: unknown }[];

describe('a production deploy gated on a scorecard, across two replicas', () => {
  it('is refused with the failed rules, allowed after the fix, and allowed once by a waiver', async () => {
    expect(await level(B)).toEqual({ identifier: 'ProductionReadiness', level: 'Basic', rules: [{ identifier: 'hasReadme', passed: false }, { identifier: 'enoughReplicas', passed: false }] });

    const refused = await deploy(A, 'production');
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0].extensions?.code).toBe('GATE_FAILED');
    expect(refused.errors?.[0].message).toMatch(/Production Readiness is Basic, >= Silver required; failing: "Has a README" \(fix: add_readme\), "Runs its minimum replicas"/);
    expect(refused.errors?.[0].extensions?.failedGates).toEqual([
      {
        scorecard: 'ProductionReadiness',
        title: 'Production Readiness',
        required: '>= Silver',
        level: 'Basic',
        failedRules: [
          { identifier: 'hasReadme', title: 'Has a README', description: 'The service documents itself', level: 'Bronze', actions: ['add_readme'] },
          { identifier: 'enoughReplicas', title: 'Runs its minimum replicas', description: 'replicas >= minReplicas', level: 'Silver', actions: [] },
        ],
      },
    ]);
    // Refused before any run exists; a dry run checks the gates too.
    expect(await deployRuns(B)).toEqual([]);
    expect((await deploy(B, 'production', DEV, ', dryRun: true')).errors?.[0].extensions?.code).toBe('GATE_FAILED');

    // Staging is not gated (the gate's `if`); its dry run renders the invocation and stores nothing.
    const dry = await deploy(B, 'staging', DEV, ', dryRun: true');
    expect(dry.data.executeAction).toMatchObject({ dryRun: true, status: 'IN_PROGRESS', invocation: { type: 'UPSERT_ENTITY', mapping: { identifier: 'cart', properties: { deployedTo: 'staging', version: 'v2' } } } });
    // The typed mutation takes dryRun too.
    const typed = await gql(A, `mutation { deploy(entity: "cart", input: { environment: STAGING, version: "v2" }, dryRun: true) { dryRun invocation } }`, DEV);
    expect(typed.data.deploy).toMatchObject({ dryRun: true, invocation: { mapping: { properties: { deployedTo: 'staging' } } } });
    expect(await deployRuns(A)).toEqual([]);
    const staging = await deploy(B, 'staging');
    expect(staging.errors).toBeUndefined();
    expect((await ended(A, staging.data.executeAction.id)).status).toBe('SUCCESS');

    // The fix: the action the refusal named, run on the other replica; then the replicas.
    const fix = await gql(B, `mutation { executeAction(action: "add_readme", entity: "cart", inputs: { text: "# Cart" }) { id } }`, DEV);
    expect((await ended(B, fix.data.executeAction.id)).status).toBe('SUCCESS');
    expect((await level(A)).level).toBe('Bronze');
    expect((await gql(B, `mutation { upsertEntity(blueprint: SERVICE, identifier: "cart", properties: { replicas: 2 }, merge: true) { identifier } }`, ADMIN)).errors).toBeUndefined();
    expect((await level(A)).level).toBe('Silver');
    const allowed = await deploy(A, 'production');
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.executeAction.waivedBy).toBeNull();
    expect((await ended(B, allowed.data.executeAction.id)).status).toBe('SUCCESS');

    // Below Silver again: refused; a waiver lets one deploy through.
    await gql(A, `mutation { upsertEntity(blueprint: SERVICE, identifier: "cart", properties: { replicas: 0 }, merge: true) { identifier } }`, ADMIN);
    expect((await deploy(B, 'production')).errors?.[0].extensions?.code).toBe('GATE_FAILED');
    const asked = await gql(B, `mutation { requestGateWaiver(action: "deploy", entity: "cart", reason: "hotfix for INC-42", durationSeconds: 3600) { ${RUN} } }`, DEV);
    expect(asked.data.requestGateWaiver).toMatchObject({ status: 'WAITING_FOR_APPROVAL', waiver: { reason: 'hotfix for INC-42', durationSeconds: 3600, expiresAt: null } });
    const waiverId = asked.data.requestGateWaiver.id as string;
    // Not granted yet: still refused.
    expect((await deploy(A, 'production')).errors?.[0].extensions?.code).toBe('GATE_FAILED');
    expect((await gql(A, `mutation { approveRun(id: "${waiverId}") { id } }`, DEV)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const granted = await gql(A, `mutation { approveRun(id: "${waiverId}", reason: "INC-42") { ${RUN} } }`, SRE);
    expect(granted.data.approveRun.status).toBe('IN_PROGRESS');
    expect(Date.parse(granted.data.approveRun.waiver.expiresAt)).toBeGreaterThan(Date.now());

    const waived = await deploy(A, 'production');
    expect(waived.errors).toBeUndefined();
    expect(waived.data.executeAction.waivedBy).toBe(waiverId);
    expect((await ended(B, waived.data.executeAction.id)).status).toBe('SUCCESS');
    expect(await ended(B, waiverId)).toEqual({ status: 'SUCCESS', summary: `used by run ${waived.data.executeAction.id}` });
    // Used once: the next deploy is refused again, on either replica.
    expect((await deploy(B, 'production')).errors?.[0].extensions?.code).toBe('GATE_FAILED');
    const audit = await gql(A, `{ auditLog(filter: { event: "gate.waived" }) { nodes { actor { user } target outcome } } }`, ADMIN);
    expect(audit.data.auditLog.nodes).toEqual([{ actor: { user: 'dev@example.com' }, target: { action: 'deploy', entity: 'cart', runId: waived.data.executeAction.id, waiverId }, outcome: 'OK' }]);
  }, 120_000);

  it('retries a FAILURE run as a new run linked to it, and refuses to retry one that did not fail', async () => {
    // A version the blueprint refuses: the write fails, the run ends FAILURE.
    const bad = await gql(A, `mutation { executeAction(action: "deploy", entity: "cart", inputs: { environment: "staging", version: "latest" }) { id } }`, DEV);
    const first = bad.data.executeAction.id as string;
    expect((await ended(A, first)).status).toBe('FAILURE');
    const retried = await gql(B, `mutation { retryRun(id: "${first}") { ${RUN} } }`, DEV);
    expect(retried.errors).toBeUndefined();
    expect(retried.data.retryRun.retryOf).toBe(first);
    expect(retried.data.retryRun.id).not.toBe(first);
    expect((await ended(B, retried.data.retryRun.id)).status).toBe('FAILURE');
    const ok = await gql(A, `mutation { executeAction(action: "deploy", entity: "cart", inputs: { environment: "staging", version: "v3" }) { id } }`, DEV);
    expect((await ended(A, ok.data.executeAction.id)).status).toBe('SUCCESS');
    const refused = await gql(B, `mutation { retryRun(id: "${ok.data.executeAction.id}") { id } }`, DEV);
    expect(refused.errors?.[0].extensions?.code).toBe('ILLEGAL_TRANSITION');
  }, 60_000);
});
