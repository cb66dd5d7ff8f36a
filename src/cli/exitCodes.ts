/**
 * The exit codes of every `lattice` command, one table (README's "Exit codes"): scripts match on
 * them, so never renumber one. 124 and 130 follow the shell's conventions (GNU `timeout`, SIGINT).
 */
export const EXIT_CODES = {
  /** Done: the run was created, ended SUCCESS, or the command did what it says. */
  SUCCESS: 0,
  /** The run ended FAILURE; for approve/decline/cancel/logs/status/runs: the server refused the call (a GraphQL error). */
  FAILURE: 1,
  /** Bad arguments (unknown flag, missing run id, unreadable --inputs file, bad duration). */
  USAGE: 2,
  /** The run ended DECLINED. */
  DECLINED: 3,
  /** The run ended CANCELLED. */
  CANCELLED: 4,
  /** `lattice run`: the server refused the call (invalid inputs, unknown action, not allowed, no token, idempotency conflict). */
  REFUSED: 5,
  /** The server cannot be reached, answered something that is not GraphQL, or the connection was lost. */
  ERROR: 6,
  /** `--timeout` passed before the run ended (the run goes on). */
  TIMEOUT: 124,
  /** Interrupted (Ctrl-C, SIGINT) while following a run (the run goes on). */
  INTERRUPTED: 130,
} as const;

/** The exit code of a run that ended with this status; undefined while it has not ended. */
export const FINAL_EXIT: Readonly<Record<string, number>> = { SUCCESS: EXIT_CODES.SUCCESS, FAILURE: EXIT_CODES.FAILURE, DECLINED: EXIT_CODES.DECLINED, CANCELLED: EXIT_CODES.CANCELLED };
