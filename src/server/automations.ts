/**
 * The automations of a running gateway (src/runs/automations/service.ts), wired: the served
 * entity read through the reader, the entity states of the stores, the run engine, and the job
 * queues: BullMQ when Redis is configured (every replica runs a Worker; events and timers are
 * handled once across replicas and survive restarts), in-process otherwise.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/types.ts';
import type { EntityStates } from '../data/EntityStates.ts';
import type { EntityReader } from '../data/reader.ts';
import type { ActionEngine } from '../runs/engine.ts';
import { startAutomations, type AutomationService, type OpenQueue } from '../runs/automations/service.ts';
import { bullJobQueue } from '../runs/jobs/bullJobQueue.ts';
import { memoryJobQueue } from '../runs/jobs/memoryJobQueue.ts';
import type { Runtime } from './runtime.ts';

export interface AutomationDeps {
  readonly runtime: Runtime;
  readonly reader: EntityReader;
  readonly states: EntityStates;
  readonly engine: ActionEngine;
  readonly log: Logger;
}

export function startGatewayAutomations(config: Config, deps: AutomationDeps): Promise<AutomationService> {
  const { log } = deps;
  const redisUrl = config.redisUrl;
  const openQueue: OpenQueue = (name, handler) =>
    redisUrl
      ? bullJobQueue(handler, { name, redisUrl, prefix: config.redisPrefix, log, stalledMs: config.queueStalledMs })
      : Promise.resolve(memoryJobQueue(handler, { onError: (err, id) => log.error({ err, queue: name, job: id }, 'job queue: giving up on a job') }));
  return startAutomations({
    automations: () => deps.runtime.automations(),
    model: () => deps.runtime.model(),
    read: async (blueprint, identifier) => (await deps.reader.session().getMany(blueprint, [identifier]))[0],
    list: (blueprint) => deps.reader.session().list(blueprint),
    states: deps.states,
    engine: deps.engine,
    maxDepth: config.automationMaxDepth,
    openQueue,
    log,
  });
}
