/**
 * The action services of a running gateway: the run store and run events (in-process, or Redis
 * when configured, so any replica sees every run), the ActionEngine with its invokers, and the
 * actions of the serving generation. Runs are invoked in the process that accepted them by
 * default; with Redis, through the BullMQ run queue (runQueue.ts), whose Worker runs in every
 * replica, so a run outlives the replica that accepted it.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { ActionEngine } from '../runs/engine.ts';
import { MemoryRunEvents } from '../data/memory/MemoryRunEvents.ts';
import { MemoryRunStore } from '../data/memory/MemoryRunStore.ts';
import { RedisRunEvents } from '../data/redis/RedisRunEvents.ts';
import { RedisRunStore } from '../data/redis/RedisRunStore.ts';
import { githubInvoker, type GithubInvokerOptions } from '../../datasources/github/invoker.ts';
import { kubernetesInvoker, type KubernetesInvokerOptions } from '../../datasources/kubernetes/invoker.ts';
import { upsertEntityInvoker } from '../runs/invokers/upsertEntity.ts';
import { webhookInvoker } from '../runs/invokers/webhook.ts';
import type { RunEvents } from '../data/RunEvents.ts';
import type { RunStore } from '../data/RunStore.ts';
import type { Config } from '../config/index.ts';
import type { ActionServices, EntityWriter } from '../context/index.ts';
import type { EntityReader } from '../data/reader.ts';
import type { Runtime } from './runtime.ts';
import { startRunQueue, type RunQueue } from '../runs/queue.ts';

export interface RunningActions extends ActionServices {
  close(): Promise<void>;
}

export async function createActionServices(config: Config, deps: { runtime: Runtime; reader: EntityReader; writer: EntityWriter; log: Logger; github?: GithubInvokerOptions; cluster?: KubernetesInvokerOptions['cluster'] }): Promise<RunningActions> {
  const store: RunStore = config.redisUrl ? await RedisRunStore.connect(config.redisUrl, config.redisPrefix) : new MemoryRunStore();
  const events: RunEvents = config.redisUrl ? await RedisRunEvents.connect(config.redisUrl, config.redisPrefix) : new MemoryRunEvents();
  if (config.redisUrl && !config.secretKey) deps.log.warn('LATTICE_SECRET_KEY is not set: executor tokens and sealed inputs of this replica will not be valid on others');
  if (!config.webhookSigningSecret) deps.log.warn('LATTICE_WEBHOOK_SIGNING_SECRET is not set: webhook receivers cannot verify X-Port-Signature');
  // Set right after the engine exists: nothing is dispatched before the gateway serves.
  let queue: RunQueue | undefined;
  const engine = new ActionEngine({
    actions: () => deps.runtime.actions(),
    store,
    events,
    catalog: () => {
      const session = deps.reader.session();
      return { model: deps.runtime.model(), load: (bp, ids) => session.getMany(bp, ids), findByRelation: (bp, rel, targets) => session.findByRelation(bp, rel, targets) };
    },
    invokers: {
      WEBHOOK: webhookInvoker({ signingSecret: config.webhookSigningSecret ?? randomBytes(32).toString('hex') }),
      UPSERT_ENTITY: upsertEntityInvoker({
        read: async (bp, id) => (await deps.reader.session().getMany(bp, [id]))[0],
        write: (input) => deps.writer.upsert(input),
      }),
      // GITHUB with the first GitHub source's API and token (none configured: runs fail with NO_INVOKER).
      ...(deps.github ? { GITHUB: githubInvoker(deps.github) } : {}),
      // KUBERNETES in the clusters of the Kubernetes sources (the action's `cluster`, or the first).
      ...(deps.cluster ? { KUBERNETES: kubernetesInvoker({ cluster: deps.cluster }) } : {}),
    },
    secretKey: config.secretKey,
    secrets: () => config.actionSecrets,
    dispatch: config.redisUrl ? (runId) => (queue as RunQueue).dispatch(runId) : undefined,
    onError: (err, runId) => deps.log.error({ err, runId }, 'action run failed in the background'),
  });
  if (config.redisUrl) {
    try {
      queue = await startRunQueue({ redisUrl: config.redisUrl, prefix: config.redisPrefix, invoke: (runId) => engine.invoke(runId), log: deps.log, stalledMs: config.queueStalledMs });
    } catch (err) {
      await Promise.all([store.close(), events.close()]);
      throw err;
    }
  }
  return {
    engine,
    store,
    events,
    set: () => deps.runtime.actions(),
    async close() {
      await queue?.close();
      await engine.idle();
      await Promise.all([store.close(), events.close()]);
    },
  };
}
