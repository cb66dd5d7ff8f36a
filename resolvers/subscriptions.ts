/**
 * Subscriptions: `entityChanged` streams the changes to one entity, or to every entity of a
 * blueprint, each with the entity as it is after the change (read fresh for every event).
 */
import { refreshLoaders, type RequestContext } from '../src/context/index.ts';
import { iterate } from '../src/data/PubSub.ts';
import { ENTITY_CHANGES, type EntityChange } from '../src/data/topics.ts';
import type { SubscriptionResolvers } from './generated/graphql.ts';

export function subscriptionResolvers(): SubscriptionResolvers {
  return {
    entityChanged: {
      // `blueprint` is a BlueprintIdentifier value: one of the model's, as written.
      subscribe: (_p, { blueprint, identifier }, ctx) => iterate(ctx.pubsub, ENTITY_CHANGES, (m) => m.blueprint === blueprint && (!identifier || m.identifier === identifier)),
      resolve: async (change: EntityChange, _args: unknown, ctx: RequestContext) => {
        // A fresh read for every event, and fresh loaders for its fields (mirrors, aggregations,
        // scorecards): the subscription's would serve what the first event loaded forever. The
        // entity is read through them: one read session per event, its fields see the same view.
        refreshLoaders(ctx);
        const entity = change.change === 'DELETED' ? undefined : await ctx.loaders.entity(change.blueprint).load(change.identifier);
        return { ...change, entity: entity ?? null };
      },
    },
  };
}
