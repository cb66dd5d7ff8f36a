/**
 * Every shipped action (schema/actions/) completes in the demo (`npm run demo`, one instance for
 * the file), each run through the real CLI as a user runs it: `lattice run <action> … --wait`
 * with the API token the banner prints, and `lattice approve` with the approvers' tokens it prints
 * for the actions that need approval. Each test also checks the action's effect where it lands:
 * the GitHub simulator (a scaffolded repository served back through Lattice, a merged pull
 * request), Cloud Control (a created database, served by Lattice right after the run; a resized
 * one, an updated auto-scaling group),
 * Kubernetes (the replica count), or the executor's report on the run (summary and log lines).
 * Nothing is asserted about durations: every wait is on an event (the CLI's exit, a condition).
 * Last, a gateway with no LATTICE_SECRET_* shows what a missing secret does: the run fails naming
 * the variable to set.
 */
import { CloudControlClient, GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { killChildren, spawnCli, until, type Cli } from '../cli/harness.ts';
import { killDemo, startDemo, type RunningDemo } from '../helpers/demo.ts';
import { ADMIN_TOKEN, gql, ROOT, startTestLattice } from '../helpers/lattice.ts';

// A test spawns up to four CLI processes, each a Node start: generous on a loaded machine (waits are on events, never timed).
vi.setConfig({ testTimeout: 120_000 });

let demo: RunningDemo;
let url: string;
let base: string;
const tokens: Record<string, string> = {};
let cloud: CloudControlClient;
const tested = new Set<string>();

beforeAll(async () => {
  demo = await startDemo();
  url = demo.graphiql;
  base = url.replace(/\/graphql$/, '');
  for (const m of demo.banner.matchAll(/^\s+(\S+)@example\.com\s+(lattice-demo\S*)\s/gm)) tokens[m[1]] = m[2];
  const aws = /^AWS\s+(http:\/\/\S+)/m.exec(demo.banner)?.[1];
  cloud = new CloudControlClient({ endpoint: aws, region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' }, maxAttempts: 1 });
}, 60_000);

afterEach(() => killChildren());

afterAll(async () => {
  cloud?.destroy();
  if (!demo) return;
  demo.child.kill('SIGTERM');
  const exited = await demo.exited;
  killDemo(demo);
  expect(exited.code).toBe(0);
});

/** `lattice run <action> <args> --wait` as `user`; resolves with the CLI's exit code and output. */
async function run(action: string, args: string[], options: { user?: string; approve?: (runId: string) => Promise<void> } = {}) {
  tested.add(action);
  const cli = spawnCli(url, ['run', action, ...args, '--wait', '--heartbeat', '1s'], { LATTICE_TOKEN: tokens[options.user ?? 'demo'] });
  if (options.approve) {
    await until(() => /^run_\w+$/m.test(cli.stdout()) && /approval needed/.test(cli.stderr()), `the ${action} run to wait for approval`, 60_000);
    await options.approve(runIdOf(cli));
  }
  const code = await cli.exit;
  return { code, stdout: cli.stdout(), stderr: cli.stderr(), runId: runIdOf(cli) };
}

function runIdOf(cli: Cli): string {
  return /^(run_\w+)$/m.exec(cli.stdout())?.[1] ?? '';
}

/** `lattice approve <runId>` as `user`; its exit code. */
async function approve(runId: string, user: string): Promise<number | null> {
  return spawnCli(url, ['approve', runId, '--reason', 'checked'], { LATTICE_TOKEN: tokens[user] }).exit;
}

async function cloudResource(typeName: string, identifier: string): Promise<Record<string, any>> {
  const read = await cloud.send(new GetResourceCommand({ TypeName: typeName, Identifier: identifier }));
  return JSON.parse(read.ResourceDescription?.Properties ?? '{}');
}

async function runRecord(runId: string): Promise<{ status: string; summary: string | null; inputs: unknown; logs: { message: string }[] }> {
  const res = await gql(base, `{ run(id: "${runId}") { status summary inputs logs { message } } }`, {}, { token: tokens.demo });
  return res.data.run;
}

describe('the shipped action catalog, through `lattice run --wait` against the demo', () => {
  it('prints the approvers\' tokens in the banner', () => {
    expect(Object.keys(tokens).sort()).toEqual(['demo', 'eng-lead', 'sec-lee', 'sre-ana', 'sre-bo']);
  });

  describe('SDLC', () => {
    it('scaffold_microservice: the workflow creates the repository, which then serves as a Component', async () => {
      const r = await run('scaffold_microservice', ['--input', 'name=billing-api', '--input', 'language=go', '--input', 'system=Cart']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('status: SUCCESS (workflow success)');
      const component = await gql(base, '{ component(identifier: "billing-api") { type system { identifier } url } }');
      expect(component.data.component).toEqual({ type: 'SERVICE', system: { identifier: 'Cart' }, url: 'https://github.com/acme/billing-api' });
    });

    it('deploy_service: a blue-green deploy through the deploy workflow', async () => {
      const r = await run('deploy_service', ['--entity', 'CartService', '--input', 'environment=production', '--input', 'version=1.5.0', '--input', 'strategy=blue-green']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('dispatched deploy.yml on acme/platform-templates@main');
      expect(r.stdout).toContain('status: SUCCESS (workflow success)');
    });

    it('lock_deployments: the deploy controller locks until trigger time + hours', async () => {
      const r = await run('lock_deployments', ['--entity', 'CartService', '--input', 'reason=release freeze', '--input', 'hours=2']);
      expect(r.code).toBe(0);
      const until = /locked until (\S+)$/m.exec(r.stdout)?.[1] ?? '';
      const created = Date.parse((await gql(base, `{ run(id: "${r.runId}") { createdAt } }`, {}, { token: tokens.demo })).data.run.createdAt);
      expect(Math.floor(created / 1000) * 1000 + 2 * 3600_000).toBe(Date.parse(until));
    });

    it('add_secret: stored by the secrets store; the value never appears in the run or the CLI output', async () => {
      const value = 'sk_live_4f3e2d1c0b9a8877';
      const r = await run('add_secret', ['--entity', 'CartService', '--input', 'name=STRIPE_KEY', '--input', `value=${value}`]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('secret STRIPE_KEY stored for CartService');
      const record = await runRecord(r.runId);
      expect(record.inputs).toEqual({ name: 'STRIPE_KEY', value: '***' });
      expect(JSON.stringify(record) + r.stdout + r.stderr).not.toContain(value);
    });

    it('add_environment_variable: through the platform workflow', async () => {
      const r = await run('add_environment_variable', ['--entity', 'CartService', '--input', 'name=FEATURE_X', '--input', 'value=on', '--input', 'environment=staging']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('status: SUCCESS (workflow success)');
    });

    it('force_merge_pull_request: waits for the lead\'s approval (the requester cannot approve), then the pull request is merged', async () => {
      const before = (await gql(base, '{ component(identifier: "CartService") { openPullRequests } }')).data.component.openPullRequests;
      const r = await run('force_merge_pull_request', ['--entity', 'CartService', '--input', 'number=1', '--input', 'reason=hotfix for INC-7, CI is down'], {
        approve: async (runId) => {
          expect(await approve(runId, 'demo')).toBe(1);
          expect(await approve(runId, 'eng-lead')).toBe(0);
        },
      });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('approval needed (ANY) from: user eng-lead@example.com, role Admin');
      expect(r.stdout).toContain('status: SUCCESS (workflow success)');
      const after = (await gql(base, '{ component(identifier: "CartService") { openPullRequests } }')).data.component.openPullRequests;
      expect(after).toBe(before - 1);
    });
  });

  describe('cloud', () => {
    it('provision_cloud_resource: the provisioner creates the database through Cloud Control CreateResource; Lattice serves it right after the run', async () => {
      // The AWS source's snapshot (5 minutes fresh) is read, and cached, before the run: no orders-db in it.
      const before = await gql(base, '{ resource(identifier: "orders-db") { identifier } resources(first: 100) { totalCount } }');
      expect(before.errors).toBeUndefined();
      expect(before.data.resource).toBeNull();
      const r = await run('provision_cloud_resource', ['--input', 'name=orders-db', '--input', 'type=postgress', '--input', 'size=medium', '--input', 'component=CartService']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Cloud Control CREATE AWS::RDS::DBInstance orders-db: SUCCESS');
      const db = await cloudResource('AWS::RDS::DBInstance', 'orders-db');
      expect(db).toMatchObject({ Engine: 'postgres', DBInstanceClass: 'db.t4g.medium', DBInstanceArn: 'arn:aws:rds:eu-west-1:111111111111:db:orders-db' });
      expect(db.Tags).toContainEqual({ Key: 'component', Value: 'CartService' });
      expect(db.Tags).toContainEqual({ Key: 'requested-by', Value: 'demo@example.com' });
      // The run's success dropped the cached data of the sources feeding Resource: served at once.
      const after = await gql(base, '{ resource(identifier: "orders-db") { type arn component { identifier } } resources(first: 100) { totalCount } }');
      expect(after.errors).toBeUndefined();
      expect(after.data.resource).toEqual({ type: 'POSTGRESS', arn: 'arn:aws:rds:eu-west-1:111111111111:db:orders-db', component: { identifier: 'CartService' } });
      expect(after.data.resources.totalCount).toBe(before.data.resources.totalCount + 1);
    });

    it('modify_cloud_resource: resizes the database through Cloud Control UpdateResource', async () => {
      const r = await run('modify_cloud_resource', ['--entity', 'cart-sql-sb', '--input', 'size=large']);
      expect(r.code).toBe(0);
      expect(await cloudResource('AWS::RDS::DBInstance', 'cart-sql-sb')).toMatchObject({ DBInstanceClass: 'db.r6g.large', AllocatedStorage: '500' });
    });

    it('request_temporary_access: granted after the security officer approves, with an end time', async () => {
      const r = await run('request_temporary_access', ['--entity', 'cart-sql-sb', '--input', 'level=read', '--input', 'hours=4', '--input', 'reason=debug INC-7'], {
        approve: async (runId) => void expect(await approve(runId, 'sec-lee')).toBe(0),
      });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('approval needed (ANY) from: user sec-lee@example.com, role Admin');
      const until = /demo@example\.com has read access to cart-sql-sb until (\S+)$/m.exec(r.stdout)?.[1];
      expect(Date.parse(until ?? '')).toBeGreaterThan(Date.now() + 3 * 3600_000);
    });
  });

  describe('SRE', () => {
    it('update_pod_count: scales the deployment in the production cluster', async () => {
      const r = await run('update_pod_count', ['--entity', 'CartService', '--input', 'replicas=4']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Deployment orders/cart-service scaled to 4');
      let seen: unknown;
      const deadline = Date.now() + 60_000;
      while (seen !== 4 && Date.now() < deadline) {
        seen = (await gql(base, '{ workload(identifier: "production/orders/cart-service") { desiredReplicas } }')).data?.workload?.desiredReplicas;
        if (seen !== 4) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(seen).toBe(4);
    });

    it('update_auto_scaling_group: the group changes through Cloud Control UpdateResource', async () => {
      const r = await run('update_auto_scaling_group', ['--entity', 'CartService', '--input', 'minSize=3', '--input', 'maxSize=9', '--input', 'desiredCapacity=5']);
      expect(r.code).toBe(0);
      expect(await cloudResource('AWS::AutoScaling::AutoScalingGroup', 'cart-service-asg')).toMatchObject({ MinSize: '3', MaxSize: '9', DesiredCapacity: '5' });
    });

    it('incident_runbook: both SREs approve (one is not enough), then the runbook\'s steps are logged', async () => {
      const r = await run('incident_runbook', ['--entity', 'CartService', '--input', 'incident=INC-42', '--input', 'region=us-east-1'], {
        approve: async (runId) => {
          expect(await approve(runId, 'sre-ana')).toBe(0);
          expect((await runRecord(runId)).status).toBe('WAITING_FOR_APPROVAL');
          expect(await approve(runId, 'sre-bo')).toBe(0);
        },
      });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('approval needed (ALL) from: user sre-ana@example.com, user sre-bo@example.com');
      expect(r.stdout).toContain('INC-42: promoting the standby in us-east-1');
      expect(r.stdout).toContain('CartService now serves from us-east-1 (INC-42)');
    });
  });

  describe('data, back office, ML', () => {
    it('run_airflow_dag: Airflow runs the DAG and the run follows it to success', async () => {
      const r = await run('run_airflow_dag', ['--input', 'dag=orders_daily_etl', '--input', 'conf={"date":"2026-12-01"}']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`dag orders_daily_etl run lattice-${r.runId}: success`);
    });

    it('change_plan_tier: the billing system\'s answer decides (synchronized); an unknown customer fails', async () => {
      const r = await run('change_plan_tier', ['--input', 'customer=globex', '--input', 'tier=enterprise', '--input', 'reason=signed the enterprise contract']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('webhook PUT attempt 1: 200');
      const unknown = await run('change_plan_tier', ['--input', 'customer=nobody', '--input', 'tier=team', '--input', 'reason=test']);
      expect(unknown.code).toBe(1);
      expect(unknown.stdout).toContain('webhook answered 404');
    });

    it('train_model: through the training workflow', async () => {
      const r = await run('train_model', ['--input', 'model=churn-predictor', '--input', 'dataset=warehouse/customers_2026_11', '--input', 'epochs=5']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('status: SUCCESS (workflow success)');
    });
  });

  describe('development environments (the TTL path: docs/orchestration.md)', () => {
    /** The DevEnvironment the Kubernetes watch serves, once `check` holds for it. */
    async function environment(check: (e: { owner: string; extensions: number; expiresAt: { remainingSeconds: number } } | null) => boolean) {
      for (let deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
        const e = (await gql(base, '{ devEnvironment(identifier: "dev-catalog") { owner extensions expiresAt { remainingSeconds } } }')).data?.devEnvironment ?? null;
        if (check(e)) return e;
      }
      throw new Error('timed out waiting for the DevEnvironment dev-catalog');
    }

    it('provision_dev_environment: a namespace with a workload in the cluster, a DevEnvironment expiring in 5 days', async () => {
      const r = await run('provision_dev_environment', ['--input', 'name=catalog']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('applied Namespace dev-catalog, Deployment dev-catalog/app');
      const e = await environment((x) => x !== null);
      expect(e?.owner).toBe('demo@example.com');
      expect(e?.extensions).toBe(0);
      expect(e?.expiresAt.remainingSeconds).toBeGreaterThan(4 * 86_400);
    });

    it('extend_dev_environment: 3 days more, counted', async () => {
      const r = await run('extend_dev_environment', ['--entity', 'dev-catalog']);
      expect(r.code).toBe(0);
      const e = await environment((x) => x?.extensions === 1);
      expect(e?.expiresAt.remainingSeconds).toBeGreaterThan(7 * 86_400);
    });
  });

  it('has run every action in schema/actions', () => {
    const shipped = readdirSync(path.join(ROOT, 'schema/actions')).map((f) => f.replace(/\.json$/, ''));
    expect([...tested].sort()).toEqual(shipped.sort());
  });
});

describe('a gateway without the secrets an action uses', () => {
  it('fails the run naming LATTICE_SECRET_<NAME> (not "invalid URL null"), and `lattice run --wait` exits 1 saying so', async () => {
    const gateway = await startTestLattice();
    try {
      const cli = spawnCli(`${gateway.url}/graphql`, ['run', 'provision_cloud_resource', '--input', 'name=orders-db', '--input', 'type=postgress', '--wait'], { LATTICE_TOKEN: ADMIN_TOKEN });
      expect(await cli.exit).toBe(1);
      expect(cli.stdout()).toContain('status: FAILURE: action "provision_cloud_resource" uses .secrets.PROVISIONER_URL: set LATTICE_SECRET_PROVISIONER_URL in the gateway\'s environment');
    } finally {
      await gateway.close();
    }
  });
});
