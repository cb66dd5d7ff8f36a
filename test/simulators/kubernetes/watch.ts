/**
 * Watches: `GET <collection>?watch=true` answered with 200 and a stream of newline-delimited JSON
 * watch events, `{"type":"ADDED"|"MODIFIED"|"DELETED"|"BOOKMARK"|"ERROR","object":{…}}`.
 *
 * - `resourceVersion` unset or "0": synthetic ADDED events for the objects that exist, then changes
 *   (`sendInitialEvents=false` skips the synthetic events). A resourceVersion N: every change after
 *   N, then live ones. Below the oldest resourceVersion kept, the watch is "too old": by default
 *   200 then one ERROR event holding a 410 Expired Status and the end of the stream (what
 *   kube-apiserver's watch cache does), or with `expiredWatch: 'status'` an HTTP 410 Status.
 * - Label and field selectors filter events; an object modified into or out of the selection
 *   arrives as ADDED or DELETED, as from the API server.
 * - `allowWatchBookmarks=true`: BOOKMARK events (the kind, apiVersion and the current
 *   resourceVersion only) every `bookmarkIntervalMs` and on `bookmarkAll()`; with
 *   `sendInitialEvents=true`, one after the synthetic events annotated
 *   `k8s.io/initial-events-end: "true"`.
 * - `timeoutSeconds` ends the stream after that long. `Accept: …as=Table…` streams Tables.
 * - The hub can end every open watch cleanly, abruptly (sockets destroyed), or with a 410 ERROR
 *   event (a resourceVersion expired in the middle of a watch).
 */
import type http from 'node:http';
import { selection, selects, parseResourceVersion, tooOld, type ResourceRequest, type Selection } from './api.ts';
import type { Cluster, ClusterEvent } from './cluster.ts';
import type { KubeObject } from './objects.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';
import type { StatusObject } from './status.ts';
import { tableVersionAccepted, toTable } from './tables.ts';

export interface WatchHubOptions {
  /** Interval between BOOKMARK events on watches that allow them (default 15 s). */
  readonly bookmarkIntervalMs?: number;
  /** How a watch from a too-old resourceVersion is refused (default 'event'). */
  readonly expiredWatch?: 'event' | 'status';
}

interface OpenWatch {
  readonly type: ResourceType;
  readonly allowBookmarks: boolean;
  lastResourceVersion: number;
  write(type: string, object: unknown): void;
  end(): void;
  destroy(): void;
}

const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' };

export class WatchHub {
  readonly #cluster: Cluster;
  readonly #bookmarkIntervalMs: number;
  readonly expiredWatch: 'event' | 'status';
  readonly #open = new Set<OpenWatch>();

  constructor(cluster: Cluster, options: WatchHubOptions = {}) {
    this.#cluster = cluster;
    this.#bookmarkIntervalMs = options.bookmarkIntervalMs ?? 15_000;
    this.expiredWatch = options.expiredWatch ?? 'event';
  }

  /** Watch connections open now. */
  get size(): number {
    return this.#open.size;
  }

  /**
   * Starts a watch on `res`. Errors found before the stream starts (bad selectors, a too-old
   * resourceVersion with `expiredWatch: 'status'`) are thrown as ApiError for the caller to answer.
   */
  start(res: http.ServerResponse, r: ResourceRequest): void {
    const cluster = this.#cluster;
    const { type, query } = r;
    const s = selection(type, r.namespace, query);
    const requested = parseResourceVersion(query.get('resourceVersion'));
    const allowBookmarks = query.get('allowWatchBookmarks') === 'true';
    const sendInitialEvents = query.get('sendInitialEvents');
    const table = tableVersionAccepted(r.accept);
    let replay: readonly ClusterEvent[] | undefined = [];
    if (requested !== undefined) {
      replay = cluster.eventsSince(requested);
      if (!replay) {
        const error = tooOld(cluster, requested);
        if (this.expiredWatch === 'status') throw error;
        res.writeHead(200, HEADERS);
        res.end(line('ERROR', error.status));
        return;
      }
    }

    res.writeHead(200, HEADERS);
    res.flushHeaders();
    const timers: NodeJS.Timeout[] = [];
    let closed = false;
    const watch: OpenWatch = {
      type,
      allowBookmarks,
      lastResourceVersion: requested ?? cluster.resourceVersion,
      write(eventType, object) {
        if (!closed) res.write(line(eventType, object));
      },
      end() {
        if (!closed) res.end();
        dispose();
      },
      destroy() {
        res.socket?.destroy();
        dispose();
      },
    };
    const present = (object: KubeObject): unknown =>
      table ? toTable(type, [object], { includeObject: 'Object', now: cluster.now(), apiVersion: table, metadata: { resourceVersion: object.metadata.resourceVersion } }) : object;
    const send = (eventType: string, object: KubeObject): void => {
      watch.lastResourceVersion = Number(object.metadata.resourceVersion);
      watch.write(eventType, present(object));
    };
    const listener = (event: ClusterEvent): void => {
      const projected = project(event, type, s);
      if (projected) send(projected, event.object);
    };
    const unsubscribe = cluster.subscribe(listener);
    const dispose = (): void => {
      if (closed) return;
      closed = true;
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      this.#open.delete(watch);
    };
    res.on('close', dispose);
    this.#open.add(watch);

    if (requested === undefined) {
      if (sendInitialEvents !== 'false') for (const object of cluster.items(type, r.namespace)) if (selects(s, object)) send('ADDED', object);
      if (sendInitialEvents === 'true' && allowBookmarks) watch.write('BOOKMARK', bookmark(type, cluster.resourceVersion, true));
    } else {
      for (const event of replay) listener(event);
    }
    if (allowBookmarks && this.#bookmarkIntervalMs > 0) {
      const timer = setInterval(() => this.#bookmark(watch), this.#bookmarkIntervalMs);
      timer.unref();
      timers.push(timer);
    }
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
    if (timeoutSeconds > 0) {
      const timer = setTimeout(() => watch.end(), timeoutSeconds * 1000);
      timer.unref();
      timers.push(timer);
    }
  }

  #bookmark(watch: OpenWatch): void {
    watch.lastResourceVersion = this.#cluster.resourceVersion;
    watch.write('BOOKMARK', bookmark(watch.type, this.#cluster.resourceVersion, false));
  }

  /** Sends a BOOKMARK now on every watch that allows them. */
  bookmarkAll(): void {
    for (const watch of this.#open) if (watch.allowBookmarks) this.#bookmark(watch);
  }

  /** Ends every open watch: cleanly (the stream ends) or abruptly (the connection is destroyed). */
  dropAll(options: { abrupt?: boolean } = {}): void {
    for (const watch of [...this.#open]) {
      if (options.abrupt) watch.destroy();
      else watch.end();
    }
  }

  /** Sends every open watch an ERROR event with a 410 Expired Status, then ends it. */
  expireAll(): void {
    for (const watch of [...this.#open]) {
      const error: StatusObject = tooOld(this.#cluster, watch.lastResourceVersion).status;
      watch.write('ERROR', error);
      watch.end();
    }
  }
}

function line(type: string, object: unknown): string {
  return `${JSON.stringify({ type, object })}\n`;
}

function bookmark(type: ResourceType, resourceVersion: number, initialEventsEnd: boolean): Record<string, unknown> {
  return {
    kind: type.kind,
    apiVersion: apiVersionOf(type),
    metadata: { resourceVersion: String(resourceVersion), creationTimestamp: null, ...(initialEventsEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}) },
  };
}

/** The event type a watcher with selection `s` sees for `event`, if any. */
function project(event: ClusterEvent, type: ResourceType, s: Selection): string | undefined {
  if (event.resource !== type) return undefined;
  const now = selects(s, event.object);
  if (event.type !== 'MODIFIED') return now ? event.type : undefined;
  const before = event.previous ? selects(s, event.previous) : now;
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  if (before) return 'DELETED';
  return undefined;
}
