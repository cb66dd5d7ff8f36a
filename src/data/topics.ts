/**
 * The topics of the one PubSub, and what travels on them:
 *
 * - `ENTITY_CHANGES`: an entity was written or deleted (catalog mutations and file reloads, live
 *   sources' watches). Keys, not content: subscribers read the entity as it is now, merged.
 * - `runTopic(runId)`: one run's updates (`{ type: 'run' }`, the whole run at a revision) and log
 *   lines (`{ type: 'log' }`, with their cursor).
 * - `RUN_CHANGES`: every run's updates, no log lines (list subscriptions).
 *
 * Run events carry what lets a follower merge them with the store safely: a run's `revision`, a
 * log line's `cursor` (src/runs/follow.ts).
 */
import type { Run, RunLogLine } from './run.ts';
import { topic, type PubSub, type Topic } from './PubSub.ts';

export interface EntityChange {
  readonly blueprint: string;
  readonly identifier: string;
  readonly change: 'UPSERTED' | 'DELETED';
}

export type RunEvent = { readonly type: 'run'; readonly run: Run } | { readonly type: 'log'; readonly runId: string; readonly line: RunLogLine };

export const ENTITY_CHANGES: Topic<EntityChange> = topic('entities');

export const RUN_CHANGES: Topic<RunEvent> = topic('runs');

export function runTopic(runId: string): Topic<RunEvent> {
  return topic(`run:${runId}`);
}

/** The run id an event is about. */
export function eventRunId(event: RunEvent): string {
  return event.type === 'run' ? event.run.id : event.runId;
}

/** Publishes a run event to its run's topic and, for updates, to RUN_CHANGES. */
export async function publishRunEvent(pubsub: PubSub, event: RunEvent): Promise<void> {
  await Promise.all([pubsub.publish(runTopic(eventRunId(event)), event), event.type === 'run' ? pubsub.publish(RUN_CHANGES, event) : undefined]);
}
