/**
 * What the executor simulator's services do, one function each, over the state they keep and
 * (for cloud changes) the Cloud Control API. An asynchronous service reports through `report`
 * (log lines, a status label or link, then the outcome); a synchronous one answers the request
 * and the answer is the run's result (the action says `synchronized: true`).
 *
 * | service | does |
 * | --- | --- |
 * | `POST /provision` | provision_cloud_resource: CreateResource of the type's CloudFormation resource (postgress → AWS::RDS::DBInstance, s3-bucket → AWS::S3::Bucket, rabbit-queue → AWS::AmazonMQ::Broker; a kafka-topic is not a Cloud Control resource: FAILURE), tagged with the component and the requester, then polls the request |
 * | `POST /modify` | modify_cloud_resource: UpdateResource of a database's class and storage for a size |
 * | `POST /cloud/update` | update_auto_scaling_group (and any action that computes its own change): UpdateResource with the JSON Patch it is given |
 * | `POST /access/grant` | request_temporary_access: records a grant that ends `hours` after it is granted |
 * | `POST /deployments/lock` | lock_deployments: records a lock of the service's deployments until `until` |
 * | `POST /secrets` | add_secret: stores the value (never echoed) under the service |
 * | `POST /runbooks/failover` | incident_runbook: the failover steps, logged one by one |
 * | `POST /airflow/api/v1/dags/{dag}/dagRuns` | run_airflow_dag: Airflow's REST shape; queued → running → success |
 * | `PUT /billing/customers/{id}/plan` | change_plan_tier (synchronized): 200 with the old and new tier, 404 for an unknown customer, 409 when the tier is already the customer's |
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateResourceCommand, GetResourceRequestStatusCommand, UpdateResourceCommand, type CloudControlClient, type ProgressEvent } from '@aws-sdk/client-cloudcontrol';

export interface ServiceState {
  /** Stored secrets: service → name → value. */
  readonly secrets: Record<string, Record<string, string>>;
  readonly grants: { resource: string; user: string; level: string; expiresAt: string; reason: string }[];
  /** Deployment locks: service → until. */
  readonly locks: Record<string, { until: string; reason: string; by: string }>;
  /** Customers' plan tiers. */
  readonly plans: Record<string, string>;
  readonly dagRuns: { dag: string; dagRunId: string; conf: unknown; state: string }[];
}

export interface Reporter {
  log(message: string): Promise<void>;
  progress(statusLabel: string, link?: string): Promise<void>;
  finish(status: 'SUCCESS' | 'FAILURE', summary: string): Promise<void>;
}

interface Call {
  readonly body: Record<string, unknown>;
  readonly params: Readonly<Record<string, string>>;
  readonly state: ServiceState;
}

interface AsyncCall extends Call {
  readonly cloud: CloudControlClient;
  readonly report: Reporter;
}

export interface Route {
  readonly params: Readonly<Record<string, string>>;
  readonly synchronous?: (call: Call) => { status: number; body: unknown };
  readonly asynchronous: (call: AsyncCall) => Promise<void>;
}

type Service = Omit<Route, 'params'>;

const noAsync = async () => undefined;

const DB_SIZES: Readonly<Record<string, { DBInstanceClass: string; AllocatedStorage: string }>> = {
  small: { DBInstanceClass: 'db.t4g.small', AllocatedStorage: '20' },
  medium: { DBInstanceClass: 'db.t4g.medium', AllocatedStorage: '100' },
  large: { DBInstanceClass: 'db.r6g.large', AllocatedStorage: '500' },
};

/** The desired state of a new resource of the provisioner's `type`, or why there is none. */
function desiredState(type: string, name: string, size: string, tags: { Key: string; Value: string }[]): { typeName: string; state: Record<string, unknown> } | string {
  if (type === 'postgress') return { typeName: 'AWS::RDS::DBInstance', state: { DBInstanceIdentifier: name, Engine: 'postgres', EngineVersion: '16.3', ...(DB_SIZES[size] ?? DB_SIZES.small), Tags: tags } };
  if (type === 's3-bucket') return { typeName: 'AWS::S3::Bucket', state: { BucketName: name, Tags: tags } };
  if (type === 'rabbit-queue') return { typeName: 'AWS::AmazonMQ::Broker', state: { BrokerName: name, EngineType: 'RABBITMQ', HostInstanceType: 'mq.m5.large', DeploymentMode: 'SINGLE_INSTANCE', Tags: tags } };
  return `a ${type} is not a Cloud Control resource: this provisioner makes postgress, s3-bucket and rabbit-queue`;
}

/** Waits for a Cloud Control request to end (bounded: 50 polls), logging its status changes. */
async function settle(cloud: CloudControlClient, event: ProgressEvent | undefined, report: Reporter): Promise<ProgressEvent> {
  let current = event;
  for (let poll = 0; poll < 50 && current?.OperationStatus !== 'SUCCESS' && current?.OperationStatus !== 'FAILED'; poll++) {
    if (poll > 0) await sleep(100);
    current = (await cloud.send(new GetResourceRequestStatusCommand({ RequestToken: current?.RequestToken }))).ProgressEvent;
  }
  if (!current) throw new Error('Cloud Control answered no progress event');
  await report.log(`Cloud Control ${current.Operation} ${current.TypeName} ${current.Identifier}: ${current.OperationStatus}${current.StatusMessage ? ` (${current.StatusMessage})` : ''}`);
  if (current.OperationStatus !== 'SUCCESS') throw new Error(`Cloud Control ${current.Operation} of ${current.Identifier} ended ${current.OperationStatus}: ${current.StatusMessage ?? 'no message'}`);
  return current;
}

async function update(call: AsyncCall, typeName: string, identifier: string, patch: unknown[]): Promise<void> {
  const { cloud, report, body } = call;
  await report.log(`UpdateResource ${typeName} ${identifier}: ${JSON.stringify(patch)}`);
  const started = await cloud.send(new UpdateResourceCommand({ TypeName: typeName, Identifier: identifier, PatchDocument: JSON.stringify(patch), ClientToken: String(body.runId ?? '') || undefined }));
  await report.progress(`UpdateResource ${started.ProgressEvent?.OperationStatus ?? ''}`.trim());
  await settle(cloud, started.ProgressEvent, report);
  await report.finish('SUCCESS', `${typeName} ${identifier} updated`);
}

const SERVICES: Readonly<Record<string, Service>> = {
  'POST /provision': {
    async asynchronous(call) {
      const { body, cloud, report } = call;
      const name = String(body.resource);
      const tags = [
        { Key: 'component', Value: String(body.usedBy ?? '') },
        { Key: 'requested-by', Value: String(body.requestedBy ?? '') },
      ].filter((t) => t.Value !== '');
      const desired = desiredState(String(body.type), name, String(body.size ?? 'small'), tags);
      if (typeof desired === 'string') return report.finish('FAILURE', desired);
      await report.log(`CreateResource ${desired.typeName} ${name} (${String(body.size ?? 'small')})`);
      const started = await cloud.send(new CreateResourceCommand({ TypeName: desired.typeName, DesiredState: JSON.stringify(desired.state), ClientToken: String(body.runId ?? '') || undefined }));
      await report.progress(`CreateResource ${started.ProgressEvent?.OperationStatus ?? ''}`.trim(), `https://console.aws.amazon.com/cloudcontrol/requests/${started.ProgressEvent?.RequestToken ?? ''}`);
      const done = await settle(cloud, started.ProgressEvent, report);
      await report.finish('SUCCESS', `${desired.typeName} ${done.Identifier} created`);
    },
  },
  'POST /modify': {
    async asynchronous(call) {
      const { body } = call;
      const size = DB_SIZES[String(body.size)];
      if (body.type !== 'postgress' || !size) return call.report.finish('FAILURE', `only a database (postgress) has a size to change, not a ${String(body.type)}`);
      await update(call, 'AWS::RDS::DBInstance', String(body.resource), [
        { op: 'replace', path: '/DBInstanceClass', value: size.DBInstanceClass },
        { op: 'add', path: '/AllocatedStorage', value: size.AllocatedStorage },
      ]);
    },
  },
  'POST /cloud/update': {
    async asynchronous(call) {
      const { body } = call;
      if (!Array.isArray(body.patch)) return call.report.finish('FAILURE', 'patch must be a JSON Patch array');
      await update(call, String(body.typeName), String(body.identifier), body.patch);
    },
  },
  'POST /access/grant': {
    async asynchronous({ body, state, report }) {
      const hours = Number(body.hours);
      if (!(hours > 0)) return report.finish('FAILURE', `hours must be a positive number, not ${JSON.stringify(body.hours)}`);
      // The grant's clock starts when it is granted (after the approval), not when it was asked for.
      const expiresAt = new Date(Date.now() + hours * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const grant = { resource: String(body.resource), user: String(body.user), level: String(body.level), expiresAt, reason: String(body.reason ?? '') };
      state.grants.push(grant);
      await report.log(`granted ${grant.level} access to ${grant.resource} to ${grant.user}`);
      await report.finish('SUCCESS', `${grant.user} has ${grant.level} access to ${grant.resource} until ${grant.expiresAt}`);
    },
  },
  'POST /deployments/lock': {
    async asynchronous({ body, state, report }) {
      const service = String(body.service);
      state.locks[service] = { until: String(body.until), reason: String(body.reason ?? ''), by: String(body.by ?? '') };
      await report.finish('SUCCESS', `deployments of ${service} locked until ${String(body.until)}`);
    },
  },
  'POST /secrets': {
    async asynchronous({ body, state, report }) {
      const service = String(body.service);
      const name = String(body.name);
      if (typeof body.value !== 'string' || body.value === '') return report.finish('FAILURE', `no value for ${name}`);
      (state.secrets[service] ??= {})[name] = body.value;
      await report.finish('SUCCESS', `secret ${name} stored for ${service}`);
    },
  },
  'POST /runbooks/failover': {
    async asynchronous({ body, report }) {
      for (const step of ['paging the on-call SRE', `draining ${String(body.service)} in its current region`, `promoting the standby in ${String(body.region)}`, 'switching DNS', 'checking health']) {
        await report.log(`${String(body.incident)}: ${step}`);
      }
      await report.finish('SUCCESS', `${String(body.service)} now serves from ${String(body.region)} (${String(body.incident)})`);
    },
  },
  'POST /airflow/api/v1/dags/:dag/dagRuns': {
    async asynchronous({ body, params, state, report }) {
      const dagRun = { dag: params.dag, dagRunId: String(body.dag_run_id), conf: body.conf ?? {}, state: 'queued' };
      state.dagRuns.push(dagRun);
      await report.progress('queued', `http://airflow.example/dags/${params.dag}/grid?dag_run_id=${encodeURIComponent(dagRun.dagRunId)}`);
      for (const next of ['running', 'success']) {
        dagRun.state = next;
        await report.log(`dag ${params.dag} run ${dagRun.dagRunId}: ${next}`);
      }
      await report.finish('SUCCESS', `DAG ${params.dag} ran (${dagRun.dagRunId})`);
    },
  },
  'PUT /billing/customers/:customer/plan': {
    synchronous({ body, params, state }) {
      const before = state.plans[params.customer];
      if (before === undefined) return { status: 404, body: { message: `no customer ${params.customer}` } };
      if (before === body.tier) return { status: 409, body: { message: `${params.customer} is already on ${before}` } };
      state.plans[params.customer] = String(body.tier);
      return { status: 200, body: { customer: params.customer, previousTier: before, tier: body.tier } };
    },
    asynchronous: noAsync,
  },
};

/** The service at `method path` with its path parameters, or undefined. */
export function routeFor(method: string, path: string): Route | undefined {
  for (const [key, service] of Object.entries(SERVICES)) {
    const [m, pattern] = key.split(' ');
    if (m !== method) continue;
    const names: string[] = [];
    const regex = new RegExp(`^${pattern.replace(/:([a-z]+)/g, (_s, n: string) => (names.push(n), '([^/]+)'))}$`);
    const match = regex.exec(path);
    if (match) return { ...service, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])])) };
  }
  return undefined;
}
