/**
 * Seed data for the Kubernetes simulator: a cluster running the services of Lattice's seed
 * catalog (catalog/seed.json), the way Backstage's Kubernetes plugin expects to find them.
 *
 * Namespaces `default`, `kube-system` (with CoreDNS) and `orders`, where:
 * - Deployment `cart-service` (labels `app: cart`, `backstage.io/kubernetes-id: CartService`) and
 *   Service `cart-service`, ConfigMap `cart-service-config`, the completed Job `cart-db-migrate`;
 * - Deployment `products-service` (`app: products`, `backstage.io/kubernetes-id: ProductsService`)
 *   and Service `products-service`.
 * Replicas and images differ per cluster: staging runs 1 + 1 replicas of release candidates,
 * production 3 + 2 of releases, and one of production's products pods has restarted twice.
 * Pods and ReplicaSets are not in the seed: the simulator's controllers create them from the
 * Deployments. `extraPods` adds that many standalone running Pods in namespace `load` for scale
 * tests. Everything is deterministic but the creation times, relative to `now`.
 */
import { NODES_PER_CLUSTER, RESTARTS_ANNOTATION, runningStatus } from './controllers.ts';
import { timestamp, type KubeObject } from './objects.ts';

export const SEED_NAMESPACE = 'orders';
export const LOAD_NAMESPACE = 'load';
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

export interface SeedOptions {
  /** Standalone running pods added in namespace `load` (default 0). */
  readonly extraPods?: number;
  /** Labels of extra pod `index` (default `app: load`, `backstage.io/kubernetes-id: LoadService<index % 100>`). */
  readonly extraPodLabels?: (index: number) => Record<string, string>;
  /** Creation times are set back from this date (default: now). */
  readonly now?: Date;
}

interface ServiceSeed {
  readonly name: string;
  readonly app: string;
  readonly component: string;
  readonly image: string;
  readonly replicas: number;
  readonly restarts?: number;
}

const PROFILES: Readonly<Record<string, { cart: Partial<ServiceSeed>; products: Partial<ServiceSeed> }>> = {
  staging: {
    cart: { replicas: 1, image: 'ghcr.io/acme/cart-service:1.5.0-rc.1' },
    products: { replicas: 1, image: 'ghcr.io/acme/products-service:2.1.0-rc.3' },
  },
  production: {
    cart: { replicas: 3, image: 'ghcr.io/acme/cart-service:1.4.2' },
    products: { replicas: 2, image: 'ghcr.io/acme/products-service:2.0.7', restarts: 2 },
  },
};

/** The seed services of a cluster profile (`staging`, `production`; any other name: staging's). */
export function seedServices(cluster: string): ServiceSeed[] {
  const profile = PROFILES[cluster] ?? PROFILES.staging;
  return [
    { name: 'cart-service', app: 'cart', component: 'CartService', image: 'ghcr.io/acme/cart-service:1.5.0', replicas: 1, ...profile.cart },
    { name: 'products-service', app: 'products', component: 'ProductsService', image: 'ghcr.io/acme/products-service:2.1.0', replicas: 1, ...profile.products },
  ];
}

export function seedCluster(name: string, options: SeedOptions = {}): KubeObject[] {
  const now = options.now ?? new Date();
  const ago = (days: number): string => timestamp(new Date(now.getTime() - days * 86_400_000));
  const namespace = (ns: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, creationTimestamp: ago(90) } });
  const objects: KubeObject[] = [namespace('default'), namespace('kube-system'), namespace(SEED_NAMESPACE)];

  objects.push(
    deployment({
      namespace: 'kube-system',
      name: 'coredns',
      labels: { 'k8s-app': 'kube-dns' },
      replicas: 2,
      image: 'registry.k8s.io/coredns/coredns:v1.11.3',
      port: 53,
      created: ago(90),
    }),
  );

  for (const service of seedServices(name)) {
    const labels = { app: service.app, [KUBERNETES_ID_LABEL]: service.component };
    objects.push(
      deployment({
        namespace: SEED_NAMESPACE,
        name: service.name,
        labels: { ...labels, 'app.kubernetes.io/name': service.name, 'app.kubernetes.io/part-of': 'orders' },
        podLabels: labels,
        selector: { app: service.app },
        replicas: service.replicas,
        image: service.image,
        port: 8080,
        created: ago(30),
        restarts: service.restarts,
      }),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: service.name, namespace: SEED_NAMESPACE, labels, creationTimestamp: ago(30) },
        spec: { selector: { app: service.app }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
      },
    );
  }

  objects.push(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cart-service-config', namespace: SEED_NAMESPACE, labels: { app: 'cart', [KUBERNETES_ID_LABEL]: 'CartService' }, creationTimestamp: ago(30) },
      data: { CART_TTL_SECONDS: '3600', CART_DATABASE: 'cart-sql-sb' },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'cart-db-migrate', namespace: SEED_NAMESPACE, labels: { app: 'cart', [KUBERNETES_ID_LABEL]: 'CartService' }, creationTimestamp: ago(2) },
      spec: {
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        selector: { matchLabels: { 'job-name': 'cart-db-migrate' } },
        template: {
          metadata: { labels: { 'job-name': 'cart-db-migrate', app: 'cart' } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: seedServices(name)[0].image, args: ['migrate', 'up'] }] },
        },
      },
      status: {
        startTime: ago(2),
        completionTime: timestamp(new Date(Date.parse(ago(2)) + 42_000)),
        succeeded: 1,
        ready: 0,
        terminating: 0,
        conditions: [
          { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: ago(2), lastTransitionTime: ago(2), reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
          { type: 'Complete', status: 'True', lastProbeTime: ago(2), lastTransitionTime: ago(2), reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
        ],
      },
    },
  );

  const extra = options.extraPods ?? 0;
  if (extra > 0) {
    objects.push(namespace(LOAD_NAMESPACE));
    const labelsOf = options.extraPodLabels ?? ((i: number) => ({ app: 'load', [KUBERNETES_ID_LABEL]: `LoadService${i % 100}` }));
    const width = String(extra - 1).length;
    for (let i = 0; i < extra; i++) {
      const podName = `load-${String(i).padStart(width, '0')}`;
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: podName, namespace: LOAD_NAMESPACE, labels: labelsOf(i), creationTimestamp: ago(1) },
        spec: { nodeName: `${name}-node-${i % NODES_PER_CLUSTER}`, containers: [{ name: 'load', image: 'ghcr.io/acme/load:1.0.0' }] },
      };
      pod.status = runningStatus(pod, new Date(Date.parse(ago(1))), `10.0.0.${(i % NODES_PER_CLUSTER) + 10}`, `10.245.${(i >> 8) & 255}.${i & 255}`);
      objects.push(pod);
    }
  }
  return objects;
}

function deployment(d: {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  podLabels?: Record<string, string>;
  selector?: Record<string, string>;
  replicas: number;
  image: string;
  port: number;
  created: string;
  restarts?: number;
}): KubeObject {
  const podLabels = d.podLabels ?? d.labels;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: d.name, namespace: d.namespace, labels: d.labels, creationTimestamp: d.created },
    spec: {
      replicas: d.replicas,
      selector: { matchLabels: d.selector ?? d.labels },
      template: {
        metadata: { labels: podLabels, ...(d.restarts ? { annotations: { [RESTARTS_ANNOTATION]: String(d.restarts) } } : {}) },
        spec: {
          containers: [
            {
              name: d.name,
              image: d.image,
              ports: [{ containerPort: d.port, protocol: 'TCP' }],
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
            },
          ],
        },
      },
    },
  };
}
