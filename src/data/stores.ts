/**
 * createEntityStore: the store the configuration asks for: Redis when `redisUrl` is set (keys
 * under `redisPrefix`, default `lattice:`), in-process otherwise.
 */
import type { Config } from '../config/types.ts';
import type { EntityStore } from './EntityStore.ts';
import { MemoryEntityStore } from './memory/MemoryEntityStore.ts';

export async function createEntityStore(config: Pick<Config, 'redisUrl' | 'redisPrefix'>): Promise<EntityStore> {
  if (!config.redisUrl) return new MemoryEntityStore();
  const { RedisEntityStore } = await import('./redis/RedisEntityStore.ts');
  return RedisEntityStore.connect(config.redisUrl, config.redisPrefix);
}
