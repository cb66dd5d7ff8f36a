/**
 * AsyncQueue: an unbounded FIFO with one waiting reader, the bridge from push-style listeners
 * (PubSub) to pull-style async iteration (GraphQL subscriptions, src/runs/follow.ts).
 *
 * `next()` gives the oldest item, waiting for one when empty, and `undefined` once the queue is
 * closed or its AbortSignal aborted (items not yet read are dropped then).
 */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private waiting: ((value: T | undefined) => void) | undefined;
  private closed = false;
  private readonly signal: AbortSignal | undefined;
  private readonly onAbort = () => this.close();

  constructor(signal?: AbortSignal) {
    this.signal = signal;
    if (signal?.aborted) this.closed = true;
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  push(item: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(item);
    } else {
      this.items.push(item);
    }
  }

  next(): Promise<T | undefined> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): void {
    this.closed = true;
    this.items.length = 0;
    this.signal?.removeEventListener('abort', this.onAbort);
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.(undefined);
  }
}
