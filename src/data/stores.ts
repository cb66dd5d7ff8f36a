/**
 * openStores: every store the configuration asks for, opened together: Redis when `redisUrl` is
 * set (keys under `redisPrefix`, default `lattice:`; shared by replicas, durable), in-process
 * otherwise. The entity store, the run store, the shared cache, the PubSub and the audit log. If
 * one cannot be opened, those already open are closed before the error is thrown. Every Redis
 * client has the command timeout and logs its errors (redis/connect.ts); `health` is what
 * `/readyz` asks of the store; with Redis, its connection also carries the seed marker and the
 * webhook delivery log (small, rare commands).
 */
import type { Logger } from 'pino';
import type { Config } from '../config/types.ts';
import type { AuditLog } from './AuditLog.ts';
import type { EntityStore } from './EntityStore.ts';
import { MemoryAuditLog } from './memory/MemoryAuditLog.ts';
import { RedisAuditLog } from './redis/RedisAuditLog.ts';
import { MemoryCache } from './memory/MemoryCache.ts';
import { MemoryEntityStore } from './memory/MemoryEntityStore.ts';
import { MemoryPubSub } from './memory/MemoryPubSub.ts';
import { MemoryRunStore } from './memory/MemoryRunStore.ts';
import type { PubSub } from './PubSub.ts';
import { RedisCache } from './redis/RedisCache.ts';
import { RedisEntityStore } from './redis/RedisEntityStore.ts';
import { RedisPubSub } from './redis/RedisPubSub.ts';
import { RedisRunStore } from './redis/RedisRunStore.ts';
import type { RunStore } from './RunStore.ts';
import type { SharedCache } from './SharedCache.ts';
import { ALWAYS_HEALTHY, type StoreHealth } from './StoreHealth.ts';
import { RedisStoreHealth } from './redis/RedisStoreHealth.ts';
import { RedisSeedMarker } from './redis/RedisSeedMarker.ts';
import type { SeedMarker } from './SeedMarker.ts';
import type { DeliveryLog } from './DeliveryLog.ts';
import { MemoryDeliveryLog } from './memory/MemoryDeliveryLog.ts';
import { RedisDeliveryLog } from './redis/RedisDeliveryLog.ts';
import { RedisEntityStates } from './redis/RedisEntityStates.ts';
import { MemoryEntityStates } from './memory/MemoryEntityStates.ts';
import type { EntityStates } from './EntityStates.ts';

export interface Stores {
  readonly entities: EntityStore;
  /** Audit events for the `auditLog` query: a Redis stream, or this process's ring buffer. */
  readonly audit: AuditLog;
  readonly runs: RunStore;
  readonly cache: SharedCache;
  readonly pubsub: PubSub;
  readonly health: StoreHealth;
  /** Redis: whether it still holds the catalog (re-seeded when lost); in-process stores cannot lose it. */
  readonly seedMarker?: SeedMarker;
  /** Webhook deliveries already taken (replays do nothing). */
  readonly deliveries: DeliveryLog;
  /** What automations last saw of each entity (EntityStates.ts). */
  readonly entityStates: EntityStates;
  close(): Promise<void>;
}

export async function openStores(config: Pick<Config, 'redisUrl' | 'redisPrefix' | 'audit' | 'faults'>, options: { readonly entities?: EntityStore; readonly log?: Logger } = {}): Promise<Stores> {
  const { redisUrl: url, redisPrefix: prefix } = config;
  const client = { commandTimeoutMs: config.faults.commandTimeoutMs, log: options.log };
  const opened: { close(): Promise<void> }[] = [];
  const open = async <T extends { close(): Promise<void> }>(make: () => T | Promise<T>): Promise<T> => {
    const store = await make();
    opened.push(store);
    return store;
  };
  try {
    const entities = await open(() => options.entities ?? (url ? RedisEntityStore.connect(url, prefix, client) : new MemoryEntityStore()));
    const runs = await open<RunStore>(() => (url ? RedisRunStore.connect(url, prefix, client) : new MemoryRunStore()));
    const cache = await open<SharedCache>(() => (url ? RedisCache.connect(url, prefix, client) : new MemoryCache()));
    const pubsub = await open<PubSub>(() => (url ? RedisPubSub.connect(url, prefix, { client }) : new MemoryPubSub()));
    const { maxEvents } = config.audit;
    const audit = await open<AuditLog>(() => (url ? RedisAuditLog.connect(url, { prefix, maxEvents, client }) : new MemoryAuditLog(maxEvents)));
    const health = url ? await open(() => RedisStoreHealth.connect(url, client)) : undefined;
    const seedMarker = health && new RedisSeedMarker(health.redis, prefix);
    const ttlSeconds = config.faults.deliveryTtlSeconds;
    const deliveries = health ? new RedisDeliveryLog(health.redis, { prefix, ttlSeconds }) : new MemoryDeliveryLog({ ttlSeconds });
    const entityStates = health ? new RedisEntityStates(health.redis, prefix) : new MemoryEntityStates();
    return { entities, runs, cache, pubsub, audit, health: health ?? ALWAYS_HEALTHY, seedMarker, deliveries, entityStates, close: () => Promise.all(opened.map((s) => s.close())).then(() => undefined) };
  } catch (err) {
    await Promise.allSettled(opened.map((s) => s.close()));
    throw err;
  }
}
