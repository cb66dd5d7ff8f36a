/**
 * The Redis URL every test that needs Redis uses: chosen once per run by the global setup
 * (test/setup/redis.ts: $LATTICE_TEST_REDIS_URL, else 127.0.0.1:6379 when it answers, else a
 * redis-server of the suite's own). Tests keep their data apart with key prefixes of their own.
 */
import { Redis } from 'ioredis';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The suite's Redis (test/setup/global.ts provides it). */
    redisUrl: string;
  }
}

export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** Deletes every key under a test's prefix (its afterAll). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
