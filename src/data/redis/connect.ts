/**
 * connectRedis: the one way the Redis stores open a connection (ioredis): connected before it is
 * handed out, so a wrong URL or a Redis that is down stops the start with STORE_UNAVAILABLE,
 * and the message never holds the URL (it may carry a password). Commands are retried 3 times
 * across reconnections, then fail.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';

export async function connectRedis(url: string, options: Pick<RedisOptions, 'enableAutoPipelining'> = {}): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, ...options });
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new LatticeError(ErrorCodes.STORE_UNAVAILABLE, `cannot connect to Redis: ${(err as Error).message.replace(/redis(s)?:\/\/[^\s]*/g, 'redis://…')}`);
  }
  return redis;
}
