/**
 * The actions a scorecard rule names as its fixes (`actions`, a Lattice extension) must exist and
 * run on the scorecard's blueprint (a DAY-2 or DELETE action of that blueprint, or an action that
 * runs on no entity: a CREATE action, or one that names no blueprint): a gate's refusal names
 * them as what to run next. Checked once scorecards and actions
 * are both loaded; problems are INVALID_SCORECARD errors located at the action's name.
 */
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import type { ActionSet } from '../actions/model.ts';
import type { ScorecardSet } from './model.ts';

export function fixActionProblems(scorecards: ScorecardSet, actions: ActionSet): LatticeError[] {
  const out: LatticeError[] = [];
  for (const s of scorecards.scorecards) {
    const written = (s.raw.rules as { identifier: string; actions?: string[] }[]) ?? [];
    written.forEach((rule, i) => {
      (rule.actions ?? []).forEach((id, k) => {
        const action = actions.get(id);
        const on = action?.trigger.blueprintIdentifier;
        const problem = !action
          ? `rule "${rule.identifier}" names action "${id}" as a fix, and there is no such action; known: ${actions.actions.map((a) => a.identifier).join(', ') || '(none)'}`
          : action.trigger.operation !== 'CREATE' && on !== undefined && on !== s.blueprint
            ? `rule "${rule.identifier}" names action "${id}" as a fix, but it runs on "${on}" entities, not "${s.blueprint}"`
            : undefined;
        if (problem) out.push(new LatticeError(ErrorCodes.INVALID_SCORECARD, `scorecard "${s.identifier}": ${problem}`, { location: s.origin.locate(`/rules/${i}/actions/${k}`) }));
      });
    });
  }
  return out;
}
