/**
 * resolveConnection: filter → order → page, the one path every connection field takes (root
 * lists, many relations, reverse relations, search). Ordering by a computed property (mirror,
 * calculation, aggregation) reads its values for all items first, in one batch.
 */
import type { RequestContext } from '../src/context/index.ts';
import { connectionFrom, type Connection, type PageArgs } from '../src/model/query/connection.ts';
import type { Entity } from '../src/model/entities/entity.ts';
import { applyFilter, type FilterInput } from './filter.ts';
import { computedValues } from './computed.ts';
import { scorecardRanks } from './scorecards.ts';
import { isMissing, withTiebreak, type Item, type SortKey } from '../src/model/query/order.ts';
import type { SchemaPlan, TypePlan } from '../src/schema/plan.ts';
import { danglingError } from './errors.ts';
import { prefetchForConnection } from '../src/context/prefetch.ts';
import type { GraphQLResolveInfo } from 'graphql';

export interface ConnectionArgs extends PageArgs {
  readonly filter?: FilterInput | null;
  readonly orderBy?: readonly string[] | null;
}

const DEFAULT_KEYS: readonly SortKey[] = withTiebreak([]);

/** The sort keys of an orderBy argument; computed ones are marked so their values are read ahead. */
type ReadAheadKey = SortKey & { readonly computed?: boolean; readonly scorecard?: boolean };

export function sortKeys(type: TypePlan, orderBy: readonly string[] | null | undefined): readonly ReadAheadKey[] {
  if (!orderBy || orderBy.length === 0) return DEFAULT_KEYS;
  const keys = orderBy.map((name) => {
    const o = type.orderBy.find((x) => x.name === name);
    return { key: o?.key ?? '$identifier', desc: o?.desc ?? false, computed: o?.computed, scorecard: o?.scorecard };
  });
  return withTiebreak(keys);
}

/** The keys with a `read` for each computed one (a scorecard's: the level's rank), from its values for all of `items` (one batch per key). */
async function readAhead(items: readonly Item[], keys: readonly ReadAheadKey[], plan: SchemaPlan, ctx: RequestContext): Promise<SortKey[]> {
  const entities = items.filter((i): i is Entity => !isMissing(i));
  return Promise.all(
    keys.map(async (k) => {
      if (!k.computed && !k.scorecard) return k;
      const values = k.scorecard ? (await scorecardRanks(plan, ctx, entities, k.key)).map((r) => r ?? -1) : await computedValues(plan, ctx, entities, k.key);
      const byItem = new Map<Item, unknown>(entities.map((e, i) => [e, values[i]]));
      return { key: k.key, desc: k.desc, read: (item: Item) => byItem.get(item) ?? null };
    }),
  );
}

/** A connection over items of one type, as its field's arguments ask for it. */
export interface ConnectionOptions {
  readonly items: readonly Item[];
  readonly args: ConnectionArgs;
  /** The type of the items. */
  readonly type: TypePlan;
  readonly plan: SchemaPlan;
  readonly ctx: RequestContext;
}

export interface ConnectOptions extends ConnectionOptions {
  /** The connection field's: what its page's nodes select is loaded ahead. */
  readonly info: GraphQLResolveInfo;
}

export function resolveConnection({ items, args, type, plan, ctx }: ConnectionOptions): Connection<Item> | Promise<Connection<Item>> {
  const keys = sortKeys(type, args.orderBy);
  const page = (list: readonly Item[]) => (keys.some((k) => k.computed || k.scorecard) ? readAhead(list, keys, plan, ctx).then((read) => connectionFrom(list, read, args)) : connectionFrom(list, keys, args));
  // Without a filter there is nothing to await: page right away (no promise per connection).
  if (!args.filter || Object.keys(args.filter).length === 0) return page(items);
  const values = (entities: readonly Entity[], key: string) => computedValues(plan, ctx, entities, key);
  return applyFilter(items, args.filter, { type, plan, load: ctx.loaders.loadEntities, values, ranks: (entities, scorecard) => scorecardRanks(plan, ctx, entities, scorecard) }).then(page);
}

/** resolveConnection, then the look-ahead for the page's nodes (prefetch.ts). */
export function connect(options: ConnectOptions): Connection<Item> | Promise<Connection<Item>> {
  const { plan, info, type, ctx } = options;
  const withPrefetch = (c: Connection<Item>) => {
    const pending = prefetchForConnection({ plan, items: c.nodes, info, type, ctx });
    return pending ? pending.then(() => c) : c;
  };
  const conn = resolveConnection(options);
  return conn instanceof Promise ? conn.then(withPrefetch) : withPrefetch(conn);
}

/** Resolvers of a connection type and its edge type: missing relation targets become field errors. */
export const connectionTypeResolvers = {
  connection: { nodes: (c: { nodes: readonly Item[] }) => (c.nodes.some(isMissing) ? c.nodes.map((n) => (isMissing(n) ? danglingError(n) : n)) : c.nodes) },
  edge: { node: (e: { node: Item }) => (isMissing(e.node) ? danglingError(e.node) : e.node) },
};
