/**
 * createResolvers: SchemaPlan → the resolver map of the whole schema (scalars, enums,
 * interfaces, every generated type, root fields). The schema builder joins it to the SDL.
 *
 * The hand-written part is typed by GraphQL Code Generator's resolver types
 * (resolvers/generated/graphql.ts); what the blueprints generate, by resolvers/types.ts.
 */
import { DateTimeResolver, EmailAddressResolver, IPv4Resolver, IPv6Resolver, JSONResolver, URLResolver } from 'graphql-scalars';
import type { Entity } from '../src/model/entities/entity.ts';
import { isRunId, type Run } from '../src/data/run.ts';
import type { ResolverMap } from '../src/schema/build.ts';
import type { SchemaPlan } from '../src/schema/plan.ts';
import { auditQueryResolvers } from './auditLog.ts';
import { connectionTypeResolvers } from './connections.ts';
import { entityTypeResolvers } from './entity.ts';
import { blueprintRootResolvers, mutationResolvers, queryResolvers } from './root.ts';
import { subscriptionResolvers } from './subscriptions.ts';
import { actionEnumResolvers, actionMutationResolvers, actionQueryResolvers, actionSubscriptionResolvers, actionTypeResolvers } from './actions.ts';
import type { ActionFieldPlan } from '../src/schema/actions.ts';
import type { TypeResolvers } from './types.ts';
import { timerResolvers } from './timer.ts';
import { writeMutationResolvers } from './writes.ts';
import { searchEnumResolvers } from './searchInput.ts';
import { scorecardRuleContext } from './scorecards.ts';

export function createResolvers(plan: SchemaPlan, actionFields: readonly ActionFieldPlan[] = []): ResolverMap {
  // Node's and Entity's types are the blueprints' (codegen's NodeResolvers names only the shipped ones).
  const resolveType = (e: Entity) => plan.type(e.blueprint).typeName;
  // A Node is an entity or a run (runs have ids of their own, entities do not).
  const resolveNode = (n: Entity | Run) => ('revision' in n && isRunId(n.id) ? 'ActionRun' : resolveType(n as Entity));
  const map: Record<string, ResolverMap[string]> = {
    DateTime: DateTimeResolver,
    JSON: JSONResolver,
    URL: URLResolver,
    EmailAddress: EmailAddressResolver,
    IPv4: IPv4Resolver,
    IPv6: IPv6Resolver,
    Timer: timerResolvers,
    Node: { __resolveType: resolveNode },
    Entity: { __resolveType: resolveType },
    EntityConnection: connectionTypeResolvers.connection,
    EntityEdge: connectionTypeResolvers.edge,
    Query: { ...queryResolvers(plan), ...blueprintRootResolvers(plan), ...actionQueryResolvers(plan.inflection), ...auditQueryResolvers() },
    Mutation: { ...mutationResolvers(), ...writeMutationResolvers(plan), ...actionMutationResolvers(actionFields, (ctx) => scorecardRuleContext(plan, ctx)) },
    Subscription: { ...subscriptionResolvers(), ...actionSubscriptionResolvers() },
    ...actionTypeResolvers,
    ...actionEnumResolvers(actionFields),
    ...searchEnumResolvers,
  };
  for (const e of [plan.blueprintEnum, ...plan.enums]) map[e.typeName] = enumValues(e.values);
  for (const t of plan.types) {
    map[t.typeName] = entityTypeResolvers(plan, t);
    map[t.connectionType] = connectionTypeResolvers.connection;
    map[t.edgeType] = connectionTypeResolvers.edge;
  }
  return map;
}

/** An enum's resolver: GraphQL value names → the values as written. */
function enumValues(values: readonly { readonly name: string; readonly value: unknown }[]): TypeResolvers {
  return Object.fromEntries(values.map((v) => [v.name, v.value]));
}
