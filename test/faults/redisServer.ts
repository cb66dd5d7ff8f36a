/**
 * A Redis server a test starts itself (a child process on a free port, AOF in a temporary
 * folder), so it can pause (SIGSTOP), resume, kill and restart it without touching the shared
 * Redis at 6379.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../helpers/ports.ts';


export interface TestRedis {
  readonly url: string;
  pause(): void;
  resume(): void;
  /** kill -9, then start again on the same port: `empty` deletes the data folder first. */
  restart(options: { readonly empty: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let dir = mkdtempSync(path.join(tmpdir(), 'lattice-redis-'));
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;

  async function launch() {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir], { stdio: 'ignore' });
    // Ready when it answers PING.
    for (let i = 0; i < 200; i++) {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server on port ${port} did not start`);
  }

  async function kill() {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGCONT');
    c.kill('SIGKILL');
    await exited;
  }

  await launch();
  return {
    url,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    async restart({ empty }) {
      await kill();
      if (empty) {
        rmSync(dir, { recursive: true, force: true });
        dir = mkdtempSync(path.join(tmpdir(), 'lattice-redis-'));
      }
      await launch();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
