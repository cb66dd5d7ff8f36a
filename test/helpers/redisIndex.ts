/**
 * expectRedisIndexConsistent: reads RedisEntityStore's raw reverse-index sets under a prefix and
 * fails when one holds an identifier its stored entity does not imply (findByRelation alone
 * filters such entries out, so it could hide a drifting index).
 */
import type { Redis } from 'ioredis';
import { expect } from 'vitest';
import { relationTargets } from '../../src/model/entities/entity.ts';

export async function expectRedisIndexConsistent(raw: Redis, prefix: string): Promise<void> {
  const keys = await raw.keys(`${prefix}rev:*`);
  for (const key of keys) {
    const [blueprint, relation, target] = key.slice(`${prefix}rev:`.length).split(':');
    const members = await raw.smembers(key);
    for (const id of members) {
      const json = await raw.hget(`${prefix}entities:${blueprint}`, id);
      const entity = json ? JSON.parse(json) : undefined;
      expect(entity && relationTargets(entity, relation).includes(target), `${key} holds ${id}`).toBe(true);
    }
  }
}
