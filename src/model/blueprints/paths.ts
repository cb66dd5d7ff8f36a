/**
 * Relation paths between blueprints, for aggregation properties.
 *
 * An aggregation on blueprint B over target T counts (or sums…) the T entities related to a B
 * entity. "Related" means reachable by following T's relations forward until B: each path is a
 * list of relation identifiers starting at T. `pathFilter` names the paths; without it, every
 * shortest path is used (the usual case is one direct relation, e.g. Component.system → System).
 */
import type { AggregationPropertyDef, Blueprint } from './model.ts';

export interface RelationHop {
  /** The blueprint that holds the relation. */
  readonly from: string;
  readonly relation: string;
  /** The blueprint the relation points at. */
  readonly to: string;
}

export type RelationPath = readonly RelationHop[];

/** The paths of an aggregation, or why they do not resolve (a message for the aggregation's location). */
export type AggregationPaths = { readonly paths: readonly RelationPath[] } | { readonly problem: string };

const MAX_DEPTH = 4;

export function aggregationPaths(bp: Blueprint, agg: AggregationPropertyDef, byId: ReadonlyMap<string, Blueprint>): AggregationPaths {
  if (agg.pathFilter && agg.pathFilter.length > 0) {
    const paths: RelationPath[] = [];
    for (const { path, fromBlueprint } of agg.pathFilter) {
      const followed = followPath(fromBlueprint ?? agg.target, path, bp.identifier, byId);
      if (typeof followed === 'string') return { problem: followed };
      paths.push(followed);
    }
    return { paths };
  }
  const paths = shortestPaths(agg.target, bp.identifier, byId);
  if (paths.length === 0) return { problem: `no relation path leads from "${agg.target}" to "${bp.identifier}" within ${MAX_DEPTH} hops; set "pathFilter"` };
  return { paths };
}

/** The hops of one `pathFilter` path, or the problem with it. */
function followPath(start: string, path: readonly string[], end: string, byId: ReadonlyMap<string, Blueprint>): RelationPath | string {
  const hops: RelationHop[] = [];
  let current = start;
  for (const relation of path) {
    const rel = byId.get(current)?.relations[relation];
    if (!rel) return `pathFilter: "${current}" has no relation "${relation}"`;
    hops.push({ from: current, relation, to: rel.target });
    current = rel.target;
  }
  if (current !== end) return `pathFilter [${path.join(', ')}] ends at "${current}", not "${end}"`;
  return hops;
}

function shortestPaths(start: string, end: string, byId: ReadonlyMap<string, Blueprint>): RelationPath[] {
  let frontier: RelationPath[] = [[]];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const next: RelationPath[] = [];
    for (const path of frontier) {
      const at = path.length ? path[path.length - 1].to : start;
      for (const [relation, rel] of Object.entries(byId.get(at)?.relations ?? {})) {
        const loops = rel.target === start || path.some((h) => h.from === rel.target);
        if (loops && rel.target !== end) continue;
        next.push([...path, { from: at, relation, to: rel.target }]);
      }
    }
    const done = next.filter((p) => p[p.length - 1].to === end);
    if (done.length > 0) return done;
    frontier = next;
  }
  return [];
}
