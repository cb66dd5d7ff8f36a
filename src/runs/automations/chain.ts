/**
 * The chain an automation's run belongs to, carried through async calls (AsyncLocalStorage):
 * while the run engine invokes a run that an automation made, `currentChain()` gives its depth,
 * so a change the invocation writes (UPSERT_ENTITY, through the catalog writer) becomes an event
 * one step deeper, and the loop guard (dispatcher.ts) can stop a chain of automations that feed
 * each other. Outside any invocation the depth is 0: a person's change.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Chain {
  /** How many automation runs led here (0: none). */
  readonly depth: number;
}

const storage = new AsyncLocalStorage<Chain>();

export function currentChain(): Chain {
  return storage.getStore() ?? { depth: 0 };
}

export function withinChain<T>(chain: Chain, fn: () => Promise<T>): Promise<T> {
  return storage.run(chain, fn);
}
