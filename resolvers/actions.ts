/**
 * Actions and runs in GraphQL: the typed mutation of each action and the generic
 * `executeAction`, approvals, cancel, the executor's `updateRun` / `appendRunLog`, `run` / `runs`
 * and the run subscriptions. Everything goes through the ActionEngine and the RunStore on
 * `ctx.actions`; a caller sees only the runs `canViewRun` allows.
 */
import { followLogs, followRun, followRuns } from '../src/runs/follow.ts';
import { userInputsJsonSchema } from '../src/model/actions/inputs.ts';
import type { Caller, Run, RunLogLine } from '../src/data/run.ts';
import { DEFAULT_PAGE_SIZE, type RunFilter } from '../src/data/RunStore.ts';
import type { RequestContext } from '../src/context/index.ts';
import { ErrorCodes, LatticeError, hasCode } from '../src/errors/index.ts';
import type { ActionFieldPlan } from '../src/schema/actions.ts';
import type { Inflection } from '../src/schema/inflection.ts';
import type { ExecuteRequest, ExecuteResult } from '../src/runs/engine.ts';
import type { RuleContext } from '../src/model/query/portRules.ts';
import { waiverExpiry } from '../src/runs/waivers.ts';
import type { ActionOperationResolvers, ActionRunConnectionResolvers, ActionRunResolvers, MutationResolvers, QueryResolvers, RunFilter as RunFilterInput, RunLogLineResolvers, SubscriptionResolvers } from './generated/graphql.ts';
import type { RootFieldResolver, TypeResolvers } from './types.ts';
import { audited, refusal } from './audit.ts';
import { authenticatedCaller } from './caller.ts';
import { runIfVisible, visible, visibleRunsPage, type RunsPage } from './runsPage.ts';

/** The arguments of an action's typed mutation (`input` as its generated input type declares it). */
interface ActionMutationArgs {
  readonly input?: Readonly<Record<string, unknown>> | null;
  readonly entity?: string | null;
  readonly idempotencyKey?: string | null;
  readonly dryRun?: boolean | null;
}

/**
 * The store's RunFilter. An explicit null field is handed on as it is, as before these types
 * (the stores then match no run); only the type changes here.
 */
const storeFilter = (filter: RunFilterInput | null | undefined) => filter as RunFilter | null | undefined;

/** The caller as the engine sees it; actions never run anonymously. */
const caller = (ctx: RequestContext): Caller => authenticatedCaller(ctx, 'actions and runs');

/** The run, if the caller may see it; NOT_FOUND, with one message, whether it does not exist or is not visible. */
async function visibleRun(id: string, ctx: RequestContext): Promise<Run> {
  const run = await ctx.actions.store.get(id);
  const notFound = () => new LatticeError(ErrorCodes.NOT_FOUND, `no run "${id}" that you may see`, { details: { argument: 'id' } });
  if (!run) throw notFound();
  // The same error to the caller; the audit log records it as a refusal.
  if (!(await visible(run, ctx))) throw refusal(notFound());
  return run;
}

/**
 * The executor's token: the `X-Lattice-Run-Token` header, or the deprecated `token` argument
 * (the header wins when both are sent). Neither: "" (which no run's token is: FORBIDDEN).
 */
const executorToken = (ctx: RequestContext, argument: string | null | undefined): string => ctx.executorToken ?? argument ?? '';

/** Wraps an async generator so that the GraphQL subscription payload is the value itself. */
async function* filtered<T>(source: AsyncGenerator<T>, keep: (value: T) => Promise<boolean>): AsyncGenerator<T> {
  try {
    for await (const value of source) if (await keep(value)) yield value;
  } finally {
    await source.return(undefined as never);
  }
}

const toCursor = (n: number) => String(n);
const fromCursor = (s: string | null | undefined, argument: string): number => {
  if (s === null || s === undefined || s === '') return 0;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) throw new LatticeError(ErrorCodes.BAD_USER_INPUT, `"${argument}" is not a log cursor`, { details: { argument } });
  return n;
};

export const actionTypeResolvers: { readonly ActionRun: ActionRunResolvers; readonly RunLogLine: RunLogLineResolvers; readonly ActionRunConnection: ActionRunConnectionResolvers; readonly ActionOperation: ActionOperationResolvers } = {
  ActionRun: {
    retryOf: (run) => run.retryOf ?? null,
    waivedBy: (run) => run.waivedBy ?? null,
    waiver: (run) => (run.waiver ? { ...run.waiver, expiresAt: ((at) => (at === undefined ? null : new Date(at)))(waiverExpiry(run)) } : null),
    dryRun: (run) => (run as DryRunAnswer).dryRun === true,
    invocation: (run) => (run as DryRunAnswer).invocation ?? null,
    entity: (run, _a, ctx) => (run.blueprint && run.entity ? ctx.loaders.entity(run.blueprint).load(run.entity).then((e) => e ?? null) : null),
    logs: (run, args, ctx) => ctx.actions.store.logs(run.id, { after: fromCursor(args.after, 'after'), limit: args.first ?? undefined }),
    automation: (run) => run.trigger.automation ?? null,
  },
  RunLogLine: { cursor: (line: RunLogLine) => toCursor(line.cursor) },
  ActionRunConnection: { totalCount: (page: RunsPage) => page.count() },
  // Port writes DAY-2, which is no GraphQL name.
  ActionOperation: { CREATE: 'CREATE', DAY_2: 'DAY-2', DELETE: 'DELETE' },
};

export function actionQueryResolvers(inflection: Inflection): QueryResolvers {
  return {
    actions: (_p, _a, ctx) =>
      ctx.actions.set().actions.map((a) => ({
        identifier: a.identifier,
        title: a.title,
        description: a.description ?? null,
        operation: a.trigger.operation,
        blueprint: a.trigger.blueprintIdentifier ?? null,
        mutationName: inflection.actionMutation(a.identifier),
        inputsSchema: userInputsJsonSchema(a.trigger.userInputs),
        definition: a.raw,
      })),
    run: (_p, { id }, ctx) => runIfVisible(id, ctx),
    runs: (_p, { filter, orderBy, first, after }, ctx) => visibleRunsPage(ctx, { filter: storeFilter(filter) ?? {}, orderBy: orderBy ?? 'CREATED_AT_DESC', first: first ?? DEFAULT_PAGE_SIZE, after: after ?? null }),
  };
}

/** A dry run's answer: the run that would start, marked, with its rendered invocation. */
type DryRunAnswer = Run & { readonly dryRun?: true; readonly invocation?: unknown };

/** The run to answer with; a dry run's carries its invocation. */
const answer = (r: ExecuteResult): Run => (r.dryRun ? ({ ...r.run, dryRun: true, invocation: r.dryRun.invocation } as DryRunAnswer) : r.run);

/**
 * An execution through a waiver is audited twice: `run.create` as any, and `gate.waived` naming
 * the waiver it used, so "who went around a gate" is one audit query.
 */
async function auditWaived(ctx: RequestContext, run: Run): Promise<void> {
  if (!run.waivedBy || (run as DryRunAnswer).dryRun) return;
  await ctx.audit.record({ event: 'gate.waived', actor: { user: ctx.identity.user, via: ctx.identity.via }, target: { action: run.action, entity: run.entity, runId: run.id, waiverId: run.waivedBy }, outcome: 'OK', code: null });
}

/** `rules`: the request's view of the catalog for conditions and gates (computed properties, scorecard levels). */
export function actionMutationResolvers(fields: readonly ActionFieldPlan[], rules?: (ctx: RequestContext) => RuleContext): TypeResolvers {
  const execute = (ctx: RequestContext, request: Omit<ExecuteRequest, 'caller'>) =>
    audited(
      ctx,
      { event: request.dryRun ? 'run.dryRun' : 'run.create', target: { action: request.action, entity: request.entity ?? null }, targetOf: (run: Run) => ({ runId: run.id }) },
      async () => answer(await ctx.actions.engine.execute({ ...request, caller: caller(ctx), rules: rules?.(ctx) })),
    ).then(async (run) => (await auditWaived(ctx, run), run));
  const decision = (ctx: RequestContext, { event, id }: { readonly event: string; readonly id: string }, act: (runId: string, who: Caller) => Promise<Run>) =>
    audited(ctx, { event, target: { runId: id } }, async () => {
      const who = caller(ctx);
      return act((await visibleRun(id, ctx)).id, who);
    });
  // Executors: only their refusals are audited (a wrong token); their reports are the run's own history.
  const report = <T>(ctx: RequestContext, { event, id }: { readonly event: string; readonly id: string }, act: () => Promise<T>) =>
    act().catch(async (err: unknown) => {
      if (hasCode(err, ErrorCodes.FORBIDDEN)) await ctx.audit.record({ event, actor: { user: 'executor', via: 'executor token' }, target: { runId: id }, outcome: 'REFUSED', code: err.code });
      throw err;
    });
  const base: MutationResolvers = {
    executeAction: (_p, { action, entity, inputs, idempotencyKey, dryRun }, ctx) => execute(ctx, { action, entity, inputs, idempotencyKey, dryRun: dryRun === true }),
    retryRun: (_p, { id }, ctx) =>
      audited(ctx, { event: 'run.retry', target: { runId: id }, targetOf: (run: Run) => ({ newRunId: run.id }) }, async () => {
        const who = caller(ctx);
        return answer(await ctx.actions.engine.retry({ runId: (await visibleRun(id, ctx)).id, caller: who, rules: rules?.(ctx) }));
      }).then(async (run) => (await auditWaived(ctx, run), run)),
    requestGateWaiver: (_p, { action, entity, reason, durationSeconds }, ctx) =>
      audited(ctx, { event: 'waiver.request', target: { action, entity }, targetOf: (run: Run) => ({ runId: run.id }) }, () =>
        ctx.actions.engine.requestWaiver({ action, entity, reason, durationSeconds, caller: caller(ctx) }),
      ),
    // A run the caller may not see answers NOT_FOUND, exactly as a run that does not exist.
    approveRun: (_p, { id, reason }, ctx) => decision(ctx, { event: 'run.approve', id }, (runId, who) => ctx.actions.engine.approve({ runId, caller: who, reason })),
    declineRun: (_p, { id, reason }, ctx) => decision(ctx, { event: 'run.decline', id }, (runId, who) => ctx.actions.engine.decline({ runId, caller: who, reason })),
    cancelRun: (_p, { id, reason }, ctx) => decision(ctx, { event: 'run.cancel', id }, (runId, who) => ctx.actions.engine.cancel({ runId, caller: who, reason })),
    // Executors authenticate with the run's token, not as a user.
    updateRun: (_p, { id, token, status, statusLabel, link, summary }, ctx) =>
      report(ctx, { event: 'run.report', id }, () => ctx.actions.engine.report({ runId: id, token: executorToken(ctx, token), status: status ?? undefined, statusLabel, links: link ? [link] : undefined, summary })),
    appendRunLog: (_p, { id, token, message, terminationStatus }, ctx) =>
      report(ctx, { event: 'run.log', id }, async () => (await ctx.actions.engine.appendLog({ runId: id, token: executorToken(ctx, token), message, terminationStatus: terminationStatus ?? undefined })).line),
  };
  const typed: Record<string, RootFieldResolver<ActionMutationArgs>> = {};
  for (const f of fields) {
    // GraphQL field names back to the userInputs keys they came from (the plan's table).
    typed[f.mutation] = (_p, { input, entity, idempotencyKey, dryRun }, ctx) => {
      const inputs = Object.fromEntries(f.inputs.filter(({ name }) => input?.[name] !== undefined && input?.[name] !== null).map(({ name, key }) => [key, input?.[name]]));
      return execute(ctx, { action: f.action.identifier, entity, inputs, idempotencyKey, dryRun: dryRun === true });
    };
  }
  return { ...base, ...typed };
}

export function actionSubscriptionResolvers(): SubscriptionResolvers {
  const passThrough = <T>(value: T) => value;
  return {
    runUpdated: {
      subscribe: async (_p, { id }, ctx) => {
        await visibleRun(id, ctx);
        return followRun({ store: ctx.actions.store, events: ctx.pubsub, runId: id });
      },
      resolve: passThrough,
    },
    runLogs: {
      subscribe: async (_p, { id, after }, ctx) => {
        await visibleRun(id, ctx);
        return followLogs({ store: ctx.actions.store, events: ctx.pubsub, runId: id, after: fromCursor(after, 'after') });
      },
      resolve: passThrough,
    },
    runs: {
      subscribe: (_p, { filter }, ctx) => {
        caller(ctx);
        return filtered(followRuns({ events: ctx.pubsub, filter: storeFilter(filter) ?? undefined }), (run) => visible(run, ctx));
      },
      resolve: passThrough,
    },
  };
}

/** Enum resolvers of the actions' input enums: GraphQL names → the values as written. */
export function actionEnumResolvers(fields: readonly ActionFieldPlan[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(fields.flatMap((f) => f.enums.map((e) => [e.typeName, Object.fromEntries(e.values.map((v) => [v.name, v.value]))])));
}
