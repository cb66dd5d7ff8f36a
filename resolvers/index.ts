/**
 * createResolvers: SchemaPlan → the resolver map of the whole schema (scalars, enums,
 * interfaces, every generated type, root fields). The schema builder joins it to the SDL.
 */
import { DateTimeResolver, EmailAddressResolver, IPv4Resolver, IPv6Resolver, JSONResolver, URLResolver } from 'graphql-scalars';
import type { Entity } from '../src/model/entities/entity.ts';
import type { SchemaPlan } from '../src/schema/plan.ts';
import { connectionTypeResolvers } from './connections.ts';
import { entityTypeResolvers } from './entity.ts';
import { mutationResolvers, queryResolvers } from './root.ts';
import { subscriptionResolvers } from './subscriptions.ts';
import { actionEnumResolvers, actionMutationResolvers, actionQueryResolvers, actionSubscriptionResolvers, actionTypeResolvers } from './actions.ts';
import type { ActionFieldPlan } from '../src/schema/actions.ts';

export function createResolvers(plan: SchemaPlan, actionFields: readonly ActionFieldPlan[] = []): Record<string, any> {
  const resolveType = (e: Entity) => plan.type(e.blueprint).typeName;
  const map: Record<string, any> = {
    DateTime: DateTimeResolver,
    JSON: JSONResolver,
    URL: URLResolver,
    EmailAddress: EmailAddressResolver,
    IPv4: IPv4Resolver,
    IPv6: IPv6Resolver,
    Node: { __resolveType: resolveType },
    Entity: { __resolveType: resolveType },
    EntityConnection: connectionTypeResolvers.connection,
    EntityEdge: connectionTypeResolvers.edge,
    Query: { ...queryResolvers(plan), ...actionQueryResolvers(plan.inflection) },
    Mutation: { ...mutationResolvers(), ...actionMutationResolvers(actionFields) },
    Subscription: { ...subscriptionResolvers(plan), ...actionSubscriptionResolvers() },
    ...actionTypeResolvers,
    ...actionEnumResolvers(actionFields),
  };
  for (const e of plan.enums) map[e.typeName] = Object.fromEntries(e.values.map((v) => [v.name, v.value]));
  for (const t of plan.types) {
    map[t.typeName] = entityTypeResolvers(plan, t);
    map[t.connectionType] = connectionTypeResolvers.connection;
    map[t.edgeType] = connectionTypeResolvers.edge;
  }
  return map;
}
