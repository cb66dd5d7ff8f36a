/**
 * GuardedWrite's script (src/data/redis/GuardedWrite.ts) on the suite's real Redis, under a key
 * prefix of this file's own: commands apply only when every guarded field still holds what was
 * read; a failed guard applies nothing and answers what each failed field holds now.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyGuarded, defineGuardedWrite, GuardedWrite, MAX_COMMAND_ARGS } from '../../src/data/redis/GuardedWrite.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis.ts';

const URL = testRedisUrl();
const PREFIX = `lattice-test:${randomUUID()}:`;
const HASH = `${PREFIX}hash`;
const LIST = `${PREFIX}list`;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(URL);
  defineGuardedWrite(redis);
});
afterAll(async () => {
  await redis.quit();
  await deleteKeys(URL, PREFIX);
});

function writeOf(guards: readonly [string, string | undefined][]) {
  const write = new GuardedWrite();
  for (const [field, expected] of guards) write.guard(HASH, field, expected);
  write.command('hset', HASH, 'x', 'new x');
  write.command('rpush', LIST, 'x', 'y');
  write.command('hincrby', HASH, 'n', 2);
  return write;
}

it('applies every command when each guard holds: a present field unchanged, an absent one still absent', async () => {
  await redis.hset(HASH, 'x', 'old x', 'other', 'o');
  expect(await applyGuarded(redis, writeOf([['x', 'old x'], ['y', undefined]]))).toEqual([]);
  expect(await redis.hgetall(HASH)).toEqual({ x: 'new x', other: 'o', n: '2' });
  expect(await redis.lrange(LIST, 0, -1)).toEqual(['x', 'y']);
  // A field nobody guards may change in between: it is no conflict.
  await redis.hset(HASH, 'other', 'changed');
  expect(await applyGuarded(redis, writeOf([['x', 'new x']]))).toEqual([]);
  expect(await redis.hget(HASH, 'n')).toBe('4');
  await redis.del(HASH, LIST);
});

it('applies nothing when a guard fails, and answers each failed guard with what its field holds now', async () => {
  await redis.hset(HASH, 'x', 'written by another', 'y', 'created by another');
  const failed = await applyGuarded(redis, writeOf([['x', 'old x'], ['z', undefined], ['y', undefined]]));
  expect(failed).toEqual([
    { guard: 0, held: 'written by another' },
    { guard: 2, held: 'created by another' },
  ]);
  expect(await redis.hgetall(HASH)).toEqual({ x: 'written by another', y: 'created by another' });
  expect(await redis.exists(LIST)).toBe(0);
  await redis.hdel(HASH, 'x');
  expect(await applyGuarded(redis, writeOf([['x', 'written by another']]))).toEqual([{ guard: 0, held: undefined }]);
  await redis.del(HASH);
});

it('has nothing to apply without commands, and refuses a command longer than Lua can unpack', () => {
  const write = new GuardedWrite();
  write.guard(HASH, 'x', undefined);
  expect(write.empty).toBe(true);
  expect(() => write.command('rpush', LIST, ...Array.from({ length: MAX_COMMAND_ARGS + 1 }, (_, i) => `i${i}`))).toThrow(RangeError);
  write.command('rpush', LIST, ...Array.from({ length: MAX_COMMAND_ARGS }, (_, i) => `i${i}`));
  expect(write.empty).toBe(false);
});
