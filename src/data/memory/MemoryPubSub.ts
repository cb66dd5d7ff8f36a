/**
 * MemoryPubSub: the PubSub of one process, on Node's EventEmitter. Each message is copied once
 * (structuredClone) and handed to the listeners synchronously, in publish order; a listener that
 * throws does not stop the others (its error goes to `onListenerError`, by default dropped: a
 * subscriber's bug is not the publisher's).
 */
import { EventEmitter } from 'node:events';
import type { PubSub, Topic, Unsubscribe } from '../PubSub.ts';

export class MemoryPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly onListenerError: (err: unknown) => void;

  constructor(options: { onListenerError?: (err: unknown) => void } = {}) {
    this.onListenerError = options.onListenerError ?? (() => undefined);
  }

  async publish<T>(topic: Topic<T>, message: T): Promise<void> {
    if (this.emitter.listenerCount(topic.channel) > 0) this.emitter.emit(topic.channel, structuredClone(message));
  }

  async subscribe<T>(topic: Topic<T>, listener: (message: T) => void): Promise<Unsubscribe> {
    const safe = (message: T) => {
      try {
        listener(message);
      } catch (err) {
        this.onListenerError(err);
      }
    };
    this.emitter.on(topic.channel, safe);
    return async () => {
      this.emitter.off(topic.channel, safe);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
