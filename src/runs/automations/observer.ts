/**
 * The observer: an entity change (a catalog write, a catalog-file reload, a live source's watch
 * event: whatever calls the gateway's `publishChange`) → at most one automation event, with Port's
 * `diff { before, after }`, and the entity's timers armed, moved or cancelled; and, for a change,
 * a job that observes its dependents (dependents.ts): the entities whose served content (mirror,
 * aggregation and calculation values, scorecard levels, relations to entities that exist) it can
 * change.
 *
 * It reads the entity as served, compares it with what automations last saw (EntityStates), and
 * when the content differs: names the event after (entity, seq, new content), hands it to `emit`
 * (a job queue whose id dedups), hands the dependents job, named like the event, to `follow`
 * (another job queue), syncs the timers, then advances the state with a compare-and-set.
 * Replicas that observe the same change (every replica watches Kubernetes) produce one event and
 * one dependents job; a replica that dies before `advance` leaves the change to be observed again
 * under the same names, and one that dies after it leaves both jobs queued for another replica.
 * Changes of one entity are observed one at a time in a process.
 *
 * The dependents job (`dependents`) observes the dependents of one changed entity, at the depth
 * of the change that caused them (the loop guard counts them like the change itself): at most
 * `maxDependents` of them (0: none are looked up), those beyond reported to `onDropped`. A
 * dependent whose content changed follows its own dependents job in turn (content comparison
 * ends cycles: an entity observed again with the content already recorded is no change), and is
 * published (`publish`, the `entityChanged` topic) by the observer whose compare-and-set won, so a
 * change two replicas observe is published once.
 */
import type { EntityKey } from '../../model/entities/entity.ts';
import type { EntityStates } from '../../data/EntityStates.ts';
import type { EntityChange } from '../../data/topics.ts';
import type { Timers } from '../timers/timers.ts';
import type { ChangedEntity } from './dependents.ts';
import { contentOf, entityEvent, portEntity, type AutomationEvent, type ObservedEntity } from './events.ts';

/** What a dependents job carries: the changed entity (its relations before and after) and the chain depth of its change. */
export interface DependentsJob extends ChangedEntity {
  readonly depth: number;
}

export interface ObserverOptions {
  /** The entity as served (computed values, scorecards), or undefined when it does not exist. */
  readonly read: (blueprint: string, identifier: string) => Promise<ObservedEntity | undefined>;
  readonly states: EntityStates;
  readonly timers: Timers;
  readonly emit: (event: AutomationEvent) => Promise<void>;
  /** Schedules the dependents job of a change (`id`: the change's event id), before the change is recorded (none when absent). */
  readonly follow?: (id: string, job: DependentsJob) => Promise<void>;
  /** The entities whose served content a change can change. */
  readonly dependents?: (changed: ChangedEntity) => Promise<readonly EntityKey[]>;
  /** Publishes a dependent's change to `entityChanged` subscribers. */
  readonly publish?: (change: EntityChange) => Promise<void>;
  /** How many dependents one dependents job observes at most. */
  readonly maxDependents?: number;
  /** Dependents of a changed entity left unobserved past `maxDependents`. */
  readonly onDropped?: (changed: EntityKey, dropped: number) => void;
  readonly now?: () => Date;
}

export interface Observer {
  /** Observes an entity's change at a chain depth (resolves once it is recorded and its dependents job scheduled). */
  observe(change: EntityKey, depth: number): Promise<void>;
  /** The dependents job's handler: observes the dependents of one changed entity. */
  dependents(job: DependentsJob): Promise<void>;
}

export function stateKey(blueprint: string, identifier: string): string {
  return `${blueprint}:${identifier}`;
}

/** The stored state of an entity: Port's shape, as JSON ("" when it does not exist). */
export function stateJson(entity: ObservedEntity | undefined): string {
  return entity ? JSON.stringify(portEntity(entity)) : '';
}

/** One entity observed: what it is now, and whether this observer recorded a change of it (another replica did not get there first). */
interface Observed {
  readonly after: Record<string, unknown> | null;
  readonly recorded: boolean;
}

const DEFAULT_MAX_DEPENDENTS = 1000;

/** Only the relations: all a dependents lookup reads of the changed entity. */
const relationsOf = (e: Record<string, unknown> | null) => (e === null ? null : { relations: e.relations });

export function createObserver(options: ObserverOptions): Observer {
  const now = options.now ?? (() => new Date());
  const maxDependents = options.maxDependents ?? DEFAULT_MAX_DEPENDENTS;
  const queues = new Map<string, Promise<unknown>>();

  const observeOne = async ({ blueprint, identifier }: EntityKey, depth: number): Promise<Observed> => {
    const key = stateKey(blueprint, identifier);
    const entity = await options.read(blueprint, identifier);
    const state = await options.states.read(key);
    const after = entity ? portEntity(entity) : null;
    const unknown = state.seq === 0 && state.json === '';
    const json = after ? JSON.stringify(after) : '';
    // The same stored JSON is the same content: nothing to parse or compare (the usual case of a dependent).
    if (json === state.json && !unknown) return { after, recorded: false };
    const before = state.json === '' ? null : (JSON.parse(state.json) as Record<string, unknown>);
    const content = contentOf(after);
    const changed = contentOf(before) !== content;
    if (!changed && !unknown) return { after, recorded: false };
    const event = entityEvent({ blueprint, identifier, seq: state.seq, before, after, depth, at: now().toISOString(), content });
    // Never recorded and gone: no event, but what pointed at it is looked up all the same.
    await options.follow?.(event.id, { blueprint, identifier, before: relationsOf(before), after: relationsOf(after), depth });
    if (!changed) return { after, recorded: false };
    await options.emit(event);
    await options.timers.sync(blueprint, identifier, before?.properties as Record<string, unknown> | undefined, entity?.properties, depth);
    const recorded = await options.states.advance(key, state.seq, json);
    return { after, recorded };
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

  return {
    async observe(change, depth) {
      await serialized(change, depth);
    },
    async dependents(job) {
      if (!options.dependents || maxDependents === 0) return;
      const found = await options.dependents(job);
      for (const d of found.slice(0, maxDependents)) {
        const observed = await serialized(d, job.depth);
        if (observed.recorded) await options.publish?.({ blueprint: d.blueprint, identifier: d.identifier, change: observed.after === null ? 'DELETED' : 'UPSERTED' });
      }
      if (found.length > maxDependents) options.onDropped?.(job, found.length - maxDependents);
    },
  };
}
