/**
 * Resolvers of one blueprint's object type: meta fields, properties, relations (single and
 * many), reverse relations, and the computed fields (mirror, calculation, aggregation).
 * Everything upstream is reached through `ctx.loaders`.
 */
import type { RequestContext } from '../src/context/index.ts';
import { relationTargets, type Entity } from '../src/model/entities/entity.ts';
import type { Item } from '../src/model/query/order.ts';
import type { FieldPlan, SchemaPlan, TypePlan } from '../src/schema/plan.ts';
import { aggregate, calculate, mirror } from './computed.ts';
import { referenceResolver } from './references.ts';
import { connect, type ConnectionArgs } from './connections.ts';
import { danglingError, missingRequiredError, upstreamError } from './errors.ts';
import { isRequired } from '../src/schema/describe.ts';
import { CATALOG_SOURCE, type ServedEntity } from '../src/data/merge.ts';
import { toGlobalId } from './globalId.ts';
import { scorecardsField } from './scorecards.ts';
import type { FieldResolver, TypeResolvers } from './types.ts';
import { entitiesOf, peekElseLoad, peekElseLoadOne, referencesOf, whenLoaded } from '../src/context/peekElseLoad.ts';

/**
 * A field of a blueprint's type. Connection fields take a connection's arguments (filter,
 * orderBy, paging), all optional; the other fields take none, so `{}`, which fits that type too.
 */
type EntityFieldResolver = FieldResolver<ConnectionArgs>;

export function entityTypeResolvers(plan: SchemaPlan, type: TypePlan): TypeResolvers {
  const fields: Record<string, EntityFieldResolver> = {
    id: (e) => toGlobalId(e.blueprint, e.identifier),
    team: (e) => e.team ?? [],
    scorecards: scorecardsField(plan, type.blueprint.identifier),
    ...sourceFields,
  };
  for (const f of type.fields) fields[f.name] = fieldResolver(plan, type, f);
  return {
    ...fields,
    // @apollo/subgraph sets __typename on what this returns, so hand it a copy of the frozen entity.
    __resolveReference: async (ref: { identifier: string }, ctx: RequestContext) => {
      const e = await ctx.loaders.entity(type.blueprint.identifier).load(ref.identifier);
      return e ? { ...e } : null;
    },
  };
}

/** `source`, `sources`, `conflicts`: entities that no live source feeds come from the catalog alone. */
const catalogOnly = (e: Entity) => [{ name: CATALOG_SOURCE, fetchedAt: e.updatedAt, stale: false }];
const sourceFields: Record<string, FieldResolver> = {
  sources: (e) => (e as Partial<ServedEntity>).sources ?? catalogOnly(e),
  source: (e) => {
    const sources = (e as Partial<ServedEntity>).sources ?? catalogOnly(e);
    return sources.find((s) => s.name !== CATALOG_SOURCE) ?? sources[0];
  },
  conflicts: (e) => (e as Partial<ServedEntity>).conflicts ?? [],
};

function fieldResolver(plan: SchemaPlan, type: TypePlan, f: FieldPlan): EntityFieldResolver {
  switch (f.kind) {
    case 'property': {
      const required = isRequired(type, f);
      const read: EntityFieldResolver = (e, _args, ctx) => {
        const value = e.properties[f.key];
        if (value !== undefined) return value;
        // A live source that fills this property could not answer: an error naming it, not a null.
        const failed = (e as Partial<ServedEntity>).unavailable?.find((u) => ctx.reader.sourcesOf(e.blueprint).some((s) => s.name === u.source && s.fills(e.blueprint).has(f.key)));
        if (failed) throw upstreamError(failed.source, failed.error);
        // The blueprint's default, for entities written before it was set or fed by a live source.
        if (f.def.default !== undefined) return f.def.default;
        // A required property is non-null: an entity that lacks it is a field error naming it.
        if (required) throw missingRequiredError(e, { kind: 'property', key: f.key });
        return null;
      };
      return f.reference ? referenceResolver(f.key, f.reference, read) : read;
    }
    case 'relation': {
      const via = (e: Entity) => ({ blueprint: e.blueprint, identifier: e.identifier, relation: f.key });
      // A failed load of one target fails the field; in a connection it reads as missing targets.
      if (!f.def.many) {
        const targets = entitiesOf(f.target, 'reject');
        const required = isRequired(type, f);
        // Answers synchronously when the target is already loaded (prefetched by the parent).
        return (e, _args, ctx) => {
          const id = relationTargets(e, f.key)[0];
          if (id === undefined) return required ? missingRequiredError(e, { kind: 'relation', key: f.key }) : null;
          return whenLoaded(peekElseLoadOne(ctx.loaders, targets, id), (t) => t ?? danglingError({ missing: true, blueprint: f.target, identifier: id, via: via(e) }));
        };
      }
      const targetType = plan.type(f.target);
      const targets = entitiesOf(f.target, 'settle');
      return (e, args, ctx, info) => {
        const ids = relationTargets(e, f.key);
        const toItems = (found: readonly (Entity | null | undefined)[]): Item[] => found.map((t, i) => t ?? { missing: true, blueprint: f.target, identifier: ids[i], via: via(e) });
        return whenLoaded(peekElseLoad(ctx.loaders, targets, ids), (found) => connect({ items: toItems(found), args, type: targetType, plan, ctx, info }));
      };
    }
    case 'reverse': {
      const sourceType = plan.type(f.source);
      const sources = referencesOf(f.source, f.relation, 'reject');
      return (e, args, ctx, info) => whenLoaded(peekElseLoadOne(ctx.loaders, sources, e.identifier), (found) => connect({ items: found ?? [], args, type: sourceType, plan, ctx, info }));
    }
    case 'mirror':
      return (e, _args, ctx) => mirror(plan, e, f.hops, f.last, ctx);
    case 'calculation':
      return (e) => calculate(e, f.key, f.def);
    case 'aggregation':
      return (e, _args, ctx) => aggregate(plan, e, f, ctx);
  }
}
