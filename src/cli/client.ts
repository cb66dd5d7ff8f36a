/**
 * The CLI's GraphQL client: queries and mutations over HTTP (`request`), subscriptions over
 * graphql-ws (`subscriber`), both with `Authorization: Bearer $LATTICE_TOKEN` (in
 * `connection_init` for the socket). Failures are typed so each command maps them to its exit
 * code: `Refused` (the server answered GraphQL errors) and `Unreachable` (no GraphQL answer).
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { describe } from './output.ts';

export interface Connection {
  /** The GraphQL endpoint (http or https). */
  readonly endpoint: string;
  /** LATTICE_TOKEN, sent as a Bearer token. */
  readonly token?: string;
}

export interface GraphQLErrorShape {
  readonly message: string;
  readonly extensions?: { code?: string; pointer?: string; problems?: { pointer: string; message: string }[] };
}

/** The server answered with GraphQL errors (each has its `extensions.code`). */
export class Refused extends Error {
  override readonly name = 'Refused';
  readonly errors: readonly GraphQLErrorShape[];
  constructor(errors: readonly GraphQLErrorShape[]) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
  }
}

/** No GraphQL answer: the server cannot be reached, answered something else, or the socket dropped. */
export class Unreachable extends Error {
  override readonly name = 'Unreachable';
}

/** Sends one query or mutation; resolves with `data`, or throws Refused / Unreachable. */
export async function request<T>(connection: Connection, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(connection.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(connection.token ? { authorization: `Bearer ${connection.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new Unreachable(`cannot reach ${connection.endpoint}: ${describe(err)}`);
  }
  const text = await res.text();
  let answer: { data?: T | null; errors?: GraphQLErrorShape[] };
  try {
    answer = JSON.parse(text);
  } catch {
    throw new Unreachable(`${connection.endpoint} answered ${res.status} with something that is not GraphQL: ${text.slice(0, 200)}`);
  }
  if (answer.errors?.length) throw new Refused(answer.errors);
  if (answer.data === undefined || answer.data === null) throw new Unreachable(`${connection.endpoint} answered ${res.status} without data`);
  return answer.data;
}

/** A graphql-ws client on the endpoint's ws:// or wss:// address; dispose it when done. */
export function subscriber(connection: Connection): Client {
  return createClient({
    url: connection.endpoint.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: connection.token ? { authorization: `Bearer ${connection.token}` } : {},
    retryAttempts: 5,
  });
}
