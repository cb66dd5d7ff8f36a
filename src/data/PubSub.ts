/**
 * PubSub: the one publish/subscribe of Lattice. Messages go to typed topics (topics.ts names them:
 * entity changes, a run's updates and log lines, every run's updates), in-process
 * (memory/MemoryPubSub.ts) or across replicas (redis/RedisPubSub.ts). Both pass one contract
 * suite (test/data/pubsub.contract.ts).
 *
 * The contract:
 * - `subscribe` resolves once the subscription is live: every message published after that (on
 *   any replica, for Redis) reaches the listener.
 * - Messages one publisher sends to a topic reach a listener in the order they were published.
 * - A listener receives a copy (what it holds is never the publisher's object, as over Redis);
 *   a listener that throws does not stop the others.
 * - Delivery is at most once and not durable: a subscriber that must not miss anything reads the
 *   store too (src/runs/follow.ts does, for runs).
 */
import { AsyncQueue } from './AsyncQueue.ts';

/** A named channel whose messages are `T` (the type exists only for the compiler). */
export interface Topic<T> {
  readonly channel: string;
  /** Never set: carries the message type. */
  readonly message?: T;
}

export function topic<T>(channel: string): Topic<T> {
  return { channel };
}

export type Unsubscribe = () => Promise<void>;

export interface PubSub {
  publish<T>(topic: Topic<T>, message: T): Promise<void>;
  /** Calls `listener` with every message on the topic until the returned function is called. */
  subscribe<T>(topic: Topic<T>, listener: (message: T) => void): Promise<Unsubscribe>;
  close(): Promise<void>;
}

/**
 * A topic's messages as an async iterator (what a GraphQL subscription returns), keeping those
 * `accept` takes. Returning or throwing into the iterator unsubscribes.
 */
export function iterate<T>(pubsub: PubSub, on: Topic<T>, accept: (message: T) => boolean = () => true): AsyncIterableIterator<T> {
  const queue = new AsyncQueue<T>();
  const ready = pubsub.subscribe(on, (m) => {
    if (accept(m)) queue.push(m);
  });
  const finish = async (): Promise<IteratorReturnResult<undefined>> => {
    queue.close();
    await (await ready)();
    return { value: undefined, done: true };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      await ready;
      const value = await queue.next();
      return value === undefined ? { value: undefined, done: true } : { value, done: false };
    },
    return: finish,
    throw: async (err) => {
      await finish();
      throw err;
    },
  };
}
