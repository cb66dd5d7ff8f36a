/**
 * The demo's environment, started in one process: the GitHub, Kubernetes (staging, production),
 * Cloud Control and executor simulators, and Lattice with examples/demo/lattice.yaml pointed at
 * them through the `${VAR}`s the file references. `npm run demo` (scripts/demo.ts) prints a
 * banner over it; the docs test (test/docs/blocks.test.ts) runs the docs' queries and commands
 * against it.
 *
 * Every shipped action (schema/actions, docs/actions.md) completes here: the `LATTICE_SECRET_*`
 * its templates use point at the executor unless `env` sets them (it wins); GITHUB actions
 * dispatch workflows the GitHub simulator runs, and it sends the signed `workflow_run` webhooks to
 * Lattice (`GITHUB_WEBHOOK_SECRET`, or one made for the run). `configure` may change the loaded
 * configuration (the docs test adds its own API token).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../src/auth/authenticate.ts';
import { loadConfig } from '../src/config/index.ts';
import type { Config } from '../src/config/types.ts';
import { GRAPHQL_PATH, startLattice, type Lattice } from '../src/server/app.ts';
import { startCloudControlSimulator, type CloudControlSimulator } from '../test/simulators/cloudcontrol/server.ts';
import { startExecutorSimulator, type ExecutorSimulator } from '../test/simulators/executor/server.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../test/simulators/github/server.ts';
import { kubeconfigFor } from '../test/simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubernetesSimulator } from '../test/simulators/kubernetes/server.ts';

export const DEMO_ROOT = path.resolve(import.meta.dirname, '..');
export const DEMO_CONFIG = path.join(DEMO_ROOT, 'examples/demo/lattice.yaml');
const EXTRA_REPOSITORIES = 20;
export const DEMO_CLUSTERS = ['staging', 'production'] as const;
/** The API token actions and runs need (anonymous callers may read, not run actions). The demo's own: never use it elsewhere. */
export const DEMO_TOKEN = 'lattice-demo';
/** The demo's users and their API tokens: who runs actions, and who approves which (the actions' `permissions.approve`). */
export const DEMO_USERS = [
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

export interface DemoEnvironment {
  readonly lattice: Lattice;
  readonly github: GitHubSimulator;
  readonly clusters: readonly KubernetesSimulator[];
  readonly cloudControl: CloudControlSimulator;
  readonly executor: ExecutorSimulator;
  readonly kubeconfigFile: string;
  /** Stops Lattice, then the simulators, and removes the temporary kubeconfig; never throws. */
  readonly close: () => Promise<void>;
}

export interface DemoOptions {
  /** PORT, HOST, LOG_LEVEL, GITHUB_WEBHOOK_SECRET, LATTICE_WEBHOOK_SIGNING_SECRET and LATTICE_SECRET_* are read from it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly configure?: (config: Config) => Config;
}

export async function startDemoEnvironment(options: DemoOptions = {}): Promise<DemoEnvironment> {
  const env = options.env ?? process.env;
  let github: GitHubSimulator | undefined;
  const clusters: KubernetesSimulator[] = [];
  let cloudControl: CloudControlSimulator | undefined;
  let executor: ExecutorSimulator | undefined;
  let tempDir: string | undefined;
  let lattice: Lattice | undefined;
  const close = async () => {
    await lattice?.close().catch((err: unknown) => console.error('stopping Lattice:', err));
    await executor?.close().catch((err: unknown) => console.error('stopping the executor simulator:', err));
    await Promise.all([
      github?.close().catch((err: unknown) => console.error('stopping the GitHub simulator:', err)),
      ...clusters.map((c) => c.close().catch((err: unknown) => console.error(`stopping the Kubernetes simulator ${c.name}:`, err))),
      cloudControl?.close().catch((err: unknown) => console.error('stopping the Cloud Control simulator:', err)),
    ]);
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    github = await startGitHubSimulator({ extraRepositories: EXTRA_REPOSITORIES });
    for (const name of DEMO_CLUSTERS) clusters.push(await startKubernetesSimulator({ name }));
    cloudControl = await startCloudControlSimulator();
    const signingSecret = env.LATTICE_WEBHOOK_SIGNING_SECRET || randomBytes(32).toString('hex');
    const githubWebhookSecret = env.GITHUB_WEBHOOK_SECRET || randomBytes(32).toString('hex');
    executor = await startExecutorSimulator({ signingSecret, cloudControl: { endpoint: cloudControl.url } });
    const executorUrl = executor.url;
    // The environment's LATTICE_SECRET_* win; the ones the shipped actions use default to the executor.
    const actionSecrets = {
      ...Object.fromEntries(Object.entries(EXECUTOR_SECRETS).map(([name, suffix]) => [`LATTICE_SECRET_${name}`, `${executorUrl}${suffix}`])),
      ...Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('LATTICE_SECRET_'))),
    };
    tempDir = mkdtempSync(path.join(tmpdir(), 'lattice-demo-'));
    const kubeconfigFile = path.join(tempDir, 'kubeconfig');
    writeFileSync(kubeconfigFile, kubeconfigFor(clusters.map((sim) => ({ sim, context: sim.name }))).yaml, { mode: 0o600 });

    const loaded = loadConfig(
      {
        LATTICE_CONFIG: DEMO_CONFIG,
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
        PORT: env.PORT ?? '4000',
        HOST: env.HOST,
        LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
      },
      DEMO_ROOT,
    );
    const demoTokens = DEMO_USERS.map((u) => ({ name: u.name, sha256: sha256Hex(u.token), user: u.user, roles: [...u.roles] }));
    const config = { ...loaded, auth: { ...loaded.auth, tokens: [...loaded.auth.tokens, ...demoTokens] } };
    lattice = await startLattice(options.configure ? options.configure(config) : config, { root: DEMO_ROOT });
    executor.connect(`${lattice.url}${GRAPHQL_PATH}`);
    github.deliverWebhooks({ url: `${lattice.url}/webhooks/github`, secret: githubWebhookSecret });
    return { lattice, github, clusters, cloudControl, executor, kubeconfigFile, close };
  } catch (err) {
    await close();
    throw err;
  }
}
