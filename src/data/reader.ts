/**
 * EntityReader: what the per-request loaders read from. The catalog store, with every live
 * source merged in (merge.ts) for the blueprints sources feed.
 *
 * Blueprints no source feeds go straight to the store (no cost added). For fed blueprints a
 * session merges the store's list with each source's snapshot once, then answers `getMany` and
 * `findByRelation` from that merged list. A source that fails costs only its own fields: the
 * catalog's entities are still served, marked with the failure (`unavailable`).
 *
 * Relations a source gave as search queries are resolved over the target blueprint's merge
 * (relationQueries.ts) before anything reads the list; the target's own queries are not needed
 * for that (the queries compare properties), so two blueprints querying each other do not wait
 * on each other. The resolution is kept while neither merge changes.
 */
import type { Entity } from '../model/entities/entity.ts';
import { relationTargets } from '../model/entities/entity.ts';
import type { EntityStore } from './EntityStore.ts';
import type { BlueprintModel } from '../model/blueprints/model.ts';
import { mergeEntity, type Layer, type ServedEntity } from './merge.ts';
import { resolveRelationQueries } from './relationQueries.ts';
import type { Source, SourceSnapshot } from './Source.ts';

export interface EntityReadSession {
  getMany(blueprint: string, identifiers: readonly string[]): Promise<(Entity | undefined)[]>;
  list(blueprint: string): Promise<readonly Entity[]>;
  findByRelation(blueprint: string, relation: string, targets: readonly string[]): Promise<(readonly Entity[])[]>;
}

export interface EntityReader {
  /** A read session for one request: merged lists are computed at most once in it. */
  session(): EntityReadSession;
  /** The sources feeding a blueprint, in precedence order. */
  sourcesOf(blueprint: string): readonly Source[];
}

/** `model` gives the blueprints relation queries need (their relations' targets); without it they stay unresolved. */
export function createEntityReader(store: EntityStore, sources: readonly Source[], model?: () => BlueprintModel): EntityReader {
  const feeding = (blueprint: string) => sources.filter((s) => s.feeds(blueprint));
  const lastMerge = new Map<string, Merged>();
  const lastResolved = new WeakMap<Merged, { readonly targets: readonly (readonly Entity[])[]; readonly merged: Merged }>();
  return {
    sourcesOf: feeding,
    session() {
      // One snapshot per source per request (a failing source is asked once, not once per blueprint).
      const snapshots = new Map<Source, Promise<SourceSnapshot>>();
      const snapshotOf = (source: Source) => {
        let p = snapshots.get(source);
        if (!p) snapshots.set(source, (p = source.snapshot()));
        return p;
      };
      const unresolved = new Map<string, Promise<Merged>>();
      const unresolvedOf = (blueprint: string) => {
        let p = unresolved.get(blueprint);
        if (!p) unresolved.set(blueprint, (p = mergeBlueprint(store, feeding(blueprint), blueprint, snapshotOf, lastMerge)));
        return p;
      };
      const merged = new Map<string, Promise<Merged>>();
      const mergedOf = (blueprint: string) => {
        let p = merged.get(blueprint);
        if (!p) merged.set(blueprint, (p = unresolvedOf(blueprint).then((m) => resolveQueries(m, blueprint))));
        return p;
      };
      /** The merge with its entities' relation queries resolved over their targets' merges. */
      const resolveQueries = async (m: Merged, blueprint: string): Promise<Merged> => {
        const blueprints = model?.();
        if (!blueprints || !m.queried) return m;
        const targetNames = [...new Set(Object.values(blueprints.get(blueprint)?.relations ?? {}).map((r) => r.target))];
        const targets = await Promise.all(targetNames.map((t): Promise<readonly Entity[]> => (feeding(t).length ? unresolvedOf(t).then((u) => u.list) : store.list(t))));
        const previous = lastResolved.get(m);
        if (previous && previous.targets.every((t, i) => t === targets[i])) return previous.merged;
        const listOf = (t: string) => Promise.resolve(targets[targetNames.indexOf(t)] ?? []);
        const list = await Promise.all(m.list.map((e) => resolveRelationQueries(e, blueprints, listOf)));
        const result: Merged = { list, byId: new Map(list.map((e) => [e.identifier, e])), inputs: m.inputs, reverse: new Map(), queried: false };
        lastResolved.set(m, { targets, merged: result });
        return result;
      };
      return {
        async getMany(blueprint, ids) {
          if (feeding(blueprint).length === 0) return store.getMany(blueprint, ids);
          const { byId } = await mergedOf(blueprint);
          return ids.map((id) => byId.get(id));
        },
        async list(blueprint) {
          if (feeding(blueprint).length === 0) return store.list(blueprint);
          return (await mergedOf(blueprint)).list;
        },
        async findByRelation(blueprint, relation, targets) {
          if (feeding(blueprint).length === 0) return store.findByRelation(blueprint, relation, targets);
          const index = reverseIndex(await mergedOf(blueprint), relation);
          return targets.map((t) => index.get(t) ?? []);
        },
      };
    },
  };
}

interface Merged {
  readonly list: ServedEntity[];
  readonly byId: Map<string, ServedEntity>;
  /** relation → target → the entities pointing at it; built on first use, kept with the merge. */
  readonly reverse: Map<string, Map<string, ServedEntity[]>>;
  /** What the merge was made from: reused while the store's list and every snapshot are the same. */
  readonly inputs: readonly unknown[];
  /** Whether some entity still holds relation search queries (found once, when the merge is made, not per request). */
  readonly queried: boolean;
}

/** The reverse index of a relation over a merged list: one pass, then reused while the merge is. */
function reverseIndex(merged: Merged, relation: string): Map<string, ServedEntity[]> {
  let index = merged.reverse.get(relation);
  if (!index) {
    index = new Map();
    for (const e of merged.list) {
      for (const t of relationTargets(e, relation)) {
        const list = index.get(t);
        if (list) list.push(e);
        else index.set(t, [e]);
      }
    }
    merged.reverse.set(relation, index);
  }
  return index;
}

async function mergeBlueprint(store: EntityStore, sources: readonly Source[], blueprint: string, snapshotOf: (s: Source) => Promise<SourceSnapshot>, lastMerge: Map<string, Merged>): Promise<Merged> {
  const [base, ...snapshots] = await Promise.all([store.list(blueprint), ...sources.map((s) => snapshotOf(s).then((snapshot) => ({ snapshot }), (error: unknown) => ({ error })))]);
  // The in-process store and cache hand out the same arrays until something changes: then the
  // previous merge is still right, and merging thousands of entities per request is avoided.
  const inputs: unknown[] = [base, ...snapshots.flatMap((r): unknown[] => ('snapshot' in r ? [r.snapshot.entities, r.snapshot.fetchedAt.getTime(), r.snapshot.stale] : [r]))];
  const previous = lastMerge.get(blueprint);
  if (previous && previous.inputs.length === inputs.length && previous.inputs.every((x, i) => x === inputs[i])) return previous;
  const unavailable: ServedEntity['unavailable'][number][] = [];
  const layers = new Map<string, Layer[]>();
  snapshots.forEach((r, i) => {
    if ('error' in r) {
      unavailable.push({ source: sources[i].name, error: r.error });
      return;
    }
    for (const entity of r.snapshot.entities) {
      if (entity.blueprint !== blueprint) continue;
      const list = layers.get(entity.identifier) ?? [];
      list.push({ source: sources[i].name, entity, snapshot: r.snapshot });
      layers.set(entity.identifier, list);
    }
  });
  const byId = new Map<string, ServedEntity>();
  for (const e of base) byId.set(e.identifier, mergeEntity(e, layers.get(e.identifier) ?? [], unavailable));
  for (const [id, l] of layers) if (!byId.has(id)) byId.set(id, mergeEntity(undefined, l, unavailable));
  const list = [...byId.values()];
  const result = { list, byId, inputs, reverse: new Map(), queried: list.some((e) => e.relationQueries !== undefined) };
  if (unavailable.length === 0) lastMerge.set(blueprint, result);
  return result;
}
