/**
 * The client's address, for rate limits and the WebSocket connection cap: the socket's peer, or,
 * when the peer is a trusted proxy (`server.trustProxy`: addresses, CIDR ranges, or proxy-addr's
 * names `loopback`, `linklocal`, `uniquelocal`), the nearest address in X-Forwarded-For that is
 * not a trusted proxy. proxy-addr is the library Express's own `trust proxy` uses: the same rules,
 * for HTTP requests and WebSocket upgrades alike. Trusting no proxy (the default) ignores the
 * header, which any client could otherwise forge to get a fresh budget per request.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

export type ClientIp = (req: IncomingMessage) => string;

export function clientIpOf(trustProxy: readonly string[]): ClientIp {
  if (trustProxy.length === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trust = proxyaddr.compile([...trustProxy]);
  return (req) => proxyaddr(req, trust);
}

