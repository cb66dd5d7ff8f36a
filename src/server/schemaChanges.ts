/**
 * Schema changes between two generations: graphql-js's `findBreakingChanges` lists what a reload
 * breaks (a field or type removed, a type changed, an argument added as required…), and
 * `brokenOperations` says which known operations (trusted documents, operations run in the last
 * 24 hours, see seenOperations.ts) no longer validate against the new schema. The runtime logs
 * every change, keeps them for `/readyz` and `lattice { schemaChanges }`, and with
 * `schema.breakingChanges: refuse` refuses a reload that breaks a known operation.
 */
import { findBreakingChanges, parse, validate, type GraphQLSchema } from 'graphql';
import { ErrorCodes, LatticeError } from '../errors/index.ts';

export interface SchemaChange {
  /** graphql-js's BreakingChangeType (FIELD_REMOVED, TYPE_REMOVED, ARG_CHANGED_KIND…). */
  readonly type: string;
  readonly description: string;
  /** When the reload that made it happened. */
  readonly at: Date;
}

/** An operation a client is known to send. */
export interface KnownOperation {
  /** How to name it in an error: the operation's name, a trusted document's id. */
  readonly name: string;
  readonly source: string;
}

export function breakingChanges(previous: GraphQLSchema, next: GraphQLSchema, at = new Date()): SchemaChange[] {
  return findBreakingChanges(previous, next).map((c) => ({ type: c.type, description: c.description, at }));
}

/** The known operations that validated against `previous` and do not against `next`, with the first reason each. */
export function brokenOperations(previous: GraphQLSchema, next: GraphQLSchema, operations: readonly KnownOperation[]): { operation: KnownOperation; reason: string }[] {
  const out: { operation: KnownOperation; reason: string }[] = [];
  for (const operation of operations) {
    let document;
    try {
      document = parse(operation.source);
    } catch {
      continue; // never ran: nothing to break
    }
    if (validate(previous, document).length > 0) continue;
    const [first] = validate(next, document);
    if (first) out.push({ operation, reason: first.message });
  }
  return out;
}

/** The refusal of a reload that breaks known operations: one error per broken operation, naming the changes. */
export function breakingChangeErrors(changes: readonly SchemaChange[], broken: readonly { operation: KnownOperation; reason: string }[]): LatticeError[] {
  const summary = changes.map((c) => c.description).join('; ');
  return broken.map(
    ({ operation, reason }) =>
      new LatticeError(ErrorCodes.BREAKING_CHANGE, `the change would break operation "${operation.name}" (${reason}); breaking changes: ${summary} (schema.breakingChanges: refuse)`, {
        details: { operation: operation.name, reason, changes: changes.map((c) => ({ type: c.type, description: c.description })) },
      }),
  );
}
