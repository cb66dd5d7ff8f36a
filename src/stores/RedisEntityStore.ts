/**
 * RedisEntityStore: the EntityStore on Redis (ioredis), shared by replicas and durable across
 * restarts. Layout (prefix `lattice:` by default):
 *
 *   {p}entities:{blueprint}                   hash  identifier → entity JSON
 *   {p}rev:{blueprint}:{relation}:{target}    set   identifiers of entities pointing at target
 *   {p}origin:{origin}                        set   "blueprint\0identifier" of entities it owns
 *   {p}origins                                set   every origin in use
 *
 * Writes are optimistic transactions (WATCH the entity hashes, MULTI/EXEC, retry on conflict), so
 * the reverse index never drifts from the entities even with several replicas writing.
 * Each method is one store call however many round trips it pipelines.
 */
import { Redis } from 'ioredis';
import { relationTargets, stamp, type Entity, type EntityInput, type EntityKey } from '../entities/entity.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';
import type { EntityStore } from './EntityStore.ts';

const MAX_RETRIES = 20;

export class RedisEntityStore implements EntityStore {
  private readonly redis: Redis;
  /** A connection for transactions only: WATCH state must not mix with other commands. */
  private readonly writer: Redis;
  /** Transactions on `writer` run one at a time; WATCH catches writers in other processes. */
  private writeQueue: Promise<unknown> = Promise.resolve();
  private readonly prefix: string;

  private constructor(redis: Redis, prefix: string) {
    this.redis = redis;
    this.writer = redis.duplicate({ enableAutoPipelining: false });
    this.prefix = prefix;
  }

  static async connect(url: string, prefix = 'lattice:'): Promise<RedisEntityStore> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true });
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      // The URL may hold a password: never put it in the message.
      throw new LatticeError(ErrorCodes.STORE_UNAVAILABLE, `cannot connect to Redis: ${(err as Error).message.replace(/redis(s)?:\/\/[^\s]*/g, 'redis://…')}`);
    }
    return new RedisEntityStore(redis, prefix);
  }

  private entitiesKey(blueprint: string) {
    return `${this.prefix}entities:${blueprint}`;
  }
  private revKey(blueprint: string, relation: string, target: string) {
    return `${this.prefix}rev:${blueprint}:${relation}:${target}`;
  }
  private originKey(origin: string) {
    return `${this.prefix}origin:${origin}`;
  }

  async getMany(blueprint: string, identifiers: readonly string[]) {
    if (identifiers.length === 0) return [];
    const raw = await this.redis.hmget(this.entitiesKey(blueprint), ...identifiers);
    return raw.map((r) => (r ? parse(r) : undefined));
  }

  async list(blueprint: string) {
    return (await this.redis.hvals(this.entitiesKey(blueprint))).map(parse);
  }

  async findByRelation(blueprint: string, relation: string, targets: readonly string[]) {
    if (targets.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const t of targets) pipeline.smembers(this.revKey(blueprint, relation, t));
    const sets = ((await pipeline.exec()) ?? []).map(([err, ids]) => {
      if (err) throw err;
      return ids as string[];
    });
    const all = [...new Set(sets.flat())];
    const loaded = all.length ? await this.getMany(blueprint, all) : [];
    const byId = new Map(all.map((id, i) => [id, loaded[i]]));
    return sets.map((ids) => ids.flatMap((id) => (byId.get(id) ? [byId.get(id) as Entity] : [])));
  }

  async put(inputs: readonly EntityInput[]) {
    return (await this.write(inputs)).entities;
  }

  /** Writes entities; `changed` counts those whose content differed from what was stored. */
  private async write(inputs: readonly EntityInput[]) {
    return this.transaction(inputs.map((i) => i.blueprint), async (tx, read) => {
      const now = new Date().toISOString();
      const entities: Entity[] = [];
      let changed = 0;
      const previous = await read(inputs);
      inputs.forEach((input, i) => {
        const before = previous[i];
        const entity = stamp(input, before, now);
        entities.push(entity);
        if (entity === before) return;
        changed++;
        if (before) this.unindex(tx, before);
        tx.hset(this.entitiesKey(entity.blueprint), entity.identifier, JSON.stringify(entity));
        this.index(tx, entity);
      });
      return { entities, changed };
    });
  }

  async delete(keys: readonly EntityKey[]) {
    return this.transaction(keys.map((k) => k.blueprint), async (tx, read) => {
      const previous = await read(keys);
      return previous.map((before, i) => {
        if (!before) return false;
        this.unindex(tx, before);
        tx.hdel(this.entitiesKey(keys[i].blueprint), keys[i].identifier);
        return true;
      });
    });
  }

  async replaceOrigin(originPrefix: string, entities: readonly EntityInput[]) {
    const origins = (await this.redis.smembers(`${this.prefix}origins`)).filter((o) => o.startsWith(originPrefix));
    const members = origins.length ? await Promise.all(origins.map((o) => this.redis.smembers(this.originKey(o)))) : [];
    const keep = new Set(entities.map((e) => `${e.blueprint}\0${e.identifier}`));
    const stale = [...new Set(members.flat())].filter((m) => !keep.has(m)).map((m) => {
      const [blueprint, identifier] = m.split('\0');
      return { blueprint, identifier };
    });
    const { changed } = await this.write(entities);
    // An entity another owner took over since must not be deleted on this owner's behalf.
    const current = stale.length ? await this.getManyKeys(stale) : [];
    const deleted = stale.filter((_, i) => current[i]?.origin.startsWith(originPrefix));
    await this.delete(deleted);
    return { written: changed, deleted: deleted.length };
  }

  async close() {
    await this.writeQueue.catch(() => undefined);
    await Promise.all([this.redis, this.writer].map((c) => c.quit().catch(() => c.disconnect())));
  }

  /** Deletes every key of this store's prefix (tests). */
  async clear() {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
      if (keys.length) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  private async getManyKeys(keys: readonly EntityKey[]): Promise<(Entity | undefined)[]> {
    const pipeline = this.redis.pipeline();
    for (const k of keys) pipeline.hget(this.entitiesKey(k.blueprint), k.identifier);
    return ((await pipeline.exec()) ?? []).map(([err, raw]) => {
      if (err) throw err;
      return raw ? parse(raw as string) : undefined;
    });
  }

  private index(tx: ReturnType<Redis['multi']>, e: Entity) {
    for (const relation of Object.keys(e.relations)) for (const t of relationTargets(e, relation)) tx.sadd(this.revKey(e.blueprint, relation, t), e.identifier);
    tx.sadd(this.originKey(e.origin), `${e.blueprint}\0${e.identifier}`);
    tx.sadd(`${this.prefix}origins`, e.origin);
  }

  private unindex(tx: ReturnType<Redis['multi']>, e: Entity) {
    for (const relation of Object.keys(e.relations)) for (const t of relationTargets(e, relation)) tx.srem(this.revKey(e.blueprint, relation, t), e.identifier);
    tx.srem(this.originKey(e.origin), `${e.blueprint}\0${e.identifier}`);
  }

  /**
   * Runs `body` in an optimistic transaction over the given blueprints' hashes: WATCH them, read
   * the current entities, queue writes on `tx`, EXEC; retry when another writer got there first.
   */
  private transaction<T>(blueprints: readonly string[], body: (tx: ReturnType<Redis['multi']>, read: (keys: readonly EntityKey[]) => Promise<(Entity | undefined)[]>) => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(() => this.transactionNow(blueprints, body));
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private async transactionNow<T>(blueprints: readonly string[], body: (tx: ReturnType<Redis['multi']>, read: (keys: readonly EntityKey[]) => Promise<(Entity | undefined)[]>) => Promise<T>): Promise<T> {
    if (blueprints.length === 0) return body(this.writer.multi(), async () => []);
    const watched = [...new Set(blueprints)].map((b) => this.entitiesKey(b));
    const conn = this.writer;
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      try {
        await conn.watch(...watched);
        const read = async (keys: readonly EntityKey[]) => {
          const pipeline = conn.pipeline();
          for (const k of keys) pipeline.hget(this.entitiesKey(k.blueprint), k.identifier);
          return ((await pipeline.exec()) ?? []).map(([err, raw]) => {
            if (err) throw err;
            return raw ? parse(raw as string) : undefined;
          });
        };
        const tx = conn.multi();
        const result = await body(tx, read);
        if ((await tx.exec()) !== null) return result;
      } catch (err) {
        await conn.unwatch().catch(() => undefined);
        throw err;
      }
    }
    throw new LatticeError(ErrorCodes.STORE_UNAVAILABLE, `could not write to Redis: ${MAX_RETRIES} conflicting writers in a row`);
  }
}

function parse(raw: string): Entity {
  return Object.freeze(JSON.parse(raw) as Entity);
}
