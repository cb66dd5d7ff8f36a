/**
 * Port's Ocean GitHub integration, replaced by Lattice end to end: its default `port-app-config`
 * (test/fixtures/ocean/github.port-app-config.yml) and the blueprints it feeds (repository, pull
 * request, workflow, workflow run, team, user: test/fixtures/ocean/github), loaded through
 * lattice.yaml's `portAppConfig:` against the GitHub simulator, queried over HTTP with the
 * relations Port's mappings draw. GitHub requests are counted.
 *
 * The blueprints are Port's defaults without their `createdAt` / `updatedAt` properties: those
 * would be GraphQL fields named like the Entity interface's meta fields, which Lattice refuses at
 * load (docs/sources.md, where Lattice differs). The mapping still maps them; they stay in
 * `properties`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { Lattice } from '../../src/server/app.ts';
import { gql, ROOT, startTestLattice } from '../helpers/lattice.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../simulators/github/server.ts';

const FIXTURES = path.join(ROOT, 'test/fixtures/ocean');
let sim: GitHubSimulator;
let lattice: Lattice;

beforeAll(async () => {
  sim = await startGitHubSimulator();
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-ocean-github-'));
  writeFileSync(
    path.join(dir, 'lattice.yaml'),
    [
      `blueprints: ${path.join(FIXTURES, 'github/schema/blueprints')}`,
      `catalog: ${path.join(FIXTURES, 'github/catalog')}`,
      'sources:',
      '  - name: github-ocean',
      '    kind: github',
      `    options: { org: acme, token: ${sim.token}, url: ${sim.url}, manifestPaths: [] }`,
      `    portAppConfig: ${path.join(FIXTURES, 'github.port-app-config.yml')}`,
      '',
    ].join('\n'),
  );
  const config = loadConfig({ LATTICE_CONFIG: path.join(dir, 'lattice.yaml') }, ROOT);
  lattice = await startTestLattice({ blueprintsDir: config.blueprintsDir, catalogDir: config.catalogDir, sources: config.sources });
}, 30_000);
afterAll(async () => {
  await lattice?.close();
  await sim?.close();
});

const QUERY = `{
  githubRepositories { totalCount nodes { identifier url visibility defaultBranch readme
    githubPullRequestsByRepository { nodes { identifier prNumber creator link properties } }
    githubWorkflowsByRepository { nodes { identifier path link githubWorkflowRunsByWorkflow { nodes { identifier runNumber properties } } } } } }
  githubTeams { nodes { title slug members githubUser { nodes { identifier login } } } }
}`;

describe("Port's Ocean GitHub default mapping, served by Lattice", () => {
  it('serves repositories with their pull requests, workflows and runs, and teams with their users, in 3 GitHub requests, then 0', async () => {
    sim.reset();
    const res = await gql(lattice.url, QUERY);
    expect(res.errors).toBeUndefined();
    expect(sim.stats.requests).toBe(3); // repositories, teams, members

    const repos = res.data.githubRepositories;
    expect(repos.totalCount).toBe(4);
    const cart = repos.nodes.find((r: { identifier: string }) => r.identifier === 'CartService');
    expect(cart).toMatchObject({ url: 'https://github.com/acme/CartService', visibility: 'public', defaultBranch: 'main', readme: expect.stringContaining('# ') });
    expect(cart.githubPullRequestsByRepository.nodes.length).toBeGreaterThan(0);
    for (const pr of cart.githubPullRequestsByRepository.nodes) {
      expect(pr.identifier).toBe(`CartService${pr.prNumber}`);
      expect(pr.properties.status).toBe('open');
      expect(pr.properties.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/); // mapped, not a field (see above)
      expect(pr.link).toMatch(/^https:\/\/github\.com\/acme\/CartService\/pull\/\d+$/);
    }
    const [workflow] = cart.githubWorkflowsByRepository.nodes;
    expect(workflow).toMatchObject({ path: '.github/workflows/ci.yml', link: 'https://github.com/acme/CartService/blob/main/.github/workflows/ci.yml' });
    expect(workflow.githubWorkflowRunsByWorkflow.nodes).toEqual([expect.objectContaining({ identifier: expect.stringMatching(/^CartService\d+$/), runNumber: expect.any(Number), properties: expect.objectContaining({ status: 'completed', name: 'CI' }) })]);

    expect(res.data.githubTeams.nodes).toEqual([
      { title: 'Platform', slug: 'platform', members: ['alice', 'bob'], githubUser: { nodes: [{ identifier: 'alice', login: 'alice' }, { identifier: 'bob', login: 'bob' }] } },
      { title: 'Checkout', slug: 'checkout', members: ['carol'], githubUser: { nodes: [{ identifier: 'carol', login: 'carol' }] } },
    ]);

    const again = await gql(lattice.url, QUERY);
    expect(again.data).toEqual(res.data);
    expect(sim.stats.requests).toBe(3); // within the ttl: no GitHub request
  });
});
