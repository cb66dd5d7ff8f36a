/**
 * Cloud resources from AWS, end to end: the example configuration (examples/aws/lattice.yaml)
 * pointed at the Cloud Control simulator through the SDK's endpoint override, served by a real
 * Lattice over HTTP. The seed's RDS instance enriches the catalog's `cart-sql-sb` and relates it
 * to CartService by its `component` tag.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { Config } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { gql, ROOT, startTestLattice } from '../helpers/lattice.ts';
import { extraBuckets, seedResources } from '../simulators/cloudcontrol/seed.ts';
import { startCloudControlSimulator, type CloudControlSimulator } from '../simulators/cloudcontrol/server.ts';

const EXAMPLE = path.join(ROOT, 'examples/aws/lattice.yaml');
let sim: CloudControlSimulator;
const started: Lattice[] = [];

beforeAll(async () => {
  sim = await startCloudControlSimulator({ pageSize: 2, resources: [...seedResources(), ...extraBuckets(5)] });
});
afterAll(() => sim?.close());
afterEach(async () => {
  await Promise.all(started.splice(0).map((l) => l.close()));
  sim.reset();
});

function exampleConfig(options: Record<string, unknown> = {}): Partial<Config> {
  const config = loadConfig({ LATTICE_CONFIG: EXAMPLE, AWS_ENDPOINT: sim.url, AWS_ACCESS_KEY_ID: 'AKIDSIMULATOR', AWS_SECRET_ACCESS_KEY: 'simulator-secret' }, ROOT);
  const [aws] = config.sources;
  return { configFile: config.configFile, blueprintsDir: config.blueprintsDir, catalogDir: config.catalogDir, sources: [{ ...aws, options: { ...aws.options, ...options } }] };
}

async function gateway(config: Partial<Config>): Promise<Lattice> {
  const lattice = await startTestLattice(config);
  started.push(lattice);
  return lattice;
}

describe('AWS source (Cloud Control)', () => {
  it('an RDS instance enriches the seed\'s cart-sql-sb and is related to CartService by its tag; every page is read', async () => {
    const lattice = await gateway(exampleConfig());
    const res = await gql(
      lattice.url,
      `{ resource(identifier: "cart-sql-sb") { title type arn engine component { identifier } sources { name } }
         component(identifier: "CartService") { resources { nodes { identifier engine } } resourcesByComponent { nodes { identifier } } }
         resources(first: 100) { totalCount } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.resource).toEqual({
      title: 'Cart SQL database',
      type: 'POSTGRESS',
      arn: 'arn:aws:rds:eu-west-1:111111111111:db:cart-sql-sb',
      engine: 'postgres 16.3',
      component: { identifier: 'CartService' },
      sources: [{ name: 'catalog' }, { name: 'aws' }],
    });
    expect(res.data.component.resources.nodes).toEqual([{ identifier: 'cart-sql-sb', engine: 'postgres 16.3' }]);
    expect(res.data.component.resourcesByComponent.nodes.map((n: { identifier: string }) => n.identifier).sort()).toEqual(['acme-cart-assets', 'cart-events', 'cart-sql-sb']);
    // 3 RDS instances, 7 buckets, 2 queues (one in us-east-1).
    expect(res.data.resources.totalCount).toBe(12);
    expect(sim.stats.lists['eu-west-1 AWS::S3::Bucket']).toBe(4);
  });

  it('Cloud Control throttling is retried by the SDK and the answer is complete', async () => {
    const lattice = await gateway(exampleConfig({ retryMode: 'standard' }));
    sim.throttle(2);
    const res = await gql(lattice.url, '{ resources(first: 100) { totalCount } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.resources.totalCount).toBe(12);
    expect(sim.stats.throttled).toBe(2);
  });

  it('every HTTP attempt is an upstream call: a query\'s extensions.upstreamCalls equals the simulator\'s requests, throttled retries included; /metrics counts them', async () => {
    const lattice = await gateway(exampleConfig({ retryMode: 'standard' }));
    const before = sim.stats.requests;
    sim.throttle(2);
    const res = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ resources(first: 100) { totalCount } }' }) });
    const body = (await res.json()) as { data: { resources: { totalCount: number } }; errors?: unknown; extensions?: { upstreamCalls?: Record<string, number> } };
    expect(body.errors).toBeUndefined();
    expect(body.data.resources.totalCount).toBe(12);
    expect(sim.stats.throttled).toBe(2);
    expect(body.extensions?.upstreamCalls).toEqual({ aws: sim.stats.requests - before });
    const metrics = await (await fetch(`${lattice.url}/metrics`)).text();
    expect(metrics).toContain(`lattice_upstream_calls_total{source="aws"} ${sim.stats.requests}`);
  });
});
