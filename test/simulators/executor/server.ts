/**
 * startExecutorSimulator: the backends behind the shipped WEBHOOK actions, on one real HTTP server,
 * acting as a real executor does: it verifies Port's signature (`X-Port-Signature` over
 * `${X-Port-Timestamp}.${body}`) with the gateway's signing secret, answers at once (202, or the
 * result for a synchronized action), then does the work and reports progress back through
 * Lattice's GraphQL API with the run's token (`X-Lattice-Run-Token`): `appendRunLog` for each
 * step, `updateRun` with a status label or link, and `updateRun(status: SUCCESS | FAILURE,
 * summary)` at the end. Cloud changes go through the AWS Cloud Control API (the real SDK,
 * pointed at the Cloud Control simulator): CreateResource / UpdateResource, then
 * GetResourceRequestStatus until the request is done.
 *
 * The services (services.ts says what each does): `/provision`, `/modify`, `/cloud/update`,
 * `/access/grant`, `/deployments/lock`, `/secrets`, `/runbooks/failover`,
 * `/airflow/api/v1/dags/{dag}/dagRuns` (Airflow's REST shape), `/billing/customers/{id}/plan`
 * (PUT, synchronized: the answer is the result).
 *
 * `connect(graphqlUrl)` names the gateway to report to (known only once it listens). `jobs` lists
 * every accepted call and how it ended; `idle()` waits for every job's reports.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import { routeFor, type Reporter, type ServiceState } from './services.ts';

export interface ExecutorSimulatorOptions {
  /** The secret Lattice signs webhooks with (LATTICE_WEBHOOK_SIGNING_SECRET). */
  readonly signingSecret: string;
  /** The Cloud Control endpoint (the simulator's URL) and region cloud changes go to. */
  readonly cloudControl: { readonly endpoint: string; readonly region?: string };
  /** Lattice's GraphQL endpoint, if known now (else `connect` it later). */
  readonly latticeUrl?: string;
}

export interface ExecutorJob {
  readonly path: string;
  readonly runId: string;
  readonly body: unknown;
  /** SUCCESS or FAILURE once reported; undefined while running. */
  outcome?: 'SUCCESS' | 'FAILURE';
  summary?: string;
  /** A report Lattice refused (GraphQL errors), if any. */
  reportError?: string;
}

export interface ExecutorSimulator {
  readonly url: string;
  readonly jobs: readonly ExecutorJob[];
  /** What the services hold (stored secrets by service, access grants, locks, customers' plans, DAG runs). */
  readonly state: ServiceState;
  /** Requests refused for a bad or missing signature. */
  readonly refused: number;
  connect(graphqlUrl: string): void;
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startExecutorSimulator(options: ExecutorSimulatorOptions): Promise<ExecutorSimulator> {
  let latticeUrl = options.latticeUrl;
  const jobs: ExecutorJob[] = [];
  const running = new Set<Promise<void>>();
  const state: ServiceState = { secrets: {}, grants: [], locks: {}, plans: { 'acme-corp': 'team', globex: 'business', initech: 'free' }, dagRuns: [] };
  const cloud = new CloudControlClient({ endpoint: options.cloudControl.endpoint, region: options.cloudControl.region ?? 'eu-west-1', credentials: { accessKeyId: 'AKIDEXECUTOR', secretAccessKey: 'executor-simulator' }, maxAttempts: 3 });
  let refused = 0;

  const graphql = async (query: string, variables: Record<string, unknown>): Promise<void> => {
    if (!latticeUrl) throw new Error('the executor simulator is not connected to a gateway');
    const res = await fetch(latticeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(10_000) });
    const answer = (await res.json()) as { errors?: { message: string }[] };
    if (answer.errors?.length) throw new Error(answer.errors.map((e) => e.message).join('; '));
  };

  const reporterFor = (job: ExecutorJob, token: string): Reporter => ({
    log: (message) => graphql('mutation($id: ID!, $token: String!, $message: String!) { appendRunLog(id: $id, token: $token, message: $message) { cursor } }', { id: job.runId, token, message }),
    progress: (statusLabel, link) => graphql('mutation($id: ID!, $token: String!, $label: String, $link: String) { updateRun(id: $id, token: $token, statusLabel: $label, link: $link) { status } }', { id: job.runId, token, label: statusLabel, link: link ?? null }),
    async finish(status, summary) {
      job.outcome = status;
      job.summary = summary;
      const label = status === 'SUCCESS' ? 'done' : 'failed';
      await graphql('mutation($id: ID!, $token: String!, $status: RunStatus, $label: String, $summary: String) { updateRun(id: $id, token: $token, status: $status, statusLabel: $label, summary: $summary) { status } }', { id: job.runId, token, status, label, summary });
    },
  });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (!signedByLattice(options.signingSecret, req.headers, raw)) {
        refused++;
        return reply(401, { message: 'X-Port-Signature does not match' });
      }
      const path = (req.url ?? '/').split('?')[0];
      const route = routeFor(req.method ?? 'POST', path);
      if (!route) return reply(404, { message: `no service at ${req.method} ${path}` });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw || '{}');
      } catch {
        return reply(400, { message: 'the body is not JSON' });
      }
      const runId = String(req.headers['x-lattice-run-id'] ?? '');
      const token = String(req.headers['x-lattice-run-token'] ?? '');
      const job: ExecutorJob = { path, runId, body };
      jobs.push(job);
      if (route.synchronous) {
        const answer = route.synchronous({ body, params: route.params, state });
        job.outcome = answer.status < 300 ? 'SUCCESS' : 'FAILURE';
        return reply(answer.status, answer.body);
      }
      reply(202, { accepted: true, runId });
      const work = route
        .asynchronous({ body, params: route.params, state, cloud, report: reporterFor(job, token) })
        .catch(async (err: unknown) => {
          // A step failed: say so, as an executor would, unless the report itself is what failed.
          try {
            await reporterFor(job, token).finish('FAILURE', (err as Error).message);
          } catch (reportErr) {
            job.reportError = (reportErr as Error).message;
          }
        })
        .finally(() => running.delete(work));
      running.add(work);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idle = async () => {
    while (running.size > 0) await Promise.all([...running]);
  };
  return {
    url,
    jobs,
    state,
    get refused() {
      return refused;
    },
    connect(graphqlUrl) {
      latticeUrl = graphqlUrl;
    },
    idle,
    async close() {
      await idle();
      cloud.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Port's signature check, as a receiver written for Port does it. */
function signedByLattice(secret: string, headers: http.IncomingHttpHeaders, body: string): boolean {
  const timestamp = headers['x-port-timestamp'];
  const signature = headers['x-port-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !signature.startsWith('v1,')) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  const given = Buffer.from(signature.slice(3), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
