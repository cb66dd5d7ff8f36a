/**
 * Source mappings refuse identifiers outside Port's rule: the object's mapping fails with the
 * mapping's JSON pointer, instead of serving an entity Port would refuse; every source maps with
 * `mapOrSkip`, which skips that object with a warning (test/datasources/terraform.test.ts).
 * The expressions are JSON string literals, which read the same in every expression language.
 */
import { describe, expect, it } from 'vitest';
import { compileMapping } from '../../src/data/mapping.ts';

const mapping = (identifier: string) =>
  compileMapping({ kind: 'repository', entity: { mappings: { identifier: JSON.stringify(identifier), blueprint: '"Component"' } } }, 'github:main', '/sources/0/resources/2');

describe('source mappings and identifiers', () => {
  it('maps a valid identifier', async () => {
    await expect(mapping('org/repo').map({})).resolves.toEqual([expect.objectContaining({ blueprint: 'Component', identifier: 'org/repo', origin: 'github:main' })]);
  });

  it.each(['a b/c', 'nul\u0000', 'x'.repeat(10_000)])('refuses %#: INVALID_ENTITY at the identifier mapping', async (id) => {
    await expect(mapping(id).map({})).rejects.toMatchObject({
      code: 'INVALID_ENTITY',
      location: { pointer: '/sources/0/resources/2/entity/mappings/identifier' },
      message: expect.stringMatching(/^mapping of "repository" gave an invalid identifier /),
    });
  });
});
