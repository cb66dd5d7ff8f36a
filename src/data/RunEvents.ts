/**
 * RunEvents: the pub/sub that carries run changes and log lines to subscribers, on this replica
 * (MemoryRunEvents, an EventEmitter) or on every replica (RedisRunEvents, Redis pub/sub). Both
 * pass one contract suite (test/actions/runEvents.contract.ts).
 *
 * The contract:
 * - `subscribe` resolves once the subscription is live: every event published after that (on any
 *   replica, for Redis) reaches the listener.
 * - A topic is one run (`{ runId }`: its run and log events) or `'runs'` (every run's run events,
 *   for list subscriptions; no log lines).
 * - Events published by one publisher reach a listener in the order they were published.
 * - Delivery is at most once and not durable: a subscriber that must not miss anything reads the
 *   store too. Events carry what makes that safe: a run's `revision`, a log line's `cursor`
 *   (follow.ts does the merging).
 */
import type { Run, RunLogLine } from './run.ts';

export type RunEvent = { readonly type: 'run'; readonly run: Run } | { readonly type: 'log'; readonly runId: string; readonly line: RunLogLine };

export type RunTopic = { readonly runId: string } | 'runs';

export type RunEventListener = (event: RunEvent) => void;

export type Unsubscribe = () => Promise<void>;

export interface RunEvents {
  publish(event: RunEvent): Promise<void>;
  subscribe(topic: RunTopic, listener: RunEventListener): Promise<Unsubscribe>;
  close(): Promise<void>;
}

/** The run id an event is about. */
export function eventRunId(event: RunEvent): string {
  return event.type === 'run' ? event.run.id : event.runId;
}
