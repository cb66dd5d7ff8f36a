/**
 * onePerPointer: keeps the first problem at each JSON pointer. An invalid relation target is
 * also a missing one; an entity's problems say each place once.
 */

export function onePerPointer<T extends { readonly pointer: string }>(problems: readonly T[]): T[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.pointer) && seen.add(p.pointer));
}
