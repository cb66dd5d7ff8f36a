/**
 * Blueprint defaults: a property's `default` is its value when an entity is written without it
 * (Port: "default value for this property in case an entity is created without explicitly
 * providing a value"). Applied on write, to the entity as it will be stored, and on read (the
 * property field), for entities stored before the default was set or fed by a live source.
 */
import type { Blueprint } from './model.ts';

/** The properties with each absent one that has a default set to it; the same object when none applies. */
export function withDefaults(bp: Blueprint, properties: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  let out: Record<string, unknown> | undefined;
  for (const [key, def] of Object.entries(bp.properties)) {
    if (def.default === undefined || properties[key] !== undefined) continue;
    out ??= { ...properties };
    out[key] = structuredClone(def.default);
  }
  return out ?? properties;
}
