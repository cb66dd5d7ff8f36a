/**
 * KeyedQueue (src/data/KeyedQueue.ts): tasks sharing a key run one after another in the order
 * queued; tasks with no key in common run at the same time; a failed task does not stop the next.
 */
import { expect, it } from 'vitest';
import { KeyedQueue } from '../../src/data/KeyedQueue.ts';

/** A task that records its start and end, and finishes when `release` is called. */
function gatedTask(log: string[], name: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const task = async () => {
    log.push(`start ${name}`);
    await gate;
    log.push(`end ${name}`);
    return name;
  };
  return { task, release };
}

it('runs tasks sharing a key in turn and the others at once', async () => {
  const queue = new KeyedQueue();
  const log: string[] = [];
  const first = gatedTask(log, 'a+b');
  const second = gatedTask(log, 'b+c');
  const other = gatedTask(log, 'd');
  const results = [queue.run(['a', 'b'], first.task), queue.run(['b', 'c'], second.task), queue.run(['d'], other.task)];
  await Promise.resolve();
  expect(log).toEqual(['start a+b', 'start d']);
  expect(queue.size).toBe(4);
  other.release();
  second.release();
  await results[2];
  expect(log).toEqual(['start a+b', 'start d', 'end d']);
  first.release();
  expect(await Promise.all(results)).toEqual(['a+b', 'b+c', 'd']);
  expect(log).toEqual(['start a+b', 'start d', 'end d', 'end a+b', 'start b+c', 'end b+c']);
  await queue.idle();
  expect(queue.size).toBe(0);
});

it('hands a task its own error, and the next task sharing its key still runs', async () => {
  const queue = new KeyedQueue();
  const failing = queue.run(['k', 'k'], async () => {
    throw new Error('boom');
  });
  const next = queue.run(['k'], async () => 'ran');
  await expect(failing).rejects.toThrow('boom');
  expect(await next).toBe('ran');
});

it('idle waits for every task queued so far', async () => {
  const queue = new KeyedQueue();
  const log: string[] = [];
  const slow = gatedTask(log, 'slow');
  void queue.run(['x'], slow.task);
  let idle = false;
  const waiting = queue.idle().then(() => (idle = true));
  await Promise.resolve();
  expect(idle).toBe(false);
  slow.release();
  await waiting;
  expect(log).toEqual(['start slow', 'end slow']);
});
