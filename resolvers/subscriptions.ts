/**
 * Subscriptions: `entityChanged` streams the changes to one entity, or to every entity of a
 * blueprint, each with the entity as it is after the change (read fresh for every event).
 */
import { refreshLoaders, type RequestContext } from '../src/context/index.ts';
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';
import { iterate } from '../src/data/PubSub.ts';
import { ENTITY_CHANGES, type EntityChange } from '../src/data/topics.ts';
import type { SchemaPlan } from '../src/schema/plan.ts';
import type { SubscriptionResolvers } from './generated/graphql.ts';

export function subscriptionResolvers(plan: SchemaPlan): SubscriptionResolvers {
  return {
    entityChanged: {
      subscribe: (_p, { blueprint, identifier }, ctx) => {
        if (!plan.model.get(blueprint)) throw new LatticeError(ErrorCodes.BAD_USER_INPUT, `unknown blueprint "${blueprint}"`, { details: { argument: 'blueprint' } });
        return iterate(ctx.pubsub, ENTITY_CHANGES, (m) => m.blueprint === blueprint && (!identifier || m.identifier === identifier));
      },
      resolve: async (change: EntityChange, _args: unknown, ctx: RequestContext) => {
        // A fresh read for every event, and fresh loaders for its fields (mirrors, aggregations,
        // scorecards): the subscription's would serve what the first event loaded forever.
        refreshLoaders(ctx);
        const [entity] = change.change === 'DELETED' ? [undefined] : await ctx.reader.session().getMany(change.blueprint, [change.identifier]);
        return { ...change, entity: entity ?? null };
      },
    },
  };
}
