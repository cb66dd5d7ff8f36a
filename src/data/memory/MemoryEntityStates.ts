/** EntityStates in this process (see ../EntityStates.ts). */
import type { EntityState, EntityStates } from '../EntityStates.ts';

export class MemoryEntityStates implements EntityStates {
  private readonly states = new Map<string, EntityState>();

  async read(key: string): Promise<EntityState> {
    return this.states.get(key) ?? { seq: 0, json: '' };
  }

  async advance(key: string, seq: number, json: string): Promise<boolean> {
    if ((this.states.get(key)?.seq ?? 0) !== seq) return false;
    this.states.set(key, { seq: seq + 1, json });
    return true;
  }

  async prime(entries: readonly (readonly [string, string])[]): Promise<void> {
    for (const [key, json] of entries) if (!this.states.has(key)) this.states.set(key, { seq: 0, json });
  }
}
