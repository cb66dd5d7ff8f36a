/**
 * KeyedQueue: runs async tasks one after another per key, and tasks with no key in common at the
 * same time. A task waits for every earlier task that shares one of its keys, and only for those
 * (each waits on tasks queued before it, so there is no deadlock whatever the keys).
 *
 * RedisEntityStore queues each write under the entities it reads: writes of one replica to one
 * entity never race each other (the compare-and-set would refuse all but one, and a burst of N
 * would need N retries), while writes to different entities run at once.
 */
export class KeyedQueue {
  /** Per key, the settling of the last task queued under it (never rejects). */
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` once every earlier task sharing one of `keys` has settled; its result or error. */
  run<T>(keys: Iterable<string>, task: () => Promise<T>): Promise<T> {
    const unique = new Set(keys);
    const before = new Set<Promise<void>>();
    for (const key of unique) {
      const tail = this.tails.get(key);
      if (tail) before.add(tail);
    }
    const result = before.size === 0 ? task() : Promise.all(before).then(task);
    const settled = result.then(ignore, ignore);
    for (const key of unique) this.tails.set(key, settled);
    void settled.then(() => {
      for (const key of unique) if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return result;
  }

  /** Settles once every task queued so far has. */
  async idle(): Promise<void> {
    await Promise.all(new Set(this.tails.values()));
  }

  /** Keys with a task queued or running (tests). */
  get size(): number {
    return this.tails.size;
  }
}

function ignore(): void {}
