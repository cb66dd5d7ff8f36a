/**
 * SourcePlugin: what one folder under datasources/ exports from its index.ts, and all the
 * composition root knows of a kind of upstream. src/server/sources.ts lists the plugins; a
 * `sources[]` entry of lattice.yaml names one by `kind`.
 *
 * - `create` makes a Source from its configuration (options validated, with JSON pointers).
 * - `invoker` (optional): the action invoker for this upstream, given every source of the kind
 *   (GITHUB dispatches workflows with the first GitHub source's API; KUBERNETES acts in the
 *   clusters of the Kubernetes sources). No source of the kind: no invoker.
 * - `schema` (optional): types and fields the sources add to the schema (GitHub's own graph,
 *   joined onto the entity types repositories map to).
 * - `webhook` (optional): the handler of `POST /webhooks/<kind>`, framework-neutral (raw body and
 *   headers in, status and JSON body out).
 *
 * Hooks are methods, so a plugin of a narrower Source type is a SourcePlugin of them all.
 */
import type { Logger } from 'pino';
import type { SourceConfig } from '../config/types.ts';
import type { InvocationType } from '../model/actions/model.ts';
import type { SchemaExtension } from '../schema/build.ts';
import type { CircuitBreakerConfig } from './circuit.ts';
import type { DeliveryLog } from './DeliveryLog.ts';
import type { Invoker, UpstreamRunUpdate } from './Invoker.ts';
import type { Run } from './run.ts';
import type { SharedCache } from './SharedCache.ts';
import type { Source } from './Source.ts';
import type { EntityChange } from './topics.ts';

export type { SchemaExtension } from '../schema/build.ts';

export interface SourceDeps {
  readonly cache: SharedCache;
  readonly log: Logger;
  /** Watched sources report the entities their watch events change (entityChanged). */
  readonly onChange?: (change: EntityChange) => void;
  /** Upstream circuit breaker (`circuitBreaker:`): sources that support it open after this many failures in a row. */
  readonly circuitBreaker?: CircuitBreakerConfig;
  /** Where relative paths in source options start (the folder of lattice.yaml). */
  readonly baseDir?: string;
}

/** What a plugin's schema hook may know of the serving schema. */
export interface SchemaView {
  /** The GraphQL type of a blueprint's entities; undefined when the blueprint is not served. */
  typeName(blueprint: string): string | undefined;
  /** The name of a field that joins an upstream's type onto entity types (`githubRepository`). */
  joinField(upstream: string, type: string): string;
}

export interface WebhookRequest {
  /** The exact bytes received, as text: signatures are over them. */
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface WebhookResponse {
  readonly status: number;
  readonly body: { readonly message: string; readonly [k: string]: unknown };
}

export interface WebhookDeps {
  readonly log: Logger;
  /** Deliveries already taken, by delivery id: a replay does nothing. */
  readonly deliveries: DeliveryLog;
  /** Tells the run engine what the upstream says of a run it executes. */
  followRun(update: UpstreamRunUpdate): Promise<{ readonly run: Run } | { readonly ignored: string }>;
}

export type WebhookHandler = (request: WebhookRequest) => Promise<WebhookResponse>;

export interface SourcePlugin<S extends Source = Source> {
  readonly kind: string;
  create(config: SourceConfig, deps: SourceDeps): S;
  invoker?(sources: readonly S[]): { readonly type: InvocationType; readonly invoker: Invoker } | undefined;
  schema?(sources: readonly S[], view: SchemaView): readonly SchemaExtension[];
  webhook?(sources: readonly S[], deps: WebhookDeps): WebhookHandler;
}
