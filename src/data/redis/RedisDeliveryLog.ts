/**
 * RedisDeliveryLog: the DeliveryLog shared by replicas: `SET {p}webhooks:delivery:{id} 1 NX EX ttl`;
 * the first SET wins, on whichever replica.
 */
import type { Redis } from 'ioredis';
import type { DeliveryLog } from '../DeliveryLog.ts';

export class RedisDeliveryLog implements DeliveryLog {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(redis: Redis, options: { readonly prefix?: string; readonly ttlSeconds: number }) {
    this.redis = redis;
    this.prefix = `${options.prefix ?? 'lattice:'}webhooks:delivery:`;
    this.ttlSeconds = options.ttlSeconds;
  }

  async claim(id: string): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}${id}`, '1', 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }
}
