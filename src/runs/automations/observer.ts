/**
 * The observer: an entity change (a catalog write, a catalog-file reload, a live source's watch
 * event: whatever calls the gateway's `publishChange`) → at most one automation event, with Port's
 * `diff { before, after }`, and the entity's timers armed, moved or cancelled; then the same for
 * its dependents (dependents.ts): the entities whose served content (mirror, aggregation and
 * calculation values, scorecard levels, relations to entities that exist) it can change.
 *
 * It reads the entity as served, compares it with what automations last saw (EntityStates), and
 * when the content differs: names the event after (entity, seq, new content), hands it to `emit`
 * (a job queue whose id dedups), syncs the timers, then advances the state with a
 * compare-and-set. Replicas that observe the same change (every replica watches Kubernetes)
 * produce one event; a replica that dies between `emit` and `advance` leaves the change to be
 * observed again under the same name. Changes of one entity are observed one at a time in a
 * process.
 *
 * Dependents are observed at the depth of the change that caused them (the loop guard counts
 * them like the change itself), breadth first: the dependents of a dependent whose content
 * changed are looked up in turn, each entity at most once per change, at most `maxDependents`
 * per change (0: none are looked up); those beyond are reported to `onDropped` and not observed. A dependent whose
 * content changed is published (`publish`, the `entityChanged` topic) by the observer whose
 * compare-and-set won, so a change two replicas observe is published once.
 */
import type { EntityKey } from '../../model/entities/entity.ts';
import type { EntityStates } from '../../data/EntityStates.ts';
import type { EntityChange } from '../../data/topics.ts';
import type { Timers } from '../timers/timers.ts';
import type { ChangedEntity } from './dependents.ts';
import { contentOf, entityEvent, portEntity, type AutomationEvent, type ObservedEntity } from './events.ts';

export interface ObserverOptions {
  /** The entity as served (computed values, scorecards), or undefined when it does not exist. */
  readonly read: (blueprint: string, identifier: string) => Promise<ObservedEntity | undefined>;
  readonly states: EntityStates;
  readonly timers: Timers;
  readonly emit: (event: AutomationEvent) => Promise<void>;
  /** The entities whose served content a change can change (none when absent). */
  readonly dependents?: (changed: ChangedEntity) => Promise<readonly EntityKey[]>;
  /** Publishes a dependent's change to `entityChanged` subscribers. */
  readonly publish?: (change: EntityChange) => Promise<void>;
  /** How many dependents one change observes at most. */
  readonly maxDependents?: number;
  /** Dependents of a change left unobserved past `maxDependents`. */
  readonly onDropped?: (change: EntityChange, dropped: number) => void;
  readonly now?: () => Date;
}

export function stateKey(blueprint: string, identifier: string): string {
  return `${blueprint}:${identifier}`;
}

/** The stored state of an entity: Port's shape, as JSON ("" when it does not exist). */
export function stateJson(entity: ObservedEntity | undefined): string {
  return entity ? JSON.stringify(portEntity(entity)) : '';
}

/** One entity observed: what it was and is, and whether that is a change (an entity never recorded counts as changed). */
interface Observed extends ChangedEntity {
  readonly changed: boolean;
  /** This observer advanced the state (another replica did not get there first). */
  readonly recorded: boolean;
}

const DEFAULT_MAX_DEPENDENTS = 1000;

export function createObserver(options: ObserverOptions): (change: EntityChange, depth: number) => Promise<void> {
  const now = options.now ?? (() => new Date());
  const maxDependents = options.maxDependents ?? DEFAULT_MAX_DEPENDENTS;
  const queues = new Map<string, Promise<unknown>>();

  const observeOne = async ({ blueprint, identifier }: EntityKey, depth: number): Promise<Observed> => {
    const key = stateKey(blueprint, identifier);
    const entity = await options.read(blueprint, identifier);
    const state = await options.states.read(key);
    const before = state.json === '' ? null : (JSON.parse(state.json) as Record<string, unknown>);
    const after = entity ? portEntity(entity) : null;
    const unknown = state.seq === 0 && state.json === '';
    if (contentOf(before) === contentOf(after)) return { blueprint, identifier, before, after, changed: unknown, recorded: false };
    await options.emit(entityEvent({ blueprint, identifier, seq: state.seq, before, after, depth, at: now().toISOString() }));
    await options.timers.sync(blueprint, identifier, before?.properties as Record<string, unknown> | undefined, entity?.properties, depth);
    const recorded = await options.states.advance(key, state.seq, stateJson(entity));
    return { blueprint, identifier, before, after, changed: true, recorded };
  };

  /** Observations of one entity, one at a time in this process. */
  const serialized = (k: EntityKey, depth: number): Promise<Observed> => {
    const key = stateKey(k.blueprint, k.identifier);
    const next = (queues.get(key) ?? Promise.resolve()).then(() => observeOne(k, depth));
    const tracked = next.then(
      () => undefined,
      () => undefined,
    );
    queues.set(key, tracked);
    void tracked.finally(() => {
      if (queues.get(key) === tracked) queues.delete(key);
    });
    return next;
  };

  return async (change, depth) => {
    const first = await serialized(change, depth);
    const lookup = options.dependents;
    if (!lookup || !first.changed || maxDependents === 0) return;
    const seen = new Set([stateKey(change.blueprint, change.identifier)]);
    let budget = maxDependents;
    let dropped = 0;
    let frontier: Observed[] = [first];
    while (frontier.length > 0) {
      const next: Observed[] = [];
      for (const changed of frontier) {
        for (const d of await lookup(changed)) {
          const key = stateKey(d.blueprint, d.identifier);
          if (seen.has(key)) continue;
          seen.add(key);
          if (budget === 0) {
            dropped++;
            continue;
          }
          budget--;
          const observed = await serialized(d, depth);
          if (!observed.changed) continue;
          if (observed.recorded) await options.publish?.({ blueprint: d.blueprint, identifier: d.identifier, change: observed.after === null ? 'DELETED' : 'UPSERTED' });
          next.push(observed);
        }
      }
      frontier = next;
    }
    if (dropped > 0) options.onDropped?.(change, dropped);
  };
}
