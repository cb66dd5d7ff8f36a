/**
 * Relay connections over a list of items: `first`/`after` forward, `last`/`before` backward.
 *
 * Cursors are opaque (base64url JSON) and carry the sort values of their item plus the ordering
 * they were made for. They stay valid while the data does not change, and even when it does they
 * still mean "after this position" (keyset pagination), never "after the nth item".
 */
import { ErrorCodes, LatticeError } from '../../errors/index.ts';
import { compareTuples, sortItems, sortTuple, type Item, type SortKey } from './order.ts';

/**
 * Page sizes of every connection: without `first`/`last` a page holds `default` items (counted
 * from the end when only `before` is given); `first`/`last` above `max` is refused. The cost
 * analysis (src/server/limits) multiplies by the same figures.
 */
export const PAGE_SIZE = Object.freeze({ default: 100, max: 1_000 });

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

export interface Connection<T> {
  readonly nodes: readonly T[];
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  readonly totalCount: number;
}

/** A page of catalog items, what every connection field resolves to, and one of its edges. */
export type ItemConnection = Connection<Item>;
export type ItemEdge = ItemConnection['edges'][number];

function orderSignature(keys: readonly SortKey[]): string {
  return keys.map((k) => `${k.key}:${k.desc ? 'd' : 'a'}`).join(',');
}

export function encodeCursor(tuple: readonly unknown[], keys: readonly SortKey[]): string {
  return Buffer.from(JSON.stringify({ o: orderSignature(keys), v: tuple })).toString('base64url');
}

export function decodeCursor(cursor: string, keys: readonly SortKey[], argument: string): unknown[] {
  let parsed: { o?: unknown; v?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(`"${argument}" is not a cursor this API issued`, argument);
  }
  if (!parsed || !Array.isArray(parsed.v) || typeof parsed.o !== 'string') throw badInput(`"${argument}" is not a cursor this API issued`, argument);
  if (parsed.o !== orderSignature(keys)) throw badInput(`"${argument}" was issued for a different orderBy; use the same orderBy as the query that returned it`, argument);
  return parsed.v;
}

function badInput(message: string, argument: string): LatticeError {
  return new LatticeError(ErrorCodes.BAD_USER_INPUT, message, { details: { argument } });
}

function checkCount(value: number | null | undefined, argument: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw badInput(`"${argument}" must be a non-negative integer, got ${value}`, argument);
  if (value > PAGE_SIZE.max) throw badInput(`"${argument}" is ${value}, above the maximum page size of ${PAGE_SIZE.max}; page with "after"/"before"`, argument);
  return value;
}

/** Sorts, slices and wraps items; `keys` must already end with the identifier tiebreak. */
export function connectionFrom<T extends Item>(items: readonly T[], keys: readonly SortKey[], args: PageArgs): Connection<T> {
  let first = checkCount(args.first, 'first');
  let last = checkCount(args.last, 'last');
  if (first === undefined && last === undefined) {
    if (args.before && !args.after) last = PAGE_SIZE.default;
    else first = PAGE_SIZE.default;
  }
  const rows = sortItems(items, keys);
  if (!args.after && !args.before && first !== undefined && first >= rows.length && last === undefined) return new PageConnection(rows, keys, false, false, rows.length);
  let start = 0;
  let end = rows.length;
  if (args.after) {
    const after = decodeCursor(args.after, keys, 'after');
    start = lowerBound(rows, after, keys, true);
  }
  if (args.before) {
    const before = decodeCursor(args.before, keys, 'before');
    end = Math.max(start, lowerBound(rows, before, keys, false));
  }
  if (first !== undefined) end = Math.min(end, start + first);
  if (last !== undefined) start = Math.max(start, end - last);
  return new PageConnection(rows.slice(start, end), keys, start > 0, end < rows.length, rows.length);
}

/**
 * A page of a connection. Cursors cost a JSON.stringify and a base64 encoding each and most
 * queries select only `nodes`, so `edges` and the page's cursors are computed on first read.
 * (Getters on a class, not on object literals: V8 builds literals with accessors slowly.)
 */
class PageConnection<T extends Item> implements Connection<T> {
  readonly nodes: readonly T[];
  readonly pageInfo: PageInfo<T>;
  readonly totalCount: number;
  readonly #keys: readonly SortKey[];
  #edges: { cursor: string; node: T }[] | undefined;

  constructor(page: readonly T[], keys: readonly SortKey[], hasPreviousPage: boolean, hasNextPage: boolean, totalCount: number) {
    this.#keys = keys;
    this.nodes = page;
    this.pageInfo = new PageInfo(this, hasPreviousPage, hasNextPage);
    this.totalCount = totalCount;
  }

  get edges(): readonly { cursor: string; node: T }[] {
    return (this.#edges ??= this.nodes.map((item) => ({ cursor: encodeCursor(sortTuple(item, this.#keys), this.#keys), node: item })));
  }
}

class PageInfo<T extends Item> {
  readonly hasPreviousPage: boolean;
  readonly hasNextPage: boolean;
  readonly #connection: PageConnection<T>;

  constructor(connection: PageConnection<T>, hasPreviousPage: boolean, hasNextPage: boolean) {
    this.#connection = connection;
    this.hasPreviousPage = hasPreviousPage;
    this.hasNextPage = hasNextPage;
  }

  get startCursor(): string | null {
    return this.#connection.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    const edges = this.#connection.edges;
    return edges[edges.length - 1]?.cursor ?? null;
  }
}

/** First index whose tuple is > (strict) or >= the cursor tuple. */
function lowerBound(rows: readonly Item[], tuple: readonly unknown[], keys: readonly SortKey[], strict: boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareTuples(sortTuple(rows[mid], keys), tuple, keys);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
