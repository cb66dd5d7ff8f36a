/**
 * Cloud resources from Terraform state, end to end: the shipped example configuration
 * (examples/terraform/lattice.yaml, its terraform.tfstate) served by a real Lattice over HTTP,
 * and the same state behind an HTTP backend; a new serial is picked up.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { Config } from '../../src/config/types.ts';
import type { Lattice } from '../../src/server/app.ts';
import { gql, ROOT, startTestLattice } from '../helpers/lattice.ts';

const EXAMPLE = path.join(ROOT, 'examples/terraform/lattice.yaml');
const STATE = path.join(ROOT, 'examples/terraform/terraform.tfstate');
const started: Lattice[] = [];
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((l) => l.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function exampleConfig(env: Record<string, string> = {}, ttlSeconds?: number): Partial<Config> {
  const config = loadConfig({ LATTICE_CONFIG: EXAMPLE, ...env }, ROOT);
  const [terraform] = config.sources;
  return { configFile: config.configFile, blueprintsDir: config.blueprintsDir, catalogDir: config.catalogDir, sources: [{ ...terraform, ...(ttlSeconds === undefined ? {} : { ttlSeconds }) }] };
}

/** With a ttl of 0 the cache answers from memory within the same millisecond: let one pass. */
async function nextMillisecond(): Promise<void> {
  const t = Date.now();
  while (Date.now() === t) await new Promise((r) => setImmediate(r));
}

async function gateway(config: Partial<Config>): Promise<Lattice> {
  const lattice = await startTestLattice(config);
  started.push(lattice);
  return lattice;
}

const QUERY = `{
  components { nodes { identifier resourcesByComponent { nodes { identifier } } } }
  resources { nodes { identifier title type arn engine address component { identifier } sources { name } } }
  component(identifier: "CartService") { resources { nodes { identifier arn } } }
}`;

describe('Terraform source', () => {
  it('The example Terraform state becomes entities related to the right components', async () => {
    const lattice = await gateway(exampleConfig());
    const res = await gql(lattice.url, QUERY);
    expect(res.errors).toBeUndefined();
    const resources = Object.fromEntries(res.data.resources.nodes.map((r: { identifier: string }) => [r.identifier, r]));
    // The RDS instance enriches the seed's Resource `cart-sql-sb` (merged by identifier).
    expect(resources['cart-sql-sb']).toEqual({
      identifier: 'cart-sql-sb',
      title: 'Cart SQL database',
      type: 'POSTGRESS',
      arn: 'arn:aws:rds:eu-west-1:111111111111:db:cart-sql-sb',
      engine: 'postgres 16.3',
      address: 'module.cart.aws_db_instance.cart',
      component: { identifier: 'CartService' },
      sources: [{ name: 'catalog' }, { name: 'terraform' }],
    });
    expect(resources['acme-cart-assets']).toMatchObject({ type: 'S3_BUCKET', address: 'aws_s3_bucket.assets["cart"]', component: { identifier: 'CartService' }, sources: [{ name: 'terraform' }] });
    expect(resources['acme-products-assets']).toMatchObject({ component: { identifier: 'ProductsService' } });
    // Data sources are not resources: only the mapped types become entities.
    expect(Object.keys(resources).sort()).toEqual(['acme-cart-assets', 'acme-products-assets', 'cart-sql-sb']);
    const byComponent = Object.fromEntries(res.data.components.nodes.map((c: { identifier: string; resourcesByComponent: { nodes: { identifier: string }[] } }) => [c.identifier, c.resourcesByComponent.nodes.map((n) => n.identifier).sort()]));
    expect(byComponent).toMatchObject({ CartService: ['acme-cart-assets', 'cart-sql-sb'], ProductsService: ['acme-products-assets'], CoreKafkaLibrary: [] });
    expect(res.data.component.resources.nodes).toEqual([{ identifier: 'cart-sql-sb', arn: 'arn:aws:rds:eu-west-1:111111111111:db:cart-sql-sb' }]);
  });

  it('reads the state from an HTTP backend, honouring its ETag, and picks up a new serial', async () => {
    let state = JSON.parse(readFileSync(STATE, 'utf8'));
    const requests: { ifNoneMatch?: string; status: number }[] = [];
    const server = http.createServer((req, res) => {
      const etag = `"${state.lineage}-${state.serial}"`;
      const status = req.headers['if-none-match'] === etag ? 304 : 200;
      requests.push({ ifNoneMatch: req.headers['if-none-match'], status });
      res.writeHead(status, { etag, 'content-type': 'application/json' }).end(status === 200 ? JSON.stringify(state) : undefined);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/state/app`;
    const config = exampleConfig();
    const [source] = config.sources ?? [];
    const lattice = await gateway({ ...config, sources: [{ ...source, ttlSeconds: 0, maxStaleSeconds: 0, options: { states: [{ url }] } }] });
    const title = async () => (await nextMillisecond(), await gql(lattice.url, '{ resource(identifier: "acme-cart-assets") { title component { identifier } } }')).data.resource;
    expect(await title()).toEqual({ title: 'acme-cart-assets', component: { identifier: 'CartService' } });
    expect(await title()).toEqual({ title: 'acme-cart-assets', component: { identifier: 'CartService' } });
    expect(requests[0]).toEqual({ ifNoneMatch: undefined, status: 200 });
    expect(requests.slice(1).every((r) => r.status === 304 && r.ifNoneMatch === `"${state.lineage}-12"`)).toBe(true);
    // A new serial: the bucket now belongs to ProductsService.
    state = structuredClone(state);
    state.serial = 13;
    state.resources[1].instances[1].attributes.tags.component = 'ProductsService';
    expect(await title()).toEqual({ title: 'acme-cart-assets', component: { identifier: 'ProductsService' } });
    expect(requests.at(-1)).toEqual({ ifNoneMatch: `"${state.lineage}-12"`, status: 200 });
  });

  it('every HTTP backend request is an upstream call of the source (in the query\'s extensions.upstreamCalls and /metrics); a local file read is none', async () => {
    const state = readFileSync(STATE, 'utf8');
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(state);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/state/app`;
    const config = exampleConfig();
    const [source] = config.sources ?? [];
    const query = async (lattice: Lattice) => {
      const res = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ resource(identifier: "acme-cart-assets") { title } }' }) });
      return (await res.json()) as { data: { resource: { title: string } }; errors?: unknown; extensions?: { upstreamCalls?: Record<string, number> } };
    };
    const remote = await gateway({ ...config, sources: [{ ...source, options: { states: [{ url }] } }] });
    const before = requests;
    const read = await query(remote);
    expect(read.errors).toBeUndefined();
    expect(read.data.resource.title).toBe('acme-cart-assets');
    expect(requests - before).toBe(1);
    expect(read.extensions?.upstreamCalls).toEqual({ terraform: 1 });
    expect(await (await fetch(`${remote.url}/metrics`)).text()).toContain(`lattice_upstream_calls_total{source="terraform"} ${requests}`);
    const local = await gateway(config);
    const fromFile = await query(local);
    expect(fromFile.data.resource.title).toBe('acme-cart-assets');
    expect(fromFile.extensions?.upstreamCalls?.terraform).toBeUndefined();
  });

  it('a local state file is re-read when it changes, and a state of another format version is an error naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lattice-tf-'));
    const file = path.join(dir, 'terraform.tfstate');
    copyFileSync(STATE, file);
    const config = exampleConfig({ TERRAFORM_STATE: file });
    const [source] = config.sources ?? [];
    const lattice = await gateway({ ...config, sources: [{ ...source, ttlSeconds: 0, maxStaleSeconds: 0 }] });
    const q = '{ resource(identifier: "cart-sql-sb") { engine } }';
    const query = async () => (await nextMillisecond(), await gql(lattice.url, q));
    expect((await query()).data.resource.engine).toBe('postgres 16.3');
    const state = JSON.parse(readFileSync(file, 'utf8'));
    state.serial = 13;
    state.resources[0].instances[0].attributes.engine_version = '17.1';
    writeFileSync(file, JSON.stringify(state));
    expect((await query()).data.resource.engine).toBe('postgres 17.1');
    writeFileSync(file, JSON.stringify({ ...state, version: 3, terraform_version: '0.11.14' }));
    const res = await query();
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(res.errors?.[0].message).toContain(file);
    expect(res.errors?.[0].message).toContain('format version 3');
  });
});
