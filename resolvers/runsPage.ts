/**
 * The `runs` connection: pages of the runs a caller may see, newest or oldest first, with
 * edges, cursors and a `totalCount` computed only when asked for.
 *
 * Store pages are read until `first` visible runs (and one more, for hasNextPage) are found.
 * Cursors are opaque and name only runs on the caller's pages; an `after` that is not such a
 * cursor (malformed, or a run the caller may not see or that does not exist) is refused with one
 * message. Oldest-first pages and `totalCount` read every matching run, at most MAX_RUNS_SCAN of
 * them (a BAD_USER_INPUT asking for a narrower filter beyond that): the operation stays bounded.
 */
import { canViewRun } from '../src/runs/permissions.ts';
import type { Run } from '../src/data/run.ts';
import type { RunFilter } from '../src/data/RunStore.ts';
import type { RequestContext } from '../src/context/index.ts';
import { ErrorCodes, LatticeError } from '../src/errors/index.ts';
import { authenticatedCaller } from './caller.ts';

/** What `runs` resolves to (codegen.yml maps ActionRunConnection to it). */
export interface RunsPage {
  readonly nodes: readonly Run[];
  readonly edges: readonly { readonly cursor: string; readonly node: Run }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly hasPreviousPage: boolean; readonly startCursor: string | null; readonly endCursor: string | null };
  /** How many runs the caller may see match the filter (read when `totalCount` is selected). */
  readonly count: () => Promise<number>;
}

export type RunOrder = 'CREATED_AT_DESC' | 'CREATED_AT_ASC';

/** The largest `runs(first:)` (Port's page limit). */
const MAX_RUNS_PAGE = 1000;
/** How many runs the `runs` page reads from the store at a time while skipping invisible ones. */
const RUNS_SCAN_BATCH = 100;
/** The most runs an oldest-first page or a `totalCount` reads. */
export const MAX_RUNS_SCAN = 10_000;
const RUN_CURSOR_PREFIX = 'run:';
const runCursor = (id: string) => Buffer.from(`${RUN_CURSOR_PREFIX}${id}`).toString('base64url');

/** True when the caller of `ctx` may see the run. */
export async function visible(run: Run | undefined, ctx: RequestContext): Promise<boolean> {
  if (!run) return false;
  const who = authenticatedCaller(ctx, 'actions and runs');
  const entity = run.blueprint && run.entity ? await ctx.loaders.entity(run.blueprint).load(run.entity) : undefined;
  return canViewRun({ action: ctx.actions.set().get(run.action), run, caller: who, entityTeams: entity?.team ?? [] });
}

/** The run, when it exists and the caller may see it; else null. */
export async function runIfVisible(id: string, ctx: RequestContext): Promise<Run | null> {
  authenticatedCaller(ctx, 'actions and runs');
  const run = await ctx.actions.store.get(id);
  return run && (await visible(run, ctx)) ? run : null;
}

async function runFromCursor(cursor: string, ctx: RequestContext): Promise<string> {
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const id = decoded.startsWith(RUN_CURSOR_PREFIX) ? decoded.slice(RUN_CURSOR_PREFIX.length) : undefined;
  const run = id ? await ctx.actions.store.get(id) : undefined;
  if (!run || !(await visible(run, ctx))) throw new LatticeError(ErrorCodes.BAD_USER_INPUT, '"after" is not a cursor of your runs: pass the endCursor of a page you received', { details: { argument: 'after' } });
  return run.id;
}

/** Every visible run matching the filter, newest first; refused past MAX_RUNS_SCAN store runs. */
async function allVisible(ctx: RequestContext, filter: RunFilter): Promise<Run[]> {
  const out: Run[] = [];
  let after: string | null = null;
  for (let read = 0; ; ) {
    const page = await ctx.actions.store.list(filter, { first: RUNS_SCAN_BATCH, after });
    read += page.runs.length;
    if (read > MAX_RUNS_SCAN) {
      throw new LatticeError(ErrorCodes.BAD_USER_INPUT, `more than ${MAX_RUNS_SCAN} runs match: narrow the filter to count them or read them oldest first`, { details: { argument: 'filter', limit: MAX_RUNS_SCAN } });
    }
    for (const run of page.runs) if (await visible(run, ctx)) out.push(run);
    if (!page.hasNextPage || page.endCursor === null) return out;
    after = page.endCursor;
  }
}

/** Up to `first` + 1 visible runs after `after`, newest first, read page by page from the store. */
async function newestFirst(ctx: RequestContext, args: { readonly filter: RunFilter; readonly first: number; readonly after: string | null }): Promise<Run[]> {
  const nodes: Run[] = [];
  let after = args.after;
  for (;;) {
    const page = await ctx.actions.store.list(args.filter, { first: RUNS_SCAN_BATCH, after });
    for (const run of page.runs) {
      if (!(await visible(run, ctx))) continue;
      nodes.push(run);
      if (nodes.length > args.first) return nodes;
    }
    if (!page.hasNextPage || page.endCursor === null) return nodes;
    after = page.endCursor;
  }
}

export async function visibleRunsPage(ctx: RequestContext, args: { readonly filter: RunFilter; readonly orderBy: RunOrder; readonly first: number; readonly after: string | null }): Promise<RunsPage> {
  authenticatedCaller(ctx, 'actions and runs');
  if (!Number.isInteger(args.first) || args.first < 0 || args.first > MAX_RUNS_PAGE) {
    throw new LatticeError(ErrorCodes.BAD_USER_INPUT, `"first" must be between 0 and ${MAX_RUNS_PAGE}, got ${args.first}`, { details: { argument: 'first', limit: MAX_RUNS_PAGE } });
  }
  const start = args.after === null ? null : await runFromCursor(args.after, ctx);
  let all: Promise<Run[]> | undefined;
  const everything = () => (all ??= allVisible(ctx, args.filter));
  let found: Run[];
  if (args.orderBy === 'CREATED_AT_ASC') {
    const oldest = [...(await everything())].reverse();
    found = oldest.slice(start === null ? 0 : oldest.findIndex((r) => r.id === start) + 1).slice(0, args.first + 1);
  } else {
    found = await newestFirst(ctx, { filter: args.filter, first: args.first, after: start });
  }
  const nodes = found.slice(0, args.first);
  const edges = nodes.map((node) => ({ cursor: runCursor(node.id), node }));
  return {
    nodes,
    edges,
    pageInfo: { hasNextPage: found.length > args.first, hasPreviousPage: start !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    count: async () => (await everything()).length,
  };
}
