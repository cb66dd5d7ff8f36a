/**
 * The two errors of the jq engine: JqSyntaxError (compile time, with line/column and what was
 * expected) and JqRuntimeError (evaluation, with jq's own message and the value `error/1` raised).
 */
import { ErrorCodes, LatticeError } from '../../errors/index.ts';

/** A jq program that does not parse; `location` has the line and column inside the program. */
export class JqSyntaxError extends LatticeError {
  /** What is wrong, without the position (`foo/1 is not defined`). */
  readonly reason: string;
  constructor(message: string, options: { line: number; column: number; source: string }) {
    super(ErrorCodes.SYNTAX_ERROR, `jq syntax error at ${options.line}:${options.column}: ${message}`, {
      location: { line: options.line, column: options.column },
      details: { expression: options.source },
    });
    this.name = 'JqSyntaxError';
    this.reason = message;
  }
}

/** An error raised while evaluating: `value` is what jq's `catch` sees (a string for built-in errors). */
export class JqRuntimeError extends LatticeError {
  readonly value: unknown;
  constructor(value: unknown, message?: string) {
    super(ErrorCodes.CALCULATION_FAILED, message ?? (typeof value === 'string' ? value : `${JSON.stringify(value)} (not a string)`));
    this.name = 'JqRuntimeError';
    this.value = value;
  }
}
