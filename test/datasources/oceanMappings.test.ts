/**
 * Port's Ocean integrations' own default mappings (test/fixtures/ocean/*.port-app-config.yml,
 * written from the defaults Port publishes) run unchanged on Lattice's GitHub, Kubernetes and AWS
 * sources, loaded through lattice.yaml's `portAppConfig:`, against the simulators: the entities
 * are the ones the mappings describe, from objects shaped as Ocean's integrations give them, and
 * the upstream calls are counted. Also: Port's shape in lattice.yaml itself, and located errors.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { SourceConfig } from '../../src/config/types.ts';
import { MemoryCache } from '../../src/data/memory/MemoryCache.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { LatticeError, LatticeErrors } from '../../src/errors/index.ts';
import { createAwsSource } from '../../datasources/aws/source.ts';
import { createGitHubSource } from '../../datasources/github/source.ts';
import { createKubernetesSource } from '../../datasources/kubernetes/source.ts';
import { ROOT } from '../helpers/lattice.ts';
import { seedResources } from '../simulators/cloudcontrol/seed.ts';
import { startCloudControlSimulator, type CloudControlSimulator } from '../simulators/cloudcontrol/server.ts';
import { startGitHubSimulator, type GitHubSimulator } from '../simulators/github/server.ts';
import { kubeconfigFor } from '../simulators/kubernetes/kubeconfig.ts';
import { startKubernetesSimulator, type KubernetesSimulator } from '../simulators/kubernetes/server.ts';

const log = pino({ level: 'silent' });
const FIXTURES = path.join(ROOT, 'test/fixtures/ocean');

/** A lattice.yaml in a fresh folder (with any extra files), loaded. */
function load(yaml: string, files: Record<string, string> = {}): SourceConfig[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-ocean-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  writeFileSync(path.join(dir, 'lattice.yaml'), yaml);
  return [...loadConfig({ LATTICE_CONFIG: path.join(dir, 'lattice.yaml') }, ROOT).sources];
}

function errorsOf(fn: () => unknown): LatticeError[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof LatticeErrors) return [...err.errors];
    if (err instanceof LatticeError) return [err];
    throw err;
  }
  throw new Error('expected a configuration error');
}

const byId = (entities: readonly EntityInput[], blueprint: string) => Object.fromEntries(entities.filter((e) => e.blueprint === blueprint).map((e) => [e.identifier, e]));

describe("Port's Kubernetes exporter default mapping, on the Kubernetes simulator", () => {
  let sim: KubernetesSimulator;
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((x) => x.close()));
  });

  it('maps namespaces, the cluster and workloads as the exporter does (env.CLUSTER_NAME is the cluster), with one list and one watch per kind', async () => {
    // The simulator serves DaemonSets as it serves any custom resource; one runs in `orders`.
    sim = await startKubernetesSimulator({ name: 'staging', customResources: [{ group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets' }] });
    sim.apply({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'log-shipper', namespace: 'orders' }, spec: { template: { spec: { containers: [{ name: 'fluent-bit', image: 'fluent/fluent-bit:latest' }] } } }, status: { numberAvailable: 2 } });
    open.push(sim);
    const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'lattice-ocean-kube-')), 'kubeconfig.yaml');
    writeFileSync(kubeconfig, kubeconfigFor(sim, { context: 'stg' }).yaml);
    const [config] = load(
      `sources:\n  - name: k8s\n    kind: kubernetes\n    options:\n      clusters:\n        - name: staging\n          kubeconfig: ${kubeconfig}\n    portAppConfig: ${path.join(FIXTURES, 'k8s-exporter.port-app-config.yml')}\n`,
    );
    expect(config.resources.map((r) => r.kind)).toEqual(['v1/namespaces', 'v1/namespaces', 'apps/v1/deployments', 'apps/v1/daemonsets']);
    const source = createKubernetesSource(config, { log });
    open.push({ close: async () => source.close?.() });
    await source.ready();
    const { entities } = await source.snapshot();
    // Two entries of one kind share a watch: namespaces, deployments, daemonsets are listed and watched once each.
    await until(() => sim.stats.openWatches === 3);
    expect(sim.stats.byResource).toEqual({ 'v1/namespaces': 2, 'apps/v1/deployments': 2, 'apps/v1/daemonsets': 2 });

    expect(Object.keys(byId(entities, 'namespace')).sort()).toEqual(['default-staging', 'orders-staging']); // kube-* left out by the selector
    expect(byId(entities, 'namespace')['orders-staging']).toMatchObject({ title: 'orders', relations: { Cluster: 'staging' }, properties: { creationTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
    expect(byId(entities, 'cluster')).toEqual({ staging: expect.objectContaining({ title: 'staging', properties: {}, relations: {} }) });

    const workloads = byId(entities, 'workload');
    expect(Object.keys(workloads).sort()).toEqual(['cart-service-Deployment-orders-staging', 'log-shipper-DaemonSet-orders-staging', 'products-service-Deployment-orders-staging']); // coredns is in kube-system
    expect(workloads['log-shipper-DaemonSet-orders-staging']).toMatchObject({ title: 'log-shipper', properties: { kind: 'DaemonSet' }, relations: { Namespace: 'orders-staging' } });
    const cart = workloads['cart-service-Deployment-orders-staging'];
    expect(cart).toMatchObject({ title: 'cart-service', icon: 'Deployment', relations: { Namespace: 'orders-staging' }, origin: 'source:k8s' });
    expect(cart.properties).toMatchObject({
      kind: 'Deployment',
      replicas: 1,
      availableReplicas: 1,
      isHealthy: 'Healthy',
      hasLatest: false,
      hasPrivileged: false,
      strategy: 'RollingUpdate',
      labels: { app: 'cart', 'backstage.io/kubernetes-id': 'CartService' },
      containers: [{ name: 'cart-service', image: 'ghcr.io/acme/cart-service:1.5.0-rc.1', resources: expect.any(Object) }],
    });

    // A change arrives by watch and is mapped the same way: no new list.
    const requests = sim.stats.requests;
    sim.scale('orders', 'cart-service', 3);
    await until(async () => byId((await source.snapshot()).entities, 'workload')['cart-service-Deployment-orders-staging'].properties.replicas === 3);
    expect(sim.stats.requests).toBe(requests);
  });
});

describe("Port's Ocean AWS default mapping, on the Cloud Control simulator", () => {
  let sim: CloudControlSimulator;
  beforeAll(async () => {
    sim = await startCloudControlSimulator({
      pageSize: 100,
      resources: [
        ...seedResources(),
        { region: 'eu-west-1', typeName: 'AWS::EC2::Instance', identifier: 'i-0abc', properties: { InstanceId: 'i-0abc', InstanceType: 't3.micro', Tags: [{ Key: 'component', Value: 'CartService' }] } },
        { region: 'us-east-1', typeName: 'AWS::ECS::Cluster', identifier: 'orders', properties: { ClusterName: 'orders', Arn: 'arn:aws:ecs:us-east-1:111111111111:cluster/orders', Tags: [] } },
      ],
    });
  });
  afterAll(() => sim?.close());

  it('gives Ocean objects (Identifier, Properties, __Kind, __Region, __AccountId) and reads with GetResource where the selector asks', async () => {
    const [config] = load(
      `sources:\n  - name: aws\n    kind: aws\n    options:\n      accounts:\n        - name: prod\n          accountId: "111111111111"\n          regions: [eu-west-1, us-east-1]\n          endpoint: ${sim.url}\n      credentials: { accessKeyId: AKID, secretAccessKey: simulator-secret }\n    portAppConfig: ${path.join(FIXTURES, 'aws.port-app-config.yml')}\n`,
    );
    const source = createAwsSource(config, { cache: new MemoryCache(), log });
    const { entities } = await source.snapshot();
    await source.close();
    const resources = byId(entities, 'cloudResource');
    expect(Object.keys(resources).sort()).toEqual(['acme-cart-assets', 'acme-products-assets', 'arn:aws:ecs:us-east-1:111111111111:cluster/orders', 'i-0abc']);
    expect(resources['acme-cart-assets']).toMatchObject({
      title: 'acme-cart-assets',
      properties: { kind: 'AWS::S3::Bucket', arn: 'arn:aws:s3:::acme-cart-assets', link: 'https://console.aws.amazon.com/go/view?arn=arn:aws:s3:::acme-cart-assets', tags: [{ Key: 'component', Value: 'CartService' }] },
      relations: { account: '111111111111' },
    });
    // The bucket has no RegionalDomainName: the `capture` fails and Ocean's semantics make it null, left out.
    expect(resources['acme-cart-assets'].properties).not.toHaveProperty('region');
    expect(resources['i-0abc']).toMatchObject({ title: 'i-0abc', properties: { kind: 'AWS::EC2::Instance', region: 'eu-west-1' }, relations: { account: '111111111111' } });
    expect(resources['i-0abc'].properties).not.toHaveProperty('link'); // no Arn: `select` outputs nothing
    expect(resources['arn:aws:ecs:us-east-1:111111111111:cluster/orders']).toMatchObject({ title: 'orders', properties: { region: 'us-east-1', kind: 'AWS::ECS::Cluster' } });
    // 3 kinds × 2 regions: 6 ListResources; GetResource for each of the 2 buckets and the 1 cluster.
    expect(sim.stats.byOperation).toEqual({ ListResources: 6, GetResource: 3 });
  });
});

describe("Port's Ocean AWS v3 object shape, on the Cloud Control simulator", () => {
  let sim: CloudControlSimulator;
  beforeAll(async () => {
    sim = await startCloudControlSimulator({ pageSize: 100, resources: seedResources() });
  });
  afterAll(() => sim?.close());

  // Ocean's aws-v3 exporters give each mapping `{ Type, Properties, __ExtraContext: { AccountId, Region } }`
  // (the account and region the object was read under); its example mappings read them as below.
  it('gives Type and __ExtraContext (the account id and region the resource was read under), as aws-v3 mappings read them', async () => {
    const [config] = load(
      [
        'sources:',
        '  - name: aws',
        '    kind: aws',
        '    options:',
        '      accounts:',
        '        - name: prod',
        '          accountId: "111111111111"',
        '          regions: [eu-west-1, us-east-1]',
        `          endpoint: ${sim.url}`,
        '      credentials: { accessKeyId: AKID, secretAccessKey: simulator-secret }',
        '    resources:',
        '      - kind: AWS::S3::Bucket',
        "        selector: { query: 'true' }",
        '        port:',
        '          entity:',
        '            mappings:',
        '              identifier: .Properties.BucketName',
        '              title: .Properties.BucketName',
        `              blueprint: '"s3Bucket"'`,
        '              properties: { arn: .Properties.Arn, type: .Type, region: .__ExtraContext.Region }',
        '              relations: { account: .__ExtraContext.AccountId }',
        '',
      ].join('\n'),
    );
    const source = createAwsSource(config, { cache: new MemoryCache(), log });
    const { entities } = await source.snapshot();
    await source.close();
    const buckets = byId(entities, 's3Bucket');
    expect(Object.keys(buckets).sort()).toEqual(['acme-cart-assets', 'acme-products-assets']);
    expect(buckets['acme-cart-assets']).toMatchObject({
      title: 'acme-cart-assets',
      properties: { arn: 'arn:aws:s3:::acme-cart-assets', type: 'AWS::S3::Bucket', region: 'eu-west-1' },
      relations: { account: '111111111111' },
    });
    // Both buckets live in eu-west-1 (seed.ts): the region is the one each was listed in, not the last one asked.
    expect(buckets['acme-products-assets'].properties.region).toBe('eu-west-1');
  });
});

describe("Port's Ocean GitHub default mapping, on the GitHub simulator", () => {
  let sim: GitHubSimulator;
  beforeAll(async () => {
    sim = await startGitHubSimulator();
  });
  afterAll(() => sim?.close());

  it('gives REST-shaped repositories, pull requests, workflows and runs, teams and users, in 3 GitHub requests, then 0 within the ttl', async () => {
    const [config] = load(
      `sources:\n  - name: github\n    kind: github\n    options:\n      org: acme\n      token: ${sim.token}\n      url: ${sim.url}\n      manifestPaths: []\n    portAppConfig: ${path.join(FIXTURES, 'github.port-app-config.yml')}\n`,
    );
    sim.reset();
    const source = createGitHubSource(config, { cache: new MemoryCache(), log });
    const { entities } = await source.snapshot();
    expect(sim.stats.requests).toBe(3); // repositories (one page), teams, members
    await source.snapshot();
    expect(sim.stats.requests).toBe(3);
    expect(sim.stats.queries.every((q) => q.valid)).toBe(true);

    const repos = byId(entities, 'githubRepository');
    expect(Object.keys(repos).sort()).toEqual(['CartService', 'CoreKafkaLibrary', 'CorePaymentLibrary', 'ProductsService']);
    expect(repos.CartService).toMatchObject({
      title: 'CartService',
      properties: { visibility: 'public', defaultBranch: 'main', url: 'https://github.com/acme/CartService', readme: expect.stringMatching(/^# /), description: expect.any(String), language: expect.any(String) },
    });

    const prs = Object.values(byId(entities, 'githubPullRequest'));
    expect(prs.length).toBeGreaterThan(0);
    for (const pr of prs) {
      expect(pr.identifier).toBe(`${pr.relations.repository as string}${String(pr.properties.prNumber)}`);
      expect(pr.properties).toMatchObject({ status: 'open', creator: expect.any(String), assignees: [], reviewers: [], link: expect.stringMatching(/^https:\/\/github\.com\/acme\/.+\/pull\/\d+$/) });
      expect(pr.properties).not.toHaveProperty('leadTimeHours'); // open: not merged, null
    }

    const workflows = Object.values(byId(entities, 'githubWorkflow'));
    expect(workflows).toHaveLength(4);
    expect(workflows.find((w) => w.relations.repository === 'CartService')?.properties).toMatchObject({ path: '.github/workflows/ci.yml', status: 'active', link: 'https://github.com/acme/CartService/blob/main/.github/workflows/ci.yml' });
    const runs = Object.values(byId(entities, 'githubWorkflowRun'));
    expect(runs.map((r) => r.properties.conclusion ?? 'none (in progress)').sort()).toEqual(['failure', 'none (in progress)', 'success', 'success']);
    const cartRun = runs.find((r) => r.identifier.startsWith('CartService'));
    expect(cartRun?.relations.workflow).toBe(workflows.find((w) => w.relations.repository === 'CartService')?.identifier);
    expect(cartRun?.properties).toMatchObject({ name: 'CI', status: 'completed', runNumber: expect.any(Number), link: expect.stringContaining('/actions/runs/') });

    expect(Object.keys(byId(entities, 'githubUser')).sort()).toEqual(['alice', 'bob', 'carol', 'dave']);
    const teams = Object.values(byId(entities, 'githubTeam'));
    expect(teams.map((t) => [t.title, t.properties.slug, t.properties.members, t.relations.githubUser])).toEqual([
      ['Platform', 'platform', ['alice', 'bob'], ['alice', 'bob']],
      ['Checkout', 'checkout', ['carol'], ['carol']],
    ]);
    expect(teams[0].identifier).toMatch(/^\d+$/);
    expect(teams[0].properties).toMatchObject({ permission: 'pull', link: `${sim.url}/orgs/acme/teams/platform` });
  });
});

describe("Port's resource shape in lattice.yaml, and located errors", () => {
  const k8s = (resources: string) => `sources:\n  - name: k8s\n    kind: kubernetes\n    options: { clusters: [{ name: a }] }\n    resources:\n${resources}`;

  it("accepts Port's entries next to Lattice's, a mapping list and itemsToParse", () => {
    const [config] = load(k8s(`      - kind: v1/pods\n        selector: { query: '.metadata.namespace == "orders"' }\n        port:\n          itemsToParse: .spec.containers\n          entity:\n            mappings:\n              - { identifier: .item.name, blueprint: '"container"' }\n      - kind: v1/pods\n        entity: { mappings: { identifier: .metadata.name, blueprint: '"Pod"' } }\n`));
    expect(config.resources.map((r) => ('port' in r ? 'port' : 'lattice'))).toEqual(['port', 'lattice']);
    expect(config.resources[0].at).toMatchObject({ pointer: '/sources/0/resources/0', positions: { '/port/itemsToParse': { line: 9, column: 25 } } });
  });

  it('refuses a bad entry with its line and pointer, in lattice.yaml and in a port-app-config file', () => {
    const [schema] = errorsOf(() => load(k8s(`      - kind: v1/pods\n        port:\n          entity:\n            mappings: { identifier: .metadata.name }\n`)));
    expect(schema.location).toMatchObject({ pointer: '/sources/0/resources/0/port/entity/mappings', line: 9 });
    expect(schema.message).toContain("must have required property 'blueprint'");

    const file = `resources:\n  - kind: apps/v1/deployments\n    selector:\n      query: 'true'\n    port:\n      entity:\n        mappings:\n          identifier: .metadata.name |\n          blueprint: '"workload"'\n`;
    const [config] = load('sources:\n  - name: k8s\n    kind: kubernetes\n    options: { clusters: [{ name: a }] }\n    portAppConfig: port-app-config.yml\n', { 'port-app-config.yml': file });
    const [jq] = errorsOf(() => createKubernetesSource(config, { log }));
    expect(jq.location).toMatchObject({ file: expect.stringMatching(/port-app-config\.yml$/), pointer: '/resources/0/port/entity/mappings/identifier', line: 8, column: 23 });
    expect(jq.message).toMatch(/^invalid jq expression ".metadata.name \|": .* \(at line 1, column \d+ of the expression\)$/);
    expect(jq.details).toMatchObject({ expressionLine: 1, expressionColumn: expect.any(Number) });

    const [kind] = errorsOf(() => createKubernetesSource(load(k8s(`      - kind: deployments\n        port: { entity: { mappings: { identifier: .metadata.name, blueprint: '"w"' } } }\n`))[0], { log }));
    expect(kind.location).toMatchObject({ pointer: '/sources/0/resources/0/kind', line: 6 });

    const [missing] = errorsOf(() => load('sources:\n  - name: k8s\n    kind: kubernetes\n    portAppConfig: nope.yml\n'));
    expect(missing.location).toMatchObject({ pointer: '/sources/0/portAppConfig', line: 4 });
    const [neither] = errorsOf(() => load('sources:\n  - name: k8s\n    kind: kubernetes\n'));
    expect(neither.message).toContain('needs "resources" or "portAppConfig"');
  });

  it("refuses a selector option the kind does not have, naming what it accepts", () => {
    const github = (selector: string) => `sources:\n  - name: gh\n    kind: github\n    options: { org: acme, token: t }\n    resources:\n      - kind: pull-request\n        selector: ${selector}\n        port: { entity: { mappings: { identifier: .title, blueprint: '"pr"' } } }\n`;
    const [closed] = errorsOf(() => createGitHubSource(load(github(`{ query: 'true', state: closed }`))[0], { cache: new MemoryCache(), log }));
    expect(closed.location).toMatchObject({ pointer: '/sources/0/resources/0/selector/state', line: 7 });
    expect(closed.message).toContain('Lattice reads open pull requests only');
    const [unknown] = errorsOf(() => createGitHubSource(load(github(`{ query: 'true', since: 30 }`))[0], { cache: new MemoryCache(), log }));
    expect(unknown.message).toContain('is not an option of the "pull-request" kind (expected state, states)');
    const aws = `sources:\n  - name: aws\n    kind: aws\n    options: { accounts: [{ name: p, region: eu-west-1 }] }\n    resources:\n      - kind: AWS::S3::Bucket\n        selector: { query: 'true', useGetResourceApi: 'true' }\n        port: { entity: { mappings: { identifier: .Identifier, blueprint: '"b"' } } }\n`;
    const [typo] = errorsOf(() => createAwsSource(load(aws)[0], { cache: new MemoryCache(), log }));
    expect(typo.location).toMatchObject({ pointer: '/sources/0/resources/0/selector/useGetResourceApi' });
    expect(typo.message).toContain('expected useGetResourceAPI, resourceModel, regionPolicy');
  });
});

async function until<T>(fn: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
