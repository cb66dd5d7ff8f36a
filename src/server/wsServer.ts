/**
 * graphql-ws on a `ws` WebSocketServer, built on graphql-ws's `makeServer` (what its own
 * `useServer` does) with three things `useServer` lacks:
 *
 * - a malformed `subscribe` gets an `error` for its id and the socket stays open (wsMessages.ts);
 * - at most `websocket.maxConnectionsPerIp` open connections per client IP (connectionsPerIp.ts,
 *   shared with the HTTP streams): the next socket is closed with 1008;
 * - internal errors are logged with pino, and the client is told only "internal server error".
 *
 * Frame size is the WebSocketServer's `maxPayload` (ws closes with 1009 past it). The server pings
 * every 12 s and drops a socket that does not pong, like `useServer`.
 */
import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { Logger } from 'pino';
import type { WebSocket, WebSocketServer } from 'ws';
import type { ClientIp } from './clientIp.ts';
import type { ConnectionsPerIp } from './connectionsPerIp.ts';
import { screenMessage } from './wsMessages.ts';

/** What every graphql-ws hook finds in `ctx.extra`. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

export interface GraphqlWsOptions {
  readonly wsServer: WebSocketServer;
  /** Open connections per address, shared with the HTTP streams (connectionsPerIp.ts). */
  readonly connections: ConnectionsPerIp;
  readonly clientIp: ClientIp;
  readonly log: Logger;
}

const KEEP_ALIVE_MS = 12_000;
/** RFC 6455 "policy violation". */
const POLICY_VIOLATION = 1008;

export function serveGraphqlWs<P extends Record<string, unknown>, E extends SocketExtra>(serverOptions: ServerOptions<P, E>, options: GraphqlWsOptions & { readonly extra: (base: SocketExtra) => E }): { dispose(): Promise<void> } {
  const { wsServer, log } = options;
  const server = makeServer(serverOptions);
  wsServer.options.handleProtocols = handleProtocols;
  // The HTTP server's listen error (e.g. port in use) is re-emitted here: startLattice reports it.
  wsServer.on('error', (err: NodeJS.ErrnoException) => {
    if (err.syscall !== 'listen') log.error({ err }, 'WebSocket server error');
  });
  wsServer.on('connection', (socket, request) => {
    const ip = options.clientIp(request);
    const release = options.connections.open(ip);
    if (!release) {
      log.warn({ ip }, 'WebSocket refused: too many connections from this address');
      socket.close(POLICY_VIOLATION, `too many connections from this address (websocket.maxConnectionsPerIp: ${options.connections.max})`);
      return;
    }
    const fail = (err: unknown) => {
      log.error({ err }, 'graphql-ws connection failed');
      socket.close(CloseCode.InternalServerError, 'internal server error');
    };
    socket.once('error', fail);
    let pongWait: NodeJS.Timeout | undefined;
    const ping = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => new Promise<void>((resolve, reject) => (socket.readyState === socket.OPEN ? socket.send(data, (err) => (err ? reject(err) : resolve())) : resolve())),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', async (raw) => {
            const screened = screenMessage(String(raw));
            try {
              if ('answer' in screened) socket.send(screened.answer);
              else await cb(screened.pass);
            } catch (err) {
              fail(err);
            }
          }),
      },
      options.extra({ socket, request }),
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(ping);
      release();
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of wsServer.clients) client.close(1001, 'Going away');
      wsServer.removeAllListeners();
      await new Promise<void>((resolve, reject) => wsServer.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
