/**
 * `npm run demo`: Lattice with live GitHub, Kubernetes and AWS data, on one machine, with no
 * network, no token and no cloud account.
 *
 * Starts the simulators:
 * - GitHub (test/simulators/github: GitHub's published GraphQL schema over a seeded `acme`
 *   organisation: the four repositories of the catalog's components, plus 20 more);
 * - two Kubernetes API servers (test/simulators/kubernetes), clusters `staging` and `production`,
 *   running the seed's services (cart-service, products-service), behind one kubeconfig written
 *   to a temporary file;
 * - Cloud Control (test/simulators/cloudcontrol: an RDS instance for the seed's `cart-sql-sb`,
 *   the buckets and queues of the components, and cart-service's auto-scaling group);
 * - the executor (test/simulators/executor): the backends of the shipped WEBHOOK actions, which
 *   verify Lattice's signature and report progress back through its API with the run's token;
 *   cloud changes go through Cloud Control;
 * then Lattice with examples/demo/lattice.yaml pointed at them (through the `${VAR}`s the file
 * references), and prints where to go and what to paste. SIGINT (Ctrl-C) or SIGTERM stops all.
 *
 * Every shipped action (schema/actions, docs/actions.md) completes here: the `LATTICE_SECRET_*`
 * its templates use point at the executor unless the environment sets them (it wins); GITHUB
 * actions dispatch workflows the GitHub simulator runs, and it sends the signed `workflow_run`
 * webhooks to Lattice (`GITHUB_WEBHOOK_SECRET`, or one made for the run); the banner prints the
 * API tokens of the demo's users: the one who runs actions and the approvers.
 *
 *   npm run demo                 # GraphiQL on http://127.0.0.1:4000/graphql
 *   PORT=0 npm run demo          # any free port (the banner prints the one chosen)
 *
 * The banner is printed once every server listens; its first line starting with "GraphiQL" holds
 * the URL (test/e2e/demo.test.ts waits for it). Lattice logs at `warn` unless LOG_LEVEL says
 * otherwise, so the banner is not lost among JSON log lines. Reading needs no credentials; the
 * shipped actions (schema/actions; update_pod_count scales in the simulated clusters) need the
 * demo's API token, which the banner prints.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../src/auth/authenticate.ts';
import { loadConfig } from '../src/config/index.ts';
import { LatticeError, LatticeErrors } from '../src/errors/index.ts';
import { startLattice, GRAPHQL_PATH, type Lattice } from '../src/server/app.ts';
import { randomBytes } from 'node:crypto';
import { startCloudControlSimulator, type CloudControlSimulator } from '../test/simulators/cloudcontrol/server.ts';
import { startExecutorSimulator, type ExecutorSimulator } from '../test/simulators/executor/server.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../test/simulators/github/server.ts';
import { kubeconfigFor } from '../test/simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubernetesSimulator } from '../test/simulators/kubernetes/server.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONFIG = path.join(ROOT, 'examples/demo/lattice.yaml');
const EXTRA_REPOSITORIES = 20;
const CLUSTERS = ['staging', 'production'] as const;
/** The API token actions and runs need (anonymous callers may read, not run actions). The demo's own: never use it elsewhere. */
const DEMO_TOKEN = 'lattice-demo';
/** The demo's users and their API tokens: who runs actions, and who approves which (the actions' `permissions.approve`). */
const DEMO_USERS = [
  { name: 'demo', token: DEMO_TOKEN, user: 'demo@example.com', roles: ['Member', 'SRE'], approves: 'runs every action' },
  { name: 'sre-ana', token: 'lattice-demo-sre-ana', user: 'sre-ana@example.com', roles: ['Member', 'SRE'], approves: 'incident_runbook (with sre-bo: both must approve)' },
  { name: 'sre-bo', token: 'lattice-demo-sre-bo', user: 'sre-bo@example.com', roles: ['Member', 'SRE'], approves: 'incident_runbook (with sre-ana)' },
  { name: 'eng-lead', token: 'lattice-demo-eng-lead', user: 'eng-lead@example.com', roles: ['Member'], approves: 'force_merge_pull_request' },
  { name: 'sec-lee', token: 'lattice-demo-sec-lee', user: 'sec-lee@example.com', roles: ['Member'], approves: 'request_temporary_access' },
] as const;
/** The backends the shipped actions' `secrets.*` name, as paths on the executor simulator (LATTICE_SECRET_<NAME> overrides each). */
const EXECUTOR_SECRETS: Readonly<Record<string, string>> = {
  PROVISIONER_URL: '/provision',
  RUNBOOK_URL: '/runbooks/failover',
  CLOUD_API_URL: '',
  ACCESS_URL: '',
  DEPLOY_CONTROL_URL: '',
  SECRETS_STORE_URL: '',
  AIRFLOW_URL: '/airflow',
  BILLING_URL: '/billing',
};

const EXAMPLE_QUERIES = [
  '{ component(identifier: "CartService") { title type system { identifier } url language openPullRequests lastRunConclusion pullRequests { nodes { title author } } source { name fetchedAt stale } } }',
  '{ components(first: 5, filter: { language: { equalTo: "Go" } }) { totalCount nodes { identifier url language openPullRequests lastRunConclusion } } }',
  '{ component(identifier: "CartService") { title url workloadsByComponent { nodes { identifier cluster readyReplicas desiredReplicas images } } resources { nodes { identifier engine arn } } } }',
];
/** `lattice run` arguments the banner shows. */
const RUN_EXAMPLES = [
  'deploy_service --entity CartService --input environment=staging --input version=1.5.0 --input strategy=blue-green',
  'provision_cloud_resource --input name=orders-db --input type=postgress --input component=CartService',
  'incident_runbook --entity CartService --input incident=INC-42 --input region=us-east-1',
];
const SCALE_MUTATION = 'mutation { updatePodCount(entity: "CartService", input: { replicas: 5 }) { id status } }';

let github: GitHubSimulator | undefined;
const clusters: KubernetesSimulator[] = [];
let cloudControl: CloudControlSimulator | undefined;
let executor: ExecutorSimulator | undefined;
let tempDir: string | undefined;
let lattice: Lattice | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code || 1), 15_000).unref(); // never hang on the way out
  await lattice?.close().catch((err: unknown) => console.error('stopping Lattice:', err));
  await executor?.close().catch((err: unknown) => console.error('stopping the executor simulator:', err));
  await Promise.all([
    github?.close().catch((err: unknown) => console.error('stopping the GitHub simulator:', err)),
    ...clusters.map((c) => c.close().catch((err: unknown) => console.error(`stopping the Kubernetes simulator ${c.name}:`, err))),
    cloudControl?.close().catch((err: unknown) => console.error('stopping the Cloud Control simulator:', err)),
  ]);
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  process.exit(code);
}

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

try {
  github = await startGitHubSimulator({ extraRepositories: EXTRA_REPOSITORIES });
  for (const name of CLUSTERS) clusters.push(await startKubernetesSimulator({ name }));
  cloudControl = await startCloudControlSimulator();
  const signingSecret = process.env.LATTICE_WEBHOOK_SIGNING_SECRET || randomBytes(32).toString('hex');
  const githubWebhookSecret = process.env.GITHUB_WEBHOOK_SECRET || randomBytes(32).toString('hex');
  executor = await startExecutorSimulator({ signingSecret, cloudControl: { endpoint: cloudControl.url } });
  const executorUrl = executor.url;
  // The environment's LATTICE_SECRET_* win; the ones the shipped actions use default to the executor.
  const actionSecrets = {
    ...Object.fromEntries(Object.entries(EXECUTOR_SECRETS).map(([name, suffix]) => [`LATTICE_SECRET_${name}`, `${executorUrl}${suffix}`])),
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('LATTICE_SECRET_'))),
  };
  tempDir = mkdtempSync(path.join(tmpdir(), 'lattice-demo-'));
  const kubeconfigFile = path.join(tempDir, 'kubeconfig');
  writeFileSync(kubeconfigFile, kubeconfigFor(clusters.map((sim) => ({ sim, context: sim.name }))).yaml, { mode: 0o600 });

  const loaded = loadConfig(
    {
      LATTICE_CONFIG: CONFIG,
      GITHUB_TOKEN: github.token,
      GITHUB_URL: github.url,
      GITHUB_WEBHOOK_SECRET: githubWebhookSecret,
      LATTICE_WEBHOOK_SIGNING_SECRET: signingSecret,
      ...actionSecrets,
      KUBECONFIG_FILE: kubeconfigFile,
      STAGING_CONTEXT: 'staging',
      PRODUCTION_CONTEXT: 'production',
      AWS_ENDPOINT: cloudControl.url,
      AWS_ACCESS_KEY_ID: 'AKIDSIMULATOR',
      AWS_SECRET_ACCESS_KEY: 'simulator-secret',
      PORT: process.env.PORT ?? '4000',
      HOST: process.env.HOST,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    ROOT,
  );
  const demoTokens = DEMO_USERS.map((u) => ({ name: u.name, sha256: sha256Hex(u.token), user: u.user, roles: [...u.roles] }));
  const config = { ...loaded, auth: { ...loaded.auth, tokens: [...loaded.auth.tokens, ...demoTokens] } };
  lattice = await startLattice(config, { root: ROOT });
  executor.connect(`${lattice.url}${GRAPHQL_PATH}`);
  github.deliverWebhooks({ url: `${lattice.url}/webhooks/github`, secret: githubWebhookSecret });
  const repositories = github.data.organizations[0].repositories.length;
  const curl = `curl -s ${lattice.url}${GRAPHQL_PATH} -H 'content-type: application/json' -d '${JSON.stringify({ query: EXAMPLE_QUERIES[2] })}'`;
  console.log(
    [
      '',
      'Lattice demo: the example catalog, enriched live from simulated GitHub, Kubernetes and AWS',
      '',
      `GraphiQL    ${lattice.url}${GRAPHQL_PATH}`,
      `GitHub      ${github.graphqlUrl}  (simulator: org "acme", ${repositories} repositories, token ${github.token})`,
      ...clusters.map((c) => `Kubernetes  ${c.url}  (simulator: cluster ${c.name}; kubectl --server=${c.url} get deployments -A)`),
      `Kubeconfig  ${kubeconfigFile}  (contexts ${CLUSTERS.join(', ')})`,
      `AWS         ${cloudControl.url}  (Cloud Control simulator: RDS, S3, SQS in eu-west-1 and us-east-1)`,
      `Executor    ${executorUrl}  (the WEBHOOK actions' backends; they report back to Lattice)`,
      `Config      ${path.relative(ROOT, CONFIG)}`,
      '',
      'Paste into GraphiQL:',
      '',
      ...EXAMPLE_QUERIES.map((q) => `  ${q}\n`),
      'or from a shell:',
      '',
      `  ${curl}`,
      '',
      `Actions need the demo's API token (GraphiQL's Headers tab: {"Authorization": "Bearer ${DEMO_TOKEN}"}), e.g. scale cart-service in production:`,
      '',
      `  ${SCALE_MUTATION}`,
      '',
      `Every shipped action runs from a shell (docs/actions.md lists them), e.g.:`,
      '',
      ...RUN_EXAMPLES.map((args) => `  LATTICE_URL=${lattice?.url}${GRAPHQL_PATH} LATTICE_TOKEN=${DEMO_TOKEN} npx lattice run ${args} --wait`),
      '',
      'API tokens of the demo users (LATTICE_TOKEN=<token> npx lattice approve <run id>):',
      '',
      ...DEMO_USERS.map((u) => `  ${u.user.padEnd(22)} ${u.token.padEnd(24)} ${u.approves}`),
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
} catch (err) {
  const errors = err instanceof LatticeErrors ? err.errors : [err];
  for (const e of errors) console.error(e instanceof LatticeError ? `${e.where() ? `${e.where()}: ` : ''}${e.message}` : e);
  await stop(1);
}
