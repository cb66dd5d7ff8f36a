/**
 * Automation events: what happened (an entity created, updated or deleted; a timer expired or
 * about to; a run created or updated), named so that every replica names the same happening
 * alike (`id`: the idempotency key of its runs), with Port's event context, what conditions and
 * templates read (`.event`):
 *
 *   { action, resourceType, trigger: { by, origin, at }, context: { blueprintIdentifier,
 *     entityIdentifier, propertyIdentifier, actionIdentifier, runId }, diff: { before, after } }
 */
import { createHash } from 'node:crypto';
import type { Entity } from '../../model/entities/entity.ts';
import type { Run } from '../../data/run.ts';

export type EventType = 'ENTITY_CREATED' | 'ENTITY_UPDATED' | 'ENTITY_DELETED' | 'TIMER_PROPERTY_EXPIRED' | 'TIMER_PROPERTY_EXPIRING' | 'RUN_CREATED' | 'RUN_UPDATED';

export interface PortEventContext {
  readonly action: string;
  readonly resourceType: 'entity' | 'run';
  readonly trigger: { readonly by: { readonly user: string | null }; readonly origin: 'API' | 'AUTOMATION' | 'SOURCE' | 'TIMER'; readonly at: string };
  readonly context: {
    readonly blueprintIdentifier: string | null;
    readonly entityIdentifier: string | null;
    readonly propertyIdentifier: string | null;
    readonly actionIdentifier?: string | null;
    readonly runId?: string | null;
  };
  readonly diff: { readonly before: unknown; readonly after: unknown };
}

export interface AutomationEvent {
  readonly id: string;
  readonly type: EventType;
  /** How many automation runs led to it (0: a person's change, a source's, the clock). */
  readonly depth: number;
  readonly blueprint: string | null;
  readonly identifier: string | null;
  readonly property: string | null;
  readonly action: string | null;
  /** TIMER_PROPERTY_EXPIRING: how long before expiry it fires (automations with that `before` take it). */
  readonly beforeMs?: number;
  readonly context: PortEventContext;
}

export function eventId(...parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** A scorecard's outcome for an entity, as Port's entity carries it under `scorecards.<identifier>`. */
export interface ScorecardOutcome {
  readonly level: string;
  readonly rules: readonly { readonly identifier: string; readonly level: string; readonly status: 'SUCCESS' | 'FAILURE' }[];
}

/**
 * An entity as automations observe it: as served (src/server/servedEntities.ts), mirror,
 * calculation and aggregation values among its `properties`, relations to entities that do not
 * exist left out, and its scorecards' levels.
 */
export interface ObservedEntity extends Entity {
  readonly scorecards?: Readonly<Record<string, ScorecardOutcome>>;
}

/** The entity as Port's events carry it (`diff.before` / `diff.after`). */
export function portEntity(e: ObservedEntity): Record<string, unknown> {
  return {
    identifier: e.identifier,
    title: e.title,
    icon: e.icon,
    blueprint: e.blueprint,
    team: e.team,
    properties: e.properties,
    relations: e.relations,
    ...(e.scorecards ? { scorecards: e.scorecards } : {}),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/**
 * What decides that an entity changed, and names the change: its content, not its timestamps (a
 * live source's entity is stamped by each replica that merges it, so they differ between replicas).
 */
export function contentOf(e: Readonly<Record<string, unknown>> | null): string {
  if (!e) return '';
  const { createdAt: _c, updatedAt: _u, ...rest } = e;
  return JSON.stringify(rest);
}

export interface EntityEventInput {
  readonly blueprint: string;
  readonly identifier: string;
  readonly seq: number;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly depth: number;
  readonly at: string;
  /** `contentOf(after)`, when the caller has it already (the observer compares it). */
  readonly content?: string;
}

export function entityEvent(i: EntityEventInput): AutomationEvent {
  const type: EventType = i.after === null ? 'ENTITY_DELETED' : i.before === null ? 'ENTITY_CREATED' : 'ENTITY_UPDATED';
  const by = ((i.after ?? i.before)?.updatedBy as string | undefined) ?? null;
  return {
    id: eventId('entity', i.blueprint, i.identifier, i.seq, i.content ?? contentOf(i.after)),
    type,
    depth: i.depth,
    blueprint: i.blueprint,
    identifier: i.identifier,
    property: null,
    action: null,
    context: {
      action: type === 'ENTITY_CREATED' ? 'CREATE' : type === 'ENTITY_DELETED' ? 'DELETE' : 'UPDATE',
      resourceType: 'entity',
      trigger: { by: { user: by }, origin: i.depth > 0 ? 'AUTOMATION' : by ? 'API' : 'SOURCE', at: i.at },
      context: { blueprintIdentifier: i.blueprint, entityIdentifier: i.identifier, propertyIdentifier: null },
      diff: { before: i.before, after: i.after },
    },
  };
}

export interface TimerEventInput {
  readonly kind: 'TIMER_PROPERTY_EXPIRED' | 'TIMER_PROPERTY_EXPIRING';
  readonly entity: ObservedEntity;
  readonly property: string;
  readonly expiresAt: string;
  /** For EXPIRING: how long before expiry, in ms (one event per distinct warning). */
  readonly beforeMs?: number;
  /** The chain depth of the change that set the timer. */
  readonly depth: number;
  readonly at: string;
}

export function timerEvent(i: TimerEventInput): AutomationEvent {
  const e = portEntity(i.entity);
  return {
    id: eventId('timer', i.kind, i.entity.blueprint, i.entity.identifier, i.property, i.expiresAt, i.beforeMs ?? 0),
    type: i.kind,
    depth: i.depth,
    blueprint: i.entity.blueprint,
    identifier: i.entity.identifier,
    property: i.property,
    action: null,
    ...(i.beforeMs !== undefined ? { beforeMs: i.beforeMs } : {}),
    context: {
      action: i.kind === 'TIMER_PROPERTY_EXPIRED' ? 'TIMER_EXPIRED' : 'TIMER_EXPIRING',
      resourceType: 'entity',
      trigger: { by: { user: null }, origin: 'TIMER', at: i.at },
      context: { blueprintIdentifier: i.entity.blueprint, entityIdentifier: i.entity.identifier, propertyIdentifier: i.property },
      diff: { before: e, after: e },
    },
  };
}

export function runEvent(run: Run): AutomationEvent {
  const type: EventType = run.revision === 1 ? 'RUN_CREATED' : 'RUN_UPDATED';
  const { sealedInputs: _s, executorTokenHash: _t, ...visible } = run;
  return {
    id: eventId('run', run.id, run.revision),
    type,
    depth: run.trigger.automation?.depth ?? 0,
    blueprint: run.blueprint,
    identifier: run.entity,
    property: null,
    action: run.action,
    context: {
      action: type === 'RUN_CREATED' ? 'CREATE' : 'UPDATE',
      resourceType: 'run',
      trigger: { by: { user: run.createdBy }, origin: run.trigger.automation ? 'AUTOMATION' : 'API', at: run.updatedAt },
      context: { blueprintIdentifier: run.blueprint, entityIdentifier: run.entity, propertyIdentifier: null, actionIdentifier: run.action, runId: run.id },
      diff: { before: null, after: visible },
    },
  };
}
