/**
 * EntityReader: what the per-request loaders read from. The catalog store, with every live
 * source merged in (merge.ts) for the blueprints sources feed.
 *
 * Blueprints no source feeds go straight to the store (no cost added). For fed blueprints the
 * reader keeps a merged view per blueprint (mergedView.ts) and, once per request, brings it up to
 * date at the cost of what changed, not of the blueprint's size: the store says which entities
 * were written since the view's cursor (`EntityStore.changes`, one call; with Redis, one script),
 * watched sources say which of theirs changed since the view's version (`SnapshotChanges`), and
 * only those entities are merged again, with their reverse-index entries. Anything the reader
 * cannot follow that way (no view yet, a change log that does not reach back, a source whose
 * snapshot is replaced whole, as cached sources are, or turns stale) merges the blueprint again.
 * Refreshes of one blueprint run one after another, so none applies a change twice at once.
 *
 * A source that fails costs only its own fields: the catalog's entities are still served, marked
 * with the failure (`unavailable`); that merge is made for the request and not kept.
 *
 * Relations a source gave as search queries are resolved over the target blueprint's merge
 * (relationQueries.ts) before anything reads the list; the target's own queries are not needed
 * for that (the queries compare properties), so two blueprints querying each other do not wait
 * on each other. The resolution covers the whole blueprint and is kept while neither merge changes.
 */
import type { Entity } from '../model/entities/entity.ts';
import type { EntityStore } from './EntityStore.ts';
import type { BlueprintModel } from '../model/blueprints/model.ts';
import { mergeEntity, type Layer, type ServedEntity } from './merge.ts';
import { MergedView } from './mergedView.ts';
import { resolveRelationQueries } from './relationQueries.ts';
import type { Source, SourceSnapshot } from './Source.ts';

export interface EntityReadSession {
  getMany(blueprint: string, identifiers: readonly string[]): Promise<(Entity | undefined)[]>;
  list(blueprint: string): Promise<readonly Entity[]>;
  findByRelation(blueprint: string, relation: string, targets: readonly string[]): Promise<(readonly Entity[])[]>;
}

export interface EntityReader {
  /** A read session for one request: each fed blueprint is brought up to date at most once in it. */
  session(): EntityReadSession;
  /** The sources feeding a blueprint, in precedence order. */
  sourcesOf(blueprint: string): readonly Source[];
}

/** The reader `createEntityReader` makes, with its work counter. */
export interface CountedEntityReader extends EntityReader {
  /** Entities merged so far (tests and benchmarks: a change must cost its own entities, not the blueprint's). */
  mergeCount(): number;
}

/** What a source gave for the view: its snapshot, or why it could not. */
type Answer = { readonly snapshot: SourceSnapshot } | { readonly error: unknown };

const answered = (snapshot: SourceSnapshot): Answer => ({ snapshot });
const failed = (error: unknown): Answer => ({ error });

/** A fed blueprint's view with what it was made from. */
interface ViewState {
  readonly view: MergedView;
  /** The store's entities of the blueprint, by identifier. */
  readonly base: Map<string, Entity>;
  storeCursor: string;
  /** Per source, the snapshot the view follows. */
  snapshots: SourceSnapshot[];
  /** Per source whose snapshot is replaced whole (no `changes`): its layers by identifier. */
  readonly fixed: (Map<string, Layer[]> | undefined)[];
}

/** `model` gives the blueprints relation queries need (their relations' targets); without it they stay unresolved. */
export function createEntityReader(store: EntityStore, sources: readonly Source[], model?: () => BlueprintModel): CountedEntityReader {
  const feeding = (blueprint: string) => sources.filter((s) => s.feeds(blueprint));
  /** Whether a source feeds the blueprint (asked on every read: no array built). */
  const fed = (blueprint: string) => {
    for (const s of sources) if (s.feeds(blueprint)) return true;
    return false;
  };
  const states = new Map<string, ViewState>();
  /** Per blueprint, the last refresh asked for: refreshes of a blueprint run one after another. */
  const refreshes = new Map<string, Promise<MergedView>>();
  const resolved = new Map<string, { readonly from: MergedView; readonly version: number; readonly targets: readonly (readonly Entity[])[]; readonly view: MergedView }>();
  let merged = 0;
  const merge = (base: Entity | undefined, layers: readonly Layer[], unavailable: ServedEntity['unavailable']) => {
    merged++;
    return mergeEntity(base, layers, unavailable);
  };

  /** The whole blueprint merged from the store's list and every snapshot (kept as the state when no source failed). */
  const mergeAll = async (blueprint: string, feeders: readonly Source[], answers: readonly Answer[], storeCursor: string): Promise<MergedView> => {
    const list = await store.list(blueprint);
    const unavailable: ServedEntity['unavailable'][number][] = [];
    const layers = new Map<string, Layer[]>();
    const fixed: ViewState['fixed'] = [];
    answers.forEach((r, i) => {
      if ('error' in r) {
        unavailable.push({ source: feeders[i].name, error: r.error });
        return;
      }
      const own = r.snapshot.changes ? undefined : new Map<string, Layer[]>();
      fixed.push(own);
      for (const entity of r.snapshot.entities) {
        if (entity.blueprint !== blueprint) continue;
        const layer = { source: feeders[i].name, entity, snapshot: r.snapshot };
        for (const into of own ? [layers, own] : [layers]) {
          const l = into.get(entity.identifier);
          if (l) l.push(layer);
          else into.set(entity.identifier, [layer]);
        }
      }
    });
    const base = new Map(list.map((e) => [e.identifier, e]));
    const view = new MergedView();
    for (const e of list) view.set(e.identifier, merge(e, layers.get(e.identifier) ?? [], unavailable));
    for (const [id, l] of layers) if (!base.has(id)) view.set(id, merge(undefined, l, unavailable));
    if (unavailable.length === 0) states.set(blueprint, { view, base, storeCursor, snapshots: answers.map((r) => (r as { snapshot: SourceSnapshot }).snapshot), fixed });
    return view;
  };

  /** Brings the blueprint's view up to date with the store's changes and the snapshots (run on every read session: no allocation it can avoid). */
  const refreshNow = async (blueprint: string, snapshotOf: (s: Source) => Promise<SourceSnapshot>): Promise<MergedView> => {
    const feeders = feeding(blueprint);
    const state = states.get(blueprint);
    // Asked together; the answers never reject, so the store's changes are awaited first with no rejection left unhandled.
    const changing = store.changes(blueprint, state?.storeCursor);
    const answering = feeders.map((s) => snapshotOf(s).then(answered, failed));
    const changes = await changing;
    const answers = answering.length === 1 ? [await answering[0]] : await Promise.all(answering);
    if (!state || !changes.identifiers) return mergeAll(blueprint, feeders, answers, changes.cursor);
    const snapshots: SourceSnapshot[] = [];
    for (const r of answers) {
      if ('error' in r) return mergeAll(blueprint, feeders, answers, changes.cursor);
      snapshots.push(r.snapshot);
    }
    // Which entities changed: the store's writes, then the sources' (none: nothing to merge).
    let changed = changes.identifiers.length ? new Set(changes.identifiers) : undefined;
    for (let i = 0; i < snapshots.length; i++) {
      const now = snapshots[i];
      const then = state.snapshots[i];
      const same = now.fetchedAt.getTime() === then.fetchedAt.getTime() && now.stale === then.stale;
      // A snapshot replaced whole (cached sources) is the same while its array is (a watched one's `entities` is not read here: gathering it costs every entity).
      if (now === then || (same && !now.changes && !then.changes && now.entities === then.entities)) continue;
      const keys = same && now.changes && then.changes ? now.changes.since(then.changes.version) : undefined;
      // Undefined: one cannot say, merge everything again.
      if (!keys) return mergeAll(blueprint, feeders, answers, changes.cursor);
      for (const k of keys) if (k.blueprint === blueprint) (changed ??= new Set()).add(k.identifier);
    }
    if (changes.identifiers.length) {
      const ids = [...new Set(changes.identifiers)];
      const written = await store.getMany(blueprint, ids);
      ids.forEach((id, i) => {
        const e = written[i];
        if (e) state.base.set(id, e);
        else state.base.delete(id);
      });
    }
    if (changed) {
      for (const id of changed) {
        const layers: Layer[] = [];
        snapshots.forEach((s, i) => {
          const fixed = state.fixed[i]?.get(id);
          if (fixed) layers.push(...fixed);
          else for (const entity of s.changes?.entitiesOf(blueprint, id) ?? []) layers.push({ source: feeders[i].name, entity, snapshot: s });
        });
        const base = state.base.get(id);
        state.view.set(id, base || layers.length ? merge(base, layers, []) : undefined);
      }
    }
    state.storeCursor = changes.cursor;
    state.snapshots = snapshots;
    return state.view;
  };

  const refresh = (blueprint: string, snapshotOf: (s: Source) => Promise<SourceSnapshot>): Promise<MergedView> => {
    const run = (refreshes.get(blueprint) ?? Promise.resolve()).catch(() => undefined).then(() => refreshNow(blueprint, snapshotOf));
    refreshes.set(blueprint, run);
    return run;
  };

  return {
    sourcesOf: feeding,
    mergeCount: () => merged,
    session() {
      // One snapshot per source per request (a failing source is asked once, not once per blueprint).
      // The maps are made on first use: a session is opened per request, subscription event and observed change.
      let snapshots: Map<Source, Promise<SourceSnapshot>> | undefined;
      const snapshotOf = (source: Source) => {
        let p = (snapshots ??= new Map<Source, Promise<SourceSnapshot>>()).get(source);
        if (!p) snapshots.set(source, (p = source.snapshot()));
        return p;
      };
      let unresolved: Map<string, Promise<MergedView>> | undefined;
      const unresolvedOf = (blueprint: string) => {
        let p = (unresolved ??= new Map<string, Promise<MergedView>>()).get(blueprint);
        if (!p) unresolved.set(blueprint, (p = refresh(blueprint, snapshotOf)));
        return p;
      };
      let views: Map<string, Promise<MergedView>> | undefined;
      const viewOf = (blueprint: string) => {
        let p = (views ??= new Map<string, Promise<MergedView>>()).get(blueprint);
        // A view without relation queries is served as it is (no resolution step to wait for).
        if (!p) views.set(blueprint, (p = unresolvedOf(blueprint).then((v) => (v.queried ? resolveQueries(v, blueprint) : v))));
        return p;
      };
      /** The view with its entities' relation queries resolved over their targets' merges. */
      const resolveQueries = async (v: MergedView, blueprint: string): Promise<MergedView> => {
        const blueprints = model?.();
        if (!blueprints || !v.queried) return v;
        const version = v.version;
        const targetNames = [...new Set(Object.values(blueprints.get(blueprint)?.relations ?? {}).map((r) => r.target))];
        const targets = await Promise.all(targetNames.map((t): Promise<readonly Entity[]> => (fed(t) ? unresolvedOf(t).then((u) => u.list()) : store.list(t))));
        const previous = resolved.get(blueprint);
        if (previous && previous.from === v && previous.version === version && previous.targets.every((t, i) => t === targets[i])) return previous.view;
        const listOf = (t: string) => Promise.resolve(targets[targetNames.indexOf(t)] ?? []);
        const view = MergedView.of(await Promise.all(v.list().map((e) => resolveRelationQueries(e, blueprints, listOf))));
        resolved.set(blueprint, { from: v, version, targets, view });
        return view;
      };
      return {
        async getMany(blueprint, ids) {
          if (!fed(blueprint)) return store.getMany(blueprint, ids);
          const view = await viewOf(blueprint);
          return ids.map((id) => view.get(id));
        },
        async list(blueprint) {
          if (!fed(blueprint)) return store.list(blueprint);
          return (await viewOf(blueprint)).list();
        },
        async findByRelation(blueprint, relation, targets) {
          if (!fed(blueprint)) return store.findByRelation(blueprint, relation, targets);
          const view = await viewOf(blueprint);
          return targets.map((t) => view.byRelation(relation, t));
        },
      };
    },
  };
}
