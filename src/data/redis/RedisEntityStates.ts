/**
 * EntityStates in Redis (see ../EntityStates.ts): one hash per entity, `<prefix>automations:state:<key>`
 * with `seq` and `json`; `advance` is one Lua script (compare-and-set on seq), `prime` HSETNX.
 */
import type { Redis } from 'ioredis';
import type { EntityState, EntityStates } from '../EntityStates.ts';

const ADVANCE = `
local seq = redis.call('HGET', KEYS[1], 'seq') or '0'
if seq ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'seq', tostring(tonumber(seq) + 1), 'json', ARGV[2])
return 1`;

export class RedisEntityStates implements EntityStates {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(redis: Redis, prefix = 'lattice:') {
    this.redis = redis;
    this.prefix = `${prefix}automations:state:`;
  }

  async read(key: string): Promise<EntityState> {
    const [seq, json] = await this.redis.hmget(this.prefix + key, 'seq', 'json');
    return { seq: Number(seq ?? 0), json: json ?? '' };
  }

  async advance(key: string, seq: number, json: string): Promise<boolean> {
    return (await this.redis.eval(ADVANCE, 1, this.prefix + key, String(seq), json)) === 1;
  }

  async prime(entries: readonly (readonly [string, string])[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 500) {
      const pipeline = this.redis.pipeline();
      for (const [key, json] of entries.slice(i, i + 500)) pipeline.hsetnx(this.prefix + key, 'json', json);
      await pipeline.exec();
    }
  }
}
