/**
 * ActionError: the errors of actions and runs, each with a stable `reason`.
 *
 * `src/errors/codes.ts` has no codes yet for what only actions can get wrong (a forbidden caller,
 * an illegal run transition…), and this module does not change the shared list. So an ActionError
 * carries two codes: `code`, the nearest general one (what `extensions.code` says today), and
 * `reason`, the precise one, which `toExtensions()` adds as `extensions.reason`. Clients match on
 * `reason`.
 */
import { ErrorCodes, LatticeError, type ErrorCode, type LatticeErrorOptions } from '../../errors/index.ts';

export const ActionErrorReasons = {
  /** An action definition file breaks the format or a rule. */
  INVALID_ACTION: 'INVALID_ACTION',
  /** No action with that identifier is defined. */
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  /** The inputs do not match the action's userInputs (details.problems has JSON pointers). */
  INVALID_INPUTS: 'INVALID_INPUTS',
  /** The entity the action runs on is missing, not allowed, or fails the action's condition. */
  INVALID_ENTITY: 'INVALID_ENTITY',
  /** The caller may not do this (execute, approve, cancel, report as executor). */
  FORBIDDEN: 'FORBIDDEN',
  /** The creator of a run tried to approve it and the action does not allow self-approval. */
  SELF_APPROVAL: 'SELF_APPROVAL',
  /** This approver has already approved or declined the run. */
  ALREADY_DECIDED: 'ALREADY_DECIDED',
  /** The state machine forbids this status change (or any change to an ended run). */
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  /** The run changed since it was read (compare-and-set failed): read it again. */
  RUN_CONFLICT: 'RUN_CONFLICT',
  /** No run with that id. */
  RUN_NOT_FOUND: 'RUN_NOT_FOUND',
  /** A template (url, headers, body, mapping…) failed to render. */
  TEMPLATE_FAILED: 'TEMPLATE_FAILED',
  /** No invoker is registered for the action's invocation method. */
  NO_INVOKER: 'NO_INVOKER',
} as const;

export type ActionErrorReason = (typeof ActionErrorReasons)[keyof typeof ActionErrorReasons];

const REASON_CODES: Readonly<Record<ActionErrorReason, ErrorCode>> = {
  INVALID_ACTION: ErrorCodes.INVALID_CONFIG,
  UNKNOWN_ACTION: ErrorCodes.NOT_FOUND,
  INVALID_INPUTS: ErrorCodes.BAD_USER_INPUT,
  INVALID_ENTITY: ErrorCodes.BAD_USER_INPUT,
  FORBIDDEN: ErrorCodes.FORBIDDEN,
  SELF_APPROVAL: ErrorCodes.FORBIDDEN,
  ALREADY_DECIDED: ErrorCodes.CONFLICT,
  ILLEGAL_TRANSITION: ErrorCodes.CONFLICT,
  RUN_CONFLICT: ErrorCodes.CONFLICT,
  RUN_NOT_FOUND: ErrorCodes.NOT_FOUND,
  TEMPLATE_FAILED: ErrorCodes.BAD_USER_INPUT,
  NO_INVOKER: ErrorCodes.INVALID_CONFIG,
};

export class ActionError extends LatticeError {
  readonly reason: ActionErrorReason;

  constructor(reason: ActionErrorReason, message: string, options: LatticeErrorOptions = {}) {
    super(REASON_CODES[reason], message, options);
    this.name = 'ActionError';
    this.reason = reason;
  }

  override toExtensions(): Record<string, unknown> {
    return { ...super.toExtensions(), reason: this.reason };
  }
}

/** True when `err` is an ActionError with one of the given reasons. */
export function isActionError(err: unknown, ...reasons: ActionErrorReason[]): err is ActionError {
  return err instanceof ActionError && (reasons.length === 0 || reasons.includes(err.reason));
}
