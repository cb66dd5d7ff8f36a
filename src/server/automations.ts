/**
 * The automations of a running gateway (src/runs/automations/service.ts), wired: the served
 * entity read through the reader (servedEntities.ts: computed values and scorecard levels
 * included), the relations dependents are found through, the `entityChanged` topic dependents'
 * changes are published on, the entity states of the stores, the run engine, and the job
 * queues: BullMQ when Redis is configured (every replica runs a Worker; events and timers are
 * handled once across replicas and survive restarts), in-process otherwise.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/types.ts';
import type { EntityStates } from '../data/EntityStates.ts';
import type { PubSub } from '../data/PubSub.ts';
import type { EntityReader, EntityReadSession } from '../data/reader.ts';
import { ENTITY_CHANGES } from '../data/topics.ts';
import type { ActionEngine } from '../runs/engine.ts';
import { startAutomations, type AutomationService, type OpenQueue } from '../runs/automations/service.ts';
import { bullJobQueue } from '../runs/jobs/bullJobQueue.ts';
import { memoryJobQueue } from '../runs/jobs/memoryJobQueue.ts';
import type { Runtime } from './runtime.ts';
import { heldJobs } from './heldJobs.ts';
import { servedEntities } from './servedEntities.ts';

export interface AutomationDeps {
  readonly runtime: Runtime;
  readonly reader: EntityReader;
  readonly states: EntityStates;
  readonly engine: ActionEngine;
  readonly pubsub: PubSub;
  /** Counts the dependents of changes left unobserved (past `automation.maxDependents`). */
  readonly onDependentsDropped: (dropped: number) => void;
  readonly log: Logger;
}

export function startGatewayAutomations(config: Config, deps: AutomationDeps): Promise<AutomationService> {
  const { log } = deps;
  const redisUrl = config.redisUrl;
  const openQueue: OpenQueue = (name, given) => {
    const handler = heldJobs(name, config.testHoldJobs, given, log);
    return redisUrl
      ? bullJobQueue(handler, { name, redisUrl, prefix: config.redisPrefix, log, stalledMs: config.queueStalledMs })
      : Promise.resolve(memoryJobQueue(handler, { onError: (err, id) => log.error({ err, queue: name, job: id }, 'job queue: giving up on a job') }));
  };
  // Entities as served (computed values, scorecards): what a change is compared on.
  const served = servedEntities(deps.reader, () => (deps.runtime.current as NonNullable<typeof deps.runtime.current>).plan);
  return startAutomations({
    automations: () => deps.runtime.automations(),
    model: () => deps.runtime.model(),
    scorecards: () => deps.runtime.scorecards(),
    read: served.read,
    list: served.list,
    graph: () => {
      // Opened on the first read: most dependents are found from the changed entity's own relations.
      let session: EntityReadSession | undefined;
      const open = () => (session ??= deps.reader.session());
      return { load: (blueprint, ids) => open().getMany(blueprint, ids), findByRelation: (blueprint, relation, targets) => open().findByRelation(blueprint, relation, targets) };
    },
    publish: (change) => deps.pubsub.publish(ENTITY_CHANGES, change),
    maxDependents: config.automationMaxDependents,
    onDropped: deps.onDependentsDropped,
    states: deps.states,
    engine: deps.engine,
    maxDepth: config.automationMaxDepth,
    openQueue,
    log,
  });
}
