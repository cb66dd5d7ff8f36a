/**
 * PubSub: messages on named channels, in order per channel. In-process (EventEmitter) by
 * default; Redis pub/sub when REDIS_URL is set, so every replica's subscribers see what any
 * replica publishes. Messages are JSON values.
 */
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export interface PubSub {
  publish(channel: string, message: unknown): Promise<void>;
  /** Calls `handler` for every message on the channel until the returned function is called. */
  subscribe(channel: string, handler: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class MemoryPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: unknown) {
    // A copy, so no subscriber shares an object with the publisher (as over Redis).
    this.emitter.emit(channel, structuredClone(message));
  }

  async subscribe(channel: string, handler: (message: unknown) => void) {
    this.emitter.on(channel, handler);
    return async () => {
      this.emitter.off(channel, handler);
    };
  }

  async close() {
    this.emitter.removeAllListeners();
  }
}

/** One publishing connection and one subscribing connection per process, shared by all channels. */
export class RedisPubSub implements PubSub {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly prefix: string;
  private readonly local = new EventEmitter().setMaxListeners(0);

  constructor(url: string, prefix = 'lattice:') {
    this.pub = new Redis(url, { maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { maxRetriesPerRequest: null });
    this.prefix = prefix;
    this.sub.on('message', (channel: string, raw: string) => this.local.emit(channel, JSON.parse(raw)));
  }

  async publish(channel: string, message: unknown) {
    await this.pub.publish(`${this.prefix}events:${channel}`, JSON.stringify(message));
  }

  async subscribe(channel: string, handler: (message: unknown) => void) {
    const name = `${this.prefix}events:${channel}`;
    if (this.local.listenerCount(name) === 0) await this.sub.subscribe(name);
    this.local.on(name, handler);
    return async () => {
      this.local.off(name, handler);
      if (this.local.listenerCount(name) === 0) await this.sub.unsubscribe(name).catch(() => undefined);
    };
  }

  async close() {
    this.local.removeAllListeners();
    await Promise.all([this.pub, this.sub].map((c) => c.quit().catch(() => c.disconnect())));
  }
}

/** Turns a subscription into an async iterator (what GraphQL subscriptions return). */
export function iterate<T>(pubsub: PubSub, channel: string, accept: (message: unknown) => message is T = (_m): _m is T => true): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const ready = pubsub.subscribe(channel, (m) => {
    if (!accept(m)) return;
    queue.push(m);
    wake?.();
  });
  const finish = async () => {
    done = true;
    wake?.();
    await (await ready)();
    return { value: undefined as unknown as T, done: true as const };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      await ready;
      while (queue.length === 0 && !done) await new Promise<void>((r) => (wake = r));
      if (queue.length > 0) return { value: queue.shift() as T, done: false };
      return { value: undefined as unknown as T, done: true };
    },
    return: finish,
    throw: async (err) => {
      await finish();
      throw err;
    },
  };
}
