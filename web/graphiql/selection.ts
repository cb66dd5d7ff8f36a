/**
 * The selected entity, shared by the Lattice plugins: the Catalog graph selects the node you click,
 * the Actions plugin lists what applies to it. Kept in localStorage, so a reload keeps it.
 */
import { useSyncExternalStore } from 'react';

export interface EntityRef {
  readonly blueprint: string;
  readonly identifier: string;
}

const KEY = 'lattice:selectedEntity';
const listeners = new Set<() => void>();
let current: EntityRef | null = load();

function load(): EntityRef | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as EntityRef | null;
    return value && typeof value.blueprint === 'string' && typeof value.identifier === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function selectEntity(entity: EntityRef): void {
  if (current && current.blueprint === entity.blueprint && current.identifier === entity.identifier) return;
  current = { blueprint: entity.blueprint, identifier: entity.identifier };
  localStorage.setItem(KEY, JSON.stringify(current));
  for (const listener of listeners) listener();
}

export function useSelectedEntity(): EntityRef | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

export const entityKey = (e: EntityRef): string => `${e.blueprint}:${e.identifier}`;
