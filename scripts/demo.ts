/**
 * `npm run demo`: Lattice with live GitHub data, on one machine, with no network and no token.
 *
 * Starts the GitHub simulator (test/simulators/github: GitHub's published GraphQL schema over a
 * seeded `acme` organisation: the four repositories of the catalog's components, plus 20 more),
 * then Lattice with examples/github/lattice.yaml pointed at it, and prints where to go and what
 * to paste. SIGINT (Ctrl-C) or SIGTERM stops both.
 *
 *   npm run demo                 # GraphiQL on http://127.0.0.1:4000/graphql
 *   PORT=0 npm run demo          # any free port (the banner prints the one chosen)
 *
 * The banner is printed once both servers listen; its first line starting with "GraphiQL" holds
 * the URL (test/e2e/demo.test.ts waits for it). Lattice logs at `warn` unless LOG_LEVEL says
 * otherwise, so the banner is not lost among JSON log lines.
 */
import path from 'node:path';
import { loadConfig } from '../src/config/index.ts';
import { LatticeError, LatticeErrors } from '../src/errors/index.ts';
import { startLattice, GRAPHQL_PATH, type Lattice } from '../src/server/app.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../test/simulators/github/server.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONFIG = path.join(ROOT, 'examples/github/lattice.yaml');
const EXTRA_REPOSITORIES = 20;

const EXAMPLE_QUERIES = [
  '{ component(identifier: "CartService") { title type system { identifier } url language openPullRequests lastRunConclusion pullRequests { nodes { title author } } source { name fetchedAt stale } } }',
  '{ components(first: 5, filter: { language: { equalTo: "Go" } }) { totalCount nodes { identifier url language openPullRequests lastRunConclusion } } }',
];

let sim: GitHubSimulator | undefined;
let lattice: Lattice | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code || 1), 15_000).unref(); // never hang on the way out
  await lattice?.close().catch((err: unknown) => console.error('stopping Lattice:', err));
  await sim?.close().catch((err: unknown) => console.error('stopping the GitHub simulator:', err));
  process.exit(code);
}

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

try {
  sim = await startGitHubSimulator({ extraRepositories: EXTRA_REPOSITORIES });
  const config = loadConfig(
    {
      LATTICE_CONFIG: CONFIG,
      GITHUB_TOKEN: sim.token,
      GITHUB_URL: sim.url,
      PORT: process.env.PORT ?? '4000',
      HOST: process.env.HOST,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      GITHUB_WEBHOOK_SECRET: process.env.GITHUB_WEBHOOK_SECRET,
    },
    ROOT,
  );
  lattice = await startLattice(config, { root: ROOT });
  const repositories = sim.data.organizations[0].repositories.length;
  const curl = `curl -s ${lattice.url}${GRAPHQL_PATH} -H 'content-type: application/json' -d '${JSON.stringify({ query: EXAMPLE_QUERIES[0] })}'`;
  console.log(
    [
      '',
      `Lattice demo: the example catalog, enriched live from a simulated GitHub (org "acme", ${repositories} repositories)`,
      '',
      `GraphiQL  ${lattice.url}${GRAPHQL_PATH}`,
      `GitHub    ${sim.graphqlUrl}  (simulator, token ${sim.token})`,
      `Config    ${path.relative(ROOT, CONFIG)}`,
      '',
      'Paste into GraphiQL:',
      '',
      ...EXAMPLE_QUERIES.map((q) => `  ${q}\n`),
      'or from a shell:',
      '',
      `  ${curl}`,
      '',
      'Ctrl-C stops both.',
      '',
    ].join('\n'),
  );
} catch (err) {
  const errors = err instanceof LatticeErrors ? err.errors : [err];
  for (const e of errors) console.error(e instanceof LatticeError ? `${e.where() ? `${e.where()}: ` : ''}${e.message}` : e);
  await stop(1);
}
