/**
 * The circuit breaker of live sources, against a GitHub simulator answering 502: after
 * `circuitBreaker.failures` failed calls in a row, queries make no GitHub call at all and answer
 * UPSTREAM_UNAVAILABLE at once; after the cooldown one call goes through again, and a success
 * closes the circuit.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { Lattice } from '../../src/server/app.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../simulators/github/server.ts';
import { gql, ROOT, startTestLattice, type GraphQLResponse } from '../helpers/lattice.ts';

const EXAMPLE = path.join(ROOT, 'examples/github/lattice.yaml');
const QUERY = '{ component(identifier: "CartService") { identifier url } }';
const COOLDOWN_MS = 300;
let sim: GitHubSimulator;
let lattice: Lattice;

beforeAll(async () => {
  sim = await startGitHubSimulator();
  const config = loadConfig({ LATTICE_CONFIG: EXAMPLE, GITHUB_TOKEN: sim.token, GITHUB_URL: sim.url, GITHUB_WEBHOOK_SECRET: 'x' }, ROOT);
  const [github] = config.sources;
  lattice = await startTestLattice({
    blueprintsDir: config.blueprintsDir,
    catalogDir: config.catalogDir,
    // ttl 0: every query asks GitHub (no cached snapshot hides the upstream).
    sources: [{ ...github, ttlSeconds: 0.001, maxStaleSeconds: 0, options: { ...github.options, maxRetries: 1 } }],
    faults: { ...config.faults, circuitBreaker: { failures: 3, cooldownMs: COOLDOWN_MS } },
  });
});
afterAll(async () => {
  await lattice?.close();
  await sim?.close();
});
afterEach(() => sim.reset());

async function callsFor(step: () => Promise<unknown>): Promise<number> {
  const before = sim.stats.requests;
  await step();
  return sim.stats.requests - before;
}

describe('circuit breaker', () => {
  it('opens after 3 failures in a row: further queries make zero GitHub calls and answer UPSTREAM_UNAVAILABLE; half-open after the cooldown', async () => {
    sim.setFaults({ status502: 1000 });
    // Query 1: one call and one retry, both 502 (2 failures). Query 2: the third failure opens the circuit; its retry is refused.
    expect(await callsFor(() => gql(lattice.url, QUERY))).toBe(2);
    expect(await callsFor(() => gql(lattice.url, QUERY))).toBe(1);
    for (let i = 0; i < 5; i++) {
      let res: GraphQLResponse | undefined;
      expect(await callsFor(async () => (res = await gql(lattice.url, QUERY)))).toBe(0);
      expect(res?.data.component.identifier).toBe('CartService');
      expect(res?.errors?.[0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'github', circuit: 'open' });
    }
    // GitHub is back; after the cooldown one call goes through and closes the circuit.
    sim.setFaults({ status502: 0 });
    await new Promise((r) => setTimeout(r, COOLDOWN_MS + 50));
    let res: GraphQLResponse | undefined;
    expect(await callsFor(async () => (res = await gql(lattice.url, QUERY)))).toBeGreaterThan(0);
    expect(res?.errors).toBeUndefined();
    expect(res?.data.component.url).toBe('https://github.com/acme/CartService');
  });
});
