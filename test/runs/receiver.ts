/**
 * A real webhook receiver for the tests: an HTTP server on a free loopback port that verifies
 * every request's Port signature with its own HMAC computation (not the product's code), counts
 * calls per Idempotency-Key, and answers from a script (a status and body per call, or "drop" to
 * cut the connection with no answer). With the script used up it answers 200 `{"ok":true}`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Whether X-Port-Signature matched this receiver's own HMAC of `${X-Port-Timestamp}.${body}`. */
  readonly verified: boolean;
}

export type Answer = { readonly status: number; readonly body?: unknown } | 'drop';

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Calls per Idempotency-Key header. */
  readonly callsPerKey: Map<string, number>;
  /** Answers for the next calls, in order. */
  script(...answers: Answer[]): void;
  /** Called on each request before it is answered (e.g. to look at the run store). */
  onRequest(hook: (r: Received) => Promise<void> | void): void;
  close(): Promise<void>;
}

/** This receiver's own check of a Port signature. */
export function verifyPortSignature(secret: string, timestamp: string | undefined, body: string, header: string | undefined): boolean {
  if (!timestamp || !header?.startsWith('v1,')) return false;
  const expected = createHmac('sha256', secret).update(timestamp + '.' + body).digest();
  const given = Buffer.from(header.slice(3), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const received: Received[] = [];
  const callsPerKey = new Map<string, number>();
  const answers: Answer[] = [];
  let hook: (r: Received) => Promise<void> | void = () => undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => (Array.isArray(req.headers[name]) ? undefined : (req.headers[name] as string | undefined));
      const r: Received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        verified: verifyPortSignature(secret, header('x-port-timestamp'), body, header('x-port-signature')),
      };
      received.push(r);
      const key = header('idempotency-key') ?? '';
      callsPerKey.set(key, (callsPerKey.get(key) ?? 0) + 1);
      await hook(r);
      const answer = answers.shift() ?? { status: 200, body: { ok: true } };
      if (answer === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json' });
      res.end(answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    callsPerKey,
    script: (...a) => void answers.push(...a),
    onRequest: (h) => void (hook = h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
