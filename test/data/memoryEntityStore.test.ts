/**
 * MemoryEntityStore against the EntityStore contract. The in-process store cannot be shared
 * between instances, so the contract's "second handle" is the same store (see the contract).
 */
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import { entityStoreContract } from './entityStore.contract.ts';

let current: MemoryEntityStore | undefined;

entityStoreContract(
  'MemoryEntityStore',
  async () => (current ??= new MemoryEntityStore()),
  async () => {
    await current?.close();
    current = undefined;
  },
);
