/**
 * LatticeError: the one error class the product throws on purpose.
 *
 * Every error a user can act on carries a stable `code` (see codes.ts), a message that says
 * what was expected, and where it happened: a file with line/column, a JSON pointer inside a
 * document, or both. `toExtensions()` is what lands in a GraphQL error's `extensions`.
 */
import type { ErrorCode } from './codes.ts';

/** Where an error happened: any of a file, a position in it, and a JSON pointer. */
export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly pointer?: string;
}

export interface LatticeErrorOptions {
  readonly location?: ErrorLocation;
  readonly cause?: unknown;
  /** Extra, machine-readable facts (e.g. the blueprint or entity concerned). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export class LatticeError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: LatticeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LatticeError';
    this.code = code;
    this.location = options.location;
    this.details = options.details ?? {};
  }

  /** "file:line:column (pointer)": the prefix used in logs and in `lattice.status`. */
  where(): string {
    return formatLocation(this.location);
  }

  toExtensions(): Record<string, unknown> {
    const { file, line, column, pointer } = this.location ?? {};
    return { code: this.code, ...this.details, ...strip({ file, line, column, pointer }) };
  }
}

/** True when `err` is a LatticeError with one of the codes (any code when none is given). */
export function hasCode(err: unknown, ...codes: ErrorCode[]): err is LatticeError {
  return err instanceof LatticeError && (codes.length === 0 || codes.includes(err.code));
}

function formatLocation(location: ErrorLocation | undefined): string {
  if (!location) return '';
  let out = location.file ?? '';
  if (location.line !== undefined) out += `:${location.line}:${location.column ?? 1}`;
  if (location.pointer !== undefined) out += `${out ? ' ' : ''}at ${location.pointer || '/'}`;
  return out;
}

/** A batch of errors found in one pass (loading stops at the pass, not at the first error). */
export class LatticeErrors extends Error {
  readonly errors: readonly LatticeError[];
  constructor(errors: readonly LatticeError[]) {
    super(errors.map((e) => (e.where() ? `${e.where()}: ${e.message}` : e.message)).join('\n'));
    this.name = 'LatticeErrors';
    this.errors = errors;
  }
}

function strip(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
