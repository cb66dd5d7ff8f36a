/**
 * A reflector keeps one collection of one cluster (a resource kind, in all namespaces or one)
 * mapped and current: it lists the collection page by page (`limit`/`continue`), then watches it
 * from the list's resourceVersion with bookmarks, applying every event in order.
 *
 * - **Only what the mappings need is kept**: each object is mapped as it arrives, and the reflector
 *   holds, per object, its resourceVersion and the entities mapped from it; never the object. An
 *   index by entity key (entityIndex.ts) answers `entitiesOf` for a reader re-merging one entity.
 * - **410 Gone** (an ERROR event with code 410, or an HTTP 410): re-list, and diff the new list
 *   against what is held (objects whose resourceVersion did not change are not mapped again).
 * - **Dropped connections** reconnect from the last resourceVersion seen: at once after a watch
 *   that delivered events (or a 410 re-list), then with exponential backoff (250 ms doubling to
 *   `maxBackoffMs`, with jitter) while attempts fail or watches end without events. The loop is
 *   p-retry's (src/data/upstream.ts `retry`, retrying until stopped): one attempt is one list (when
 *   needed) and watch; an attempt that should reconnect at once resolves, and the next one starts
 *   with a fresh backoff; one that should back off throws.
 * - **Failure**: a list or watch request that the API server refuses or cannot answer marks the
 *   reflector failing (`error`). Its entities are still served, marked stale, for `graceMs`, then
 *   withdrawn (reported as DELETED) until the cluster answers again; then they are served again
 *   (reported as UPSERTED) and kept current by the resumed watch or a re-list.
 *
 * Changes to the mapped entities (not to the objects: a status write that no mapping reads
 * changes nothing) are reported through `onChange`, once the initial list is done.
 */
import type { Logger } from 'pino';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import type { EntityChange } from '../../src/data/topics.ts';
import { mapOrSkip, type CompiledMapping } from '../../src/data/mapping.ts';
import { retry, type RetryPolicy } from '../../src/data/upstream.ts';
import { describeError, KubeApiError, type ClusterClient, type KubeObject, type WatchEvent } from './client.ts';
import { EntityIndex } from './entityIndex.ts';
import type { ResourceOptions } from './options.ts';

const BASE_BACKOFF_MS = 250;
const EMPTY: readonly EntityInput[] = Object.freeze([]);

/** What is kept of one object: its resourceVersion and what the mappings made of it. */
interface Held {
  readonly rv: string;
  readonly entities: readonly EntityInput[];
}

export interface ReflectorOptions {
  readonly client: ClusterClient;
  /** `group/version/resource` as configured, for messages. */
  readonly kind: string;
  /** The collection's path (all namespaces or one). */
  readonly collection: string;
  readonly namespace: string | undefined;
  readonly selectors: Pick<ResourceOptions, 'labelSelector' | 'fieldSelector'>;
  readonly mappings: readonly CompiledMapping[];
  readonly pageSize: number;
  readonly maxBackoffMs: number;
  /** How long a failing reflector's entities are still served (stale) before they are withdrawn. */
  readonly graceMs: number;
  readonly log: Logger;
  /** Called when the served entities change (the snapshot must be rebuilt), with the entity changes. */
  readonly onChange: (changes: readonly EntityChange[]) => void;
}

export class Reflector {
  readonly kind: string;
  readonly namespace: string | undefined;
  private readonly o: ReflectorOptions;
  private held = new Map<string, Held>();
  private index = new EntityIndex();
  /** When the collection was last listed: what `fetchedAt` says of its entities (the watch keeps them current since). */
  listedAt = new Date();
  private resourceVersion = '';
  private listed = false;
  private failure: { message: string; since: Date } | undefined;
  private withdrawn = false;
  private graceTimer: NodeJS.Timeout | undefined;
  private readonly stopper = new AbortController();
  private current: { abort(): void } | undefined;
  private resyncing = false;
  private settle!: () => void;
  /** Resolves once the initial list is done and watched, or an attempt failed. */
  readonly settled = new Promise<void>((resolve) => (this.settle = resolve));
  /** Re-lists done (410s and recoveries), for tests and logs. */
  relists = 0;

  constructor(options: ReflectorOptions) {
    this.o = options;
    this.kind = options.kind;
    this.namespace = options.namespace;
  }

  /** Listed and watching, with no failure. */
  get synced(): boolean {
    return this.listed && !this.failure;
  }

  /** Whether its entities are in the served state (listed and not withdrawn). */
  get served(): boolean {
    return this.listed && !this.withdrawn;
  }

  /** Served, but the cluster is failing: what is served may be out of date. */
  get stale(): boolean {
    return this.served && this.failure !== undefined;
  }

  get error(): string | undefined {
    return this.failure?.message;
  }

  get size(): number {
    return this.held.size;
  }

  /** The entities held, in object order. */
  *entities(): Iterable<EntityInput> {
    for (const h of this.held.values()) yield* h.entities;
  }

  /** The entities held with this key. */
  entitiesOf(blueprint: string, identifier: string): readonly EntityInput[] {
    return this.index.get(blueprint, identifier);
  }

  /** Re-lists (and diffs) at once, as after a 410. */
  resync(): void {
    this.resyncing = true;
    this.current?.abort();
  }

  start(): void {
    void this.run().catch((err: unknown) => {
      if (!this.stopper.signal.aborted) this.o.log.error({ err, kind: this.kind, cluster: this.o.client.name }, 'kubernetes reflector stopped');
    });
  }

  stop(): void {
    this.stopper.abort();
    this.current?.abort();
    clearTimeout(this.graceTimer);
    this.settle();
  }

  private async run(): Promise<void> {
    const signal = this.stopper.signal;
    const policy: RetryPolicy = { retries: Infinity, backoff: { minMs: BASE_BACKOFF_MS, maxMs: this.o.maxBackoffMs, jitter: true }, signal };
    while (!signal.aborted) {
      try {
        await retry(() => this.cycle(), policy);
      } catch (err) {
        if (!signal.aborted) throw err;
      }
    }
  }

  /** One list (when needed) and watch: resolves to reconnect at once, throws to back off. */
  private async cycle(): Promise<void> {
    try {
      if (!this.resourceVersion || this.resyncing) {
        this.resyncing = false;
        await this.list();
      }
      const outcome = await this.watch();
      if (this.resyncing) return;
      if (outcome.expired) {
        this.o.log.info({ kind: this.kind, cluster: this.o.client.name }, 'kubernetes watch expired (410): re-listing');
        this.resourceVersion = '';
        return;
      }
      // A watch that delivered events reconnects at once; one that ended empty backs off.
      if (outcome.events > 0) return;
    } catch (err) {
      if (this.stopper.signal.aborted) throw err;
      if (isExpired(err)) {
        // A watch from an expired resourceVersion re-lists at once; a list that keeps expiring backs off.
        const watching = this.resourceVersion !== '';
        this.resourceVersion = '';
        if (watching) return;
      } else {
        this.fail(err);
      }
    }
    throw new BackOff();
  }

  /** Lists every page, maps what changed, diffs against what is held, and swaps. */
  private async list(): Promise<void> {
    let fresh = new Map<string, Held>();
    let resourceVersion = '';
    let cont: string | undefined;
    let restarts = 0;
    do {
      let page;
      try {
        page = await this.o.client.list(this.o.collection, { limit: this.o.pageSize, continue: cont, ...this.o.selectors }, this.stopper.signal);
      } catch (err) {
        // An expired continue token: start the list again (a few times at most).
        if (cont && isExpired(err) && restarts++ < 3) {
          fresh = new Map();
          cont = undefined;
          continue;
        }
        throw err;
      }
      if (!cont) resourceVersion = page.metadata.resourceVersion ?? '';
      // List items carry no kind/apiVersion (as the API serves them); watch events do: add them.
      const kind = page.kind?.replace(/List$/, '');
      const apiVersion = page.apiVersion;
      for (const item of page.items) {
        const object = kind && item.kind === undefined ? { kind, apiVersion, ...item } : item;
        const key = keyOf(object);
        const rv = object.metadata.resourceVersion ?? '';
        const before = this.held.get(key);
        if (before && before.rv === rv && rv !== '') {
          fresh.set(key, before);
        } else {
          const mapped = await this.map(object);
          const changes: EntityChange[] = [];
          if (before) diff(before.entities, mapped, changes);
          fresh.set(key, { rv, entities: before && changes.length === 0 ? before.entities : mapped });
        }
      }
      cont = page.metadata.continue || undefined;
    } while (cont);
    if (this.stopper.signal.aborted) return;
    const changes: EntityChange[] = [];
    if (this.listed) {
      for (const [key, h] of fresh) {
        const before = this.held.get(key);
        if (before?.entities !== h.entities) diff(before?.entities ?? EMPTY, h.entities, changes);
      }
      for (const [key, h] of this.held) if (!fresh.has(key)) diff(h.entities, EMPTY, changes);
      this.relists++;
    }
    this.held = fresh;
    this.index = new EntityIndex();
    for (const h of fresh.values()) this.index.add(h.entities);
    this.listedAt = new Date();
    this.resourceVersion = resourceVersion;
    const first = !this.listed;
    const wasWithdrawn = this.withdrawn;
    this.listed = true;
    this.recovered();
    // The first list is the initial state, not a change; after a withdrawal, recovered() reported it all.
    this.o.onChange(first || wasWithdrawn ? [] : changes);
  }

  /** One watch stream, from the current resourceVersion, until it ends. */
  private async watch(): Promise<{ events: number; expired: boolean }> {
    let events = 0;
    let expired = false;
    let streamError: unknown;
    let chain = Promise.resolve();
    let ended!: () => void;
    const done = new Promise<void>((resolve) => (ended = resolve));
    let doneErr: unknown;
    const { connected, watch } = await this.o.client.watch(
      this.o.collection,
      { resourceVersion: this.resourceVersion, ...this.o.selectors },
      (event) => {
        events++;
        chain = chain.then(() => this.apply(event)).then(
          (r) => {
            if (r === 'expired') expired = true;
            else if (r instanceof Error) streamError = r;
          },
          (err: unknown) => {
            streamError = err;
          },
        );
      },
      (err) => {
        doneErr = err;
        ended();
      },
    );
    if (!connected) {
      await done;
      throw doneErr;
    }
    this.current = watch;
    this.recovered();
    this.settle(); // listed and watching: synced
    await done;
    this.current = undefined;
    await chain;
    if (expired) return { events, expired };
    if (streamError) {
      // An ERROR event other than 410 ends the stream; the server answered, so reconnect (with backoff).
      this.o.log.warn({ kind: this.kind, cluster: this.o.client.name, err: describeError(streamError) }, 'kubernetes watch ended with an error');
      return { events: 0, expired: false };
    }
    if (isExpired(doneErr)) return { events, expired: true };
    // A dropped connection is not a failure yet: the reconnection tells.
    if (doneErr && !this.stopper.signal.aborted) this.o.log.debug({ kind: this.kind, cluster: this.o.client.name, err: describeError(doneErr) }, 'kubernetes watch dropped');
    return { events, expired };
  }

  private async apply(event: WatchEvent): Promise<'expired' | Error | undefined> {
    const object = event.object;
    switch (event.type) {
      case 'BOOKMARK':
        if (object?.metadata?.resourceVersion) this.resourceVersion = object.metadata.resourceVersion;
        return undefined;
      case 'ERROR':
        if (object?.code === 410) return 'expired';
        return new KubeApiError(object?.code ?? 500, `watch error${object?.code ? ` ${object.code}` : ''}${object?.reason ? ` ${object.reason}` : ''}: ${object?.message ?? ''}`.trim(), object?.reason);
      case 'ADDED':
      case 'MODIFIED': {
        const key = keyOf(object);
        const rv = object.metadata.resourceVersion ?? '';
        const before = this.held.get(key);
        if (!before || before.rv !== rv || rv === '') {
          const mapped = await this.map(object);
          const changes: EntityChange[] = [];
          diff(before?.entities ?? EMPTY, mapped, changes);
          // Unchanged entities keep their identity: the served snapshot need not be rebuilt.
          const entities = before && changes.length === 0 ? before.entities : mapped;
          this.held.set(key, { rv, entities });
          if (entities !== before?.entities) {
            if (before) this.index.remove(before.entities);
            this.index.add(entities);
          }
          if (changes.length && !this.withdrawn) this.o.onChange(changes);
        }
        if (rv) this.resourceVersion = rv;
        return undefined;
      }
      case 'DELETED': {
        const key = keyOf(object);
        const before = this.held.get(key);
        if (before) {
          this.held.delete(key);
          this.index.remove(before.entities);
          const changes: EntityChange[] = [];
          diff(before.entities, EMPTY, changes);
          if (changes.length && !this.withdrawn) this.o.onChange(changes);
        }
        if (object.metadata.resourceVersion) this.resourceVersion = object.metadata.resourceVersion;
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * The object through every mapping of the kind. Lattice's mappings see it with `cluster` (the
   * cluster's name); Port's see it exactly as the API serves it, with `env.CLUSTER_NAME` set to
   * the cluster's name as Port's k8s exporter is configured.
   */
  private async map(object: KubeObject): Promise<readonly EntityInput[]> {
    const input = { ...object, cluster: this.o.client.name };
    const context = { env: { CLUSTER_NAME: this.o.client.name } };
    const out: EntityInput[] = [];
    const warn = (fields: Record<string, unknown>, message: string) => this.o.log.warn({ ...fields, cluster: this.o.client.name }, message);
    for (const m of this.o.mappings) out.push(...(await mapOrSkip(m, m.port ? object : input, context, warn, keyOf(object))));
    return out.length ? out : EMPTY;
  }

  private fail(err: unknown): void {
    const message = `${this.kind}${this.namespace ? ` in namespace ${this.namespace}` : ''}: ${describeError(err)}`;
    const first = !this.failure;
    this.failure = { message, since: this.failure?.since ?? new Date() };
    if (first) {
      this.o.log.warn({ kind: this.kind, cluster: this.o.client.name, err: message }, 'kubernetes cluster failing');
      if (this.o.graceMs > 0 && this.listed) this.graceTimer = setTimeout(() => this.withdraw(), this.o.graceMs).unref();
      else this.withdraw();
    }
    this.settle();
  }

  /** The failure outlasted the grace: the entities leave the served state. */
  private withdraw(): void {
    if (!this.failure || this.withdrawn) return;
    const changes: EntityChange[] = [];
    if (this.listed) for (const h of this.held.values()) diff(h.entities, EMPTY, changes);
    this.withdrawn = true;
    this.o.onChange(changes);
  }

  /** The API server answered again: the failure is over; withdrawn entities are served again. */
  private recovered(): void {
    clearTimeout(this.graceTimer);
    if (!this.failure) return;
    this.o.log.info({ kind: this.kind, cluster: this.o.client.name }, 'kubernetes cluster answering again');
    this.failure = undefined;
    const changes: EntityChange[] = [];
    if (this.withdrawn && this.listed) for (const h of this.held.values()) diff(EMPTY, h.entities, changes);
    this.withdrawn = false;
    this.o.onChange(changes);
  }
}

/** What an attempt throws to back off (whatever it failed with: p-retry never retries a TypeError that is not a network error). */
class BackOff extends Error {
  constructor() {
    super('back off');
    this.name = 'BackOff';
  }
}

function keyOf(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

function isExpired(err: unknown): boolean {
  const e = err as { statusCode?: number; code?: number } | undefined;
  return e?.statusCode === 410 || e?.code === 410;
}

/** The entity changes from one object's entities to another's (by blueprint and identifier). */
function diff(before: readonly EntityInput[], after: readonly EntityInput[], out: EntityChange[]): void {
  if (before === after) return;
  const key = (e: EntityInput) => `${e.blueprint}\0${e.identifier}`;
  const old = new Map(before.map((e) => [key(e), e]));
  for (const e of after) {
    const was = old.get(key(e));
    old.delete(key(e));
    if (!was || JSON.stringify(was) !== JSON.stringify(e)) out.push({ blueprint: e.blueprint, identifier: e.identifier, change: 'UPSERTED' });
  }
  for (const e of old.values()) out.push({ blueprint: e.blueprint, identifier: e.identifier, change: 'DELETED' });
}
