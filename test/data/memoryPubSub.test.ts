/**
 * MemoryPubSub (with a MemoryRunStore) against the PubSub contract. In one process both
 * "replicas" are the same objects.
 */
import { MemoryPubSub } from '../../src/data/memory/MemoryPubSub.ts';
import { MemoryRunStore } from '../../src/data/memory/MemoryRunStore.ts';
import { pubSubContract, type Handles } from './pubsub.contract.ts';

let current: Handles | undefined;

pubSubContract(
  'MemoryPubSub',
  async () => (current ??= { events: new MemoryPubSub(), store: new MemoryRunStore() }),
  async () => {
    await current?.events.close();
    await current?.store.close();
    current = undefined;
  },
);
