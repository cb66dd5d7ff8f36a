/**
 * Entity change events: published when an entity is written or deleted (catalog mutations; live
 * sources and watches later), consumed by the `entityChanged` subscription. The message carries
 * keys, not content: subscribers read the entity as it is now, merged from all its layers.
 */
import type { PubSub } from './PubSub.ts';

export const ENTITY_CHANNEL = 'entities';

export interface EntityChange {
  readonly blueprint: string;
  readonly identifier: string;
  readonly change: 'UPSERTED' | 'DELETED';
}

export function isEntityChange(m: unknown): m is EntityChange {
  const c = m as EntityChange;
  return typeof c?.blueprint === 'string' && typeof c.identifier === 'string' && (c.change === 'UPSERTED' || c.change === 'DELETED');
}

export function publishEntityChange(pubsub: PubSub, change: EntityChange): Promise<void> {
  return pubsub.publish(ENTITY_CHANNEL, change);
}
