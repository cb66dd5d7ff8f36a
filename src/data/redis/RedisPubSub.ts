/**
 * RedisPubSub: the PubSub across replicas, on Redis pub/sub. A topic is the Redis channel
 * `{prefix}events:{topic}` (prefix `lattice:` by default). One connection publishes, in order;
 * one more, in subscriber mode, holds one Redis subscription per channel however many local
 * listeners share it (subscribed on the first, unsubscribed after the last). Redis delivers one
 * publisher's messages in order. Messages travel as JSON; a listener that throws does not stop
 * the others.
 */
import type { Redis } from 'ioredis';
import type { PubSub, Topic, Unsubscribe } from '../PubSub.ts';
import { connectRedis, logRedisErrors, type RedisClientOptions } from './connect.ts';

type Listener = (message: unknown) => void;

interface Channel {
  readonly listeners: Set<Listener>;
  readonly ready: Promise<unknown>;
}

export class RedisPubSub implements PubSub {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly channels = new Map<string, Channel>();
  private readonly onListenerError: (err: unknown) => void;

  constructor(publisher: Redis, prefix = 'lattice:', options: { onListenerError?: (err: unknown) => void; client?: RedisClientOptions } = {}) {
    this.publisher = publisher;
    this.subscriber = logRedisErrors(publisher.duplicate({ enableAutoPipelining: false }), options.client?.log);
    this.prefix = prefix;
    this.onListenerError = options.onListenerError ?? (() => undefined);
    this.subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  static async connect(url: string, prefix = 'lattice:', options: { onListenerError?: (err: unknown) => void; client?: RedisClientOptions } = {}): Promise<RedisPubSub> {
    const redis = await connectRedis(url, options.client);
    return new RedisPubSub(redis, prefix, options);
  }

  private name(topic: Topic<unknown>): string {
    return `${this.prefix}events:${topic.channel}`;
  }

  async publish<T>(topic: Topic<T>, message: T): Promise<void> {
    await this.publisher.publish(this.name(topic), JSON.stringify(message));
  }

  async subscribe<T>(topic: Topic<T>, listener: (message: T) => void): Promise<Unsubscribe> {
    const name = this.name(topic);
    const l = listener as Listener;
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { listeners: new Set(), ready: this.subscriber.subscribe(name) };
      this.channels.set(name, channel);
    }
    channel.listeners.add(l);
    try {
      await channel.ready;
    } catch (err) {
      channel.listeners.delete(l);
      if (channel.listeners.size === 0 && this.channels.get(name) === channel) this.channels.delete(name);
      throw err;
    }
    const subscribed = channel;
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      subscribed.listeners.delete(l);
      if (subscribed.listeners.size === 0 && this.channels.get(name) === subscribed) {
        this.channels.delete(name);
        await this.subscriber.unsubscribe(name).catch(() => undefined);
      }
    };
  }

  private deliver(name: string, raw: string) {
    const channel = this.channels.get(name);
    if (!channel) return;
    const message: unknown = JSON.parse(raw);
    for (const listener of [...channel.listeners]) {
      try {
        listener(message);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  async close(): Promise<void> {
    this.channels.clear();
    await Promise.all([this.subscriber, this.publisher].map((c) => c.quit().catch(() => c.disconnect())));
  }
}
