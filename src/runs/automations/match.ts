/**
 * Which automations an event fires: the trigger (`trigger.event`: type, blueprint, property or
 * action; ANY_ENTITY_CHANGE and ANY_RUN_CHANGE take every change of their kind) and then the
 * condition, Port's jq expressions over the event context combined with `and` (default) or
 * `or`. An expression holds when its first output is neither false nor null; one that fails
 * does not hold (the failure is reported through `onError`, the automation does not fire).
 */
import type { Automation, AutomationSet, EventSpec } from '../../model/automations/model.ts';
import type { AutomationEvent } from './events.ts';

export function triggeredBy(spec: EventSpec, event: AutomationEvent): boolean {
  switch (spec.type) {
    case 'ENTITY_CREATED':
    case 'ENTITY_UPDATED':
    case 'ENTITY_DELETED':
      return event.type === spec.type && event.blueprint === spec.blueprintIdentifier;
    case 'ANY_ENTITY_CHANGE':
      return (event.type === 'ENTITY_CREATED' || event.type === 'ENTITY_UPDATED' || event.type === 'ENTITY_DELETED') && event.blueprint === spec.blueprintIdentifier;
    case 'TIMER_PROPERTY_EXPIRED':
      return event.type === spec.type && event.blueprint === spec.blueprintIdentifier && event.property === spec.propertyIdentifier;
    case 'TIMER_PROPERTY_EXPIRING':
      return event.type === spec.type && event.blueprint === spec.blueprintIdentifier && event.property === spec.propertyIdentifier && event.beforeMs === spec.beforeMs;
    case 'RUN_CREATED':
    case 'RUN_UPDATED':
      return event.type === spec.type && event.action === spec.actionIdentifier;
    case 'ANY_RUN_CHANGE':
      return (event.type === 'RUN_CREATED' || event.type === 'RUN_UPDATED') && event.action === spec.actionIdentifier;
  }
}

export function conditionHolds(automation: Automation, event: AutomationEvent, onError: (err: unknown) => void = () => undefined): boolean {
  const condition = automation.condition;
  if (!condition) return true;
  const results = condition.expressions.map((expression) => {
    try {
      const value = expression.evaluate(event.context);
      return value !== false && value !== null && value !== undefined;
    } catch (err) {
      onError(err);
      return false;
    }
  });
  return condition.combinator === 'or' ? results.some(Boolean) : results.every(Boolean);
}

/** The published automations an event fires, in identifier order. */
export function automationsFor(set: AutomationSet, event: AutomationEvent, onError?: (automation: Automation, err: unknown) => void): Automation[] {
  return set.automations.filter((a) => a.publish && triggeredBy(a.event, event) && conditionHolds(a, event, (err) => onError?.(a, err)));
}

/** Whether any published automation listens to events of this kind at all (nothing to queue otherwise). */
export function anyListens(set: AutomationSet, event: AutomationEvent): boolean {
  return set.automations.some((a) => a.publish && triggeredBy(a.event, event));
}
