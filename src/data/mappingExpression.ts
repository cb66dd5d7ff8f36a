/**
 * compileMappingExpression: one expression of a source mapping (either shape of a `resources`
 * entry), jq as Port writes it (src/model/expressions.ts: Port's single quotes, the first output),
 * evaluated as Port's Ocean integrations evaluate mappings: null when the filter outputs nothing or
 * fails. `env` and `$ENV` are what the source puts in the mapping context (the Kubernetes source:
 * `CLUSTER_NAME`, as Port's k8s exporter is deployed with it), never the process environment.
 *
 * Compiled once (the engine caches by source text); one that does not compile throws the
 * expression module's SYNTAX_ERROR, with the line and column inside the expression.
 */
import { compileExpression, portDialect } from '../model/expressions.ts';
import { compileJq } from '../model/jq/index.ts';

/** What a source gives every evaluation besides the object: jq's `env` (`$ENV`). */
export interface MappingContext {
  readonly env?: Readonly<Record<string, string>>;
}

/** One compiled expression: its value for an object (null when it has none). */
export interface MappingExpression {
  evaluate(input: unknown, context?: MappingContext): unknown;
}

const NO_ENV: Readonly<Record<string, string>> = Object.freeze({});

export function compileMappingExpression(source: string): MappingExpression {
  const expression = compileExpression(source);
  if (!/\benv\b/.test(source)) return { evaluate: (input) => expression.evaluateOrNull(input) };
  // The engine's `env` is always empty; a program that reads it sees the context's instead.
  const program = compileJq(`def env: $ENV; ${portDialect(source)}`);
  return {
    evaluate(input, context) {
      try {
        return program.first(input, { ENV: context?.env ?? NO_ENV }) ?? null;
      } catch {
        return null;
      }
    },
  };
}
