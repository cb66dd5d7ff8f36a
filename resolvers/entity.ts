/**
 * Resolvers of one blueprint's object type: meta fields, properties, relations (single and
 * many), reverse relations, and the computed fields (mirror, calculation, aggregation).
 * Everything upstream is reached through `ctx.loaders`.
 */
import type { RequestContext } from '../src/context/index.ts';
import { relationTargets, type Entity } from '../src/entities/entity.ts';
import type { Item } from '../src/query/order.ts';
import type { FieldPlan, SchemaPlan, TypePlan } from '../src/schema/plan.ts';
import { aggregate, calculate, mirror } from './computed.ts';
import { resolveConnection, type ConnectionArgs } from './connections.ts';
import { danglingError } from './errors.ts';
import { toGlobalId } from './globalId.ts';

type FieldResolver = (entity: Entity, args: any, ctx: RequestContext) => unknown;

export function entityTypeResolvers(plan: SchemaPlan, type: TypePlan): Record<string, unknown> {
  const fields: Record<string, FieldResolver> = {
    id: (e) => toGlobalId(e.blueprint, e.identifier),
    team: (e) => e.team ?? [],
  };
  for (const f of type.fields) fields[f.name] = fieldResolver(plan, f);
  return {
    ...fields,
    // @apollo/subgraph sets __typename on what this returns, so hand it a copy of the frozen entity.
    __resolveReference: async (ref: { identifier: string }, ctx: RequestContext) => {
      const e = await ctx.loaders.entity(type.blueprint.identifier).load(ref.identifier);
      return e ? { ...e } : null;
    },
  };
}

function fieldResolver(plan: SchemaPlan, f: FieldPlan): FieldResolver {
  switch (f.kind) {
    case 'property':
      return (e) => e.properties[f.key] ?? null;
    case 'relation':
      if (!f.def.many) {
        return async (e, _args, ctx) => {
          const id = relationTargets(e, f.key)[0];
          if (id === undefined) return null;
          const target = await ctx.loaders.entity(f.target).load(id);
          return target ?? danglingError({ missing: true, blueprint: f.target, identifier: id, via: { blueprint: e.blueprint, identifier: e.identifier, relation: f.key } });
        };
      }
      return async (e, args: ConnectionArgs, ctx) => {
        const ids = relationTargets(e, f.key);
        const found = await ctx.loaders.loadEntities(f.target, ids);
        const items: Item[] = found.map((t, i) => t ?? { missing: true, blueprint: f.target, identifier: ids[i], via: { blueprint: e.blueprint, identifier: e.identifier, relation: f.key } });
        return resolveConnection(items, args, plan.type(f.target), plan, ctx);
      };
    case 'reverse':
      return async (e, args: ConnectionArgs, ctx) => {
        const sources = await ctx.loaders.reverse(f.source, f.relation).load(e.identifier);
        return resolveConnection(sources, args, plan.type(f.source), plan, ctx);
      };
    case 'mirror':
      return (e, _args, ctx) => mirror(plan, e, f.hops, f.last, ctx);
    case 'calculation':
      return (e) => calculate(e, f.key, f.def);
    case 'aggregation':
      return (e, _args, ctx) => aggregate(plan, e, f, ctx);
  }
}
