/**
 * How the page talks to Lattice, for GraphiQL and for the Lattice plugins alike: queries and
 * mutations over HTTP (GraphiQL's own fetcher), subscriptions over graphql-ws on the same path.
 * The credentials are the header editor's `Authorization` header (any case): over HTTP it is sent
 * as is, over graphql-ws it goes in `connection_init` as `authorization`, which is what the server
 * reads (src/server/ws.ts). One socket is open at a time, for the Authorization value of the
 * latest subscription; when the header changes, the next subscription opens a socket with the new
 * value and the old socket is closed.
 */
import { createGraphiQLFetcher, type Fetcher, type FetcherOpts } from '@graphiql/toolkit';
import { getOperationAST, parse, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';

export type Headers = Record<string, unknown>;

export interface Request {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
}

/** The Authorization header's value, whatever the case of its name; undefined when absent or not a string. */
export function authorizationOf(headers: Headers | undefined): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

export class Connection {
  readonly #endpoint: string;
  readonly #wsUrl: string;
  #socket: { readonly authorization: string | undefined; readonly client: Client } | undefined;

  constructor(endpoint: string, location: Pick<Location, 'protocol' | 'host'> = window.location) {
    this.#endpoint = endpoint;
    this.#wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${endpoint}`;
  }

  /** GraphiQL's fetcher: subscriptions over graphql-ws, everything else over HTTP with the editor's headers. */
  fetcher(): Fetcher {
    const http = createGraphiQLFetcher({ url: this.#endpoint });
    return (params, opts?: FetcherOpts) => {
      // The text sent decides, not GraphiQL's `documentAST`: that one is parsed a moment after the
      // last keystroke, so a query run right after typing could be routed by the previous text.
      const document = safeParse(params.query) ?? opts?.documentAST;
      const operation = document ? getOperationAST(document, params.operationName ?? undefined) : null;
      if (operation?.operation === 'subscription') {
        const results = this.#client(authorizationOf(opts?.headers)).iterate({ query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined });
        // GraphiQL types results as graphql-js ExecutionResults; what it shows is their JSON, which is what arrives.
        return results as unknown as AsyncIterable<ExecutionResult>;
      }
      return http(params, opts);
    };
  }

  /** One query or mutation over HTTP; the result as the server answered it (errors included). */
  async request<T = Record<string, unknown>>(request: Request, headers: Headers): Promise<FormattedExecutionResult<T>> {
    const authorization = authorizationOf(headers);
    const res = await fetch(this.#endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(request),
    });
    const body = (await res.json().catch(() => null)) as FormattedExecutionResult<T> | null;
    if (!body) throw new Error(`${this.#endpoint} answered HTTP ${res.status} with no GraphQL result`);
    return body;
  }

  /** A subscription over graphql-ws: `next` for each result, `done` when it ends (error or completion). Returns the unsubscribe. */
  subscribe<T = Record<string, unknown>>(request: Request, headers: Headers, sink: { next(result: FormattedExecutionResult<T>): void; done(error?: unknown): void }): () => void {
    return this.#client(authorizationOf(headers)).subscribe<T>(request, {
      next: (result) => sink.next(result as FormattedExecutionResult<T>),
      error: (err) => sink.done(err),
      complete: () => sink.done(),
    });
  }

  #client(authorization: string | undefined): Client {
    if (this.#socket && this.#socket.authorization === authorization) return this.#socket.client;
    const previous = this.#socket?.client;
    const client = createClient({ url: this.#wsUrl, connectionParams: authorization ? { authorization } : {}, lazy: true, retryAttempts: 3 });
    this.#socket = { authorization, client };
    // The old socket's subscriptions ran with the old credentials: they end with it.
    void previous?.dispose();
    return client;
  }
}

function safeParse(query: string) {
  try {
    return parse(query);
  } catch {
    return null;
  }
}
