/**
 * MemoryRunEvents (with a MemoryRunStore) against the RunEvents contract. In one process both
 * "replicas" are the same objects.
 */
import { MemoryRunEvents } from '../../src/data/memory/MemoryRunEvents.ts';
import { MemoryRunStore } from '../../src/data/memory/MemoryRunStore.ts';
import { runEventsContract, type Handles } from './runEvents.contract.ts';

let current: Handles | undefined;

runEventsContract(
  'MemoryRunEvents',
  async () => (current ??= { events: new MemoryRunEvents(), store: new MemoryRunStore() }),
  async () => {
    await current?.events.close();
    await current?.store.close();
    current = undefined;
  },
);
