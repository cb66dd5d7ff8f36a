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
import path from 'node:path';
import { LatticeError, LatticeErrors } from '../src/errors/index.ts';
import { GRAPHQL_PATH } from '../src/server/app.ts';
import { DEMO_CLUSTERS, DEMO_CONFIG, DEMO_ROOT, DEMO_TOKEN, DEMO_USERS, startDemoEnvironment, type DemoEnvironment } from './demoEnvironment.ts';

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

let demo: DemoEnvironment | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code || 1), 15_000).unref(); // never hang on the way out
  await demo?.close();
  process.exit(code);
}

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

try {
  demo = await startDemoEnvironment();
  const { lattice, github, clusters, cloudControl, executor, kubeconfigFile } = demo;
  const executorUrl = executor.url;
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
      `Kubeconfig  ${kubeconfigFile}  (contexts ${DEMO_CLUSTERS.join(', ')})`,
      `AWS         ${cloudControl.url}  (Cloud Control simulator: RDS, S3, SQS in eu-west-1 and us-east-1)`,
      `Executor    ${executorUrl}  (the WEBHOOK actions' backends; they report back to Lattice)`,
      `Config      ${path.relative(DEMO_ROOT, DEMO_CONFIG)}`,
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
      ...RUN_EXAMPLES.map((args) => `  LATTICE_URL=${lattice.url}${GRAPHQL_PATH} LATTICE_TOKEN=${DEMO_TOKEN} npx lattice run ${args} --wait`),
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
