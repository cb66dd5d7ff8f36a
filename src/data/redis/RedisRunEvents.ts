/**
 * RedisRunEvents: RunEvents across replicas through Redis pub/sub. Channels (prefix `lattice:`
 * by default): `{p}events:run:{id}` (a run's run and log events) and `{p}events:runs` (every run
 * event). One connection publishes, in order; one more, in subscriber mode, holds one Redis
 * subscription per channel however many local listeners share it (subscribed on the first,
 * unsubscribed after the last). Redis delivers one publisher's messages in order.
 */
import { Redis } from 'ioredis';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { eventRunId, type RunEvent, type RunEventListener, type RunEvents, type RunTopic, type Unsubscribe } from '../RunEvents.ts';

interface Channel {
  readonly listeners: Set<RunEventListener>;
  readonly ready: Promise<unknown>;
}

export class RedisRunEvents implements RunEvents {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly channels = new Map<string, Channel>();
  private readonly onListenerError: (err: unknown) => void;

  constructor(publisher: Redis, prefix = 'lattice:', options: { onListenerError?: (err: unknown) => void } = {}) {
    this.publisher = publisher;
    this.subscriber = publisher.duplicate({ enableAutoPipelining: false });
    this.prefix = prefix;
    this.onListenerError = options.onListenerError ?? (() => undefined);
    this.subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  static async connect(url: string, prefix = 'lattice:', options: { onListenerError?: (err: unknown) => void } = {}): Promise<RedisRunEvents> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      throw new LatticeError(ErrorCodes.STORE_UNAVAILABLE, `cannot connect to Redis: ${(err as Error).message.replace(/redis(s)?:\/\/[^\s]*/g, 'redis://…')}`);
    }
    return new RedisRunEvents(redis, prefix, options);
  }

  private channel(topic: RunTopic): string {
    return topic === 'runs' ? `${this.prefix}events:runs` : `${this.prefix}events:run:${topic.runId}`;
  }

  async publish(event: RunEvent) {
    const message = JSON.stringify(event);
    const pipeline = this.publisher.pipeline();
    pipeline.publish(this.channel({ runId: eventRunId(event) }), message);
    if (event.type === 'run') pipeline.publish(this.channel('runs'), message);
    for (const [err] of (await pipeline.exec()) ?? []) if (err) throw err;
  }

  async subscribe(topic: RunTopic, listener: RunEventListener): Promise<Unsubscribe> {
    const name = this.channel(topic);
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { listeners: new Set(), ready: this.subscriber.subscribe(name) };
      this.channels.set(name, channel);
    }
    channel.listeners.add(listener);
    try {
      await channel.ready;
    } catch (err) {
      channel.listeners.delete(listener);
      if (channel.listeners.size === 0 && this.channels.get(name) === channel) this.channels.delete(name);
      throw err;
    }
    const subscribed = channel;
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size === 0 && this.channels.get(name) === subscribed) {
        this.channels.delete(name);
        await this.subscriber.unsubscribe(name).catch(() => undefined);
      }
    };
  }

  private deliver(name: string, message: string) {
    const channel = this.channels.get(name);
    if (!channel) return;
    const event = JSON.parse(message) as RunEvent;
    for (const listener of [...channel.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  async close() {
    this.channels.clear();
    await Promise.all([this.subscriber, this.publisher].map((c) => c.quit().catch(() => c.disconnect())));
  }
}
