/**
 * The only code that talks to Kubernetes API servers: one client per configured cluster, over
 * @kubernetes/client-node's KubeConfig (kubeconfig files, inline kubeconfigs, contexts, in-cluster
 * service accounts, its authentication and TLS), with two calls:
 *
 * - `list`: one page of a collection (`limit`/`continue`, selectors), as JSON;
 * - `watch`: a watch stream from a resourceVersion with bookmarks (client-node's `Watch`);
 * - `api(AppsV1Api)`, `objects()`: client-node's API clients of the cluster, for KUBERNETES
 *   actions (writes), sending through the same counted HTTP library.
 *
 * Every request counts as an upstream call of the source (`countUpstreamCall`, src/data/upstream.ts:
 * `lattice_upstream_calls_total`, `extensions.upstreamCalls`). Retries are the reflector's, not
 * the client's.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createConfiguration,
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  KubeConfig,
  KubernetesObjectApi,
  RequestContext,
  ServerConfiguration,
  Watch,
  type Configuration,
  type HttpLibrary,
} from '@kubernetes/client-node';
import { ErrorCodes, LatticeError } from '../../src/errors/index.ts';
import { countUpstreamCall } from '../../src/data/upstream.ts';
import type { ClusterOptions } from './options.ts';

/** What a list page or a watch event carries of an object: metadata, and the rest for the mappings. */
export interface KubeObject {
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly resourceVersion?: string; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
}

export interface KubeList {
  /** `DeploymentList`, `PodList`… */
  readonly kind?: string;
  readonly apiVersion?: string;
  readonly metadata: { readonly resourceVersion?: string; readonly continue?: string };
  readonly items: readonly KubeObject[];
}

export interface ListQuery {
  readonly limit: number;
  readonly continue?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export interface WatchQuery {
  readonly resourceVersion: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** A watch stream's event, as the API server sends it (`BOOKMARK` and `ERROR` included). */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: KubeObject & { readonly code?: number; readonly reason?: string; readonly message?: string };
}

export interface OpenWatch {
  /** Ends the stream; `onDone` is called once. */
  abort(): void;
}

/** An HTTP answer other than 200 (a Kubernetes `Status`), or an ERROR event of a watch. */
export class KubeApiError extends Error {
  readonly statusCode: number;
  readonly reason: string | undefined;
  constructor(statusCode: number, message: string, reason?: string) {
    super(message);
    this.name = 'KubeApiError';
    this.statusCode = statusCode;
    this.reason = reason;
  }
}

export interface ClusterClient {
  readonly name: string;
  /** The source the cluster belongs to: its calls are counted under this name. */
  readonly source: string;
  /** The API server's URL, for messages. */
  readonly server: string;
  /** A @kubernetes/client-node API client of the cluster (`AppsV1Api`, `BatchV1Api`…); every request counted. */
  api<T>(type: new (configuration: Configuration) => T): T;
  /** client-node's generic object API, with the context's default namespace; every request counted. */
  objects(): KubernetesObjectApi;
  list(collection: string, query: ListQuery, signal: AbortSignal): Promise<KubeList>;
  /**
   * Opens a watch. Resolves once the API server answered: `connected` false means it did not (the
   * error went to `onDone`); then events flow to `onEvent` until the stream ends, with `onDone`.
   */
  watch(collection: string, query: WatchQuery, onEvent: (event: WatchEvent) => void, onDone: (err: unknown) => void): Promise<{ connected: boolean; watch: OpenWatch }>;
}

/** Loads the cluster's KubeConfig now, so a bad path or context stops the start with its pointer. */
export function createClusterClient(options: { source: string; cluster: ClusterOptions; timeoutMs: number; baseDir: string; pointer: string }): ClusterClient {
  const { cluster, source } = options;
  const kc = loadKubeConfig(cluster, options.baseDir, options.pointer);
  const server = kc.getCurrentCluster()?.server ?? '';
  const fetchLibrary = new IsomorphicFetchHttpLibrary();
  const http: HttpLibrary = {
    send(request) {
      countUpstreamCall(source);
      return fetchLibrary.send(request);
    },
  };
  const watcher = new Watch(kc);
  // What kc.makeApiClient builds, with the counted HTTP library.
  const configuration = createConfiguration({ baseServer: new ServerConfiguration(server, {}), authMethods: { default: kc }, httpApi: http });

  return {
    name: cluster.name,
    source,
    server,
    api: (type) => new type(configuration),
    objects: () => new ObjectApi(configuration, kc),
    async list(collection, query, signal) {
      const url = new URL(server + collection);
      url.searchParams.set('limit', String(query.limit));
      if (query.continue) url.searchParams.set('continue', query.continue);
      if (query.labelSelector) url.searchParams.set('labelSelector', query.labelSelector);
      if (query.fieldSelector) url.searchParams.set('fieldSelector', query.fieldSelector);
      const ctx = new RequestContext(url.toString(), HttpMethod.GET);
      ctx.setHeaderParam('Accept', 'application/json');
      await kc.applySecurityAuthentication(ctx);
      ctx.setSignal(AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]));
      const res = await http.send(ctx).toPromise();
      const text = await res.body.text();
      if (res.httpStatusCode !== 200) throw statusError(res.httpStatusCode, text);
      return JSON.parse(text) as KubeList;
    },
    async watch(collection, query, onEvent, onDone) {
      let failed = false;
      const params: Record<string, string> = { allowWatchBookmarks: 'true', resourceVersion: query.resourceVersion };
      if (query.labelSelector) params.labelSelector = query.labelSelector;
      if (query.fieldSelector) params.fieldSelector = query.fieldSelector;
      countUpstreamCall(source);
      const controller = await watcher.watch(
        collection,
        params,
        (type, object) => onEvent({ type, object } as WatchEvent),
        (err: unknown) => {
          // client-node reports a refused request before `watch` resolves; the status code then is the HTTP one.
          if (err) failed = true;
          onDone(err);
        },
      );
      return { connected: !failed, watch: { abort: () => controller.abort() } };
    },
  };
}

/** KubernetesObjectApi.makeApiClient(kc), over the given configuration. */
class ObjectApi extends KubernetesObjectApi {
  constructor(configuration: Configuration, kc: KubeConfig) {
    super(configuration);
    this.setDefaultNamespace(kc);
  }
}

function loadKubeConfig(cluster: ClusterOptions, baseDir: string, pointer: string): KubeConfig {
  const kc = new KubeConfig();
  const fail = (message: string, at: string) => new LatticeError(ErrorCodes.INVALID_CONFIG, `kubernetes source, cluster "${cluster.name}": ${message}`, { location: { pointer: `${pointer}${at}` } });
  try {
    if (cluster.inCluster) {
      if (!process.env.KUBERNETES_SERVICE_HOST) throw fail('inCluster is set, but KUBERNETES_SERVICE_HOST is not: Lattice is not running in a pod', '/inCluster');
      kc.loadFromCluster();
    } else if (cluster.kubeconfig && /[\n{]/.test(cluster.kubeconfig.trim())) {
      kc.loadFromString(cluster.kubeconfig);
    } else if (cluster.kubeconfig) {
      const file = path.resolve(baseDir, cluster.kubeconfig.replace(/^~(?=$|\/)/, os.homedir()));
      if (!existsSync(file)) throw fail(`kubeconfig ${file} does not exist`, '/kubeconfig');
      kc.loadFromFile(file);
    } else {
      kc.loadFromDefault();
    }
  } catch (err) {
    if (err instanceof LatticeError) throw err;
    throw fail(`cannot read the kubeconfig: ${(err as Error).message}`, cluster.kubeconfig ? '/kubeconfig' : '');
  }
  if (cluster.context) {
    if (!kc.getContextObject(cluster.context)) throw fail(`the kubeconfig has no context "${cluster.context}" (it has: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'})`, '/context');
    kc.setCurrentContext(cluster.context);
  }
  if (!kc.getCurrentCluster()?.server) throw fail('the kubeconfig names no cluster server for the context', cluster.context ? '/context' : '');
  return kc;
}

/** A non-200 answer: the `Status` message when the body is one. */
function statusError(code: number, body: string): KubeApiError {
  try {
    const status = JSON.parse(body) as { kind?: string; message?: string; reason?: string; code?: number };
    if (status.kind === 'Status') return new KubeApiError(code, `HTTP ${code}${status.reason ? ` ${status.reason}` : ''}: ${status.message ?? ''}`.trim(), status.reason);
  } catch {
    // not JSON: the status code says enough
  }
  return new KubeApiError(code, `HTTP ${code}`);
}

/** A short, secret-free description of a failure (network errors carry their cause's code). */
export function describeError(err: unknown): string {
  if (err instanceof KubeApiError) return err.message;
  const e = err as { message?: string; statusCode?: number; cause?: { code?: string; message?: string } } | undefined;
  if (e?.statusCode) return `HTTP ${e.statusCode}${e.message ? ` ${e.message}` : ''}`;
  if (e?.cause?.code || e?.cause?.message) return `${e.message ?? 'request failed'}: ${e.cause.code ?? e.cause.message}`;
  return e?.message ?? String(err);
}
