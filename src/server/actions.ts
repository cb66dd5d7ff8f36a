/**
 * The action services of a running gateway: the ActionEngine over the run store and the PubSub
 * (in-process, or Redis when configured, so any replica sees every run), with the generic
 * invokers (WEBHOOK, UPSERT_ENTITY) and those the configured upstreams provide (GITHUB,
 * KUBERNETES), and the actions of the serving generation. Runs are invoked in the process that
 * accepted them by default; with Redis, through the BullMQ run queue (src/runs/queue.ts), whose
 * Worker runs in every replica, so a run outlives the replica that accepted it. A run that
 * succeeds drops the cached data of the sources feeding its blueprint (the shared cache: every
 * replica), so what it created upstream is served at once.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { apiTokenHashes, configuredSecrets } from '../config/secrets.ts';
import type { Config } from '../config/types.ts';
import type { ActionServices } from '../context/index.ts';
import type { EntityWriter } from '../data/EntityStore.ts';
import type { Invokers } from '../data/Invoker.ts';
import type { PubSub } from '../data/PubSub.ts';
import type { EntityReader } from '../data/reader.ts';
import type { RunStore } from '../data/RunStore.ts';
import type { Run } from '../data/run.ts';
import { ActionEngine } from '../runs/engine.ts';
import { upsertEntityInvoker } from '../runs/invokers/upsertEntity.ts';
import { webhookInvoker } from '../runs/invokers/webhook.ts';
import { startRunQueue, type RunQueue } from '../runs/queue.ts';
import type { Runtime } from './runtime.ts';

export interface RunningActions extends ActionServices {
  close(): Promise<void>;
}

export interface ActionDeps {
  readonly runtime: Runtime;
  readonly runs: RunStore;
  readonly pubsub: PubSub;
  readonly reader: EntityReader;
  readonly writer: EntityWriter;
  /** The invokers of the configured upstreams (no source of a kind: its runs fail with NO_INVOKER). */
  readonly upstreamInvokers: Invokers;
  readonly log: Logger;
  /** Every run change once stored: what RUN_* automation events come from. */
  readonly onRunChange?: (run: Run) => void;
}

export async function createActionServices(config: Config, deps: ActionDeps): Promise<RunningActions> {
  const store = deps.runs;
  if (config.redisUrl && !config.secretKey) deps.log.warn('LATTICE_SECRET_KEY is not set: executor tokens and sealed inputs of this replica will not be valid on others');
  if (!config.webhookSigningSecret) deps.log.warn('LATTICE_WEBHOOK_SIGNING_SECRET is not set: webhook receivers cannot verify X-Port-Signature');
  // Set right after the engine exists: nothing is dispatched before the gateway serves.
  let queue: RunQueue | undefined;
  const signingSecret = config.webhookSigningSecret ?? randomBytes(32).toString('hex');
  // Every secret the configuration holds in clear, masked in whatever a run stores.
  const hidden = [...configuredSecrets(config), signingSecret];
  const tokenHashes = apiTokenHashes(config);
  const engine = new ActionEngine({
    actions: () => deps.runtime.actions(),
    automations: () => deps.runtime.automations(),
    onRunChange: deps.onRunChange,
    store,
    events: deps.pubsub,
    catalog: () => {
      const session = deps.reader.session();
      return { model: deps.runtime.model(), load: (bp, ids) => session.getMany(bp, ids), list: (bp) => session.list(bp), findByRelation: (bp, rel, targets) => session.findByRelation(bp, rel, targets) };
    },
    invokers: {
      WEBHOOK: webhookInvoker({ signingSecret }),
      UPSERT_ENTITY: upsertEntityInvoker({
        read: async (bp, id) => (await deps.reader.session().getMany(bp, [id]))[0],
        write: (input) => deps.writer.upsert(input),
      }),
      ...deps.upstreamInvokers,
    },
    secretKey: config.secretKey,
    secrets: () => config.actionSecrets,
    hidden: () => hidden,
    tokenHashes: () => tokenHashes,
    // A run that succeeded changed its upstream: the sources feeding its blueprint fetch again.
    refresh: async (blueprint) => {
      const sources = deps.reader.sourcesOf(blueprint);
      await Promise.all(sources.map((s) => s.invalidate()));
      if (sources.length) deps.log.info({ blueprint, invalidated: sources.map((s) => s.name) }, 'a run succeeded: cached source data dropped');
    },
    dispatch: config.redisUrl ? (runId) => (queue as RunQueue).dispatch(runId) : undefined,
    onError: (err, runId) => deps.log.error({ err, runId }, 'action run failed in the background'),
    scorecards: () => deps.runtime.scorecards(),
  });
  if (config.redisUrl) queue = await startRunQueue({ redisUrl: config.redisUrl, prefix: config.redisPrefix, invoke: (runId) => engine.invoke(runId), log: deps.log, stalledMs: config.queueStalledMs });
  return {
    engine,
    store,
    set: () => deps.runtime.actions(),
    async close() {
      await queue?.close();
      await engine.idle();
    },
  };
}
