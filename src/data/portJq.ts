/**
 * compilePortJq: one jq expression of a Port `port-app-config` mapping, evaluated as Port's Ocean
 * integrations evaluate it: the first output of the filter, or null when it outputs nothing or
 * fails (Ocean logs and maps null). `env` and `$ENV` are what the source puts in the mapping
 * context (the Kubernetes source: `CLUSTER_NAME`, as Port's k8s exporter is configured), never the
 * process environment.
 *
 * Written as Port writes it: single-quoted strings are read as double-quoted (portDialect).
 *
 * Compiled once (the engine caches by source text); a syntax error throws the engine's
 * JqSyntaxError, with the line and column inside the expression.
 */
import { portDialect } from '../model/expressions.ts';
import { compileJq, type JqProgram } from '../model/jq/index.ts';
import type { MappingContext, MappingExpression } from './mapping.ts';

const NO_ENV: Readonly<Record<string, string>> = Object.freeze({});

export function compilePortJq(written: string): MappingExpression {
  const source = portDialect(written);
  const program = compileJq(source);
  // The engine's `env` is always empty; a program that reads it sees the context's instead.
  const run: JqProgram = /\benv\b/.test(source) ? compileJq(`def env: $ENV; ${source}`) : program;
  return {
    async evaluate(input: unknown, context?: MappingContext) {
      try {
        return run.first(input, { ENV: context?.env ?? NO_ENV }) ?? null;
      } catch {
        return null;
      }
    },
  };
}
