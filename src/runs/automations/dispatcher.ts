/**
 * An event → the runs of the automations it fires (match.ts), through the run engine's
 * `executeAutomation`: one run per (event, automation), however often the event is handled (a
 * job retried, a replica that died mid-way and a second one taking over).
 *
 * The loop guard: a run is one step deeper than its event (`depth + 1`). Past `maxDepth` the
 * run is still created, as a FAILURE that names the chain's depth and the limit, and never
 * invoked; events of such a refused run fire nothing more, so a loop ends there.
 */
import type { Logger } from 'pino';
import type { AutomationSet } from '../../model/automations/model.ts';
import type { ActionEngine } from '../engine.ts';
import type { AutomationEvent } from './events.ts';
import { automationsFor } from './match.ts';

export interface DispatcherOptions {
  readonly automations: () => AutomationSet;
  readonly engine: Pick<ActionEngine, 'executeAutomation'>;
  readonly maxDepth: number;
  readonly log: Logger;
}

export type Dispatch = (event: AutomationEvent) => Promise<void>;

export function createDispatcher(options: DispatcherOptions): Dispatch {
  const { log, maxDepth } = options;
  return async (event) => {
    if (event.depth > maxDepth) {
      log.warn({ event: event.id, type: event.type, depth: event.depth }, 'automations: an event of a run the loop guard refused fires nothing');
      return;
    }
    const fired = automationsFor(options.automations(), event, (a, err) => log.warn({ err, automation: a.identifier, event: event.id }, 'automations: a condition failed; the automation does not fire'));
    for (const automation of fired) {
      const depth = event.depth + 1;
      const refused =
        depth > maxDepth
          ? `loop guard: automation "${automation.identifier}" would be run ${depth} of a chain of automations (${event.type} of ${event.blueprint ?? event.action ?? 'a run'}), past the limit of ${maxDepth} (automation.maxDepth); not invoked`
          : undefined;
      const entity = event.blueprint !== null && event.identifier !== null ? { blueprint: event.blueprint, identifier: event.identifier } : null;
      const { run, created } = await options.engine.executeAutomation({ automation, eventId: event.id, event: event.context, entity, depth, refused });
      if (created) log.info({ automation: automation.identifier, event: event.id, type: event.type, runId: run.id, depth }, refused ? 'automations: loop guard refused a run' : 'automations: fired');
    }
  };
}
