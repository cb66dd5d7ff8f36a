/**
 * The observer: an entity change (a catalog write, a catalog-file reload, a live source's watch
 * event: whatever calls the gateway's `publishChange`) → at most one automation event, with Port's
 * `diff { before, after }`, and the entity's timers armed, moved or cancelled.
 *
 * It reads the entity as served (merged from every source), compares it with what automations
 * last saw (EntityStates), and when the content differs: names the event after (entity, seq, new
 * content), hands it to `emit` (a job queue whose id dedups), syncs the timers, then advances
 * the state with a compare-and-set. Replicas that observe the same change (every replica watches
 * Kubernetes) produce one event; a replica that dies between `emit` and `advance` leaves the
 * change to be observed again under the same name. Changes of one entity are observed one at a
 * time in a process.
 */
import type { Entity } from '../../model/entities/entity.ts';
import type { EntityStates } from '../../data/EntityStates.ts';
import type { EntityChange } from '../../data/topics.ts';
import type { Timers } from '../timers/timers.ts';
import { contentOf, entityEvent, portEntity, type AutomationEvent } from './events.ts';

export interface ObserverOptions {
  readonly read: (blueprint: string, identifier: string) => Promise<Entity | undefined>;
  readonly states: EntityStates;
  readonly timers: Timers;
  readonly emit: (event: AutomationEvent) => Promise<void>;
  readonly now?: () => Date;
}

export function stateKey(blueprint: string, identifier: string): string {
  return `${blueprint}:${identifier}`;
}

/** The stored state of an entity: Port's shape, as JSON ("" when it does not exist). */
export function stateJson(entity: Entity | undefined): string {
  return entity ? JSON.stringify(portEntity(entity)) : '';
}

export function createObserver(options: ObserverOptions): (change: EntityChange, depth: number) => Promise<void> {
  const now = options.now ?? (() => new Date());
  const queues = new Map<string, Promise<void>>();
  const observe = async (change: EntityChange, depth: number) => {
    const { blueprint, identifier } = change;
    const key = stateKey(blueprint, identifier);
    const entity = await options.read(blueprint, identifier);
    const state = await options.states.read(key);
    const before = state.json === '' ? null : (JSON.parse(state.json) as Record<string, unknown>);
    const after = entity ? portEntity(entity) : null;
    if (contentOf(before) === contentOf(after)) return;
    await options.emit(entityEvent({ blueprint, identifier, seq: state.seq, before, after, depth, at: now().toISOString() }));
    await options.timers.sync(blueprint, identifier, before?.properties as Record<string, unknown> | undefined, entity?.properties, depth);
    await options.states.advance(key, state.seq, stateJson(entity));
  };
  return (change, depth) => {
    const key = stateKey(change.blueprint, change.identifier);
    const next = (queues.get(key) ?? Promise.resolve()).then(() => observe(change, depth));
    const tracked = next.then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      if (queues.get(key) === tracked) queues.delete(key);
    });
    queues.set(key, tracked);
    return next;
  };
}
