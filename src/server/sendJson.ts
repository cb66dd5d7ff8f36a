/**
 * sendJson: a JSON answer on a plain node:http response (what Express's `res.status().json()`
 * wrote: `application/json; charset=utf-8`, the length, the body), headers and body in one write.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}
