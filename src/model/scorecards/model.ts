/**
 * The scorecard model: Port's scorecard format as typed, validated data.
 *
 * A scorecard grades the entities of one blueprint (those its `filter` selects) into ordered
 * levels. Each rule belongs to a level; an entity reaches a level when every rule of that level
 * and of every level below it passes (Port's semantics). The first level needs no rule: every
 * evaluated entity has at least it. Without `levels`, Port's defaults: Basic, Bronze, Silver, Gold.
 *
 * Lattice extensions (docs/orchestration.md): `blueprint` in the scorecard itself (Port keeps it in
 * the API path), a rule's `actions` (the actions that can fix it, named when a gate refuses), and
 * comparisons of two properties (`value: { "property": "<key>" }`, src/model/query/ruleSyntax.ts).
 */
import type { ErrorLocation } from '../../errors/index.ts';
import type { RuleQuery } from '../query/portRules.ts';
import type { KnownScorecards } from '../query/ruleCheck.ts';

export const DEFAULT_LEVELS: readonly ScorecardLevel[] = Object.freeze([
  { title: 'Basic', color: 'paleBlue' },
  { title: 'Bronze', color: 'bronze' },
  { title: 'Silver', color: 'silver' },
  { title: 'Gold', color: 'gold' },
]);

export interface ScorecardLevel {
  readonly title: string;
  readonly color?: string;
}

export interface ScorecardRule {
  readonly identifier: string;
  readonly title: string;
  readonly description?: string;
  /** A level's title; never the first level. */
  readonly level: string;
  /** Its position in the scorecard's levels (1 or more). */
  readonly rank: number;
  /** Port's `conditions` read as the rule language's `rules`. */
  readonly query: RuleQuery;
  /** Actions that can fix a failure of this rule (Lattice extension). */
  readonly actions: readonly string[];
}

export interface Scorecard {
  readonly identifier: string;
  readonly title: string;
  readonly description?: string;
  readonly blueprint: string;
  /** Only entities matching it are evaluated (Port's `filter`). */
  readonly filter?: RuleQuery;
  readonly levels: readonly ScorecardLevel[];
  /** Ordered by level, then as written. */
  readonly rules: readonly ScorecardRule[];
  readonly raw: Readonly<Record<string, unknown>>;
  readonly origin: { readonly file: string; readonly pointer: string; locate(pointer: string): ErrorLocation };
}

/** Every scorecard, by blueprint; identifiers are unique within a blueprint (as in Port). */
export interface ScorecardSet extends KnownScorecards {
  readonly scorecards: readonly Scorecard[];
  forBlueprint(blueprint: string): readonly Scorecard[];
  get(blueprint: string, identifier: string): Scorecard | undefined;
}

export function createScorecardSet(scorecards: readonly Scorecard[]): ScorecardSet {
  const byBlueprint = new Map<string, Scorecard[]>();
  for (const s of scorecards) byBlueprint.set(s.blueprint, [...(byBlueprint.get(s.blueprint) ?? []), s]);
  const get = (blueprint: string, identifier: string) => byBlueprint.get(blueprint)?.find((s) => s.identifier === identifier);
  return {
    scorecards,
    forBlueprint: (blueprint) => byBlueprint.get(blueprint) ?? [],
    get,
    levelsOf: (blueprint, identifier) => get(blueprint, identifier)?.levels.map((l) => l.title),
  };
}

/** A level's position in the scorecard (0: the first), or -1. */
export const levelRank = (scorecard: Scorecard, title: string): number => scorecard.levels.findIndex((l) => l.title === title);
