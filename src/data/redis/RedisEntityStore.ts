/**
 * RedisEntityStore: the EntityStore on Redis (ioredis), shared by replicas and durable across
 * restarts. Layout (prefix `lattice:` by default):
 *
 *   {p}entities:{blueprint}                   hash  identifier → entity JSON
 *   {p}rev:{blueprint}:{relation}:{target}    set   identifiers of entities pointing at target
 *   {p}origin:{origin}                        set   "blueprint\0identifier" of entities it owns
 *   {p}origins                                set   every origin in use
 *   {p}changes:{blueprint}                    hash  epoch (set once, random), total (changes ever)
 *   {p}changed:{blueprint}                    list  identifiers of the last CHANGE_LOG_LENGTH changes
 *
 * Every write appends what it changed to the blueprint's change log in the same atomic step, so
 * `changes` (one Lua script: atomic, one round trip) tells a replica exactly which entities to
 * read again; a cursor is "<epoch>:<total>", and a Redis that lost its data has another epoch.
 *
 * Writes are per-entity compare-and-set (GuardedWrite.ts): a write reads the entities it touches,
 * computes every command (the entities, the reverse index, the origin sets, the change log), and
 * one Lua script applies them all only if each entity read still holds what was read (or is still
 * absent); otherwise nothing is applied, the script answers which entities changed and what they
 * hold now, and the write computes again from that and retries (at most MAX_RETRIES times, then
 * STORE_UNAVAILABLE). So the reverse index never drifts from the entities even with several
 * replicas writing, and a write conflicts only with writes to the same entities: replicas writing
 * other entities of the same blueprint never make it retry. Within one process, writes to the same
 * entity wait for each other (KeyedQueue), so a retry means another replica wrote that entity
 * meanwhile; `retries` counts them. A write with nothing to change (an insert of a key that
 * exists, a put of what is stored) sends no script: its read is its answer. Each write method,
 * replaceOrigin and insert (create only if absent) included, is one atomic step, and one store
 * call however many round trips it takes.
 * Entities come back frozen all the way down, as parsed from Redis.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { relationTargets, stamp, type Entity, type EntityInput, type EntityKey } from '../../model/entities/entity.ts';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { CHANGE_LOG_LENGTH, type EntityChanges, type EntityStore } from '../EntityStore.ts';
import { freezeEntity } from '../freeze.ts';
import { ownedElsewhere } from '../ownership.ts';
import { KeyedQueue } from '../KeyedQueue.ts';
import { connectRedis, type RedisClientOptions } from './connect.ts';
import { applyGuarded, defineGuardedWrite, GuardedWrite, MAX_COMMAND_ARGS } from './GuardedWrite.ts';

const MAX_RETRIES = 20;

/**
 * KEYS: the change hash, the change list; ARGV: the cursor's epoch, its total, the log's length,
 * an epoch to set if the blueprint has none yet (so a cursor taken before the first write stays
 * good). Answers epoch, total, known (0/1), identifiers.
 */
const CHANGES_SCRIPT = `
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[4])
local meta = redis.call('HMGET', KEYS[1], 'epoch', 'total')
local epoch = meta[1]
local total = tonumber(meta[2] or '0')
if ARGV[1] ~= epoch then return {epoch, total, 0, {}} end
local behind = total - tonumber(ARGV[2])
if behind < 0 or behind > tonumber(ARGV[3]) then return {epoch, total, 0, {}} end
if behind == 0 then return {epoch, total, 1, {}} end
if behind > redis.call('LLEN', KEYS[2]) then return {epoch, total, 0, {}} end
return {epoch, total, 1, redis.call('LRANGE', KEYS[2], -behind, -1)}
`;

export class RedisEntityStore implements EntityStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  /** Writes of this process, one at a time per entity ("blueprint\0identifier"). */
  private readonly writes = new KeyedQueue();
  private conflicts = 0;

  private constructor(redis: Redis, prefix: string) {
    this.redis = redis;
    this.prefix = prefix;
    defineGuardedWrite(redis);
  }

  static async connect(url: string, prefix = 'lattice:', client: RedisClientOptions = {}): Promise<RedisEntityStore> {
    const redis = await connectRedis(url, { ...client, enableAutoPipelining: true });
    return new RedisEntityStore(redis, prefix);
  }

  /** Writes this store read again because another writer changed one of their entities first. */
  get retries(): number {
    return this.conflicts;
  }

  private entitiesKey(blueprint: string) {
    return `${this.prefix}entities:${blueprint}`;
  }
  private revKey(blueprint: string, relation: string, target: string) {
    return `${this.prefix}rev:${blueprint}:${relation}:${target}`;
  }
  private changesKey(blueprint: string) {
    return `${this.prefix}changes:${blueprint}`;
  }
  private changedKey(blueprint: string) {
    return `${this.prefix}changed:${blueprint}`;
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
    // The sets and the entities are two reads: keep only entities that still point at the target.
    return sets.map((ids, i) => ids.flatMap((id) => byId.get(id) ?? []).filter((e) => relationTargets(e, relation).includes(targets[i])));
  }

  async put(inputs: readonly EntityInput[]) {
    return this.write(inputs, (write, previous) => this.queuePut(write, previous, inputs).entities);
  }

  async insert(input: EntityInput) {
    // Guarded on the entity's absence: an insert of the same key by another replica between the
    // read and the script makes the script refuse, and the retry reads the entity it wrote.
    return this.write([input], (write, [previous]) => (previous ? undefined : this.queuePut(write, [undefined], [input]).entities[0]));
  }

  async delete(keys: readonly EntityKey[]) {
    return this.write(keys, (write, previous) => this.queueDelete(write, previous, keys));
  }

  async replaceOrigin(originPrefix: string, entities: readonly EntityInput[]) {
    const origins = (await this.redis.smembers(`${this.prefix}origins`)).filter((o) => o.startsWith(originPrefix));
    const members = origins.length ? await Promise.all(origins.map((o) => this.redis.smembers(this.originKey(o)))) : [];
    const keep = new Set(entities.map(memberOf));
    const stale = [...new Set(members.flat())].filter((m) => !keep.has(m)).map((m) => {
      const [blueprint, identifier] = m.split('\0');
      return { blueprint, identifier };
    });
    return this.write([...entities, ...stale], (write, previous) => {
      const taken = entities.flatMap((input, i) => {
        const owner = previous[i];
        return owner && !owner.origin.startsWith(originPrefix) ? [{ input, owner }] : [];
      });
      if (taken.length) throw ownedElsewhere(taken);
      const { changed } = this.queuePut(write, previous.slice(0, entities.length), entities);
      // An entity another owner took over since must not be deleted on this owner's behalf.
      const owned = previous.slice(entities.length).map((e) => (e?.origin.startsWith(originPrefix) ? e : undefined));
      const deleted = this.queueDelete(write, owned, stale).filter(Boolean).length;
      return { written: changed, deleted };
    });
  }

  async changes(blueprint: string, cursor?: string): Promise<EntityChanges> {
    const at = cursor?.lastIndexOf(':') ?? -1;
    const [epoch, total] = cursor !== undefined && at >= 0 ? [cursor.slice(0, at), cursor.slice(at + 1)] : ['\0none', '0'];
    const [now, count, known, ids] = (await this.redis.eval(CHANGES_SCRIPT, 2, this.changesKey(blueprint), this.changedKey(blueprint), epoch, Number(total) || 0, CHANGE_LOG_LENGTH, randomUUID())) as [string, number, number, string[]];
    return { cursor: `${now}:${count}`, identifiers: known === 1 && cursor !== undefined ? ids : undefined };
  }

  async close() {
    await this.writes.idle();
    await this.redis.quit().catch(() => this.redis.disconnect());
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

  /**
   * Queues the writes of `inputs` on `write`, given `previous` (what Redis held for each input);
   * `changed` counts those whose content differed. A key given twice replaces its first write.
   */
  private queuePut(write: GuardedWrite, previous: readonly (Entity | undefined)[], inputs: readonly EntityInput[]) {
    const now = new Date().toISOString();
    const written = new Map<string, Entity>();
    const logged: EntityKey[] = [];
    let changed = 0;
    const entities = inputs.map((input, i) => {
      const before = written.get(memberOf(input)) ?? previous[i];
      const stamped = stamp(input, before, now);
      if (stamped === before) return before;
      const json = JSON.stringify(stamped);
      // Parsed back: put returns what later reads will, and keeps no reference to its input.
      const entity = parse(json);
      written.set(memberOf(entity), entity);
      changed++;
      if (before) this.unindex(write, before);
      write.command('hset', this.entitiesKey(entity.blueprint), entity.identifier, json);
      this.index(write, entity);
      logged.push(entity);
      return entity;
    });
    this.log(write, logged);
    return { entities, changed };
  }

  /** Queues the deletion of `keys` on `write`, given `previous`; per key, whether it existed. */
  private queueDelete(write: GuardedWrite, previous: readonly (Entity | undefined)[], keys: readonly EntityKey[]) {
    const deleted = new Set<string>();
    const logged: EntityKey[] = [];
    const existed = keys.map((key, i) => {
      const before = previous[i];
      if (!before || deleted.has(memberOf(key))) return false;
      deleted.add(memberOf(key));
      this.unindex(write, before);
      write.command('hdel', this.entitiesKey(key.blueprint), key.identifier);
      logged.push(key);
      return true;
    });
    this.log(write, logged);
    return existed;
  }

  /** Queues the change log's entries for `keys` (written or deleted), per blueprint. */
  private log(write: GuardedWrite, keys: readonly EntityKey[]) {
    const byBlueprint = Map.groupBy(keys, (k) => k.blueprint);
    for (const [blueprint, changed] of byBlueprint) {
      for (let i = 0; i < changed.length; i += MAX_COMMAND_ARGS) write.command('rpush', this.changedKey(blueprint), ...changed.slice(i, i + MAX_COMMAND_ARGS).map((k) => k.identifier));
      write.command('ltrim', this.changedKey(blueprint), -CHANGE_LOG_LENGTH, -1);
      write.command('hsetnx', this.changesKey(blueprint), 'epoch', randomUUID());
      write.command('hincrby', this.changesKey(blueprint), 'total', changed.length);
    }
  }

  private index(write: GuardedWrite, e: Entity) {
    for (const relation of Object.keys(e.relations)) for (const t of relationTargets(e, relation)) write.command('sadd', this.revKey(e.blueprint, relation, t), e.identifier);
    write.command('sadd', this.originKey(e.origin), memberOf(e));
    write.command('sadd', `${this.prefix}origins`, e.origin);
  }

  private unindex(write: GuardedWrite, e: Entity) {
    for (const relation of Object.keys(e.relations)) for (const t of relationTargets(e, relation)) write.command('srem', this.revKey(e.blueprint, relation, t), e.identifier);
    write.command('srem', this.originKey(e.origin), memberOf(e));
  }

  /**
   * Runs a write over the entities at `keys`: read them, let `body` queue its commands on a
   * GuardedWrite guarded by what was read, apply it. When another writer changed one of them
   * first, the script's answer is the fresh read: `body` runs again on it (at most MAX_RETRIES
   * times). Writes of this process to the same entities run one at a time.
   */
  private write<T>(keys: readonly EntityKey[], body: (write: GuardedWrite, previous: (Entity | undefined)[]) => T): Promise<T> {
    const members = keys.map(memberOf);
    return this.writes.run(members, async () => {
      const unique = [...new Map(keys.map((k, i) => [members[i], k])).entries()];
      const raw = await this.readRaw(unique.map(([, k]) => k));
      const held = new Map(unique.map(([member], i) => [member, raw[i]]));
      for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
        const write = new GuardedWrite();
        const previous = new Map<string, Entity | undefined>();
        for (const [member, key] of unique) {
          const json = held.get(member);
          write.guard(this.entitiesKey(key.blueprint), key.identifier, json);
          previous.set(member, json === undefined ? undefined : parse(json));
        }
        const result = body(write, members.map((m) => previous.get(m)));
        if (write.empty) return result;
        const failed = await applyGuarded(this.redis, write);
        if (failed.length === 0) return result;
        this.conflicts++;
        for (const { guard, held: now } of failed) held.set(unique[guard][0], now);
      }
      throw new LatticeError(ErrorCodes.STORE_UNAVAILABLE, `could not write to Redis: ${MAX_RETRIES} conflicting writers in a row`);
    });
  }

  /** The stored JSON of each key, in order; undefined where absent. */
  private async readRaw(keys: readonly EntityKey[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const k of keys) pipeline.hget(this.entitiesKey(k.blueprint), k.identifier);
    return ((await pipeline.exec()) ?? []).map(([err, raw]) => {
      if (err) throw err;
      return (raw as string | null) ?? undefined;
    });
  }
}

function parse(raw: string): Entity {
  return freezeEntity(JSON.parse(raw) as Entity);
}

/** An entity's member in the origin sets: "blueprint\0identifier". */
function memberOf(key: EntityKey): string {
  return `${key.blueprint}\0${key.identifier}`;
}
