/**
 * How the suite chooses its Redis (redis.ts): the variable, else the machine's Redis when it
 * answers, else a redis-server of its own, in memory only, that stops when asked. The "machine's
 * Redis" is a parameter here, so the test can name one that does not answer without touching the
 * shared one at 6379.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.ts';
import { testRedisUrl } from '../helpers/redis.ts';
import { pingProblem, provideTestRedis } from './redis.ts';

/** A redis:// URL on a port where nothing listens. */
async function deadUrl(credentials = ''): Promise<string> {
  return `redis://${credentials}127.0.0.1:${await freePort()}`;
}

describe('the suite Redis', () => {
  it('is $LATTICE_TEST_REDIS_URL when it is set and answers', async () => {
    const redis = await provideTestRedis({ env: { LATTICE_TEST_REDIS_URL: testRedisUrl() }, defaultUrl: await deadUrl() });
    expect(redis).toMatchObject({ url: testRedisUrl(), origin: 'LATTICE_TEST_REDIS_URL' });
  });

  it('refuses a $LATTICE_TEST_REDIS_URL that does not answer, naming it without its password', async () => {
    const url = await deadUrl(':hunter22@');
    const failure = provideTestRedis({ env: { LATTICE_TEST_REDIS_URL: url }, defaultUrl: testRedisUrl() });
    await expect(failure).rejects.toThrow(/^LATTICE_TEST_REDIS_URL=redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ does not answer PING \(.*ECONNREFUSED.*\)/);
    await expect(failure).rejects.not.toThrow(/hunter22/);
  });

  it('is the machine Redis when the variable is unset and it answers', async () => {
    const redis = await provideTestRedis({ env: {}, defaultUrl: testRedisUrl() });
    expect(redis).toMatchObject({ url: testRedisUrl(), origin: 'default' });
  });

  it('is a redis-server of its own, in memory only, when nothing answers; stop() ends it', async () => {
    const dead = await deadUrl();
    const redis = await provideTestRedis({ env: {}, defaultUrl: dead });
    expect(redis.origin).toBe('own');
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(redis.url).not.toBe(dead);
    const client = new Redis(redis.url);
    try {
      await client.set('lattice-test:setup', 'ok');
      expect(await client.get('lattice-test:setup')).toBe('ok');
      expect(await client.config('GET', 'save')).toEqual(['save', '']);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    } finally {
      client.disconnect();
    }
    await redis.stop();
    expect(await pingProblem(redis.url)).toMatch(/ECONNREFUSED/);
  });
});
