/**
 * The one way Lattice opens a Redis client (ioredis), so every store, the cache, the PubSub, the
 * audit log and the store health check behave alike when Redis is slow, paused or gone:
 *
 * - `commandTimeout` (`redis.commandTimeoutMs`, default 2000): a command that gets no answer in
 *   time fails ("Command timed out") instead of hanging the request that sent it;
 * - a bounded reconnect: every 100 ms more per attempt, at most 2 s apart, forever (a Redis that
 *   comes back is used again); a command waits for at most 3 reconnections, then fails;
 * - an `error` listener that logs (never "Unhandled error event"), the URL never in the message.
 *
 * `connectRedis` waits for the connection, so a wrong URL or a Redis that is down stops the start
 * with STORE_UNAVAILABLE. `isRedisFailure` tells an ioredis failure (timeout, connection lost,
 * retries exhausted, an error reply) from the rest: formatError answers it STORE_UNAVAILABLE.
 *
 * BullMQ (src/runs/queue.ts) keeps its own connections: its Worker needs `maxRetriesPerRequest:
 * null` and blocking commands that a command timeout would cut; it logs their errors itself.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { ErrorCodes, LatticeError } from '../../errors/index.ts';

export const DEFAULT_COMMAND_TIMEOUT_MS = 2000;

export interface RedisClientOptions {
  /** How long a command may wait for its answer, in ms (default 2000). */
  readonly commandTimeoutMs?: number;
  /** Where connection errors are logged; none: they are dropped (tests). */
  readonly log?: Pick<Logger, 'warn'>;
  readonly enableAutoPipelining?: boolean;
}

/** Hides credentials a Redis URL in a message may carry. */
function scrub(message: string): string {
  return message.replace(/rediss?:\/\/[^\s]*/g, 'redis://…');
}

/** The ioredis options every Lattice client gets. */
function clientOptions(options: RedisClientOptions): RedisOptions {
  return {
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    connectTimeout: 5000,
    maxRetriesPerRequest: 3,
    retryStrategy: (times) => Math.min(times * 100, 2000),
    enableAutoPipelining: options.enableAutoPipelining ?? false,
  };
}

/** Logs a client's errors (and those of its duplicates: call again for each). */
export function logRedisErrors(redis: Redis, log: RedisClientOptions['log']): Redis {
  let last = '';
  redis.on('error', (err: Error) => {
    const message = scrub(err.message);
    // A Redis that is down fails every reconnection alike: log each kind of failure once in a row.
    if (message === last) return;
    last = message;
    log?.warn({ err: { name: err.name, message } }, 'Redis connection error');
  });
  redis.on('ready', () => {
    last = '';
  });
  return redis;
}

/** A client that connects in the background (commands wait in ioredis's offline queue). */
export function createRedis(url: string, options: RedisClientOptions = {}): Redis {
  return logRedisErrors(new Redis(url, clientOptions(options)), options.log);
}

export async function connectRedis(url: string, options: RedisClientOptions = {}): Promise<Redis> {
  const redis = logRedisErrors(new Redis(url, { ...clientOptions(options), lazyConnect: true }), options.log);
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new LatticeError(ErrorCodes.STORE_UNAVAILABLE, `cannot connect to Redis: ${scrub((err as Error).message)}`);
  }
  return redis;
}

const FAILURE_NAMES = new Set(['MaxRetriesPerRequestError', 'AbortError', 'ReplyError', 'ParserError', 'InterruptError']);
const FAILURE_MESSAGES = /^(Command timed out|Connection is closed|Stream isn't writeable|Reached the max retries)/;

/** Whether an error is ioredis saying Redis did not answer, went away or refused a command. */
export function isRedisFailure(err: unknown): err is Error {
  return err instanceof Error && (FAILURE_NAMES.has(err.name) || FAILURE_MESSAGES.test(err.message));
}
