/**
 * Every jq expression in a source's `resources` compiles when lattice.yaml loads; a bad one is an
 * INVALID_CONFIG error with the file, line, column and JSON pointer of the string, and the line and
 * column inside the expression. Port's shapes (`selector.query`, search-query relations) too.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { resourceExpressionProblems } from '../../src/config/expressions.ts';
import { LatticeErrors } from '../../src/errors/index.ts';
import { ROOT } from '../helpers/lattice.ts';

const YAML = `sources:
  - name: tf
    kind: terraform
    options: { states: [{ path: state.tfstate }] }
    resources:
      - kind: aws_db_instance
        selector: .mode == "managed"
        entity:
          mappings:
            identifier: .attributes.identifier
            title: attributes.identifier
            blueprint: '"Resource"'
            properties:
              engine: '.attributes.engine +'
              region: '.attributes.region // "eu"'
`;

describe('expressions in lattice.yaml', () => {
  it('refuses every expression that does not compile, with file, line, column, pointer and the position in the expression', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lattice-expr-'));
    const file = path.join(dir, 'lattice.yaml');
    writeFileSync(file, YAML);
    let errors: LatticeErrors | undefined;
    try { loadConfig({ LATTICE_CONFIG: file }, ROOT); } catch (e) { errors = e as LatticeErrors; }
    expect(errors).toBeInstanceOf(LatticeErrors);
    expect(errors?.errors.map((e) => [e.code, e.location, e.message])).toEqual([
      ['INVALID_CONFIG', { file, line: 11, column: 20, pointer: '/sources/0/resources/0/entity/mappings/title' },
        'invalid jq expression "attributes.identifier": attributes/0 is not defined (at line 1, column 1 of the expression)'],
      ['INVALID_CONFIG', { file, line: 14, column: 23, pointer: '/sources/0/resources/0/entity/mappings/properties/engine' },
        'invalid jq expression ".attributes.engine +": expected a term, found end of program (at line 1, column 21 of the expression)'],
    ]);
    expect(errors?.message).toContain(`${file}:11:20 at /sources/0/resources/0/entity/mappings/title: invalid jq expression`);
  });

  it('reads Port\'s shapes: selector.query, search-query relations (only `value` is jq), mappings as a list', () => {
    const located = (pointer: string) => ({ pointer });
    const sources = [{
      resources: [{
        kind: 'repository',
        selector: { query: '.archived ==', includedFiles: ['port.yml'] },
        port: { entity: { mappings: {
          identifier: '.name',
          blueprint: '"service"',
          relations: { owner: { combinator: 'and', rules: [{ property: '$title', operator: '=', value: '.owner. login' }, { combinator: 'or', rules: [{ property: 'a b', operator: 'in', value: '[.x]' }] }] } },
        } } },
      }, {
        kind: 'team',
        port: { entity: { mappings: [{ identifier: '.slug', blueprint: "'team'", title: 'name' }] } },
      }],
    }];
    expect(resourceExpressionProblems(sources, located).map((e) => [e.location?.pointer, e.details.expressionColumn])).toEqual([
      ['/sources/0/resources/0/selector/query', 13],
      ['/sources/0/resources/0/port/entity/mappings/relations/owner/rules/0/value', 7],
      ['/sources/0/resources/1/port/entity/mappings/0/title', 1],
    ]);
  });

  it('loads the shipped examples, every mapping in jq', () => {
    for (const example of ['github', 'kubernetes', 'aws', 'terraform', 'demo']) {
      expect(() => loadConfig({ LATTICE_CONFIG: path.join(ROOT, 'examples', example, 'lattice.yaml'), GITHUB_TOKEN: 't', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's' }, ROOT)).not.toThrow();
    }
  });
});
