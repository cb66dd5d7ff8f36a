/**
 * The automations of a running gateway, in one place: entity changes (`observe`) and run changes
 * (`runChanged`) become events (observer.ts, events.ts) on the events queue; timers fire on the
 * timers queue (timers.ts); both queues hand events to the dispatcher, which makes the runs.
 *
 *   publishChange ─ observe ─▶ events queue ─▶ dispatch ─▶ engine.executeAutomation ─▶ run
 *   engine (run stored) ─ runChanged ─┘             ▲
 *   timers queue (delayed jobs) ─ fired ────────────┘
 *
 * The queues are JobQueues (src/runs/jobs): BullMQ with Redis, so an event, a timer or a
 * dependents job is handled once across replicas and outlives a restart; in-process otherwise.
 * `observe` takes the chain depth of the code that made the change (chain.ts): an automation's
 * own writes are deeper. A change of an entity whose blueprint something reads (the read paths
 * of the current blueprints and scorecards, readPaths.ts) is a job on the dependents queue,
 * queued before the change is recorded, whose handler observes its dependents (dependents.ts),
 * publishing those that changed (`publish`); a change nothing reads queues nothing, nor does an
 * update of an entity read only for its existence.
 */
import type { Logger } from 'pino';
import type { AutomationSet } from '../../model/automations/model.ts';
import type { BlueprintModel } from '../../model/blueprints/model.ts';
import type { ScorecardSet } from '../../model/scorecards/model.ts';
import type { EntityStates } from '../../data/EntityStates.ts';
import type { Run } from '../../data/run.ts';
import type { EntityChange } from '../../data/topics.ts';
import type { ActionEngine } from '../engine.ts';
import type { JobHandler, JobQueue } from '../jobs/JobQueue.ts';
import { Timers, type TimerJob } from '../timers/timers.ts';
import { currentChain } from './chain.ts';
import { dependentsOf, mayHaveDependents, type RelationGraph } from './dependents.ts';
import { createDispatcher } from './dispatcher.ts';
import { runEvent, type AutomationEvent, type ObservedEntity } from './events.ts';
import { anyListens } from './match.ts';
import { createObserver, stateJson, stateKey, type DependentsJob } from './observer.ts';
import { blueprintsRead, readPaths, type ReadAt } from './readPaths.ts';

/** Opens a named JobQueue with its handler (BullMQ or in-process: the server chooses). */
export type OpenQueue = <T>(name: string, handler: JobHandler<T>) => Promise<JobQueue<T>>;

export interface AutomationServiceOptions {
  readonly automations: () => AutomationSet;
  readonly model: () => BlueprintModel;
  /** The scorecards: what their levels read is part of what an entity's change can change. */
  readonly scorecards: () => ScorecardSet;
  /** The entity as served (merged, computed values, scorecards), or undefined when it does not exist. */
  readonly read: (blueprint: string, identifier: string) => Promise<ObservedEntity | undefined>;
  readonly list: (blueprint: string) => Promise<readonly ObservedEntity[]>;
  /** The relations as stored and merged (dangling ones included), for finding dependents; one graph per lookup. */
  readonly graph: () => RelationGraph;
  /** Publishes a dependent's change to `entityChanged` subscribers (not observed again). */
  readonly publish: (change: EntityChange) => Promise<void>;
  /** How many dependents one changed entity's dependents job observes at most (`automation.maxDependents`). */
  readonly maxDependents: number;
  /** Called with the number of dependents left unobserved past `maxDependents` (a metric). */
  readonly onDropped?: (dropped: number) => void;
  readonly states: EntityStates;
  readonly engine: Pick<ActionEngine, 'executeAutomation'>;
  readonly maxDepth: number;
  readonly openQueue: OpenQueue;
  readonly log: Logger;
  readonly now?: () => Date;
}

export interface AutomationService {
  /** An entity changed (called where the change is published; never throws). */
  observe(change: EntityChange): void;
  /** A run was stored (the engine's `onRunChange`; never throws). */
  runChanged(run: Run): void;
  /**
   * At start (idempotent): records what automations will compare changes with, for the blueprints
   * an automation's trigger names, and arms the timers of every blueprint with a timer property.
   * Blueprints no automation names are not listed (no upstream fetch for them at start).
   */
  prime(): Promise<void>;
  /** Resolves when nothing observed so far is still being handled in this process. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export const EVENTS_QUEUE = 'automation-events';
export const TIMERS_QUEUE = 'timers';
export const DEPENDENTS_QUEUE = 'automation-dependents';

export async function startAutomations(options: AutomationServiceOptions): Promise<AutomationService> {
  const { log } = options;
  const dispatch = createDispatcher({ automations: options.automations, engine: options.engine, maxDepth: options.maxDepth, log });
  const timers = new Timers({ model: options.model, automations: options.automations, now: options.now });
  const events = await options.openQueue<AutomationEvent>(EVENTS_QUEUE, (event) => dispatch(event));
  let timerQueue: JobQueue<TimerJob>;
  try {
    timerQueue = await options.openQueue<TimerJob>(TIMERS_QUEUE, async (job) => {
      const event = timers.fired(job, await options.read(job.blueprint, job.identifier));
      if (event) await dispatch(event);
    });
  } catch (err) {
    await events.close();
    throw err;
  }
  timers.attach(timerQueue);
  const emit = async (event: AutomationEvent) => {
    if (anyListens(options.automations(), event)) await events.add(event.id, event);
  };
  const paths = memoReadPaths();
  const index = () => paths(options.model(), options.scorecards());
  // Opened before the observer its handler calls, which exists before any job runs (no await in between).
  const dependentsQueue = options.openQueue<DependentsJob>(DEPENDENTS_QUEUE, (job) => observer.dependents(job));
  const observer = createObserver({
    read: options.read,
    states: options.states,
    timers,
    emit,
    follow: async (id, job) => {
      if (options.maxDependents > 0 && mayHaveDependents(index(), job)) await (await dependentsQueue).add(id, job);
    },
    dependents: (changed) => dependentsOf(index(), changed, options.graph()),
    publish: options.publish,
    maxDependents: options.maxDependents,
    onDropped: (changed, dropped) => {
      log.warn({ blueprint: changed.blueprint, identifier: changed.identifier, dropped, maxDependents: options.maxDependents }, 'automations: a change has more dependents than automation.maxDependents; those beyond are not observed');
      options.onDropped?.(dropped);
    },
    now: options.now,
  });
  let dependents: JobQueue<DependentsJob>;
  try {
    dependents = await dependentsQueue;
  } catch (err) {
    await Promise.all([events.close(), timerQueue.close()]);
    throw err;
  }
  const pending = new Set<Promise<void>>();
  const track = (p: Promise<void>, what: string) => {
    const t: Promise<void> = p.catch((err: unknown) => log.error({ err }, `automations: ${what} failed`)).finally(() => pending.delete(t));
    pending.add(t);
  };
  return {
    observe(change) {
      track(observer.observe(change, currentChain().depth), `observing ${change.blueprint} "${change.identifier}"`);
    },
    runChanged(run) {
      track(emit(runEvent(run)), `the event of run ${run.id}`);
    },
    async prime() {
      // Only blueprints automations can need: listing one fed by a pull source (GitHub) fetches it.
      // With them, the blueprints their computed values and scorecards read, so that a change
      // there is seen with its `before` (the readers it leaves are found through it).
      const named = new Set(options.automations().automations.flatMap((a) => ('blueprintIdentifier' in a.event ? [a.event.blueprintIdentifier] : [])));
      const watched = new Set([...named, ...blueprintsRead(index(), named)]);
      for (const bp of options.model().blueprints) {
        const hasTimer = Object.values(bp.properties).some((p) => p.format === 'timer');
        if (!hasTimer && !watched.has(bp.identifier)) continue;
        const entities = await options.list(bp.identifier);
        await options.states.prime(entities.map((e) => [stateKey(e.blueprint, e.identifier), stateJson(e)] as const));
        if (hasTimer) for (const e of entities) await timers.sync(e.blueprint, e.identifier, undefined, e.properties);
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
      await Promise.all([events.idle(), timerQueue.idle(), dependents.idle()]);
    },
    async close() {
      await Promise.all([...pending]);
      await Promise.all([events.close(), timerQueue.close(), dependents.close()]);
    },
  };
}

/** The read paths of a model and its scorecards, computed once per generation. */
function memoReadPaths(): (model: BlueprintModel, scorecards: ScorecardSet) => ReadonlyMap<string, readonly ReadAt[]> {
  let last: { model: BlueprintModel; scorecards: ScorecardSet; index: ReadonlyMap<string, readonly ReadAt[]> } | undefined;
  return (model, scorecards) => {
    if (!last || last.model !== model || last.scorecards !== scorecards) last = { model, scorecards, index: readPaths(model, scorecards) };
    return last.index;
  };
}
