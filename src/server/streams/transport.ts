/**
 * What the two HTTP streaming transports (sse.ts, multipart.ts) share before they prepare an
 * operation: the caller that httpGuards.ts identified (refused credentials: 401, as Apollo
 * answers them), and a place among the address's open connections (connectionsPerIp.ts, shared
 * with graphql-ws: past `websocket.maxConnectionsPerIp`, 429 TOO_MANY_SUBSCRIPTIONS), given back
 * when the response closes. Authentication, the request budget and trusted documents ran before,
 * in front of every /graphql request (http.ts).
 */
import type { ServerResponse } from 'node:http';
import type { Identity } from '../../auth/identity.ts';
import { ErrorCodes, type LatticeError } from '../../errors/index.ts';
import type { ClientIp } from '../clientIp.ts';
import type { ConnectionsPerIp } from '../connectionsPerIp.ts';
import type { ChainRequest } from '../handlerChain.ts';
import { callerOf } from '../httpGuards.ts';
import { sendJson } from '../sendJson.ts';
import type { OperationRequest, Prepared } from './prepare.ts';
import type { FormatResult } from './result.ts';

export interface StreamTransportOptions {
  /** streams/prepare.ts with the server's schema, guards, context and limits. */
  readonly prepare: (request: OperationRequest, identity: Identity) => Promise<Prepared>;
  readonly formatResult: FormatResult;
  readonly connections: ConnectionsPerIp;
  readonly clientIp: ClientIp;
}

/** The caller's identity with a connection place taken (given back on close), or undefined once the refusal is answered. */
export function openStream(req: ChainRequest, res: ServerResponse, options: StreamTransportOptions): Identity | undefined {
  const caller = callerOf(res);
  if (!caller || !('identity' in caller)) {
    const e = (caller?.refused ?? {}) as Partial<LatticeError>;
    sendJson(res, 401, { errors: [{ message: e.message, extensions: { code: e.code ?? ErrorCodes.UNAUTHENTICATED } }] });
    return undefined;
  }
  const release = options.connections.open(options.clientIp(req));
  if (!release) {
    sendJson(res, 429, { errors: [{ message: `too many open connections from this address (websocket.maxConnectionsPerIp: ${options.connections.max})`, extensions: { code: ErrorCodes.TOO_MANY_SUBSCRIPTIONS } }] });
    return undefined;
  }
  res.once('close', release);
  return caller.identity;
}
