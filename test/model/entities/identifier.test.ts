/**
 * Port's identifier rule (src/model/entities/identifier.ts): what Port's API schema accepts is
 * accepted, and what the issue found accepted before ("a b/c", a NUL character, 10,000
 * characters) is refused with a message saying what was expected.
 */
import { describe, expect, it } from 'vitest';
import { entityIdentifierProblems, identifierProblem, IDENTIFIER_MAX_LENGTH } from '../../../src/model/entities/identifier.ts';

describe('identifierProblem', () => {
  it.each([
    'CartService',
    'cart-sql-sb',
    'arn:aws:ec2:eu-west-1:123456789012:volume/vol-09a13562b4dacdee2',
    'user@example.com',
    'a+b=c',
    'C:\\path',
    "o'brien",
    'Zürich',
    '.hidden',
    '...',
    'x'.repeat(IDENTIFIER_MAX_LENGTH),
  ])('accepts %j', (id) => {
    expect(identifierProblem(id)).toBeUndefined();
  });

  it('refuses a space and names the character and its position', () => {
    expect(identifierProblem('a b/c')).toBe(`identifier "a b/c" has " " at character 2; expected 1 to 1000 characters: letters, digits and @ _ . + : \\ / = ' - (not "." or ".." alone)`);
  });

  it('refuses a NUL character, printed escaped', () => {
    expect(identifierProblem('ab\u0000c')).toContain('"\\u0000" at character 3');
  });

  it('refuses more than 1,000 characters without echoing them all', () => {
    const message = identifierProblem('x'.repeat(10_000)) ?? '';
    expect(message).toMatch(/^identifier is 10000 characters long \("x{60}…"\); at most 1000 are allowed$/);
    expect(identifierProblem('x'.repeat(IDENTIFIER_MAX_LENGTH + 1))).toContain('1001 characters long');
  });

  it('refuses empty, "." and "..", and what is not a string', () => {
    expect(identifierProblem('')).toContain('must not be empty');
    expect(identifierProblem('.')).toContain('"." and ".." are not identifiers');
    expect(identifierProblem('..')).toContain('"." and ".." are not identifiers');
    expect(identifierProblem(42)).toContain('got number');
    expect(identifierProblem(null)).toContain('got null');
  });
});

describe('entityIdentifierProblems', () => {
  it('checks the identifier and every relation target, with pointers', () => {
    expect(
      entityIdentifierProblems({ identifier: 'a b', relations: { system: 'ok', dependsOn: ['fine', 'not fine'], owner: null, weird: 7 } }).map((p) => p.pointer),
    ).toEqual(['/identifier', '/relations/dependsOn/1']);
    expect(entityIdentifierProblems({ identifier: 'x', relations: { system: 'a/b' } })).toEqual([]);
  });
});
