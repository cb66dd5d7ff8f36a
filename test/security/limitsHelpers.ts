/**
 * Helpers of the operation-limit tests: the fan-out query of issue 9, GraphQL over GET and over
 * graphql-ws, a store whose reads wait at a gate the test opens (an upstream that is slow for
 * real, without timers), and the limits counter of a server's metrics.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import type { Lattice } from '../../src/server/app.ts';
import type { GraphQLResponse } from '../helpers/lattice.ts';

/** `component { system { componentsBySystem { nodes { system { … } } } } }`, `levels` deep: ×page size per level. */
export function fanOutQuery(levels: number): string {
  return `{ component(identifier: "CartService") { ${'system { componentsBySystem { nodes { '.repeat(levels)}identifier${' } } }'.repeat(levels)} } }`;
}

/** A GET query, with the header Apollo's CSRF prevention asks of GETs (docs/security.md, Production mode). */
export async function gqlGet(url: string, query: string): Promise<GraphQLResponse> {
  const res = await fetch(`${url}/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/graphql-response+json, application/json', 'apollo-require-preflight': 'true' } });
  return { status: res.status, ...((await res.json()) as object) };
}

export function wsClient(lattice: Lattice, token?: string): Client {
  return createClient({ url: `${lattice.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined, connectionParams: token ? { token } : undefined });
}

export interface WsResult {
  readonly data?: unknown;
  readonly errors?: readonly { message: string; extensions?: Record<string, any> }[];
  readonly extensions?: Record<string, any>;
}

/** One operation over graphql-ws: its last `next`, or its `error` (refused). */
export function overWs(client: Client, query: string): Promise<WsResult> {
  return new Promise((resolve) => {
    let result: WsResult = {};
    client.subscribe({ query }, { next: (r) => (result = r as WsResult), error: (e) => resolve({ errors: e as WsResult['errors'] }), complete: () => resolve(result) });
  });
}

/** A memory store whose `getMany`/`list`/`findByRelation` wait, once the gate is closed, until it opens again. */
export class GatedStore extends MemoryEntityStore {
  #open = true;
  #waiting: (() => void)[] = [];
  #arrived: (() => void)[] = [];
  reads = 0;

  shut(): void {
    this.#open = false;
  }

  open(): void {
    this.#open = true;
    for (const w of this.#waiting.splice(0)) w();
  }

  /** Resolves when a read is waiting at the gate. */
  arrived(): Promise<void> {
    return this.#waiting.length > 0 ? Promise.resolve() : new Promise((r) => this.#arrived.push(r));
  }

  async #gate(): Promise<void> {
    this.reads++;
    if (this.#open) return;
    const wait = new Promise<void>((r) => this.#waiting.push(r));
    for (const a of this.#arrived.splice(0)) a();
    await wait;
  }

  override async getMany(...args: Parameters<MemoryEntityStore['getMany']>) {
    await this.#gate();
    return super.getMany(...args);
  }

  override async list(...args: Parameters<MemoryEntityStore['list']>) {
    await this.#gate();
    return super.list(...args);
  }

  override async findByRelation(...args: Parameters<MemoryEntityStore['findByRelation']>) {
    await this.#gate();
    return super.findByRelation(...args);
  }
}

/** `lattice_operations_limited_total{reason}` of a server. */
export async function limited(lattice: Lattice, reason: string): Promise<number> {
  const metric = await lattice.metrics.registry.getSingleMetric('lattice_operations_limited_total')?.get();
  return metric?.values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

/** GraphQL requests the server has answered (its request-duration histogram's count). */
export async function answered(lattice: Lattice): Promise<number> {
  const metric = await lattice.metrics.requestDuration.get();
  return metric.values.filter((v) => v.metricName?.endsWith('_count')).reduce((a, v) => a + v.value, 0);
}
