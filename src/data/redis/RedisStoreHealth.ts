/**
 * RedisStoreHealth: a PING on a connection of its own (so a queue of store commands does not
 * delay it), failing at the command timeout. Its reason names what failed, never the URL.
 */
import type { Redis } from 'ioredis';
import type { StoreHealth, StoreHealthResult } from '../StoreHealth.ts';
import { createRedis, type RedisClientOptions } from './connect.ts';

export class RedisStoreHealth implements StoreHealth {
  readonly redis: Redis;

  constructor(redis: Redis) {
    this.redis = redis;
  }

  static connect(url: string, client: RedisClientOptions = {}): RedisStoreHealth {
    return new RedisStoreHealth(createRedis(url, client));
  }

  async check(): Promise<StoreHealthResult> {
    try {
      await this.redis.ping();
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: `Redis does not answer PING: ${(err as Error).message}` };
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
