/**
 * Request budgets (`rateLimits:` in lattice.yaml), with rate-limiter-flexible: a well-kept library
 * made for this (atomic Redis counters, an in-memory insurance limiter when Redis fails), rather than
 * counters of our own. One point per GraphQL operation (HTTP request or graphql-ws `subscribe`):
 *
 * - an authenticated caller (API token or JWT user) spends its own budget (`points` per
 *   `windowSeconds`, or the largest budget of its roles in `roles`; a role set to `off` has none);
 * - an anonymous caller spends its IP's budget (`anonymousPoints`).
 *
 * With Redis the counters live under `<prefix>ratelimit:` and every replica shares them; without,
 * they are this process's (RateLimiterMemory). A Redis that does not answer within the command
 * timeout (src/data/redis/connect.ts) leaves the decision to the in-memory insurance limiter, so a
 * paused Redis never hangs a request here.
 */
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Identity } from '../auth/identity.ts';
import type { RateLimitsConfig } from '../config/types.ts';
import { createRedis } from '../data/redis/connect.ts';

export interface Caller {
  readonly identity: Identity;
  /** The client's IP address (the socket's peer). */
  readonly ip: string;
}

export interface RateLimiter {
  /** Spends one point of the caller's budget: undefined when allowed, else the whole seconds until a point is back. */
  consume(caller: Caller): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  readonly config: RateLimitsConfig;
  /** Share the budgets through this Redis (every replica sees the same counters). */
  readonly redisUrl?: string;
  readonly redisPrefix?: string;
  /** How long a Redis command may take before the in-memory insurance limiter decides instead. */
  readonly commandTimeoutMs?: number;
  readonly log?: Pick<Logger, 'warn'>;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { config } = options;
  if (!config.enabled) return { consume: async () => undefined, close: async () => undefined };
  const redis = options.redisUrl ? createRedis(options.redisUrl, { commandTimeoutMs: options.commandTimeoutMs, log: options.log }) : undefined;
  const prefix = `${options.redisPrefix ?? 'lattice:'}ratelimit:${config.windowSeconds}:`;
  // One limiter per budget size (rate-limiter-flexible fixes the points per limiter).
  const limiters = new Map<number, RateLimiterAbstract>();
  const limiterFor = (points: number): RateLimiterAbstract => {
    let limiter = limiters.get(points);
    if (!limiter) {
      const opts = { points, duration: config.windowSeconds, keyPrefix: `${prefix}${points}` };
      limiter = redis ? new RateLimiterRedis({ ...opts, storeClient: redis, insuranceLimiter: new RateLimiterMemory(opts) }) : new RateLimiterMemory(opts);
      limiters.set(points, limiter);
    }
    return limiter;
  };
  return {
    async consume(caller) {
      const points = budgetOf(config, caller.identity);
      if (points === 'off') return undefined;
      const key = caller.identity.anonymous ? `ip:${caller.ip}` : `user:${caller.identity.user}`;
      try {
        await limiterFor(points).consume(key);
        return undefined;
      } catch (err) {
        if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        throw err;
      }
    },
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

/** The caller's budget: anonymous → `anonymousPoints`; else the largest of its roles' budgets (`off` wins), else `points`. */
function budgetOf(config: RateLimitsConfig, identity: Identity): number | 'off' {
  if (identity.anonymous) return config.anonymousPoints;
  const budgets = identity.roles.flatMap((role) => (config.roles[role] === undefined ? [] : [config.roles[role]]));
  if (budgets.includes('off')) return 'off';
  const numbers = budgets.filter((b): b is number => typeof b === 'number');
  return numbers.length > 0 ? Math.max(...numbers) : config.points;
}
