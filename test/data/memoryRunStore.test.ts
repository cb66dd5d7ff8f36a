/**
 * MemoryRunStore against the RunStore contract. The in-process store cannot be shared between
 * instances, so the contract's "second handle" is the same store (see the contract).
 */
import { MemoryRunStore } from '../../src/data/memory/MemoryRunStore.ts';
import { runStoreContract } from './runStore.contract.ts';

let current: MemoryRunStore | undefined;

runStoreContract(
  'MemoryRunStore',
  async () => (current ??= new MemoryRunStore()),
  async () => {
    await current?.close();
    current = undefined;
  },
);
