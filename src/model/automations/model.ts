/**
 * The automation model: Port's automation format (an action whose `trigger.type` is
 * `automation`) as typed, validated data.
 *
 *   { identifier, title, trigger: { type: automation, event: { type, blueprintIdentifier,
 *     propertyIdentifier | actionIdentifier, before? }, condition?: { type: JQ, expressions,
 *     combinator } }, invocationMethod, publish? }
 *
 * An automation's execution is a run like any other: `action` is the Action the run engine
 * invokes (the automation's identifier, title and invocation method, no user inputs), so every
 * invoker (WEBHOOK, GITHUB, KUBERNETES, UPSERT_ENTITY) serves automations unchanged.
 */
import type { Expression } from '../expressions.ts';
import type { Action } from '../actions/model.ts';

export const ENTITY_EVENTS = ['ENTITY_CREATED', 'ENTITY_UPDATED', 'ENTITY_DELETED', 'ANY_ENTITY_CHANGE'] as const;
export const TIMER_EVENTS = ['TIMER_PROPERTY_EXPIRED', 'TIMER_PROPERTY_EXPIRING'] as const;
export const RUN_EVENTS = ['RUN_CREATED', 'RUN_UPDATED', 'ANY_RUN_CHANGE'] as const;
export const AUTOMATION_EVENTS = [...ENTITY_EVENTS, ...TIMER_EVENTS, ...RUN_EVENTS] as const;

/** What an automation listens to (`trigger.event`). */
export type EventSpec =
  | { readonly type: (typeof ENTITY_EVENTS)[number]; readonly blueprintIdentifier: string }
  | { readonly type: 'TIMER_PROPERTY_EXPIRED'; readonly blueprintIdentifier: string; readonly propertyIdentifier: string }
  /** Lattice: fires `beforeMs` before the timer expires (`before: "1h"`). */
  | { readonly type: 'TIMER_PROPERTY_EXPIRING'; readonly blueprintIdentifier: string; readonly propertyIdentifier: string; readonly beforeMs: number }
  | { readonly type: (typeof RUN_EVENTS)[number]; readonly actionIdentifier: string };

export interface AutomationCondition {
  readonly expressions: readonly Expression[];
  readonly combinator: 'and' | 'or';
}

export interface Automation {
  readonly identifier: string;
  readonly title: string;
  readonly description?: string;
  readonly event: EventSpec;
  /** null: every event of the trigger fires the automation. */
  readonly condition: AutomationCondition | null;
  /** What the run engine invokes for it (see the header). */
  readonly action: Action;
  /** Port's `publish`: false turns the automation off. */
  readonly publish: boolean;
}

export interface AutomationSet {
  readonly automations: readonly Automation[];
  get(identifier: string): Automation | undefined;
}

export function createAutomationSet(automations: readonly Automation[]): AutomationSet {
  const sorted = [...automations].sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0));
  const byId = new Map(sorted.map((a) => [a.identifier, a]));
  return { automations: sorted, get: (id) => byId.get(id) };
}
