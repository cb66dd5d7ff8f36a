/**
 * The Redis the test suite runs against, chosen once by the global setup (global.ts):
 * 1. $LATTICE_TEST_REDIS_URL when it is set (it must answer PING);
 * 2. else the development machine's Redis at redis://127.0.0.1:6379 when it answers PING;
 * 3. else a redis-server of the suite's own on a free port, in memory only (`--save ""
 *    --appendonly no`), stopped by the global teardown.
 * Tests read the choice through test/helpers/redis.ts (`testRedisUrl()`), never a literal URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { redactUrl } from '../../src/config/index.ts';
import { freePort } from '../helpers/ports.ts';

/** Where a development machine (and CI, see .ci/run) keeps its Redis. */
export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export interface TestRedis {
  readonly url: string;
  /** Where the URL came from, for the setup's one line of output. */
  readonly origin: 'LATTICE_TEST_REDIS_URL' | 'default' | 'own';
  /** Stops the redis-server the suite started (nothing for a Redis it only uses). */
  stop(): Promise<void>;
}

/** Why `url` does not answer PING (connection refused, timeout, auth), or undefined when it does. */
export async function pingProblem(url: string): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // The socket's own error (ECONNREFUSED …) says more than the "Connection is closed." that follows it.
  let socketError: Error | undefined;
  client.on('error', (err: Error) => (socketError ??= err));
  try {
    await client.connect();
    const answer = await client.ping();
    return answer === 'PONG' ? undefined : `PING answered ${answer}`;
  } catch (err) {
    return (socketError ?? (err as Error)).message;
  } finally {
    client.disconnect();
  }
}

/** Chooses the suite's Redis as the header says; `defaultUrl` is a parameter so a test can name one that does not answer. */
export async function provideTestRedis(options: { readonly env: Readonly<Record<string, string | undefined>>; readonly defaultUrl?: string }): Promise<TestRedis> {
  const given = options.env.LATTICE_TEST_REDIS_URL;
  if (given) {
    const problem = await pingProblem(given);
    if (problem) throw new Error(`LATTICE_TEST_REDIS_URL=${redactUrl(given)} does not answer PING (${problem}): start that Redis, or unset the variable to let the tests use 127.0.0.1:6379 or start their own`);
    return { url: given, origin: 'LATTICE_TEST_REDIS_URL', stop: async () => undefined };
  }
  const defaultUrl = options.defaultUrl ?? DEFAULT_TEST_REDIS_URL;
  if (!(await pingProblem(defaultUrl))) return { url: defaultUrl, origin: 'default', stop: async () => undefined };
  return startOwnRedis();
}

/** A redis-server child on a free port, in memory only; resolves once it answers PING (also bench/entityWrites.bench.ts: a Redis whose command counts are its own). */
export async function startOwnRedis(): Promise<TestRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  // A crashed test run must not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  for (let attempt = 0; attempt < 100; attempt++) {
    const failed = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(r, 50, undefined))]);
    if (failed) {
      process.off('exit', killOnExit);
      throw new Error(`cannot start redis-server (${failed.message}): install it with \`sudo bash .ci/install-redis.sh\` (Debian's redis-server), or set LATTICE_TEST_REDIS_URL`);
    }
    if (child.exitCode !== null) break;
    if (!(await pingProblem(url))) return { url, origin: 'own', stop: () => stop(child, killOnExit) };
  }
  await stop(child, killOnExit);
  throw new Error(`redis-server on port ${port} did not answer PING; its output:\n${output.trim()}`);
}

async function stop(child: ChildProcess, killOnExit: () => void): Promise<void> {
  process.off('exit', killOnExit);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
