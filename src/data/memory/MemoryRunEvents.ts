/**
 * MemoryRunEvents: RunEvents within one process, on Node's EventEmitter. Listeners are called
 * synchronously in publish order; one listener that throws does not stop the others (the error
 * goes to `onListenerError`, by default swallowed: a subscriber's bug is not the publisher's).
 */
import { EventEmitter } from 'node:events';
import { eventRunId, type RunEvent, type RunEventListener, type RunEvents, type RunTopic, type Unsubscribe } from '../RunEvents.ts';

export class MemoryRunEvents implements RunEvents {
  private readonly emitter = new EventEmitter();
  private readonly onListenerError: (err: unknown) => void;

  constructor(options: { onListenerError?: (err: unknown) => void } = {}) {
    this.emitter.setMaxListeners(0);
    this.onListenerError = options.onListenerError ?? (() => undefined);
  }

  async publish(event: RunEvent) {
    this.emitter.emit(channel({ runId: eventRunId(event) }), event);
    if (event.type === 'run') this.emitter.emit(channel('runs'), event);
  }

  async subscribe(topic: RunTopic, listener: RunEventListener): Promise<Unsubscribe> {
    const name = channel(topic);
    const safe = (event: RunEvent) => {
      try {
        listener(event);
      } catch (err) {
        this.onListenerError(err);
      }
    };
    this.emitter.on(name, safe);
    return async () => {
      this.emitter.off(name, safe);
    };
  }

  async close() {
    this.emitter.removeAllListeners();
  }
}

function channel(topic: RunTopic): string {
  return topic === 'runs' ? 'runs' : `run:${topic.runId}`;
}
