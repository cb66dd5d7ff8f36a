/**
 * RedisRunStore: the RunStore on Redis (ioredis), shared by replicas and durable. Layout (prefix
 * `lattice:` by default):
 *
 *   {p}runs                  hash  run id → run JSON
 *   {p}runs:idem             hash  "user\0key" → run id
 *   {p}runs:all              zset  every run id (all scores 0: ordered by id, i.e. by creation)
 *   {p}runs:action:{action}  zset  ids of the action's runs        (same for entity, user)
 *   {p}runs:status:{status}  zset  ids of runs now in that status (moved by every transition)
 *   {p}runs:logs:{id}        list  log lines as JSON { message, at }; cursor = position + 1
 *
 * Atomicity comes from Lua scripts, which Redis runs one at a time: `create` checks the
 * idempotency key, writes the run and its index entries in one script; `update` reads the run in
 * TypeScript, computes the next revision with `applyUpdate`, and a script writes it only if the
 * stored revision is still the one read (compare-and-set), moving the status index in the same
 * step; on a lost race the store reads again and retries. A log append is one RPUSH, whose
 * answer (the new length) gives the appended lines' cursors: no gap, no duplicate.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { applyUpdate, type Run, type RunUpdate } from '../run.ts';
import { DEFAULT_LOG_LIMIT, DEFAULT_PAGE_SIZE, matchesFilter, type RunFilter, type RunPage, type RunPageArgs, type RunStore } from '../RunStore.ts';
import { connectRedis, type RedisClientOptions } from './connect.ts';

const MAX_RETRIES = 50;
const SCAN_BATCH = 100;

const CREATE = `
if ARGV[3] ~= '' then
  local existing = redis.call('HGET', KEYS[2], ARGV[3])
  if existing then return {0, redis.call('HGET', KEYS[1], existing)} end
end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return {-1, ''} end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], ARGV[3], ARGV[1]) end
for i = 3, #KEYS do redis.call('ZADD', KEYS[i], 0, ARGV[1]) end
return {1, ''}
`;

const UPDATE = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return -1 end
if tostring(cjson.decode(current).revision) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
if KEYS[2] ~= KEYS[3] then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZADD', KEYS[3], 0, ARGV[1])
end
return 1
`;

export class RedisRunStore implements RunStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(redis: Redis, prefix = 'lattice:') {
    this.redis = redis;
    this.prefix = prefix;
  }

  static async connect(url: string, prefix = 'lattice:', client: RedisClientOptions = {}): Promise<RedisRunStore> {
    const redis = await connectRedis(url, { ...client, enableAutoPipelining: true });
    return new RedisRunStore(redis, prefix);
  }

  private key(...parts: string[]) {
    return `${this.prefix}runs${parts.map((p) => `:${p}`).join('')}`;
  }

  async create(run: Run) {
    const idem = run.idempotencyKey === null ? '' : `${run.createdBy}\0${run.idempotencyKey}`;
    const indexes = [this.key('all'), this.key('action', run.action), this.key('status', run.status), this.key('user', run.createdBy)];
    if (run.entity !== null) indexes.push(this.key('entity', run.entity));
    const [outcome, existing] = (await this.script(CREATE, [this.key(), this.key('idem'), ...indexes], [run.id, JSON.stringify(run), idem])) as [number, string];
    if (outcome === 0) return { run: parse(existing), created: false };
    if (outcome === -1) throw new LatticeError(ErrorCodes.RUN_CONFLICT, `run ${run.id} already exists`, { details: { runId: run.id } });
    return { run: parse(JSON.stringify(run)), created: true };
  }

  async get(id: string) {
    const json = await this.redis.hget(this.key(), id);
    return json === null ? undefined : parse(json);
  }

  async findByIdempotencyKey(user: string, key: string) {
    const id = await this.redis.hget(this.key('idem'), `${user}\0${key}`);
    return id === null ? undefined : this.get(id);
  }

  async list(filter: RunFilter = {}, page: RunPageArgs = {}): Promise<RunPage> {
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    const index = await this.drivingIndex(filter);
    const runs: Run[] = [];
    let hasNextPage = false;
    let max = page.after ? `(${page.after}` : '+';
    for (;;) {
      const ids = await this.redis.zrevrangebylex(index, max, '-', 'LIMIT', 0, SCAN_BATCH);
      if (ids.length === 0) break;
      const found = await this.redis.hmget(this.key(), ...ids);
      for (const json of found) {
        if (json === null) continue;
        const run = parse(json);
        if (!matchesFilter(run, filter)) continue;
        if (runs.length === first) {
          hasNextPage = true;
          break;
        }
        runs.push(run);
      }
      if (hasNextPage || ids.length < SCAN_BATCH) break;
      max = `(${ids[ids.length - 1]}`;
    }
    return { runs, endCursor: runs.at(-1)?.id ?? null, hasNextPage };
  }

  /** The smallest index that holds every run matching the filter. */
  private async drivingIndex(filter: RunFilter): Promise<string> {
    const candidates = [
      filter.action === undefined ? undefined : this.key('action', filter.action),
      filter.entity === undefined ? undefined : this.key('entity', filter.entity),
      filter.status === undefined ? undefined : this.key('status', filter.status),
      filter.user === undefined ? undefined : this.key('user', filter.user),
    ].filter((k): k is string => k !== undefined);
    if (candidates.length === 0) return this.key('all');
    if (candidates.length === 1) return candidates[0];
    const sizes = await Promise.all(candidates.map((k) => this.redis.zcard(k)));
    return candidates[sizes.indexOf(Math.min(...sizes))];
  }

  async update(id: string, update: RunUpdate) {
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const current = await this.get(id);
      if (!current) throw notFound(id);
      const next = applyUpdate(current, update, new Date());
      const written = (await this.script(
        UPDATE,
        [this.key(), this.key('status', current.status), this.key('status', next.status)],
        [id, String(current.revision), JSON.stringify(next)],
      )) as number;
      if (written === 1) return parse(JSON.stringify(next));
      if (written === -1) throw notFound(id);
      // Another write landed between the read and the script: read again (applyUpdate re-checks).
    }
    throw new LatticeError(ErrorCodes.RUN_CONFLICT, `run ${id} kept changing; gave up after ${MAX_RETRIES} attempts`, { details: { runId: id } });
  }

  async appendLog(id: string, messages: readonly string[]) {
    if (!(await this.redis.hexists(this.key(), id))) throw notFound(id);
    if (messages.length === 0) return [];
    const at = new Date().toISOString();
    const length = await this.redis.rpush(this.key('logs', id), ...messages.map((message) => JSON.stringify({ message, at })));
    const first = length - messages.length + 1;
    return messages.map((message, i) => Object.freeze({ cursor: first + i, message, at }));
  }

  async logs(id: string, options: { after?: number; limit?: number } = {}) {
    const after = Math.max(0, options.after ?? 0);
    const limit = options.limit ?? DEFAULT_LOG_LIMIT;
    if (limit <= 0) return [];
    const raw = await this.redis.lrange(this.key('logs', id), after, after + limit - 1);
    return raw.map((json, i) => {
      const { message, at } = JSON.parse(json) as { message: string; at: string };
      return Object.freeze({ cursor: after + i + 1, message, at });
    });
  }

  async close() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Deletes every key of this store's prefix (tests). */
  async clear() {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}runs*`, 'COUNT', 1000);
      if (keys.length) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  /** EVALSHA, falling back to EVAL the first time a server has not seen the script. */
  private async script(source: string, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const sha = scriptSha(source);
    try {
      return await this.redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!String((err as Error).message).includes('NOSCRIPT')) throw err;
      return this.redis.eval(source, keys.length, ...keys, ...args);
    }
  }
}

const shas = new Map<string, string>();
function scriptSha(source: string): string {
  let sha = shas.get(source);
  if (!sha) {
    sha = createHash('sha1').update(source).digest('hex');
    shas.set(source, sha);
  }
  return sha;
}

function notFound(id: string) {
  return new LatticeError(ErrorCodes.RUN_NOT_FOUND, `no run ${id}`, { details: { runId: id } });
}

function parse(json: string): Run {
  return deepFreeze(JSON.parse(json) as Run);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
