/**
 * Run: one execution of an action, as every run store keeps it, and the one pure function that
 * changes it (`applyUpdate`), which both stores call inside their compare-and-set.
 *
 * Runs are immutable values with a `revision` that grows by one on every change. Ids sort by
 * creation time (to the millisecond, then by a per-process sequence), so "newest first" is
 * "greatest id first" and an id is a stable pagination cursor.
 *
 * What a run never holds: secret input values (masked as "***"; their real values are sealed
 * apart in `sealedInputs`, see sealing.ts), the action's `secrets`, the rendered request, or the
 * executor token itself (only its SHA-256, see executorToken.ts).
 */
import { randomBytes } from 'node:crypto';
import type { ApprovalType, Operation } from '../model/actions/model.ts';
import { assertTransition, isFinal, type RunStatus } from './runStatus.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';

/** Who is calling: the identity the GraphQL layer resolved from a token or a JWT. */
export interface Caller {
  readonly user: string;
  readonly teams: readonly string[];
  readonly roles: readonly string[];
}

/** `trigger` in templates: who ran the action, when, and which operation it is. */
export interface RunTrigger {
  readonly by: Caller;
  readonly at: string;
  readonly operation: Operation;
  /** Set when an automation made the run: which, for which event, how deep in a chain. */
  readonly automation?: AutomationCause;
}

/** Why an automation's run exists: the event (Port's event context) and its place in a chain. */
export interface AutomationCause {
  readonly identifier: string;
  readonly eventId: string;
  /** 1 for a run fired by a person's change; one more for each automation before it in the chain. */
  readonly depth: number;
  /** Port's event context: action, resourceType, trigger, context, diff. */
  readonly event: unknown;
}

export type Decision = 'APPROVE' | 'DECLINE';

export interface Approval {
  readonly user: string;
  readonly decision: Decision;
  readonly reason: string | null;
  readonly at: string;
  /** The approver slots this decision filled (see approvals.ts), fixed when it was made. */
  readonly satisfies: readonly string[];
}

export interface Run {
  readonly id: string;
  readonly revision: number;
  readonly action: string;
  /** The blueprint and identifier of the entity the run is on (null for CREATE actions). */
  readonly blueprint: string | null;
  readonly entity: string | null;
  /** The validated inputs, defaults applied, secret inputs "***". */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The secret inputs' real values, encrypted (sealing.ts); null when there are none. */
  readonly sealedInputs: string | null;
  readonly status: RunStatus;
  readonly statusLabel: string | null;
  readonly links: readonly string[];
  readonly summary: string | null;
  /** What a synchronized webhook answered (JSON or text), else null. */
  readonly response: unknown;
  readonly createdBy: string;
  readonly trigger: RunTrigger;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly endedAt: string | null;
  readonly requiredApproval: ApprovalType | null;
  readonly approvals: readonly Approval[];
  readonly idempotencyKey: string | null;
  readonly executorTokenHash: string | null;
  /** The FAILURE run this one retries (`retryRun`); absent or null otherwise. */
  readonly retryOf?: string | null;
  /** A waiver request: this run is not an execution but a time-limited pass through the action's gates (src/runs/waivers.ts). */
  readonly waiver?: RunWaiver | null;
  /** The waiver (a run id) this run went through its failed gates with. */
  readonly waivedBy?: string | null;
  /** The approvers an approve `policy` named when the run was created (absent without one). */
  readonly approvers?: readonly string[];
}

/** What a waiver run asks for: one execution of its action on its entity despite failed gates, within `durationSeconds` of its approval. */
export interface RunWaiver {
  readonly reason: string;
  readonly durationSeconds: number;
}

export interface NewRunInput {
  readonly id?: string;
  readonly action: string;
  readonly blueprint: string | null;
  readonly entity: string | null;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly sealedInputs?: string | null;
  readonly status: 'WAITING_FOR_APPROVAL' | 'IN_PROGRESS';
  readonly statusLabel?: string | null;
  readonly trigger: RunTrigger;
  readonly requiredApproval: ApprovalType | null;
  readonly idempotencyKey?: string | null;
  readonly executorTokenHash?: string | null;
  readonly retryOf?: string | null;
  readonly waiver?: RunWaiver | null;
  readonly waivedBy?: string | null;
  readonly approvers?: readonly string[];
}

/** A new run at revision 1, created at `trigger.at`. */
export function newRun(input: NewRunInput): Run {
  const at = input.trigger.at;
  return {
    id: input.id ?? newRunId(Date.parse(at)),
    revision: 1,
    action: input.action,
    blueprint: input.blueprint,
    entity: input.entity,
    inputs: input.inputs,
    sealedInputs: input.sealedInputs ?? null,
    status: input.status,
    statusLabel: input.statusLabel ?? null,
    links: [],
    summary: null,
    response: null,
    createdBy: input.trigger.by.user,
    trigger: input.trigger,
    createdAt: at,
    updatedAt: at,
    endedAt: null,
    requiredApproval: input.requiredApproval,
    approvals: [],
    idempotencyKey: input.idempotencyKey ?? null,
    executorTokenHash: input.executorTokenHash ?? null,
    retryOf: input.retryOf ?? null,
    waiver: input.waiver ?? null,
    waivedBy: input.waivedBy ?? null,
    ...(input.approvers ? { approvers: input.approvers } : {}),
  };
}

/** A change to a run, applied atomically by `RunStore.update`. */
export interface RunUpdate {
  /** Refuse (RUN_CONFLICT) unless the run is in one of these statuses when the write lands. */
  readonly expectStatus?: RunStatus | readonly RunStatus[];
  /** Refuse (RUN_CONFLICT) unless the run still has this revision: for read-decide-write. */
  readonly expectRevision?: number;
  /** A new status, checked against the state machine (the current status: no transition). */
  readonly status?: RunStatus;
  readonly statusLabel?: string | null;
  readonly summary?: string | null;
  /** Links appended (a link already there is not repeated). */
  readonly addLinks?: readonly string[];
  readonly addApproval?: Approval;
  readonly response?: unknown;
  readonly executorTokenHash?: string | null;
}

/**
 * The run after `update`, at revision + 1. Throws RUN_CONFLICT when an expectation fails and
 * ILLEGAL_TRANSITION when the state machine refuses (any change to an ended run included).
 */
export function applyUpdate(run: Run, update: RunUpdate, now: Date): Run {
  const expected = update.expectStatus === undefined ? undefined : typeof update.expectStatus === 'string' ? [update.expectStatus] : update.expectStatus;
  if (expected && !expected.includes(run.status)) {
    throw new LatticeError(ErrorCodes.RUN_CONFLICT, `run ${run.id} is ${run.status}, not ${expected.join(' or ')}`, { details: { runId: run.id, status: run.status } });
  }
  if (update.expectRevision !== undefined && update.expectRevision !== run.revision) {
    throw new LatticeError(ErrorCodes.RUN_CONFLICT, `run ${run.id} changed since it was read (revision ${run.revision}, expected ${update.expectRevision})`, {
      details: { runId: run.id, revision: run.revision },
    });
  }
  const status = update.status ?? run.status;
  if (isFinal(run.status)) assertTransition(run.id, run.status, status);
  if (status !== run.status) assertTransition(run.id, run.status, status);
  const at = now.toISOString();
  const links = update.addLinks ? [...run.links, ...update.addLinks.filter((l, i, all) => !run.links.includes(l) && all.indexOf(l) === i)] : run.links;
  return {
    ...run,
    revision: run.revision + 1,
    status,
    statusLabel: update.statusLabel === undefined ? run.statusLabel : update.statusLabel,
    summary: update.summary === undefined ? run.summary : update.summary,
    links,
    approvals: update.addApproval ? [...run.approvals, update.addApproval] : run.approvals,
    response: update.response === undefined ? run.response : update.response,
    executorTokenHash: update.executorTokenHash === undefined ? run.executorTokenHash : update.executorTokenHash,
    updatedAt: at,
    endedAt: isFinal(status) ? at : null,
  };
}

/** One log line of a run; `cursor` is 1, 2, 3… per run, with no gap. */
export interface RunLogLine {
  readonly cursor: number;
  readonly message: string;
  readonly at: string;
}

let lastMs = 0;
let sequence = 0;

/** True for what newRunId makes (an entity's global id never starts so: it is base64url of a JSON array). */
export const isRunId = (id: string): boolean => id.startsWith('run_');

/** A new run id: `run_` + time (base 36) + per-process sequence + random, sortable by creation. */
export function newRunId(nowMs: number = Date.now()): string {
  let ms = Number.isFinite(nowMs) ? nowMs : Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    sequence++;
    if (sequence >= 36 ** 3) {
      ms = ++lastMs;
      sequence = 0;
    }
  } else {
    lastMs = ms;
    sequence = 0;
  }
  return `run_${ms.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(3, '0')}${randomBytes(5).toString('hex')}`;
}
