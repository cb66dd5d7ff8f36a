/**
 * Gates: scorecard levels an action requires of the entity it runs on, checked before any run
 * exists. Two ways to write one, both on DAY-2 and DELETE actions:
 *
 * - Port's condition rule kind, at the top level of an `and` condition (or as the whole
 *   condition): `{ "scorecard": "ProductionReadiness", "operator": ">=", "value": "Gold" }`. The
 *   loader moves such rules out of the condition into the gates, so a failure says which rules
 *   to fix (GATE_FAILED) instead of "the action does not apply" (a scorecard rule nested in an
 *   `or` stays part of the condition).
 * - Lattice's `gates` block: `[{ "scorecard", "level", "if"? }]`, the level as a minimum; `if` is a
 *   jq expression over `{ inputs, entity, trigger }` (e.g. `.inputs.environment == "production"`):
 *   the gate applies only when it is true.
 *
 * A failure lists, for each failed gate, the entity's level and the rules that keep it below the
 * level required (rules of that level and below that fail), each with its description and the
 * actions that can fix it (a rule's `actions`). An entity the scorecard's filter leaves out has no
 * level and fails the gate (a gate is a requirement: not evaluated is not met).
 */
import type { Entity } from '../entities/entity.ts';
import { compileExpression } from '../expressions.ts';
import type { RuleContext } from '../query/portRules.ts';
import type { SCORECARD_OPERATORS } from '../query/ruleSyntax.ts';
import { evaluateScorecard, levelMatches } from './evaluate.ts';
import { levelRank, type ScorecardSet } from './model.ts';

export interface ActionGate {
  readonly scorecard: string;
  readonly operator: (typeof SCORECARD_OPERATORS)[number];
  readonly value: string | readonly string[];
  /** jq over `{ inputs, entity, trigger }`: the gate applies only when it yields true. */
  readonly if?: string;
  /** Where the gate is written in its action (for messages). */
  readonly pointer: string;
}

export interface FailedRule {
  readonly identifier: string;
  readonly title: string;
  readonly description: string | null;
  readonly level: string;
  /** Actions that can fix it (the rule's `actions`). */
  readonly actions: readonly string[];
}

export interface GateFailure {
  readonly scorecard: string;
  readonly title: string;
  /** What the gate requires, e.g. ">= Gold". */
  readonly required: string;
  /** The entity's level; null when the scorecard's filter leaves the entity out. */
  readonly level: string | null;
  readonly failedRules: readonly FailedRule[];
}

export interface GateCheck {
  readonly gates: readonly ActionGate[];
  readonly entity: Entity;
  /** What `if` expressions read besides the entity. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly trigger: unknown;
  readonly scorecards: ScorecardSet;
  readonly rules: RuleContext;
}

const truthy = (v: unknown) => v !== null && v !== undefined && v !== false;

/** The gates the entity fails (none: the execution may go on). */
export async function failedGates(check: GateCheck): Promise<GateFailure[]> {
  const { entity } = check;
  const applying = check.gates.filter((g) => g.if === undefined || truthy(compileExpression(g.if).evaluate({ inputs: check.inputs, entity, trigger: check.trigger })));
  const failures: GateFailure[] = [];
  for (const gate of applying) {
    const scorecard = check.scorecards.get(entity.blueprint, gate.scorecard);
    if (!scorecard) continue; // checked at load time; a reload may have removed it together with the action's gate
    const [result] = await evaluateScorecard(scorecard, [entity], check.rules);
    if (levelMatches(scorecard, result?.rank, gate)) continue;
    const target = targetRank(gate, (t) => levelRank(scorecard, t));
    const failedRules = (result?.rules ?? [])
      .filter((r) => !r.passed && r.rule.rank <= target)
      .map(({ rule }) => ({ identifier: rule.identifier, title: rule.title, description: rule.description ?? null, level: rule.level, actions: rule.actions }));
    const value = typeof gate.value === 'string' ? gate.value : `[${gate.value.join(', ')}]`;
    failures.push({ scorecard: scorecard.identifier, title: scorecard.title, required: `${gate.operator} ${value}`, level: result?.level ?? null, failedRules });
  }
  return failures;
}

/** The lowest level that meets the gate: the rules up to it are the ones to fix (-1: passing rules cannot help). */
function targetRank(gate: ActionGate, rank: (title: string) => number): number {
  const ranks = (typeof gate.value === 'string' ? [gate.value] : gate.value).map(rank);
  switch (gate.operator) {
    case '=':
    case '>=':
      return ranks[0];
    case '>':
      return ranks[0] + 1;
    case 'in':
      return Math.min(...ranks);
    default:
      return -1;
  }
}

/** One line per failure, for the error message. */
export function describeFailures(failures: readonly GateFailure[]): string {
  return failures
    .map((f) => {
      const rules = f.failedRules.map((r) => `"${r.title}"${r.actions.length ? ` (fix: ${r.actions.join(', ')})` : ''}`).join(', ');
      return `${f.title} is ${f.level ?? 'not evaluated'}, ${f.required} required${rules ? `; failing: ${rules}` : ''}`;
    })
    .join('; ');
}
