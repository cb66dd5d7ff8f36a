/**
 * startKubernetesSimulator: a Kubernetes API server on a real HTTP server (node:http, 127.0.0.1,
 * port 0) for tests and the demo, speaking the REST protocol kubectl and @kubernetes/client-node
 * speak (JSON only; no TLS, no protobuf, no HTTP/2).
 *
 * A request goes: latency → down (503, when set down that way) → bearer token (401) → route:
 * `/version`, `/healthz|livez|readyz`, discovery (`/api`, `/api/v1`, `/apis`, `/apis/<g>`,
 * `/apis/<g>/<v>`, resources.ts; `/openapi/v3`, openapi.ts), or a resource path
 * `/api/v1|/apis/<g>/<v>` + `[/namespaces/<ns>]/<resource>[/<name>[/scale]]` → the verb
 * (api.ts: list, get, create, update, patch, delete, scale; watch.ts: watch) over the cluster
 * (cluster.ts), whose controllers (controllers.ts) keep Deployments, ReplicaSets and Pods in step.
 * Errors are Status objects with the API server's reasons. Stats count every request and each verb.
 *
 * Faults: `expireResourceVersions()` (410 for watches and exact lists from before),
 * `dropWatches()`, and `setDown()` (connections refused, or 503 for everything).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse as parseYaml } from 'yaml';
import {
  applyPatch,
  createObject,
  deleteObject,
  getObject,
  hasStatusSubresource,
  listObjects,
  PATCH_TYPES,
  patchObject,
  scaleSubresource,
  updateObject,
  type Answer,
  type PatchType,
  type ResourceRequest,
} from './api.ts';
import { Cluster } from './cluster.ts';
import { Controllers } from './controllers.ts';
import { createDefaulter } from './defaults.ts';
import type { KubeObject } from './objects.ts';
import { openApiDocument, openApiRoot } from './openapi.ts';
import { ResourceRegistry, typeKey, type CustomResourceOptions, type ResourceType } from './resources.ts';
import { seedCluster } from './seed.ts';
import { matchesLabels, parseLabelSelector } from './selectors.ts';
import { ApiError, errors, failure } from './status.ts';
import { WatchHub } from './watch.ts';

export type { KubeObject } from './objects.ts';
export type { CustomResourceOptions } from './resources.ts';
export type { PatchType } from './api.ts';

export interface KubernetesSimulatorOptions {
  /** Cluster name: the seed profile (`staging`, `production`) and node names (default `staging`). */
  readonly name?: string;
  /** Objects to serve (default: `seedCluster(name, { extraPods })`). Pods of Deployments are made by the controllers. */
  readonly objects?: readonly KubeObject[];
  /** Standalone pods added to the default seed, in namespace `load` (default 0). */
  readonly extraPods?: number;
  /** Custom resource kinds served besides the built-in ones (a CRD's group, version, kind…). */
  readonly customResources?: readonly CustomResourceOptions[];
  /** When set, every request but /version and /healthz needs `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Time a new pod takes to become Ready, in milliseconds (default 0: at once). */
  readonly readyDelayMs?: number;
  /** Interval between BOOKMARK events on watches that allow them (default 15,000 ms). */
  readonly bookmarkIntervalMs?: number;
  /** Changes kept for watches resuming from a resourceVersion (default 10,000). */
  readonly historySize?: number;
  /** How a watch from a too-old resourceVersion is refused: 200 + an ERROR event (default, as kube-apiserver) or HTTP 410. */
  readonly expiredWatch?: 'event' | 'status';
  /** Delay before every answer, in milliseconds (default 0). */
  readonly latencyMs?: number;
  /** Interface to listen on (default 127.0.0.1) and port (default 0: a free one). */
  readonly host?: string;
  readonly port?: number;
}

export type Verb = 'list' | 'watch' | 'get' | 'create' | 'update' | 'patch' | 'delete';

export interface KubernetesSimulatorStats {
  /** Every request received (discovery, health and refused ones included; none while connections are refused). */
  requests: number;
  /** Resource requests by verb; a watch counts once, when opened. */
  byVerb: Record<Verb, number>;
  /** Discovery, /version and health requests. */
  discovery: number;
  /** Resource requests by type, e.g. `{ 'apps/v1/deployments': 3 }`. */
  byResource: Record<string, number>;
  /** Answers by HTTP status (a watch counts as its 200). */
  statuses: Record<number, number>;
  /** Watch connections open now. */
  readonly openWatches: number;
}

export type DownMode = 'refuse' | 'unavailable';

export interface KubernetesSimulator {
  /** `http://127.0.0.1:<port>`: the `server` of a kubeconfig, kubectl's `--server`. */
  readonly url: string;
  /** The cluster name (the seed profile). */
  readonly name: string;
  readonly token: string | undefined;
  readonly stats: KubernetesSimulatorStats;
  /** The served state (objects, resourceVersions). Prefer the methods below to change it. */
  readonly cluster: Cluster;
  /** Creates the object, or replaces it (keeping its status unless `status` is given). Returns a copy. */
  apply(object: KubeObject): KubeObject;
  /** Patches an object as the API would (`merge` default, `strategic`, `json`). `resource`: `deployments`, `Deployment`, `apps/v1/deployments`… */
  patch(resource: string, namespace: string | undefined, name: string, patch: unknown, type?: PatchType): KubeObject;
  /** Deletes an object (and what it owns); returns its last state. */
  delete(resource: string, namespace: string | undefined, name: string): KubeObject;
  /** Sets a Deployment's `spec.replicas`; its pods and status follow. */
  scale(namespace: string, name: string, replicas: number): KubeObject;
  /** A copy of an object, or undefined. */
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Copies of the objects of a type, in one namespace or all, optionally by label selector. */
  list(resource: string, options?: { namespace?: string; labelSelector?: string }): KubeObject[];
  /**
   * Forgets every past resourceVersion: watches and exact lists from before answer 410 Expired,
   * continue tokens expire. Open watches get an ERROR 410 event and end, unless `openWatches: 'keep'`.
   */
  expireResourceVersions(options?: { openWatches?: 'error' | 'keep' }): void;
  /** Ends every open watch: cleanly (default) or by destroying the connection (`abrupt`). */
  dropWatches(options?: { abrupt?: boolean }): void;
  /** Sends a BOOKMARK now on every open watch that allows them. */
  sendBookmarks(): void;
  /**
   * Takes the cluster down or up. Down, open connections are closed and then either connections
   * are refused (`refuse`, default: the port stops listening) or every request answers 503
   * (`unavailable`). Up again, it listens on the same port.
   */
  setDown(down: boolean, mode?: DownMode): Promise<void>;
  /** Up, no watches, zero stats, the initial objects back (resourceVersions keep growing). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

function zeroVerbs(): Record<Verb, number> {
  return { list: 0, watch: 0, get: 0, create: 0, update: 0, patch: 0, delete: 0 };
}

interface Route {
  readonly type: ResourceType;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
}

export async function startKubernetesSimulator(options: KubernetesSimulatorOptions = {}): Promise<KubernetesSimulator> {
  const name = options.name ?? 'staging';
  const registry = new ResourceRegistry(options.customResources);
  const cluster = new Cluster(name, registry, { historySize: options.historySize });
  cluster.defaulter = createDefaulter();
  const controllers = new Controllers(cluster, { readyDelayMs: options.readyDelayMs });
  controllers.start();
  const initial = options.objects ?? seedCluster(name, { extraPods: options.extraPods });
  cluster.load(initial);
  const watches = new WatchHub(cluster, { bookmarkIntervalMs: options.bookmarkIntervalMs, expiredWatch: options.expiredWatch });
  const token = options.token;
  const stats: KubernetesSimulatorStats = {
    requests: 0,
    byVerb: zeroVerbs(),
    discovery: 0,
    byResource: {},
    statuses: {},
    get openWatches() {
      return watches.size;
    },
  };
  let down: DownMode | undefined;
  let serverAddress = '';

  const resolve = (resource: string): ResourceType => {
    const type = registry.resolve(resource);
    if (!type) throw new Error(`Kubernetes simulator: unknown resource "${resource}"`);
    return type;
  };
  const namespaceOf = (type: ResourceType, namespace: string | undefined): string | undefined => (type.namespaced ? namespace : undefined);

  const discovery = (segments: string[]): Answer | undefined => {
    const [first, second, third] = segments;
    if (segments.length === 0) {
      const paths = ['/api', '/api/v1', '/apis', ...registry.groupVersions().filter((v) => v.includes('/')).flatMap((v) => [`/apis/${v.split('/')[0]}`, `/apis/${v}`]), '/healthz', '/livez', '/readyz', '/version'];
      return { status: 200, body: { paths: [...new Set(paths)].sort() } };
    }
    if (segments.length === 1 && first === 'version') {
      return {
        status: 200,
        body: { major: '1', minor: '32', gitVersion: 'v1.32.0-lattice-simulator', gitCommit: '0000000000000000000000000000000000000000', gitTreeState: 'clean', buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23.4', compiler: 'gc', platform: 'linux/amd64' },
      };
    }
    if (first === 'openapi' && second === 'v3') {
      const rest = segments.slice(3);
      const groupVersion = (segments[2] === 'api' && rest.length === 1) || (segments[2] === 'apis' && rest.length === 2) ? rest.join('/') : undefined;
      const document = segments.length === 2 ? openApiRoot(registry) : groupVersion && openApiDocument(registry, groupVersion);
      return document ? { status: 200, body: document } : undefined;
    }
    if (first === 'api' && segments.length === 1) return { status: 200, body: registry.apiVersions(serverAddress) };
    if (first === 'api' && segments.length === 2) {
      const list = registry.apiResourceList('', second);
      return list ? { status: 200, body: list } : undefined;
    }
    if (first === 'apis' && segments.length === 1) return { status: 200, body: registry.apiGroupList() };
    if (first === 'apis' && segments.length === 2) {
      const group = registry.apiGroup(second);
      return group ? { status: 200, body: group } : undefined;
    }
    if (first === 'apis' && segments.length === 3) {
      const list = registry.apiResourceList(second, third);
      return list ? { status: 200, body: list } : undefined;
    }
    return undefined;
  };

  const route = (segments: string[]): Route | undefined => {
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api' && segments.length >= 3) {
      [group, version, rest] = ['', segments[1], segments.slice(2)];
    } else if (segments[0] === 'apis' && segments.length >= 4) {
      [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
    } else {
      return undefined;
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    if (rest.length > 3) return undefined;
    const [resource, objectName, subresource] = rest;
    const type = registry.byPath(group, version, resource);
    if (!type) return undefined;
    if (namespace !== undefined && !type.namespaced) return undefined;
    if (objectName !== undefined && type.namespaced && namespace === undefined) return undefined;
    if (subresource !== undefined && !(subresource === 'scale' && type.scale)) return undefined;
    return { type, namespace, name: objectName, subresource };
  };

  const verbOf = (method: string, r: Route, query: URLSearchParams): Verb | undefined => {
    const watch = query.get('watch') === 'true' || query.get('watch') === '1';
    if (r.name === undefined) {
      if (method === 'GET') return watch ? 'watch' : 'list';
      if (method === 'POST') return 'create';
      return undefined;
    }
    return ({ GET: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } as Record<string, Verb>)[method];
  };

  const send = (res: http.ServerResponse, answer: Answer): void => {
    stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (options.latencyMs) await sleep(options.latencyMs);
    if (down === 'unavailable') throw errors.unavailable();
    const url = new URL(req.url ?? '/', 'http://simulator');
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const open = segments.length === 1 && ['version', 'healthz', 'livez', 'readyz'].includes(segments[0]);
    if (token !== undefined && !open) {
      const header = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!header || header[1] !== token) throw errors.unauthorized();
    }
    if (segments.length === 1 && ['healthz', 'livez', 'readyz'].includes(segments[0])) {
      stats.discovery++;
      stats.statuses[200] = (stats.statuses[200] ?? 0) + 1;
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    const r = route(segments);
    if (!r) {
      const answer = method === 'GET' ? discovery(segments) : undefined;
      if (!answer) throw errors.noRoute();
      stats.discovery++;
      send(res, answer);
      return;
    }
    const verb = r.subresource ? ({ GET: 'get', PUT: 'update', PATCH: 'patch' } as Record<string, Verb>)[method] : verbOf(method, r, url.searchParams);
    if (!verb) throw errors.methodNotAllowed();
    stats.byVerb[verb]++;
    stats.byResource[typeKey(r.type)] = (stats.byResource[typeKey(r.type)] ?? 0) + 1;
    const media = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (media === 'application/vnd.kubernetes.protobuf' || media === 'application/cbor') {
      // JSON and YAML bodies only: protobuf (what typed clients such as `kubectl create deployment` send) is a 415.
      throw errors.unsupportedMediaType(media, ['application/json', 'application/yaml', ...(method === 'PATCH' ? PATCH_TYPES : [])]);
    }
    const raw = method === 'GET' ? '' : await readBody(req);
    let body: unknown;
    if (raw.trim() !== '') {
      try {
        body = media === 'application/yaml' ? parseYaml(raw) : JSON.parse(raw);
      } catch (error) {
        throw errors.badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
      }
    }
    const request: ResourceRequest = {
      cluster,
      type: r.type,
      namespace: r.namespace,
      name: r.name,
      query: url.searchParams,
      accept: req.headers.accept,
      contentType: req.headers['content-type'] ?? '',
      body,
    };
    if (r.subresource) {
      send(res, scaleSubresource(request, method));
      return;
    }
    switch (verb) {
      case 'watch':
        watches.start(res, request);
        stats.statuses[200] = (stats.statuses[200] ?? 0) + 1;
        return;
      case 'list':
        return send(res, listObjects(request));
      case 'get':
        return send(res, getObject(request));
      case 'create':
        return send(res, createObject(request));
      case 'update':
        return send(res, updateObject(request));
      case 'patch':
        return send(res, patchObject(request));
      case 'delete':
        return send(res, deleteObject(request));
    }
  };

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    stats.requests++;
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = error instanceof ApiError ? error.status : failure(500, 'InternalError', `Internal error occurred: ${(error as Error).message}`);
      send(res, { status: status.code, body: status });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number): Promise<void> =>
    new Promise<void>((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolvePromise();
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise<void>((resolvePromise) => {
      if (!server.listening) {
        resolvePromise();
        return;
      }
      server.close(() => resolvePromise());
      for (const socket of sockets) socket.destroy();
    });

  await listen(options.port ?? 0);
  const { address, port } = server.address() as AddressInfo;
  serverAddress = `${address}:${port}`;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

  const setDown = async (value: boolean, mode: DownMode = 'refuse'): Promise<void> => {
    if (value) {
      watches.dropAll({ abrupt: true });
      down = mode;
      if (mode === 'refuse') await stopListening();
      else for (const socket of sockets) socket.destroy();
    } else if (down) {
      const was = down;
      down = undefined;
      if (was === 'refuse') await listen(port);
    }
  };

  return {
    url,
    name,
    token,
    stats,
    cluster,
    apply(object: KubeObject): KubeObject {
      const type = registry.byKind(object.apiVersion, object.kind);
      if (!type) throw new Error(`Kubernetes simulator: no resource for ${object.apiVersion} ${object.kind}`);
      const current = cluster.find(type, namespaceOf(type, object.metadata?.namespace), object.metadata?.name ?? '');
      if (!current) return structuredClone(cluster.create(type, object, { trusted: true }));
      const { resourceVersion: _rv, ...metadata } = object.metadata;
      return structuredClone(cluster.update(type, { ...object, metadata }, { keepStatus: object.status === undefined }));
    },
    patch(resource, namespace, objectName, patch, patchType = 'merge') {
      const type = resolve(resource);
      const current = cluster.find(type, namespaceOf(type, namespace), objectName);
      if (!current) throw errors.notFound(type, objectName);
      const patched = applyPatch(type, current, patch, patchType);
      return structuredClone(cluster.update(type, patched, { keepStatus: hasStatusSubresource(type) }));
    },
    delete(resource, namespace, objectName) {
      const type = resolve(resource);
      return structuredClone(cluster.remove(type, namespaceOf(type, namespace), objectName));
    },
    scale(namespace, objectName, replicas) {
      const type = resolve('apps/v1/deployments');
      const current = cluster.find(type, namespace, objectName);
      if (!current) throw errors.notFound(type, objectName);
      cluster.update(type, { ...current, spec: { ...current.spec, replicas } });
      return structuredClone(cluster.find(type, namespace, objectName) as KubeObject);
    },
    get(resource, namespace, objectName) {
      const type = resolve(resource);
      const object = cluster.find(type, namespaceOf(type, namespace), objectName);
      return object && structuredClone(object);
    },
    list(resource, listOptions = {}) {
      const type = resolve(resource);
      const requirements = parseLabelSelector(listOptions.labelSelector ?? '');
      return cluster
        .items(type, namespaceOf(type, listOptions.namespace))
        .filter((o) => matchesLabels(requirements, o.metadata.labels))
        .map((o) => structuredClone(o));
    },
    expireResourceVersions(expireOptions = {}) {
      cluster.expire();
      if (expireOptions.openWatches !== 'keep') watches.expireAll();
    },
    dropWatches(dropOptions = {}) {
      watches.dropAll(dropOptions);
    },
    sendBookmarks() {
      watches.bookmarkAll();
    },
    setDown,
    async reset() {
      watches.dropAll({ abrupt: true });
      await setDown(false);
      controllers.cancelTimers();
      cluster.load(initial);
      stats.requests = 0;
      stats.byVerb = zeroVerbs();
      stats.discovery = 0;
      stats.byResource = {};
      stats.statuses = {};
    },
    async close() {
      watches.dropAll({ abrupt: true });
      controllers.stop();
      down = undefined;
      await stopListening();
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
