/**
 * An action's `trigger.condition`: Port's rule language (src/model/query/portRules.ts) over the entity a
 * DAY-2 or DELETE run is on. An action with no condition applies to every entity of its blueprint.
 * `relatedTo` rules need the catalog, hence the RuleContext.
 */
import type { Entity } from '../entities/entity.ts';
import { evaluateRules, type RuleContext } from '../query/portRules.ts';
import type { Action } from './model.ts';

export async function entityMatchesCondition(action: Action, entity: Entity, context: RuleContext): Promise<boolean> {
  const condition = action.trigger.condition;
  if (!condition) return true;
  const [matches] = await evaluateRules(condition, [entity], context);
  return matches === true;
}
