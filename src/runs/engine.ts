/**
 * ActionEngine: the run lifecycle, over a RunStore, the PubSub's run topics and the registered invokers. What
 * the GraphQL mutations call; it knows nothing of GraphQL, HTTP or how callers authenticate.
 *
 * execute: action → entity (DAY-2 / DELETE; must exist, match the condition) → permission →
 *   inputs (ajv; entity references exist) → the run is **stored** (WAITING_FOR_APPROVAL or
 *   IN_PROGRESS) and published → if IN_PROGRESS, dispatched. Any refusal happens before the run
 *   exists: an invalid call creates nothing and invokes nothing. With an idempotency key, a
 *   repeated call (same user, same key, same action, entity and inputs) returns the first run and
 *   dispatches nothing; the key reused for another request is RUN_CONFLICT (`sameRequest`).
 * approve / decline: approvals.ts decides; the store applies it with a compare-and-set on the
 *   revision read (re-read and re-decide on a lost race); an approval that completes the rule moves
 *   the run to IN_PROGRESS and dispatches it.
 * invoke (what dispatch runs): renders the invocation's templates over { inputs (sealed secret
 *   inputs opened), entity, trigger, run, secrets }, calls the invoker, and records the outcome
 *   with a compare-and-set from IN_PROGRESS (a run cancelled meanwhile stays cancelled). An
 *   invoker whose backend reports through a webhook stores what it sends (`keep`) before sending
 *   it, so a report faster than the backend's answer finds it, on any replica, and stands.
 * report / appendLog: what executors call, with the run's executor token.
 * gates (after the inputs): the scorecard levels the action requires of its entity
 *   (src/model/scorecards/gates.ts); a failure is GATE_FAILED listing the failed rules, unless
 *   the caller holds a granted waiver for the action and entity, which this execution uses up
 *   (waivers.ts; `requestWaiver` asks for one). `dryRun` stops after every check and returns the
 *   rendered invocation (secrets and the run token as "***") without storing or invoking anything.
 * retry: a FAILURE run executed again as a new run (`retryOf`), with every check of execute.
 * Before a run is stored SUCCESS, the cached upstream data of its blueprint is dropped (`refresh`):
 *   whoever sees the run succeed is served what it changed.
 *
 * Every change is published after it is stored. Every summary, status label, link, reason and log
 * line is masked (`masker`): `secrets.*` values, the other configured secrets (`hidden`), API
 * tokens (by hash), the run's secret inputs and its executor token never reach the store or the
 * events, whoever wrote the text (an executor echoing its token, an invoker's error).
 *
 * Dispatch is in-process by default (after the current tick; `idle()` waits for it). A job queue
 * replaces it with `dispatch: (runId) => queue.add(runId)` and workers calling `invoke(runId)`;
 * `secretKey` must then be shared by every replica (tokens and sealed inputs derive from it).
 */
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Entity } from '../model/entities/entity.ts';
import type { RuleContext } from '../model/query/portRules.ts';
import { evaluatePolicy, executeDenial, policyApprovers, type PolicyCatalog, type PolicyRequest } from '../model/actions/policy.ts';
import { decide } from './approvals.ts';
import { entityMatchesCondition } from '../model/actions/condition.ts';
import { executorToken, hashToken, verifyExecutorToken } from './executorToken.ts';
import { maskInputs, secretInputNames, validateInputs } from '../model/actions/inputs.ts';
import { missingSecrets, renderInvocation } from '../model/actions/invocation.ts';
import type { InvocationOutcome, Invokers, UpstreamRunUpdate } from '../data/Invoker.ts';
import type { Action, ActionSet } from '../model/actions/model.ts';
import { canCancel, canExecute } from './permissions.ts';
import { newRun, newRunId, type Caller, type Decision, type Run, type RunLogLine, type RunUpdate } from '../data/run.ts';
import type { PubSub } from '../data/PubSub.ts';
import { publishRunEvent, type RunEvent } from '../data/topics.ts';
import type { RunStore } from '../data/RunStore.ts';
import { openInputs, sealInputs } from './sealing.ts';
import { maskHashedTokens, maskSecrets, type Secrets } from '../model/actions/secrets.ts';
import { assertTransition, isFinal, type RunStatus } from '../data/runStatus.ts';
import type { TemplateContext } from '../model/actions/templates.ts';
import { extension } from '../model/actions/timerPolicy.ts';
import { ErrorCodes, LatticeError, hasCode } from '../errors/index.ts';
import type { Automation, AutomationSet } from '../model/automations/model.ts';
import { withinChain } from './automations/chain.ts';
import { describeFailures, failedGates, type GateFailure } from '../model/scorecards/gates.ts';
import { createScorecardSet, type ScorecardSet } from '../model/scorecards/model.ts';
import { MAX_WAIVER_SECONDS, useWaiver } from './waivers.ts';

export interface EngineOptions {
  /** The actions now defined (a function: hot reload swaps the set). */
  readonly actions: () => ActionSet;
  readonly store: RunStore;
  /** Where run updates and log lines are published (the run topics of src/data/topics.ts). */
  readonly events: PubSub;
  /** The catalog as the rule language and dynamic permission policies see it: the model, entities by id and by blueprint, reverse relations. */
  readonly catalog: () => PolicyCatalog;
  readonly invokers: Invokers;
  /** At least 32 random bytes, the same on every replica; default: random for this process. */
  readonly secretKey?: Uint8Array;
  /** Values for `secrets.*` in templates; never stored, masked everywhere. */
  readonly secrets?: () => Secrets;
  /** Other secret values the deployment holds (the webhook signing secret, source tokens…): not for templates, masked everywhere. */
  readonly hidden?: () => readonly string[];
  /** SHA-256 (hex) of the API tokens: a word of a masked text whose hash is one of them is masked too. */
  readonly tokenHashes?: () => ReadonlySet<string>;
  /**
   * Drops cached upstream data of a blueprint (the server: every source feeding it). Called with
   * the action's blueprint before a run is stored SUCCESS, so what the run changed upstream (a
   * database created through Cloud Control) is served to whoever sees it succeed.
   */
  readonly refresh?: (blueprint: string) => Promise<void>;
  /** Hands a run to whatever invokes it; default: `invoke` in this process after this tick. */
  readonly dispatch?: (runId: string) => void;
  readonly now?: () => Date;
  /** The automations now defined: their runs are invoked like actions' (automations/). */
  readonly automations?: () => AutomationSet;
  /** Called with every run change once it is stored (what RUN_* automation events come from). */
  readonly onRunChange?: (run: Run) => void;
  /** Errors with no caller to throw to (a failed publish, a failed background invocation). */
  readonly onError?: (err: unknown, runId: string) => void;
  /** The scorecards gates read (a function: hot reload swaps the set); none by default. */
  readonly scorecards?: () => ScorecardSet;
}

export interface ExecuteRequest {
  readonly action: string;
  /** The entity's identifier, for DAY-2 and DELETE actions (its blueprint is the action's). */
  readonly entity?: string | null;
  readonly inputs: unknown;
  readonly caller: Caller;
  readonly idempotencyKey?: string | null;
  /** Check everything, store and invoke nothing: the answer holds the rendered invocation. */
  readonly dryRun?: boolean;
  /** The catalog as the caller's request reads it (computed properties, scorecard levels); default `catalog()`. */
  readonly rules?: RuleContext;
  /** The FAILURE run this execution retries (set by `retry`). */
  readonly retryOf?: string;
}

export interface ExecuteResult {
  readonly run: Run;
  readonly created: boolean;
  /** A dry run's rendered invocation method (secrets "***"); the run was neither stored nor invoked. */
  readonly dryRun?: { readonly invocation: unknown };
}

export interface WaiverRequest {
  readonly action: string;
  readonly entity: string;
  readonly reason: string;
  readonly durationSeconds: number;
  readonly caller: Caller;
}

/** What an automation's event makes: one run per (event, automation), whatever repeats it. */
export interface AutomationRequest {
  readonly automation: Automation;
  /** Unique per event, the same on every replica: with the automation, the run's idempotency key. */
  readonly eventId: string;
  /** Port's event context, for templates (`.event`) and the run's trigger. */
  readonly event: unknown;
  /** The entity the event is about, when there is one (and it still exists). */
  readonly entity: { readonly blueprint: string; readonly identifier: string } | null;
  /** The new run's place in its chain (1: fired by a person's change). */
  readonly depth: number;
  /** Set when the loop guard refuses the run: it is stored as a FAILURE with this summary, never invoked. */
  readonly refused?: string;
}

export interface ReportRequest {
  readonly runId: string;
  readonly token: string;
  readonly status?: RunStatus;
  readonly statusLabel?: string | null;
  readonly links?: readonly string[];
  readonly summary?: string | null;
}

export interface AppendLogRequest {
  readonly runId: string;
  readonly token: string;
  readonly message: string;
  /** Ends the run with this status once the line is stored: SUCCESS or FAILURE, any other is INVALID_INPUTS. */
  readonly terminationStatus?: RunStatus;
}

const MAX_DECIDE_ATTEMPTS = 20;
const EXECUTOR_STATUSES: readonly RunStatus[] = ['IN_PROGRESS', 'SUCCESS', 'FAILURE'];

export class ActionEngine {
  private readonly options: EngineOptions;
  private readonly secretKey: Uint8Array;
  private readonly now: () => Date;
  private readonly inflight = new Set<Promise<void>>();

  constructor(options: EngineOptions) {
    if (options.secretKey !== undefined && options.secretKey.length < 32) throw new TypeError(`ActionEngine: secretKey must be at least 32 bytes, got ${options.secretKey.length}`);
    this.options = options;
    this.secretKey = options.secretKey ?? randomBytes(32);
    this.now = options.now ?? (() => new Date());
  }

  async execute(request: ExecuteRequest): Promise<ExecuteResult> {
    const { caller } = request;
    const action = this.action(request.action);
    const key = request.idempotencyKey ?? null;
    const rules = request.rules ?? this.options.catalog();
    if (key !== null && !request.dryRun) {
      const previous = await this.options.store.findByIdempotencyKey(caller.user, key);
      if (previous) return { run: await sameRequest(previous, key, action, request), created: false };
    }
    const entity = await this.targetEntity(action, request.entity ?? null);
    if (!canExecute(action, caller, entity?.team ?? [])) {
      throw new LatticeError(ErrorCodes.FORBIDDEN, `${caller.user} may not execute action "${action.identifier}"`, { details: { action: action.identifier, user: caller.user } });
    }
    if (entity && !(await entityMatchesCondition(action, entity, rules))) {
      throw new LatticeError(ErrorCodes.INVALID_ENTITY, `action "${action.identifier}" does not apply to ${entity.blueprint} "${entity.identifier}": it fails the action's condition`, {
        location: { pointer: '/entity' },
        details: { action: action.identifier, entity: entity.identifier },
      });
    }
    const { inputs, problems } = await validateInputs(action, request.inputs, (blueprint, ids) => this.entitiesExist(blueprint, ids));
    if (problems.length > 0) {
      throw new LatticeError(ErrorCodes.INVALID_INPUTS, `invalid inputs for action "${action.identifier}": ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`, {
        location: { pointer: problems[0].pointer },
        details: { action: action.identifier, problems },
      });
    }

    // A timer policy's cap: refused, or the run waits for an approval that says why.
    const overCap = action.timerPolicy && entity ? extension(action.timerPolicy, entity, this.now()).overCap : null;
    if (overCap !== null && action.timerPolicy?.overCap === 'refuse') {
      throw new LatticeError(ErrorCodes.POLICY_CAP_EXCEEDED, `action "${action.identifier}" refused: ${overCap}`, { location: { pointer: '/entity' }, details: { action: action.identifier, entity: entity?.identifier } });
    }
    const at = this.now();
    const trigger = { by: { user: caller.user, teams: [...caller.teams], roles: [...caller.roles] }, at: at.toISOString(), operation: action.trigger.operation };
    const approvers = await this.checkPolicies(action, { action: { identifier: action.identifier, blueprint: action.trigger.blueprintIdentifier ?? null }, inputs, entity, trigger });
    const id = newRunId(at.getTime());
    const failed = entity ? await this.failedGates(action, entity, { inputs, trigger, rules }) : [];
    let waivedBy: Run | undefined;
    if (failed.length > 0 && entity) {
      waivedBy = await useWaiver({ store: this.options.store, action: action.identifier, blueprint: entity.blueprint, entity: entity.identifier, user: caller.user, usedBy: id, now: at, consume: !request.dryRun });
      if (!waivedBy) throw gateError(action, entity, failed);
      if (!request.dryRun) await this.publish({ type: 'run', run: waivedBy });
    }
    if (request.dryRun) return this.dryRun(action, { id, entity, inputs, trigger, status: action.requiredApproval ? 'WAITING_FOR_APPROVAL' : 'IN_PROGRESS', waivedBy: waivedBy?.id ?? null });
    const secretNames = secretInputNames(action).filter((n) => inputs[n] !== undefined && inputs[n] !== null);
    const sealedInputs = secretNames.length > 0 ? sealInputs(this.secretKey, id, Object.fromEntries(secretNames.map((n) => [n, inputs[n]]))) : null;
    const run = newRun({
      id,
      action: action.identifier,
      blueprint: entity?.blueprint ?? null,
      entity: entity?.identifier ?? null,
      inputs: maskInputs(action, inputs),
      sealedInputs,
      status: action.requiredApproval || overCap !== null ? 'WAITING_FOR_APPROVAL' : 'IN_PROGRESS',
      statusLabel: overCap === null ? null : `needs approval: ${overCap}`,
      trigger,
      requiredApproval: action.requiredApproval?.type ?? (overCap !== null ? 'ANY' : null),
      approvers,
      idempotencyKey: key,
      executorTokenHash: hashToken(executorToken(this.secretKey, id)),
      retryOf: request.retryOf ?? null,
      waivedBy: waivedBy?.id ?? null,
    });
    const { run: stored, created } = await this.options.store.create(run);
    if (!created) return { run: await sameRequest(stored, key as string, action, request), created: false };
    await this.publish({ type: 'run', run: stored });
    if (waivedBy) await this.log(stored.id, [this.masker(stored)(`gates waived by waiver ${waivedBy.id} (${describeFailures(failed)})`)]);
    if (request.retryOf) await this.log(stored.id, [`retry of run ${request.retryOf}`]);
    if (stored.status === 'IN_PROGRESS') this.dispatch(stored.id);
    return { run: stored, created: true };
  }

  /**
   * An automation's run for one event: created at most once per (event, automation) across
   * replicas (the run store's idempotency key, per the automation's own user), then dispatched
   * like any run. A run the loop guard refuses is stored as a FAILURE that says why.
   */
  async executeAutomation(request: AutomationRequest): Promise<{ run: Run; created: boolean }> {
    const { automation, depth } = request;
    const user = `automation:${automation.identifier}`;
    const key = request.eventId;
    const previous = await this.options.store.findByIdempotencyKey(user, key);
    if (previous) return { run: previous, created: false };
    const at = this.now();
    const id = newRunId(at.getTime());
    const run = newRun({
      id,
      action: automation.identifier,
      blueprint: request.entity?.blueprint ?? null,
      entity: request.entity?.identifier ?? null,
      inputs: {},
      status: 'IN_PROGRESS',
      trigger: {
        by: { user, teams: [], roles: [] },
        at: at.toISOString(),
        operation: automation.action.trigger.operation,
        automation: { identifier: automation.identifier, eventId: request.eventId, depth, event: request.event },
      },
      requiredApproval: null,
      idempotencyKey: key,
      executorTokenHash: hashToken(executorToken(this.secretKey, id)),
    });
    const { run: stored, created } = await this.options.store.create(run);
    if (!created) return { run: stored, created: false };
    await this.publish({ type: 'run', run: stored });
    if (request.refused !== undefined) return { run: await this.update(stored.id, { expectStatus: 'IN_PROGRESS', status: 'FAILURE', summary: request.refused }), created: true };
    this.dispatch(stored.id);
    return { run: stored, created: true };
  }

  /**
   * Executes a FAILURE run again as a new run linked to it (`retryOf`): the same action, entity
   * and inputs (secret inputs reopened), through every check of `execute` (permission, condition,
   * inputs, gates) as the caller now.
   */
  async retry(request: { readonly runId: string; readonly caller: Caller; readonly rules?: RuleContext }): Promise<ExecuteResult> {
    const run = await this.run(request.runId);
    if (run.waiver) throw new LatticeError(ErrorCodes.BAD_USER_INPUT, `run ${run.id} is a waiver, not an execution: request a new waiver`, { details: { runId: run.id } });
    if (run.status !== 'FAILURE') {
      throw new LatticeError(ErrorCodes.ILLEGAL_TRANSITION, `run ${run.id} is ${run.status}: only a FAILURE run can be retried`, { details: { runId: run.id, status: run.status } });
    }
    const opened = run.sealedInputs ? openInputs(this.secretKey, run.id, run.sealedInputs) : {};
    return this.execute({ action: run.action, entity: run.entity, inputs: { ...run.inputs, ...opened }, caller: request.caller, rules: request.rules, retryOf: run.id });
  }

  /**
   * Asks for a waiver of the action's gates on one entity: a run of the action that invokes
   * nothing, approved like any of its runs (waivers.ts). The caller must be allowed to execute it.
   */
  async requestWaiver(request: WaiverRequest): Promise<Run> {
    const { caller } = request;
    const action = this.action(request.action);
    if (action.gates.length === 0) throw new LatticeError(ErrorCodes.BAD_USER_INPUT, `action "${action.identifier}" has no gates: there is nothing to waive`, { location: { pointer: '/action' } });
    const entity = (await this.targetEntity(action, request.entity)) as Entity;
    if (!canExecute(action, caller, entity.team ?? [])) {
      throw new LatticeError(ErrorCodes.FORBIDDEN, `${caller.user} may not execute action "${action.identifier}", so may not ask to waive its gates`, { details: { action: action.identifier, user: caller.user } });
    }
    const reason = request.reason.trim();
    if (reason === '') throw new LatticeError(ErrorCodes.INVALID_INPUTS, 'a waiver needs a reason', { location: { pointer: '/reason' } });
    if (!Number.isInteger(request.durationSeconds) || request.durationSeconds < 60 || request.durationSeconds > MAX_WAIVER_SECONDS) {
      throw new LatticeError(ErrorCodes.INVALID_INPUTS, `a waiver lasts from 60 to ${MAX_WAIVER_SECONDS} seconds, got ${request.durationSeconds}`, { location: { pointer: '/durationSeconds' } });
    }
    const at = this.now();
    const trigger = { by: { user: caller.user, teams: [...caller.teams], roles: [...caller.roles] }, at: at.toISOString(), operation: action.trigger.operation };
    // The action's policies hold for a waiver as for a run: the execute policy must allow the asker, an approve policy names its approvers.
    const approvers = await this.checkPolicies(action, { action: { identifier: action.identifier, blueprint: action.trigger.blueprintIdentifier ?? null }, inputs: {}, entity, trigger });
    const asked = newRun({
      action: action.identifier,
      blueprint: entity.blueprint,
      entity: entity.identifier,
      inputs: {},
      status: 'WAITING_FOR_APPROVAL',
      trigger,
      requiredApproval: action.requiredApproval?.type ?? 'ANY',
      approvers,
    });
    const run: Run = { ...asked, waiver: { reason: this.masker(asked)(reason), durationSeconds: request.durationSeconds } };
    const { run: stored } = await this.options.store.create(run);
    await this.publish({ type: 'run', run: stored });
    await this.log(stored.id, [this.masker(stored)(`waiver of the gates of "${action.identifier}" on ${entity.blueprint} "${entity.identifier}" requested for ${request.durationSeconds}s: ${reason}`)]);
    return stored;
  }

  approve(request: { readonly runId: string; readonly caller: Caller; readonly reason?: string | null }): Promise<Run> {
    return this.decide(request.runId, request.caller, 'APPROVE', request.reason ?? null);
  }

  decline(request: { readonly runId: string; readonly caller: Caller; readonly reason: string }): Promise<Run> {
    return this.decide(request.runId, request.caller, 'DECLINE', request.reason);
  }

  async cancel(request: { readonly runId: string; readonly caller: Caller; readonly reason?: string | null }): Promise<Run> {
    const { caller } = request;
    const run = await this.run(request.runId);
    if (!canCancel(run, caller)) throw new LatticeError(ErrorCodes.FORBIDDEN, `${caller.user} may not cancel run ${run.id}: only its creator or an admin may`, { details: { runId: run.id, user: caller.user } });
    assertTransition(run.id, run.status, 'CANCELLED');
    const reason = request.reason?.trim();
    return this.update(run.id, {
      expectStatus: ['WAITING_FOR_APPROVAL', 'IN_PROGRESS'],
      status: 'CANCELLED',
      summary: this.masker(run)(reason ? `cancelled by ${caller.user}: ${reason}` : `cancelled by ${caller.user}`),
    });
  }

  /** An executor's status report (`updateRun`): status IN_PROGRESS / SUCCESS / FAILURE, label, links, summary. */
  async report(request: ReportRequest): Promise<Run> {
    const run = await this.executorRun(request.runId, request.token);
    if (request.status !== undefined && !EXECUTOR_STATUSES.includes(request.status)) {
      throw new LatticeError(ErrorCodes.FORBIDDEN, `an executor reports ${EXECUTOR_STATUSES.join(', ')}, not ${request.status}`, { details: { runId: run.id } });
    }
    if (isFinal(run.status)) assertTransition(run.id, run.status, request.status ?? run.status);
    const mask = this.masker(run);
    return this.update(run.id, {
      expectStatus: 'IN_PROGRESS',
      status: request.status,
      statusLabel: request.statusLabel === undefined || request.statusLabel === null ? request.statusLabel : mask(request.statusLabel),
      summary: request.summary === undefined || request.summary === null ? request.summary : mask(request.summary),
      addLinks: request.links?.map(mask),
    });
  }

  /**
   * A status the action's own backend reported through a verified channel rather than with the
   * executor token: GitHub's `workflow_run` webhooks for GITHUB actions with
   * `reportWorkflowStatus`, and only when the upstream's own check of the run (`request.reject`:
   * the repository, workflow and time its invoker dispatched) passes. Otherwise nothing changes
   * and the answer says why.
   */
  async followUpstream(request: UpstreamRunUpdate): Promise<{ readonly run: Run } | { readonly ignored: string }> {
    const run = await this.options.store.get(request.runId);
    const method = run && this.options.actions().get(run.action)?.invocationMethod;
    if (!run) return { ignored: `no run ${request.runId}` };
    if (run.status !== 'IN_PROGRESS' || method?.type !== 'GITHUB' || !method.reportWorkflowStatus) return { ignored: `run ${run.id} is not an in-progress run that follows its workflow` };
    const rejected = request.reject?.(run);
    if (rejected) return { ignored: `run ${run.id}: ${rejected}` };
    const mask = this.masker(run);
    return { run: await this.update(run.id, { expectStatus: 'IN_PROGRESS', status: request.status, statusLabel: request.statusLabel === undefined ? undefined : mask(request.statusLabel), addLinks: request.links?.map(mask) }) };
  }

  /** An executor's log line (`appendRunLog`), optionally ending the run. */
  async appendLog(request: AppendLogRequest): Promise<{ line: RunLogLine; run: Run }> {
    const run = await this.executorRun(request.runId, request.token);
    if (isFinal(run.status)) assertTransition(run.id, run.status, request.terminationStatus ?? run.status);
    if (request.terminationStatus !== undefined && request.terminationStatus !== 'SUCCESS' && request.terminationStatus !== 'FAILURE') {
      throw new LatticeError(ErrorCodes.INVALID_INPUTS, `terminationStatus must be SUCCESS or FAILURE, not ${String(request.terminationStatus)}`, { location: { pointer: '/terminationStatus' } });
    }
    if (request.terminationStatus !== undefined && run.status !== 'IN_PROGRESS') assertTransition(run.id, run.status, request.terminationStatus);
    const [line] = await this.log(run.id, [this.masker(run)(request.message)]);
    if (request.terminationStatus === undefined) return { line, run };
    const ended = await this.update(run.id, { expectStatus: 'IN_PROGRESS', status: request.terminationStatus });
    return { line, run: ended };
  }

  /** Invokes a run that is IN_PROGRESS (anything else: nothing to do). What dispatch runs. */
  async invoke(runId: string): Promise<void> {
    const run = await this.options.store.get(runId);
    // A granted waiver is IN_PROGRESS too, and invokes nothing.
    if (!run || run.status !== 'IN_PROGRESS' || run.waiver) return;
    const secrets = this.options.secrets?.() ?? {};
    const token = executorToken(this.secretKey, run.id);
    let outcome: InvocationOutcome;
    // The revision the invoker's `keep` wrote: a report stored after it wins over an `accepted` outcome.
    let kept: number | undefined;
    try {
      const opened = run.sealedInputs ? openInputs(this.secretKey, run.id, run.sealedInputs) : {};
      const mask = this.masker(run, opened);
      const keep = async (response: unknown) => {
        kept = (await this.update(run.id, { expectStatus: 'IN_PROGRESS', response: maskJson(response, mask) })).revision;
      };
      try {
        // Changes this invocation writes are one step deeper in the chain (the loop guard).
        const invoked = withinChain({ depth: run.trigger.automation?.depth ?? 0 }, () => this.invokeWith(run, { secrets, token, opened, mask, keep }));
        outcome = maskOutcome(await invoked, mask);
      } catch (err) {
        outcome = { kind: 'completed', status: 'FAILURE', summary: mask((err as Error).message ?? String(err)) };
      }
    } catch (err) {
      outcome = { kind: 'completed', status: 'FAILURE', summary: `cannot open the run's secret inputs: ${(err as Error).message}` };
    }
    await this.record(run.id, outcome, kept);
  }

  /** Resolves once every in-process invocation dispatched so far has finished. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  // Private: the steps above.

  /**
   * The action's dynamic permission policies (policy.ts), once inputs are valid: an execute policy
   * whose conditions are not all true is FORBIDDEN, naming the condition; an approve policy gives
   * the run's approvers (FORBIDDEN when it names none: nobody could ever approve the run).
   */
  private async checkPolicies(action: Action, request: PolicyRequest): Promise<string[] | undefined> {
    const { execute, approve } = action.permissions;
    const user = request.trigger.by.user;
    if (execute?.policy) {
      const denial = executeDenial(execute.policy, await evaluatePolicy(execute.policy, request, this.options.catalog()));
      if (denial) throw new LatticeError(ErrorCodes.FORBIDDEN, `${user} may not execute action "${action.identifier}": its execute policy denies it (${denial})`, { details: { action: action.identifier, user } });
    }
    if (!action.requiredApproval || !approve.policy) return undefined;
    const { approvers, problems } = policyApprovers(approve.policy, await evaluatePolicy(approve.policy, request, this.options.catalog()));
    if (approvers.length === 0) {
      throw new LatticeError(ErrorCodes.FORBIDDEN, `action "${action.identifier}" cannot run for ${user}: its approve policy names no approvers${problems.length ? ` (${problems.join('; ')})` : ''}`, {
        details: { action: action.identifier, user },
      });
    }
    return approvers;
  }

  private async invokeWith(run: Run, s: { secrets: Secrets; token: string; opened: Record<string, unknown>; mask: (t: string) => string; keep: (response: unknown) => Promise<void> }): Promise<InvocationOutcome> {
    const action = run.trigger.automation ? this.options.automations?.().get(run.action)?.action : this.options.actions().get(run.action);
    if (!action) throw new LatticeError(ErrorCodes.UNKNOWN_ACTION, `${run.trigger.automation ? 'automation' : 'action'} "${run.action}" is no longer defined`);
    const invoker = this.options.invokers[action.invocationMethod.type];
    if (!invoker) throw new LatticeError(ErrorCodes.NO_INVOKER, `no invoker is registered for ${action.invocationMethod.type} actions`);
    const missing = missingSecrets(action, s.secrets);
    if (missing.length > 0) {
      const variables = missing.map((name) => `LATTICE_SECRET_${name}`);
      throw new LatticeError(ErrorCodes.MISSING_SECRET, `action "${action.identifier}" uses ${missing.map((n) => `.secrets.${n}`).join(', ')}: set ${variables.join(', ')} in the gateway's environment`, {
        details: { action: action.identifier, variables },
      });
    }
    const entity = run.entity !== null && run.blueprint !== null ? ((await this.options.catalog().load(run.blueprint, [run.entity]))[0] ?? null) : null;
    const templateContext: TemplateContext = {
      inputs: { ...run.inputs, ...s.opened },
      entity,
      trigger: run.trigger,
      run: { id: run.id, action: run.action, createdAt: run.createdAt, token: s.token },
      secrets: s.secrets,
      ...(run.trigger.automation ? { event: run.trigger.automation.event } : {}),
      ...(action.timerPolicy && entity ? { timer: extension(action.timerPolicy, entity, this.now()) } : {}),
    };
    const method = await renderInvocation(action, templateContext);
    await this.log(run.id, [`invoking ${action.invocationMethod.type}`]);
    return invoker({
      action,
      run,
      method,
      templateContext,
      executorToken: s.token,
      log: async (message) => void (await this.log(run.id, [s.mask(message)])),
      mask: s.mask,
      keep: s.keep,
    });
  }

  /**
   * Records an invocation's outcome, unless the run left IN_PROGRESS meanwhile. After a `keep`
   * (its revision: `kept`), an `accepted` outcome is recorded only if the run did not change since:
   * a report that came before the invoker returned (a webhook faster than the dispatch's answer) is newer.
   */
  private async record(runId: string, outcome: InvocationOutcome, kept?: number) {
    const update: RunUpdate =
      outcome.kind === 'accepted'
        ? { expectStatus: 'IN_PROGRESS', expectRevision: kept, statusLabel: outcome.statusLabel, addLinks: outcome.links, response: outcome.response }
        : { expectStatus: 'IN_PROGRESS', status: outcome.status, summary: outcome.summary, statusLabel: outcome.statusLabel, addLinks: outcome.links, response: outcome.response };
    if (outcome.kind === 'accepted' && outcome.statusLabel === undefined && !outcome.links?.length) return;
    try {
      await this.update(runId, update);
    } catch (err) {
      // Cancelled, or the executor (or a webhook) reported first: its word stands.
      if (!hasCode(err, ErrorCodes.RUN_CONFLICT, ErrorCodes.ILLEGAL_TRANSITION)) throw err;
    }
  }

  private async decide(runId: string, caller: Caller, decision: Decision, reason: string | null): Promise<Run> {
    for (let attempt = 0; attempt < MAX_DECIDE_ATTEMPTS; attempt++) {
      const run = await this.run(runId);
      const action = this.action(run.action);
      const entityTeams = await this.entityTeams(run);
      const { approval, state } = decide({ action, run, caller, decision, reason, entityTeams, now: this.now() });
      const status = state.outcome === 'APPROVED' ? 'IN_PROGRESS' : state.outcome === 'DECLINED' ? 'DECLINED' : undefined;
      let updated: Run;
      try {
        updated = await this.options.store.update(run.id, {
          expectRevision: run.revision,
          addApproval: { ...approval, reason: approval.reason === null ? null : this.masker(run)(approval.reason) },
          status,
          summary: status === 'DECLINED' ? this.masker(run)(`declined by ${caller.user}: ${approval.reason}`) : undefined,
        });
      } catch (err) {
        if (hasCode(err, ErrorCodes.RUN_CONFLICT)) continue;
        throw err;
      }
      await this.publish({ type: 'run', run: updated });
      if (updated.status === 'IN_PROGRESS' && !updated.waiver) this.dispatch(updated.id);
      return updated;
    }
    throw new LatticeError(ErrorCodes.RUN_CONFLICT, `run ${runId} kept changing; try again`, { details: { runId } });
  }

  /** The gates of the action that the entity fails now. */
  private async failedGates(action: Action, entity: Entity, at: { inputs: Record<string, unknown>; trigger: unknown; rules: RuleContext }): Promise<GateFailure[]> {
    if (action.gates.length === 0) return [];
    const scorecards = this.options.scorecards?.() ?? createScorecardSet([]);
    return failedGates({ gates: action.gates, entity, inputs: at.inputs, trigger: at.trigger, scorecards, rules: at.rules });
  }

  /** What `execute` would do, rendered with every secret as "***"; nothing stored, nothing invoked. */
  private async dryRun(action: Action, r: { id: string; entity: Entity | null; inputs: Record<string, unknown>; trigger: Run['trigger']; status: 'WAITING_FOR_APPROVAL' | 'IN_PROGRESS'; waivedBy: string | null }): Promise<ExecuteResult> {
    const masked = maskInputs(action, r.inputs);
    const secrets = Object.fromEntries(Object.keys(this.options.secrets?.() ?? {}).map((k) => [k, '***']));
    const invocation = await renderInvocation(action, { inputs: masked, entity: r.entity, trigger: r.trigger, run: { id: r.id, action: action.identifier, createdAt: r.trigger.at, token: '***' }, secrets });
    const run = newRun({
      id: r.id,
      action: action.identifier,
      blueprint: r.entity?.blueprint ?? null,
      entity: r.entity?.identifier ?? null,
      inputs: masked,
      status: r.status,
      trigger: r.trigger,
      requiredApproval: action.requiredApproval?.type ?? null,
      waivedBy: r.waivedBy,
    });
    return { run, created: false, dryRun: { invocation: JSON.parse(this.masker(run)(JSON.stringify(invocation))) as unknown } };
  }

  private dispatch(runId: string) {
    if (this.options.dispatch) {
      this.options.dispatch(runId);
      return;
    }
    const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.invoke(runId))
      .catch((err: unknown) => this.options.onError?.(err, runId))
      .finally(() => this.inflight.delete(job));
    this.inflight.add(job);
  }

  private async update(runId: string, update: RunUpdate): Promise<Run> {
    if (update.status === 'SUCCESS') await this.refreshSources(runId);
    const run = await this.options.store.update(runId, update);
    await this.publish({ type: 'run', run });
    return run;
  }

  /**
   * Before a run is stored SUCCESS: the cached data of its blueprint (the entity's, or the
   * action's for a CREATE) is dropped (`refresh`). A failure to drop is reported, not the run's.
   */
  private async refreshSources(runId: string): Promise<void> {
    if (!this.options.refresh) return;
    const run = await this.options.store.get(runId);
    const blueprint = run && (run.blueprint ?? this.options.actions().get(run.action)?.trigger.blueprintIdentifier);
    if (!blueprint) return;
    try {
      await this.options.refresh(blueprint);
    } catch (err) {
      this.options.onError?.(err, runId);
    }
  }

  private async log(runId: string, messages: readonly string[]): Promise<RunLogLine[]> {
    const lines = await this.options.store.appendLog(runId, messages);
    for (const line of lines) await this.publish({ type: 'log', runId, line });
    return lines;
  }

  private async publish(event: RunEvent) {
    if (event.type === 'run') this.options.onRunChange?.(event.run);
    try {
      await publishRunEvent(this.options.events, event);
    } catch (err) {
      // Stored is what counts: followers read the store (follow.ts); report and carry on.
      this.options.onError?.(err, event.type === 'run' ? event.run.id : event.runId);
    }
  }

  private action(identifier: string): Action {
    const action = this.options.actions().get(identifier);
    if (!action) throw new LatticeError(ErrorCodes.UNKNOWN_ACTION, `no action "${identifier}"`, { location: { pointer: '/action' }, details: { action: identifier } });
    return action;
  }

  private async run(runId: string): Promise<Run> {
    const run = await this.options.store.get(runId);
    if (!run) throw new LatticeError(ErrorCodes.RUN_NOT_FOUND, `no run ${runId}`, { details: { runId } });
    return run;
  }

  /** The run an executor reports on; one refusal, whether the run does not exist or the token is wrong (no id probing). */
  private async executorRun(runId: string, token: string): Promise<Run> {
    const run = await this.options.store.get(runId);
    if (!run || !verifyExecutorToken(run, token)) throw new LatticeError(ErrorCodes.FORBIDDEN, `invalid executor token for run ${runId}`, { details: { runId } });
    return run;
  }

  private async targetEntity(action: Action, identifier: string | null): Promise<Entity | null> {
    const { operation, blueprintIdentifier } = action.trigger;
    // A CREATE action, and a DAY-2 or DELETE action that names no blueprint (Port allows one), run on no entity.
    if (operation === 'CREATE' || blueprintIdentifier === undefined) {
      const why = operation === 'CREATE' ? 'a CREATE action' : `a ${operation} action that names no blueprint`;
      if (identifier !== null) throw new LatticeError(ErrorCodes.INVALID_ENTITY, `action "${action.identifier}" is ${why}: it runs on no entity`, { location: { pointer: '/entity' } });
      return null;
    }
    if (identifier === null || identifier === '') {
      throw new LatticeError(ErrorCodes.INVALID_ENTITY, `action "${action.identifier}" is a ${operation} action: name the ${blueprintIdentifier} entity it runs on`, { location: { pointer: '/entity' } });
    }
    const [entity] = await this.options.catalog().load(blueprintIdentifier as string, [identifier]);
    if (!entity) throw new LatticeError(ErrorCodes.INVALID_ENTITY, `no ${blueprintIdentifier} entity "${identifier}"`, { location: { pointer: '/entity' }, details: { entity: identifier } });
    return entity;
  }

  private async entityTeams(run: Run): Promise<readonly string[]> {
    if (run.entity === null || run.blueprint === null) return [];
    const [entity] = await this.options.catalog().load(run.blueprint, [run.entity]);
    return entity?.team ?? [];
  }

  private async entitiesExist(blueprint: string, ids: readonly string[]): Promise<boolean[]> {
    return (await this.options.catalog().load(blueprint, ids)).map((e) => e !== undefined);
  }

  /**
   * What masks the texts of a run: every value that must not be stored (see the header). The
   * run's secret inputs are opened here unless the caller has them already; a run whose inputs
   * cannot be opened still masks everything else.
   */
  private masker(run: Run, opened?: Readonly<Record<string, unknown>>): (text: string) => string {
    let inputs = opened ?? {};
    if (!opened && run.sealedInputs) {
      try {
        inputs = openInputs(this.secretKey, run.id, run.sealedInputs);
      } catch {
        inputs = {};
      }
    }
    const values = [
      ...Object.values(this.options.secrets?.() ?? {}),
      ...(this.options.hidden?.() ?? []),
      executorToken(this.secretKey, run.id),
      ...Object.values(inputs).flatMap((v) => (typeof v === 'string' ? [v] : [JSON.stringify(v)])),
    ];
    const hashes = this.options.tokenHashes?.() ?? new Set<string>();
    return (text) => maskHashedTokens(maskSecrets(text, values), hashes, hashToken);
  }
}

/** An invoker's outcome with every text masked (summary, label, links, and the kept response). */
function maskOutcome(outcome: InvocationOutcome, mask: (text: string) => string): InvocationOutcome {
  const text = (t: string | undefined) => (t === undefined ? t : mask(t));
  const base = { ...outcome, statusLabel: text(outcome.statusLabel), links: outcome.links?.map(mask) };
  const response = maskJson(outcome.response, mask);
  if (outcome.kind === 'accepted') return { ...base, kind: 'accepted', response };
  return { ...base, kind: 'completed', status: outcome.status, summary: text(outcome.summary), response };
}

/** A JSON value with every secret masked in its text (the masked text when that is no longer JSON). */
function maskJson(value: unknown, mask: (text: string) => string): unknown {
  if (value === undefined) return value;
  const json = JSON.stringify(value);
  const masked = json === undefined ? json : mask(json);
  if (masked === json) return value;
  try {
    return JSON.parse(masked as string);
  } catch {
    return masked;
  }
}

/**
 * The first run of an idempotency key, when this call repeats it: same action, same entity, same
 * inputs (defaults applied, secret inputs compared masked: they are not kept). Anything else is a
 * new request under a used key: RUN_CONFLICT naming the key and the first run, rather than a
 * silent answer with a run of other inputs.
 */
async function sameRequest(run: Run, key: string, action: Action, request: ExecuteRequest): Promise<Run> {
  const conflict = (what: string) =>
    new LatticeError(ErrorCodes.RUN_CONFLICT, `idempotency key "${key}" was used for run ${run.id} with ${what}: use a new key for a new request`, {
      location: { pointer: '/idempotencyKey' },
      details: { idempotencyKey: key, runId: run.id, action: run.action },
    });
  if (run.action !== action.identifier) throw conflict(`action "${run.action}", not "${action.identifier}"`);
  const entity = request.entity || null;
  if (run.entity !== entity) throw conflict(`entity ${run.entity === null ? 'none' : `"${run.entity}"`}, not ${entity === null ? 'none' : `"${entity}"`}`);
  // Entity references were checked when the first run was made; only the values count here.
  const { inputs, problems } = await validateInputs(action, request.inputs, async (_blueprint, ids) => ids.map(() => true));
  if (problems.length > 0 || !isDeepStrictEqual(maskInputs(action, inputs), run.inputs)) throw conflict('other inputs');
  return run;
}

/** GATE_FAILED: each failed gate with the entity's level and the rules to fix (with their fix actions). */
function gateError(action: Action, entity: Entity, failed: readonly GateFailure[]): LatticeError {
  return new LatticeError(ErrorCodes.GATE_FAILED, `action "${action.identifier}" is gated on ${entity.blueprint} "${entity.identifier}": ${describeFailures(failed)}`, {
    location: { pointer: '/entity' },
    details: { action: action.identifier, entity: entity.identifier, failedGates: failed },
  });
}
