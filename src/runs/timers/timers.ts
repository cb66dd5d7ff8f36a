/**
 * Timers: `format: timer` properties expire on time, through a JobQueue of delayed jobs (BullMQ
 * on Redis: durable, fired once across replicas; in-process otherwise).
 *
 * - `sync(blueprint, before, after)`: the jobs for an entity's timers as its content changed:
 *   a new or moved value arms `TIMER_PROPERTY_EXPIRED` at the value (and `TIMER_PROPERTY_EXPIRING`
 *   `before` it, for each warning distance automations ask for); the old value's jobs are removed;
 *   an entity gone removes them all.
 * - A job carries the chain depth of the change that armed it, so a timer an automation set
 *   counts in that automation's chain (the loop guard stops timer loops too).
 * - A job id names the entity, property, value and kind, so arming twice (two replicas, a
 *   restart) arms once. When a job fires it checks the entity still holds that value: a timer
 *   moved or removed since (a job that could not be removed in time) fires nothing.
 */
import type { Blueprint, BlueprintModel } from '../../model/blueprints/model.ts';
import type { AutomationSet } from '../../model/automations/model.ts';
import type { Entity } from '../../model/entities/entity.ts';
import type { JobQueue } from '../jobs/JobQueue.ts';
import { timerEvent, type AutomationEvent } from '../automations/events.ts';

export interface TimerJob {
  readonly kind: 'TIMER_PROPERTY_EXPIRED' | 'TIMER_PROPERTY_EXPIRING';
  readonly blueprint: string;
  readonly identifier: string;
  readonly property: string;
  readonly expiresAt: string;
  readonly beforeMs?: number;
  /** The chain depth of the change that armed it: a timer an automation set is part of its chain (the loop guard). */
  readonly depth: number;
}

export function timerJobId(t: TimerJob): string {
  return ['timer', t.kind, t.blueprint, t.identifier, t.property, t.expiresAt, t.beforeMs ?? 0].join('\u0000');
}

export interface TimersOptions {
  readonly model: () => BlueprintModel;
  readonly automations: () => AutomationSet;
  readonly now?: () => Date;
}

type Properties = Readonly<Record<string, unknown>> | undefined;

/** A blueprint's `format: timer` properties, found once per blueprint definition (sync runs on every entity change). */
const timerPropertiesOf = new WeakMap<Blueprint, readonly string[]>();
function timerProperties(bp: Blueprint): readonly string[] {
  let found = timerPropertiesOf.get(bp);
  if (!found) timerPropertiesOf.set(bp, (found = Object.keys(bp.properties).filter((p) => bp.properties[p].format === 'timer')));
  return found;
}

export class Timers {
  private readonly options: TimersOptions;
  private readonly now: () => Date;
  private queue: JobQueue<TimerJob> | undefined;

  constructor(options: TimersOptions) {
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  /** The queue the jobs go to (set once, when it is open). */
  attach(queue: JobQueue<TimerJob>): void {
    this.queue = queue;
  }

  /** Arms, moves or cancels an entity's timer jobs for a change of its properties. */
  async sync(blueprint: string, identifier: string, before: Properties, after: Properties, depth = 0): Promise<void> {
    const queue = this.queue;
    const bp = this.options.model().get(blueprint);
    if (!queue || !bp) return;
    for (const property of timerProperties(bp)) {
      const was = typeof before?.[property] === 'string' ? (before[property] as string) : undefined;
      const is = typeof after?.[property] === 'string' ? (after[property] as string) : undefined;
      if (was === is) continue;
      if (was !== undefined) for (const job of this.jobs(blueprint, identifier, property, was, depth)) await queue.remove(timerJobId(job));
      if (is === undefined || Number.isNaN(Date.parse(is))) continue;
      for (const job of this.jobs(blueprint, identifier, property, is, depth)) {
        const fireAt = Date.parse(is) - (job.beforeMs ?? 0);
        // A warning for a timer that has already expired would come after the fact: skip it.
        if (job.kind === 'TIMER_PROPERTY_EXPIRING' && Date.parse(is) <= this.now().getTime()) continue;
        await queue.add(timerJobId(job), job, { delayMs: fireAt - this.now().getTime() });
      }
    }
  }

  /** The event a fired job stands for, or null when the entity no longer holds that timer. */
  fired(job: TimerJob, entity: Entity | undefined): AutomationEvent | null {
    if (!entity || entity.properties[job.property] !== job.expiresAt) return null;
    return timerEvent({ kind: job.kind, entity, property: job.property, expiresAt: job.expiresAt, beforeMs: job.beforeMs, depth: job.depth, at: this.now().toISOString() });
  }

  /** EXPIRED, plus one EXPIRING per warning distance the automations on this timer ask for. */
  private jobs(blueprint: string, identifier: string, property: string, expiresAt: string, depth: number): TimerJob[] {
    const base = { blueprint, identifier, property, expiresAt, depth };
    const warnings = new Set<number>();
    for (const a of this.options.automations().automations) {
      if (a.event.type === 'TIMER_PROPERTY_EXPIRING' && a.event.blueprintIdentifier === blueprint && a.event.propertyIdentifier === property) warnings.add(a.event.beforeMs);
    }
    return [{ kind: 'TIMER_PROPERTY_EXPIRED', ...base }, ...[...warnings].map((beforeMs): TimerJob => ({ kind: 'TIMER_PROPERTY_EXPIRING', ...base, beforeMs }))];
  }
}
