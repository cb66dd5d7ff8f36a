/**
 * The demo's environment, started in one process: the GitHub, Kubernetes (staging, production)
 * and Cloud Control simulators, and Lattice with examples/demo/lattice.yaml pointed at them through
 * the `${VAR}`s the file references. `npm run demo` (scripts/demo.ts) prints a banner over it;
 * the docs test (test/docs/blocks.test.ts) runs the docs' queries and commands against it.
 *
 * `LATTICE_SECRET_<NAME>` variables of `env` reach the actions' templates (`secrets.NAME`, e.g.
 * the provisioner's URL of provision_cloud_resource), as with `npm start`; `configure` may change
 * the loaded configuration (the docs test adds its own API token).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../src/auth/authenticate.ts';
import { loadConfig } from '../src/config/index.ts';
import type { Config } from '../src/config/types.ts';
import { startLattice, type Lattice } from '../src/server/app.ts';
import { startCloudControlSimulator, type CloudControlSimulator } from '../test/simulators/cloudcontrol/server.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../test/simulators/github/server.ts';
import { kubeconfigFor } from '../test/simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubernetesSimulator } from '../test/simulators/kubernetes/server.ts';

export const DEMO_ROOT = path.resolve(import.meta.dirname, '..');
export const DEMO_CONFIG = path.join(DEMO_ROOT, 'examples/demo/lattice.yaml');
const EXTRA_REPOSITORIES = 20;
export const DEMO_CLUSTERS = ['staging', 'production'] as const;
/** The API token actions and runs need (anonymous callers may read, not run actions). The demo's own: never use it elsewhere. */
export const DEMO_TOKEN = 'lattice-demo';

export interface DemoEnvironment {
  readonly lattice: Lattice;
  readonly github: GitHubSimulator;
  readonly clusters: readonly KubernetesSimulator[];
  readonly cloudControl: CloudControlSimulator;
  readonly kubeconfigFile: string;
  /** Stops Lattice, then the simulators, and removes the temporary kubeconfig; never throws. */
  readonly close: () => Promise<void>;
}

export interface DemoOptions {
  /** PORT, HOST, LOG_LEVEL, GITHUB_WEBHOOK_SECRET and LATTICE_SECRET_* are read from it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly configure?: (config: Config) => Config;
}

export async function startDemoEnvironment(options: DemoOptions = {}): Promise<DemoEnvironment> {
  const env = options.env ?? process.env;
  let github: GitHubSimulator | undefined;
  const clusters: KubernetesSimulator[] = [];
  let cloudControl: CloudControlSimulator | undefined;
  let tempDir: string | undefined;
  let lattice: Lattice | undefined;
  const close = async () => {
    await lattice?.close().catch((err: unknown) => console.error('stopping Lattice:', err));
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
    tempDir = mkdtempSync(path.join(tmpdir(), 'lattice-demo-'));
    const kubeconfigFile = path.join(tempDir, 'kubeconfig');
    writeFileSync(kubeconfigFile, kubeconfigFor(clusters.map((sim) => ({ sim, context: sim.name }))).yaml, { mode: 0o600 });

    const secrets = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('LATTICE_SECRET_')));
    const loaded = loadConfig(
      {
        ...secrets,
        LATTICE_CONFIG: DEMO_CONFIG,
        GITHUB_TOKEN: github.token,
        GITHUB_URL: github.url,
        GITHUB_WEBHOOK_SECRET: env.GITHUB_WEBHOOK_SECRET,
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
    const config = { ...loaded, auth: { ...loaded.auth, tokens: [...loaded.auth.tokens, { name: 'demo', sha256: sha256Hex(DEMO_TOKEN), user: 'demo@example.com', roles: ['Member', 'SRE'] }] } };
    lattice = await startLattice(options.configure ? options.configure(config) : config, { root: DEMO_ROOT });
    return { lattice, github, clusters, cloudControl, kubeconfigFile, close };
  } catch (err) {
    await close();
    throw err;
  }
}
