/**
 * Loading blueprints: the seed loads; every rule of the model is a load error that names the
 * file, the line and column, and the JSON pointer; unknown keys warn and are kept.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBlueprints, type SourceFile } from '../../../src/model/blueprints/load.ts';
import { LatticeErrors, type LatticeError } from '../../../src/errors/index.ts';
import { ROOT, SEED } from '../../helpers/lattice.ts';

const seedFiles = (): SourceFile[] =>
  ['API', 'Component', 'Domain', 'Resource', 'System'].map((n) => ({ file: `schema/blueprints/${n}.json`, text: readFileSync(path.join(ROOT, 'schema/blueprints', `${n}.json`), 'utf8') }));

function loadErrors(files: SourceFile[]): LatticeError[] {
  try {
    loadBlueprints(files);
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeErrors);
    return [...(err as LatticeErrors).errors];
  }
  throw new Error('expected the load to fail');
}

const bp = (o: Record<string, unknown>) => ({ schema: { properties: {}, required: [] }, relations: {}, ...o });
const json = (file: string, value: unknown): SourceFile => ({ file, text: JSON.stringify(value, null, 2) });

describe('loading blueprints', () => {
  it('loads the five seed blueprints with no warnings', () => {
    const { model, warnings } = loadBlueprints(seedFiles());
    expect(model.blueprints.map((b) => b.identifier)).toEqual(['API', 'Component', 'Domain', 'Resource', 'System']);
    expect(warnings).toEqual([]);
    expect(model.get('API')?.relations.provider).toMatchObject({ target: 'Component', required: true, many: false });
  });

  it('rejects the verbatim Resource blueprint with file, line 2 and the column of the first typographic quote', () => {
    const file = 'verbatim/Resource.blueprint.json';
    const text = readFileSync(path.join(SEED, file), 'utf8');
    const [error, ...rest] = loadErrors([...seedFiles().filter((f) => !f.file.endsWith('Resource.json')), { file, text }]);
    expect(rest).toEqual([]);
    const line2 = text.split('\n')[1];
    expect(error.code).toBe('SYNTAX_ERROR');
    expect(error.location).toEqual({ file, line: 2, column: line2.indexOf('\u201c') + 1 });
    expect(error.message).toContain('U+201C');
  });

  it('names line and column of JSON syntax errors', () => {
    const [e] = loadErrors([{ file: 'bad.json', text: '{\n  "identifier": "X",\n  "schema": {,}\n}' }]);
    expect(e).toMatchObject({ code: 'SYNTAX_ERROR', location: { file: 'bad.json', line: 3, column: 14 } });
  });

  it('names line and column of YAML syntax errors and loads valid YAML', () => {
    const [e] = loadErrors([{ file: 'bad.yaml', text: 'identifier: X\nschema:\n  properties: {\n' }]);
    expect(e.code).toBe('SYNTAX_ERROR');
    expect(e.location?.file).toBe('bad.yaml');
    expect(e.location?.line).toBeGreaterThanOrEqual(3);
    const { model } = loadBlueprints([{ file: 'ok.yaml', text: 'identifier: service\ntitle: Service\nschema:\n  properties:\n    language: { type: string, enum: [go, rust] }\n' }]);
    expect(model.get('service')?.properties.language.enum).toEqual(['go', 'rust']);
  });

  it('validates against the Port meta-schema with JSON pointers and positions', () => {
    const errors = loadErrors([json('x.json', bp({ identifier: 'X', schema: { properties: { a: { type: 'strin' }, b: { type: 'string', format: 'uuid' } } } }))]);
    expect(errors.map((e) => e.location?.pointer)).toEqual(['/schema/properties/a/type', '/schema/properties/b/format']);
    expect(errors[0].location).toMatchObject({ file: 'x.json', line: 5, column: 9 });
    expect(errors[0].message).toContain('"array"');
  });

  it('accepts every Port string format, arrays with items, objects, enumColors, defaults', () => {
    const formats = ['date-time', 'url', 'email', 'idn-email', 'ipv4', 'ipv6', 'markdown', 'yaml', 'user', 'team', 'timer', 'proto', 'labeled-url'];
    const properties = Object.fromEntries(formats.map((f) => [`p_${f.replace(/-/g, '_')}`, { type: 'string', format: f }]));
    const { model } = loadBlueprints([
      json('all.json', bp({ identifier: 'All', schema: { properties: { ...properties, tags: { type: 'array', items: { type: 'string' } }, meta: { type: 'object' }, tier: { type: 'string', enum: ['a', 'b'], enumColors: { a: 'red' }, default: 'a' } }, required: ['tier'] } })),
    ]);
    expect(Object.keys(model.get('All')?.properties ?? {})).toHaveLength(formats.length + 3);
  });

  it('rejects unknown relation targets, many+required relations and duplicate identifiers', () => {
    const errors = loadErrors([
      json('a.json', bp({ identifier: 'A', relations: { b: { target: 'Nope', many: false, required: false }, c: { target: 'A', many: true, required: true } } })),
      json('b.json', bp({ identifier: 'A' })),
    ]);
    expect(errors.map((e) => [e.location?.file, e.location?.pointer])).toEqual([['b.json', '/identifier']]);
    const rules = loadErrors([json('a.json', bp({ identifier: 'A', relations: { b: { target: 'Nope', many: false, required: false }, c: { target: 'A', many: true, required: true } } }))]);
    expect(rules.map((e) => e.location?.pointer)).toEqual(['/relations/b/target', '/relations/c']);
    expect(rules[0].message).toContain('unknown blueprint "Nope"');
    expect(rules[1].message).toContain('"many" and "required"');
  });

  it('rejects an identifier used in two sections, a bad required list, enum values of the wrong type', () => {
    const errors = loadErrors([
      json('a.json', bp({ identifier: 'A', schema: { properties: { x: { type: 'number', enum: [1, 'two'] } }, required: ['y'] }, relations: { x: { target: 'A' } } })),
    ]);
    expect(errors.map((e) => e.location?.pointer).sort()).toEqual(['/relations/x', '/schema/properties/x/enum/1', '/schema/required/0']);
  });

  it('rejects mirror paths that do not resolve and calculations that do not compile', () => {
    const errors = loadErrors([
      json('a.json', bp({ identifier: 'A', relations: { b: { target: 'A', many: true } }, mirrorProperties: { m: { path: 'b.$title' }, n: { path: 'nope.$title' } }, calculationProperties: { c: { calculation: '(((', type: 'string' } } })),
    ]);
    expect(errors.map((e) => e.location?.pointer)).toEqual(['/mirrorProperties/m/path', '/mirrorProperties/n/path', '/calculationProperties/c/calculation']);
    expect(errors[0].message).toContain('"many"');
  });

  it('rejects aggregations over unknown targets or non-number properties', () => {
    const errors = loadErrors([
      json('a.json', bp({ identifier: 'A', aggregationProperties: { n: { target: 'Nope', calculationSpec: { calculationBy: 'entities', func: 'count' } } } })),
      json('b.json', bp({ identifier: 'B', schema: { properties: { s: { type: 'string' } } }, relations: { a: { target: 'A' } } })),
      json('c.json', bp({ identifier: 'C', aggregationProperties: { total: { target: 'B', calculationSpec: { calculationBy: 'property', func: 'sum', property: 's' } } } })),
    ]);
    expect(errors.map((e) => [e.location?.file, e.location?.pointer])).toEqual([
      ['a.json', '/aggregationProperties/n/target'],
      ['c.json', '/aggregationProperties/total/calculationSpec/property'],
      ['c.json', '/aggregationProperties/total'],
    ]);
  });

  it('reports aggregation paths that do not resolve at the aggregation, with the reason', () => {
    const count = { calculationBy: 'entities', func: 'count' };
    const errors = loadErrors([
      json('a.json', bp({ identifier: 'A' })),
      json('b.json', bp({ identifier: 'B', relations: { a: { target: 'A' } } })),
      json('c.json', bp({ identifier: 'C', aggregationProperties: { n: { target: 'B', calculationSpec: count, pathFilter: [{ path: ['nope'] }] }, m: { target: 'B', calculationSpec: count, pathFilter: [{ path: ['a'] }] } } })),
    ]);
    expect(errors.map((e) => [e.location?.file, e.location?.pointer, e.message])).toEqual([
      ['c.json', '/aggregationProperties/n', 'blueprint "C": aggregation property "n": pathFilter: "B" has no relation "nope"'],
      ['c.json', '/aggregationProperties/m', 'blueprint "C": aggregation property "m": pathFilter [a] ends at "A", not "C"'],
    ]);
  });

  it('warns about unknown keys and keeps them', () => {
    const { model, warnings } = loadBlueprints([json('a.json', bp({ identifier: 'A', color: 'red', schema: { properties: { p: { type: 'string', widget: 'x' } } } }))]);
    expect(warnings.map((w) => w.location?.pointer)).toEqual(['/color', '/schema/properties/p/widget']);
    expect(model.get('A')?.raw.color).toBe('red');
    expect(model.get('A')?.properties.p.widget).toBe('x');
  });

  it('locates errors inside files holding a list of blueprints', () => {
    const errors = loadErrors([json('list.json', [bp({ identifier: 'A' }), bp({ identifier: 'B', relations: { a: { target: 'Z' } } })])]);
    expect(errors[0].location).toMatchObject({ file: 'list.json', pointer: '/1/relations/a/target' });
  });
});
