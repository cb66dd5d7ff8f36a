/**
 * cancelOnClose: an HTTP request's operation is cancelled when its connection closes before the
 * answer is written (the client aborted, or went away): the context's guard stops it, so no
 * further resolver or loader call runs for an answer nobody will read.
 */
import type { ServerResponse } from 'node:http';
import { guardOf } from './guard.ts';

export function cancelOnClose<T extends object>(context: T, res: ServerResponse): T {
  const guard = guardOf(context); // now: Apollo copies the context (and its guard) per operation
  res.once('close', () => {
    if (!res.writableFinished) guard.cancel();
  });
  return context;
}
