/**
 * The GitHub simulator (test/simulators/github) in a worker thread, for the benchmarks: its CPU
 * time stays off the event loop being measured. This file is both the handle the bench uses
 * (`startSimulatorWorker`) and the worker's entry (it starts the simulator when loaded as one).
 *
 * `usage()` reads what the simulator has received so far: POST requests, and the rate-limit
 * points its queries were charged (GitHub's cost, summed over `stats.queries`).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startGitHubSimulator, type GitHubSimulatorOptions } from '../test/simulators/github/server.ts';

export interface SimulatorUsage {
  /** POST requests received. */
  readonly requests: number;
  /** Rate-limit points charged, summed over every query. */
  readonly points: number;
}

export interface SimulatorHandle {
  readonly url: string;
  readonly token: string;
  /** Requests the simulator has received so far. */
  requests(): Promise<number>;
  usage(): Promise<SimulatorUsage>;
  close(): Promise<void>;
}

type SimulatorWorkerOptions = Pick<GitHubSimulatorOptions, 'extraRepositories' | 'latencyMs' | 'rateLimit'>;

interface WorkerRequest {
  readonly id: number;
  readonly op: 'usage' | 'close';
}

if (!isMainThread && workerData?.githubSimulator) {
  const sim = await startGitHubSimulator(workerData.githubSimulator as SimulatorWorkerOptions);
  const port = parentPort as NonNullable<typeof parentPort>;
  port.on('message', async (m: WorkerRequest) => {
    if (m.op === 'usage') port.postMessage({ id: m.id, value: { requests: sim.stats.requests, points: sim.stats.queries.reduce((sum, q) => sum + q.cost, 0) } });
    if (m.op === 'close') {
      await sim.close();
      port.postMessage({ id: m.id, value: null });
      port.close();
    }
  });
  port.postMessage({ ready: { url: sim.url, token: sim.token } });
}

/** Starts the simulator in a worker thread; resolves once it listens. */
export async function startSimulatorWorker(options: SimulatorWorkerOptions): Promise<SimulatorHandle> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { githubSimulator: options } });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 0;
  const ready = new Promise<{ url: string; token: string }>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { ready?: { url: string; token: string }; id?: number; value?: unknown }) => {
      if (m.ready) resolve(m.ready);
      else if (m.id !== undefined) pending.get(m.id)?.(m.value);
    });
  });
  const call = (op: WorkerRequest['op']) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, (v) => {
        pending.delete(id);
        resolve(v);
      });
      worker.postMessage({ id, op } satisfies WorkerRequest);
    });
  const { url, token } = await ready;
  const usage = async () => (await call('usage')) as SimulatorUsage;
  return {
    url,
    token,
    usage,
    requests: async () => (await usage()).requests,
    async close() {
      await call('close');
      await worker.terminate();
    },
  };
}
