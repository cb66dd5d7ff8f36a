/**
 * openStores: every store the configuration asks for, opened together: Redis when `redisUrl` is
 * set (keys under `redisPrefix`, default `lattice:`; shared by replicas, durable), in-process
 * otherwise. The entity store, the run store, the shared cache, the PubSub and the audit log. If
 * one cannot be opened, those already open are closed before the error is thrown.
 */
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

export interface Stores {
  readonly entities: EntityStore;
  /** Audit events for the `auditLog` query: a Redis stream, or this process's ring buffer. */
  readonly audit: AuditLog;
  readonly runs: RunStore;
  readonly cache: SharedCache;
  readonly pubsub: PubSub;
  close(): Promise<void>;
}

export async function openStores(config: Pick<Config, 'redisUrl' | 'redisPrefix' | 'audit'>, options: { readonly entities?: EntityStore } = {}): Promise<Stores> {
  const { redisUrl: url, redisPrefix: prefix } = config;
  const opened: { close(): Promise<void> }[] = [];
  const open = async <T extends { close(): Promise<void> }>(make: () => T | Promise<T>): Promise<T> => {
    const store = await make();
    opened.push(store);
    return store;
  };
  try {
    const entities = await open(() => options.entities ?? (url ? RedisEntityStore.connect(url, prefix) : new MemoryEntityStore()));
    const runs = await open<RunStore>(() => (url ? RedisRunStore.connect(url, prefix) : new MemoryRunStore()));
    const cache = await open<SharedCache>(() => (url ? RedisCache.connect(url, prefix) : new MemoryCache()));
    const pubsub = await open<PubSub>(() => (url ? RedisPubSub.connect(url, prefix) : new MemoryPubSub()));
    const { maxEvents } = config.audit;
    const audit = await open<AuditLog>(() => (url ? RedisAuditLog.connect(url, { prefix, maxEvents }) : new MemoryAuditLog(maxEvents)));
    return { entities, runs, cache, pubsub, audit, close: () => Promise.all(opened.map((s) => s.close())).then(() => undefined) };
  } catch (err) {
    await Promise.allSettled(opened.map((s) => s.close()));
    throw err;
  }
}
