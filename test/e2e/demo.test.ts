/**
 * `npm run demo` (scripts/demo.ts), as a user runs it: a child process with PORT=0 that starts
 * the GitHub, Kubernetes (staging, production) and Cloud Control simulators and Lattice with
 * examples/demo/lattice.yaml, prints a banner with the GraphiQL URL, answers the example queries
 * with GitHub's, Kubernetes' and AWS's fields merged into the catalog's, runs the shipped
 * update_pod_count action against the simulated cluster, and exits cleanly on SIGTERM.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { killDemo, startDemo, type RunningDemo } from '../helpers/demo.ts';
import { gql } from '../helpers/lattice.ts';
const EXAMPLE_QUERY =
  '{ component(identifier: "CartService") { title type system { identifier } url language openPullRequests lastRunConclusion pullRequests { nodes { title author } } source { name fetchedAt stale } } }';

const LIVE_QUERY =
  '{ component(identifier: "CartService") { title url workloadsByComponent { nodes { identifier cluster readyReplicas desiredReplicas images } } resources { nodes { identifier engine arn } } } }';
const SCALE_MUTATION = 'mutation { updatePodCount(entity: "CartService", input: { replicas: 5 }) { id status } }';

let demo: RunningDemo | undefined;

afterEach(() => {
  killDemo(demo);
  demo = undefined;
});

async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm run demo', () => {
  it('prints the GraphiQL and simulator URLs, serves the example queries with GitHub, Kubernetes and AWS fields, runs update_pod_count, and stops on SIGTERM', async () => {
    demo = await startDemo();
    expect(demo.graphiql).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(demo.graphiql).not.toMatch(/:0\//);
    expect(demo.banner).toMatch(/^GitHub\s+http:\/\/127\.0\.0\.1:\d+\/graphql/m);
    expect(demo.banner).toContain(EXAMPLE_QUERY);

    const base = demo.graphiql.replace(/\/graphql$/, '');
    const res = await gql(base, EXAMPLE_QUERY);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const c = res.data.component;
    // From the catalog:
    expect(c).toMatchObject({ title: 'Cart Service', type: 'SERVICE', system: { identifier: 'Cart' } });
    // From the (simulated) GitHub:
    expect(c).toMatchObject({ url: 'https://github.com/acme/CartService', language: 'TypeScript', openPullRequests: 2, lastRunConclusion: 'SUCCESS' });
    expect(c.pullRequests.nodes).toHaveLength(2);
    expect(c.pullRequests.nodes.every((pr: { title: string; author: string }) => pr.title.length > 0 && pr.author.length > 0)).toBe(true);
    expect(c.source).toMatchObject({ name: 'github', stale: false });
    expect(Number.isNaN(Date.parse(c.source.fetchedAt))).toBe(false);

    // From the (simulated) Kubernetes clusters and Cloud Control:
    expect(demo.banner).toContain(LIVE_QUERY);
    expect(demo.banner).toMatch(/^Kubernetes\s+http:\/\/127\.0\.0\.1:\d+\s+\(simulator: cluster staging;/m);
    expect(demo.banner).toMatch(/^Kubernetes\s+http:\/\/127\.0\.0\.1:\d+\s+\(simulator: cluster production;/m);
    expect(demo.banner).toMatch(/^AWS\s+http:\/\/127\.0\.0\.1:\d+/m);
    const live = await gql(base, LIVE_QUERY);
    expect(live.errors).toBeUndefined();
    expect(live.data.component).toEqual({
      title: 'Cart Service',
      url: 'https://github.com/acme/CartService',
      workloadsByComponent: {
        nodes: [
          { identifier: 'production/orders/cart-service', cluster: 'production', readyReplicas: 3, desiredReplicas: 3, images: ['ghcr.io/acme/cart-service:1.4.2'] },
          { identifier: 'staging/orders/cart-service', cluster: 'staging', readyReplicas: 1, desiredReplicas: 1, images: ['ghcr.io/acme/cart-service:1.5.0-rc.1'] },
        ],
      },
      resources: { nodes: [{ identifier: 'cart-sql-sb', engine: 'postgres 16.3', arn: 'arn:aws:rds:eu-west-1:111111111111:db:cart-sql-sb' }] },
    });
    const sources = await gql(base, '{ lattice { sources { name synced clusters { name synced error } } } }');
    expect(sources.errors).toBeUndefined();
    expect(sources.data.lattice.sources).toEqual([
      { name: 'github', synced: true, clusters: [] },
      { name: 'kubernetes', synced: true, clusters: [{ name: 'staging', synced: true, error: null }, { name: 'production', synced: true, error: null }] },
      { name: 'aws', synced: true, clusters: [] },
    ]);

    // The demo's ProductionReadiness scorecard, graded live: production replicas from the Kubernetes watch.
    const graded = await gql(base, '{ component(identifier: "CartService") { productionReadyReplicas scorecards { identifier rules { identifier passed } } } }');
    expect(graded.errors).toBeUndefined();
    expect(graded.data.component.productionReadyReplicas).toBe(3);
    expect(graded.data.component.scorecards[0].identifier).toBe('ProductionReadiness');
    expect(graded.data.component.scorecards[0].rules).toContainEqual({ identifier: 'twoReplicasInProduction', passed: true });
    expect(graded.data.component.scorecards[0].rules).toContainEqual({ identifier: 'hasRepository', passed: true });

    // The shipped update_pod_count action scales in the simulated cluster, with the demo's token.
    const tokenMatch = /"Authorization": "Bearer ([^"]+)"/.exec(demo.banner);
    expect(tokenMatch).not.toBeNull();
    const token = tokenMatch?.[1] ?? '';
    expect(demo.banner).toContain(SCALE_MUTATION);
    const anonymous = await gql(base, SCALE_MUTATION);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const asDemo = (query: string) =>
      fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) }).then(
        (r) => r.json() as Promise<{ data: Record<string, { id: string; status: string; summary: string }>; errors?: unknown }>,
      );
    const started = await asDemo(SCALE_MUTATION);
    expect(started.errors).toBeUndefined();
    const runId = started.data.updatePodCount.id;
    const run = await until(async () => {
      const r = (await asDemo(`{ run(id: "${runId}") { status summary } }`)).data.run;
      return r.status === 'SUCCESS' || r.status === 'FAILURE' ? r : undefined;
    }, 'the run to finish');
    expect(run).toEqual({ status: 'SUCCESS', summary: 'Deployment orders/cart-service scaled to 5' });
    await until(async () => {
      const r = await gql(base, '{ workload(identifier: "production/orders/cart-service") { desiredReplicas readyReplicas } }');
      return r.data?.workload?.desiredReplicas === 5 && r.data.workload.readyReplicas === 5;
    }, 'the watch to serve 5 replicas');

    demo.child.kill('SIGTERM');
    const { code, signal } = await demo.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
