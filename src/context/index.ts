/**
 * The per-request context every resolver receives: fresh loaders, the store behind them, the
 * entity writer for mutations, and the gateway's status for `lattice { … }`.
 */
import type { LatticeError } from '../errors/index.ts';
import type { EntityReader } from '../data/reader.ts';
import type { EntityWriter } from '../data/EntityStore.ts';
import { ANONYMOUS, type Identity } from '../auth/identity.ts';
import type { PubSub } from '../data/PubSub.ts';
import type { ActionEngine } from '../runs/engine.ts';
import type { ActionSet } from '../model/actions/model.ts';
import type { RunStore } from '../data/RunStore.ts';
import type { Auditor } from '../data/AuditLog.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface GatewayStatus {
  readonly loadedAt: Date;
  readonly errors: readonly LatticeError[];
  readonly warnings: readonly LatticeError[];
  /** The breaking schema changes of the latest reload that had any. */
  readonly schemaChanges: readonly { readonly type: string; readonly description: string; readonly at: Date }[];
}

/** What the action resolvers use: the engine, the runs, the actions now defined (run events are on `pubsub`). */
export interface ActionServices {
  readonly engine: ActionEngine;
  readonly store: RunStore;
  readonly set: () => ActionSet;
}

export interface RequestContext {
  readonly actions: ActionServices;
  readonly loaders: Loaders;
  /** Who is calling (anonymous when allowed and no credentials were sent). */
  readonly identity: Identity;
  /** Change events (entity changes, run updates), shared by replicas when on Redis. */
  readonly pubsub: PubSub;
  /** The store and the live sources behind the loaders (which sources feed a blueprint). */
  readonly reader: EntityReader;
  readonly writer: EntityWriter;
  readonly status: () => GatewayStatus;
  /** Audit events: a structured log line each, kept for the `auditLog` query. */
  readonly audit: Auditor;
  /** The run token an executor sent in the `X-Lattice-Run-Token` header (`updateRun`, `appendRunLog`). */
  readonly executorToken?: string;
}

/** What a request says besides who the caller is. */
export interface RequestExtras {
  readonly executorToken?: string;
}

export interface ContextDeps {
  readonly actions: ActionServices;
  readonly reader: EntityReader;
  readonly writer: EntityWriter;
  readonly pubsub: PubSub;
  readonly status: () => GatewayStatus;
  readonly audit: Auditor;
}

export function createRequestContext(deps: ContextDeps, identity: Identity = ANONYMOUS, extras: RequestExtras = {}): RequestContext {
  return { loaders: createLoaders(deps.reader.session()), identity, reader: deps.reader, writer: deps.writer, pubsub: deps.pubsub, status: deps.status, actions: deps.actions, audit: deps.audit, ...(extras.executorToken !== undefined && { executorToken: extras.executorToken }) };
}

/**
 * Gives a long-lived context (a subscription's, whose events are resolved with the context of the
 * operation) loaders over a new read session: each event then reads what is there now (mirror,
 * aggregation and scorecard values included) instead of what the first event loaded.
 */
export function refreshLoaders(ctx: RequestContext): void {
  (ctx as { loaders: Loaders }).loaders = createLoaders(ctx.reader.session());
}

export type { Loaders } from './loaders.ts';
