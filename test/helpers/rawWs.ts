/**
 * Test helper: a raw graphql-ws connection (the `ws` package, frames by hand) to a Lattice, for
 * tests that send what a well-behaved client never would and read every message and the close code.
 */
import WebSocket from 'ws';

export interface RawConnection {
  readonly ws: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /** The first message (not yet taken) that matches, waiting up to 5 s for it. */
  take(match: (m: any) => boolean): Promise<any>;
  /** connection_init (with `token` when given), then waits for connection_ack. */
  init(token?: string): Promise<void>;
  /** A subscribe for `id`; a query's `next` payload, or the `error` payload. */
  run(id: string, query: string): Promise<{ next?: any; error?: any[] }>;
}

/** Opens the socket; `headers` go on the upgrade request (e.g. X-Forwarded-For). */
export async function rawConnect(url: string, headers: Record<string, string> = {}): Promise<RawConnection> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { headers });
  const messages: any[] = [];
  let wake: () => void = () => undefined;
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const send = (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  const take = async (match: (m: any) => boolean) => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const i = messages.findIndex(match);
      if (i >= 0) return messages.splice(i, 1)[0];
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 100);
      });
    }
  };
  return {
    ws,
    closed,
    send,
    take,
    async init(token) {
      send({ type: 'connection_init', payload: token ? { token } : {} });
      await take((m) => m.type === 'connection_ack');
    },
    async run(id, query) {
      send({ id, type: 'subscribe', payload: { query } });
      const m = await take((x) => x.id === id && (x.type === 'next' || x.type === 'error'));
      return m.type === 'next' ? { next: m.payload } : { error: m.payload };
    },
  };
}
