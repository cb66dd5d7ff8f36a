/**
 * RedisSeedMarker: the SeedMarker as two keys under the prefix, on the store health connection:
 *
 *   {p}catalog:seeded    the time the catalog was last applied (no expiry)
 *   {p}catalog:seeding   the lock of the replica seeding now (SET NX PX)
 */
import type { Redis } from 'ioredis';
import type { SeedMarker } from '../SeedMarker.ts';

export class RedisSeedMarker implements SeedMarker {
  private readonly redis: Redis;
  private readonly key: string;

  constructor(redis: Redis, prefix = 'lattice:') {
    this.redis = redis;
    this.key = `${prefix}catalog:`;
  }

  async seeded(): Promise<boolean> {
    return (await this.redis.exists(`${this.key}seeded`)) === 1;
  }

  async claim(ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.key}seeding`, String(process.pid), 'PX', ttlMs, 'NX')) === 'OK';
  }

  async mark(): Promise<void> {
    await this.redis.multi().set(`${this.key}seeded`, new Date().toISOString()).del(`${this.key}seeding`).exec();
  }

  onReconnect(listener: () => void): void {
    this.redis.on('ready', listener);
  }
}
