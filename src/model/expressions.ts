/**
 * The product's one expression language: jq, as Port writes it, everywhere Port uses an expression
 * (calculation properties, source mappings, action templates). The engine is src/model/jq (chosen by
 * measurement, docs/architecture.md); this module adds Port's dialect on top of it:
 *
 * - A single quote that opens or closes a string (`'a b'`, `split('/')` does not qualify, as in
 *   Port) is read as a double quote, by the rule of Port's jq binding (`@port-labs/jq-node-bindings`).
 * - `env` and `$ENV` are empty objects: an expression never sees the process environment.
 * - An expression gives its first output, or null when it gives none (Port's binding and Ocean's
 *   `first()`); `evaluateOrNull` also turns a failure into null, as Port does in mappings.
 *
 * Compiled once per source text (the engine caches programs); evaluation is synchronous.
 */
import { ErrorCodes, LatticeError } from '../errors/index.ts';
import { compileJq, JqSyntaxError, type JqProgram } from './jq/index.ts';

export interface Expression {
  readonly source: string;
  /** The first output, or null when there is none; throws the engine's error when evaluation fails. */
  evaluate(input: unknown): unknown;
  /** The first output, or null when there is none or evaluation fails (Port's mapping semantics). */
  evaluateOrNull(input: unknown): unknown;
}

/**
 * Port's rule for single quotes: one after the start or a space and not before a space or `"`
 * opens a string, one not after a space or `"` and before a space or the end closes one; either
 * becomes `"`. Quotes elsewhere (`split('/')`) are left alone, so jq refuses them, as in Port.
 */
const PORT_QUOTE = /(^|\s)'(?![\s"])|(?<![\s"])'(\s|$)/g;

/** The source as Port's binding hands it to jq: single-quoted strings rewritten to double-quoted. */
export function portDialect(source: string): string {
  return source.includes("'") ? source.replace(PORT_QUOTE, '$1"$2') : source;
}

/**
 * Compiles a jq expression. One that does not compile is a LatticeError (SYNTAX_ERROR) whose message
 * quotes the expression and gives the line and column inside it; `details` has them too, for
 * callers that add the file and the JSON pointer.
 */
export function compileExpression(source: string): Expression {
  let program: JqProgram;
  try {
    program = compileJq(portDialect(source));
  } catch (err) {
    if (!(err instanceof JqSyntaxError)) throw err;
    const { line = 1, column = 1 } = err.location ?? {};
    throw new LatticeError(ErrorCodes.SYNTAX_ERROR, `invalid jq expression ${JSON.stringify(source)}: ${err.reason} (at line ${line}, column ${column} of the expression)`, {
      cause: err,
      details: { expression: source, expressionLine: line, expressionColumn: column },
    });
  }
  return {
    source,
    evaluate: (input) => program.first(input) ?? null,
    evaluateOrNull(input) {
      try { return program.first(input) ?? null; } catch { return null; }
    },
  };
}
