/**
 * Read paths: which other entities an entity's served content reads, as relation paths from its
 * blueprint, so that a change to one entity can find the entities whose mirror, aggregation or
 * calculation values, scorecard levels or served relations it may change (dependents.ts).
 *
 * A path starts at the reading blueprint (position 0) and goes hop by hop to blueprints at
 * positions 1…n. A hop is `forward` when the entity nearer the reader holds the relation (a
 * mirror's `system.domain.$title`), backward when the farther one does (an aggregation counts
 * entities that point at the reader). An entity at any position 1…n is read: its change can
 * change the reader. What reads what:
 *
 * - a mirror property: its relation hops, forward;
 * - an aggregation property: the relation path from its target to the blueprint, backward;
 * - a scorecard (its filter and rules): relation path rules (`{ property: { path } }`), forward,
 *   or backward with `fromBlueprint`; a `{ relation, maxHops }` step unrolled up to its hops
 *   (at most MAX_UNROLL) while the relation leads back to the same blueprint; its other rules read
 *   the entity's own values (mirror and aggregation values among them, covered above);
 * - every relation: whether its target exists (a deleted target leaves the relation dangling),
 *   `existence` paths, which only a creation or a deletion changes.
 *
 * Not read: `relatedTo` rules (transitive over up to 10 hops of every relation), aggregation
 * `query` paths of the aggregated entities (their own mirrors change them, and they are
 * dependents of what they mirror). Calculations read the entity alone.
 */
import type { Blueprint, BlueprintModel } from '../../model/blueprints/model.ts';
import { aggregationPaths } from '../../model/blueprints/paths.ts';
import { isGroup, isPathRule, type PathStep, type Rule, type RuleQuery } from '../../model/query/ruleSyntax.ts';
import type { ScorecardSet } from '../../model/scorecards/model.ts';

export interface ReadHop {
  readonly relation: string;
  /** true: the entity nearer the reader holds the relation; false: the farther one does. */
  readonly forward: boolean;
}

export interface ReadPath {
  /** What reads: `mirror "envTier"`, `aggregation "services"`, `scorecard "Readiness"`, `relation "env"`. */
  readonly reason: string;
  /** The blueprints at positions 0 (the reader) … n. */
  readonly blueprints: readonly string[];
  /** hops[i] joins positions i and i + 1. */
  readonly hops: readonly ReadHop[];
  /** Only a creation or a deletion at the far end changes what is read (a relation's target exists or not). */
  readonly existence: boolean;
}

/** A read path seen from a blueprint it reaches: the path, and the position of that blueprint in it. */
export interface ReadAt {
  readonly path: ReadPath;
  readonly position: number;
}

const MAX_UNROLL = 4;

/** Every read path of every blueprint, indexed by the blueprints they reach (positions ≥ 1). */
export function readPaths(model: BlueprintModel, scorecards: ScorecardSet): ReadonlyMap<string, readonly ReadAt[]> {
  const byId = new Map(model.blueprints.map((b) => [b.identifier, b]));
  const paths: ReadPath[] = [];
  const forwardPath = (reason: string, start: string, relations: readonly string[], existence = false): ReadPath | undefined => {
    const blueprints = [start];
    for (const relation of relations) {
      const target = byId.get(blueprints[blueprints.length - 1])?.relations[relation]?.target;
      if (!target) return undefined;
      blueprints.push(target);
    }
    return { reason, blueprints, hops: relations.map((relation) => ({ relation, forward: true })), existence };
  };
  for (const bp of model.blueprints) {
    for (const [key, m] of Object.entries(bp.mirrorProperties)) {
      const hops = m.path.split('.').slice(0, -1);
      const p = forwardPath(`mirror "${key}"`, bp.identifier, hops);
      if (p) paths.push(p);
    }
    for (const [key, agg] of Object.entries(bp.aggregationProperties)) {
      const found = aggregationPaths(bp, agg, byId);
      if (!('paths' in found)) continue;
      for (const path of found.paths) {
        const reversed = [...path].reverse();
        paths.push({ reason: `aggregation "${key}"`, blueprints: [bp.identifier, ...reversed.map((h) => h.from)], hops: reversed.map((h) => ({ relation: h.relation, forward: false })), existence: false });
      }
    }
    for (const relation of Object.keys(bp.relations)) {
      const p = forwardPath(`relation "${relation}"`, bp.identifier, [relation], true);
      if (p) paths.push(p);
    }
    for (const scorecard of scorecards.forBlueprint(bp.identifier)) {
      const queries = [...(scorecard.filter ? [scorecard.filter] : []), ...scorecard.rules.map((r) => r.query)];
      for (const rule of queries.flatMap(pathRules)) {
        const from = rule.property.fromBlueprint;
        const relations = unroll(from ?? bp.identifier, rule.property.path, byId);
        if (from === undefined) {
          const p = forwardPath(`scorecard "${scorecard.identifier}"`, bp.identifier, relations);
          if (p) paths.push(p);
        } else {
          // Followed from `fromBlueprint` to this blueprint: the same hops seen from the end, backward.
          const p = forwardPath('', from, relations);
          if (p && p.blueprints[p.blueprints.length - 1] === bp.identifier) {
            paths.push({ reason: `scorecard "${scorecard.identifier}"`, blueprints: [...p.blueprints].reverse(), hops: [...relations].reverse().map((relation) => ({ relation, forward: false })), existence: false });
          }
        }
      }
    }
  }
  const index = new Map<string, ReadAt[]>();
  for (const path of paths) {
    path.blueprints.forEach((blueprint, position) => {
      if (position === 0) return;
      const list = index.get(blueprint) ?? [];
      list.push({ path, position });
      index.set(blueprint, list);
    });
  }
  return index;
}

function pathRules(query: RuleQuery): Extract<Rule, { operator: 'matchAny' }>[] {
  return query.rules.flatMap((r) => (isGroup(r) ? pathRules(r) : isPathRule(r) ? [r] : []));
}

/** The relations of a path from `start`, a `{ relation, maxHops }` step repeated while it leads back to the blueprint it starts from. */
function unroll(start: string, steps: readonly PathStep[], byId: ReadonlyMap<string, Blueprint>): string[] {
  const out: string[] = [];
  let current = start;
  for (const step of steps) {
    const relation = typeof step === 'string' ? step : step.relation;
    const target = byId.get(current)?.relations[relation]?.target;
    out.push(relation);
    if (typeof step !== 'string' && target === current) for (let i = 1; i < Math.min(step.maxHops, MAX_UNROLL); i++) out.push(relation);
    if (target === undefined) return out;
    current = target;
  }
  return out;
}

/** The blueprints the given ones read (positions ≥ 1 of their paths): what must be recorded so their changes are seen with a `before`. */
export function blueprintsRead(index: ReadonlyMap<string, readonly ReadAt[]>, readers: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const [blueprint, list] of index) if (list.some((r) => readers.has(r.path.blueprints[0]))) out.add(blueprint);
  return out;
}
