/**
 * Entity identifiers as Port allows them, checked on every write path (API mutations, action
 * runs, catalog files, source mappings).
 *
 * The rule is the one in Port's published API schema for entities (POST
 * /v1/blueprints/{blueprint}/entities, `identifier` and every relation target):
 * `^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/='-]+$`, at most 1,000 characters. So: letters (any script),
 * digits and `@ _ . + : \ / = ' -`; not `.` or `..` alone. Port's older documentation prints a
 * narrower class (`[A-Za-z0-9@_.+:\\/=-]`); every identifier it accepts is accepted here too.
 * Port sets no limit on titles, and neither does Lattice.
 *
 * Pure: returns problems as data (pointer + message), never throws.
 */
import { toPointer } from '../files/parseDocument.ts';
import type { EntityProblem } from './validate.ts';

export const IDENTIFIER_MAX_LENGTH = 1000;
const IDENTIFIER = /^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/='-]+$/u;
const ALLOWED_CHAR = /[\p{L}0-9@_.+:\\/='-]/u;

/** How the rule reads in an error message. */
export const IDENTIFIER_RULE = `1 to ${IDENTIFIER_MAX_LENGTH} characters: letters, digits and @ _ . + : \\ / = ' - (not "." or ".." alone)`;

/** Why `value` is not a valid identifier, or undefined when it is. */
export function identifierProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `expected an identifier (a string of ${IDENTIFIER_RULE}), got ${value === null ? 'null' : typeof value}`;
  if (value === '') return `identifier must not be empty; expected ${IDENTIFIER_RULE}`;
  if (value.length > IDENTIFIER_MAX_LENGTH) return `identifier is ${value.length} characters long (${preview(value)}); at most ${IDENTIFIER_MAX_LENGTH} are allowed`;
  if (IDENTIFIER.test(value)) return undefined;
  const chars = [...value];
  const at = chars.findIndex((c) => !ALLOWED_CHAR.test(c));
  if (at < 0) return `identifier ${preview(value)} is not allowed: "." and ".." are not identifiers`;
  return `identifier ${preview(value)} has ${JSON.stringify(chars[at])} at character ${at + 1}; expected ${IDENTIFIER_RULE}`;
}

/** The identifier problems of an entity: its own identifier and every relation target, with pointers relative to the entity. */
export function entityIdentifierProblems(entity: { identifier: unknown; relations?: Readonly<Record<string, unknown>> }): EntityProblem[] {
  const problems: EntityProblem[] = [];
  const own = identifierProblem(entity.identifier);
  if (own) problems.push({ pointer: '/identifier', message: own });
  for (const [relation, value] of Object.entries(entity.relations ?? {})) {
    const targets = Array.isArray(value) ? value.map((v, i) => [v, toPointer(['relations', relation, i])] as const) : [[value, toPointer(['relations', relation])] as const];
    for (const [target, pointer] of targets) {
      // Wrong shapes (numbers, objects, null) are the blueprint validation's to report.
      if (typeof target !== 'string' || target === '') continue;
      const problem = identifierProblem(target);
      if (problem) problems.push({ pointer, message: `relation "${relation}" points at an invalid ${problem}` });
    }
  }
  return problems;
}

/** A short, printable form of a value for messages: quoted, control characters escaped, long ones cut. */
function preview(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(cut);
}
