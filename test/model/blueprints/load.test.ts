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

/** The 1-based line and column where `needle` first appears in `text`. */
function lineColumnOf(text: string, needle: string): { line: number; column: number } {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

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

  it('accepts every Port string format, labeled-url objects, arrays with and without items, objects, enumColors, defaults', () => {
    const formats = ['date-time', 'url', 'email', 'idn-email', 'ipv4', 'ipv6', 'markdown', 'yaml', 'user', 'team', 'timer', 'proto', 'blueprints'];
    const properties = Object.fromEntries(formats.map((f) => [`p_${f.replace(/-/g, '_')}`, { type: 'string', format: f }]));
    const { model } = loadBlueprints([
      json(
        'all.json',
        bp({
          identifier: 'All',
          schema: {
            properties: {
              ...properties,
              link: { type: 'object', format: 'labeled-url' },
              links: { type: 'array', items: { type: 'object', format: 'labeled-url' } },
              tags: { type: 'array', items: { type: 'string' } },
              anything: { type: 'array' },
              meta: { type: 'object' },
              tier: { type: 'string', enum: ['a', 'b'], enumColors: { a: 'red' }, default: 'a' },
            },
            required: ['tier'],
          },
        }),
      ),
    ]);
    expect(Object.keys(model.get('All')?.properties ?? {})).toHaveLength(formats.length + 6);
  });

  it('refuses a format on the wrong type, with the pointer of the format', () => {
    const errors = loadErrors([
      json('a.json', bp({ identifier: 'A', schema: { properties: { slack: { type: 'string', format: 'labeled-url' }, when: { type: 'number', format: 'date-time' }, tags: { type: 'array', items: { type: 'object', format: 'email' } } } } })),
    ]);
    expect(errors.map((e) => [e.location?.pointer, e.message])).toEqual([
      ['/schema/properties/slack/format', 'blueprint "A": property "slack": format "labeled-url" applies to objects, not string'],
      ['/schema/properties/when/format', 'blueprint "A": property "when": format "date-time" applies to strings, not number'],
      ['/schema/properties/tags/items/format', 'blueprint "A": property "tags": format "email" applies to strings, not object'],
    ]);
  });

  it('checks format "entity": it needs a "blueprint" that exists; "blueprint" needs format "entity"', () => {
    const { model } = loadBlueprints([
      json('team.json', bp({ identifier: 'team' })),
      json('service.json', bp({ identifier: 'service', schema: { properties: { owner: { type: 'string', format: 'entity', blueprint: 'team' }, helpers: { type: 'array', items: { type: 'string', format: 'entity', blueprint: 'team' } } } } })),
    ]);
    expect(model.get('service')?.properties.owner.blueprint).toBe('team');
    const errors = loadErrors([
      json('service.json', bp({ identifier: 'service', schema: { properties: { a: { type: 'string', format: 'entity' }, b: { type: 'string', format: 'entity', blueprint: 'nope' }, c: { type: 'string', blueprint: 'service' } } } })),
    ]);
    expect(errors.map((e) => e.location?.pointer)).toEqual(['/schema/properties/a/format', '/schema/properties/b/blueprint', '/schema/properties/c/blueprint']);
    expect(errors[0].message).toContain('needs "blueprint"');
    expect(errors[1].message).toContain('unknown blueprint "nope"');
  });

  it('checks "spec": open-api and async-api on objects or url strings, embedded-url on url strings', () => {
    const { model } = loadBlueprints([
      json('api.json', bp({ identifier: 'api', schema: { properties: { doc: { type: 'object', spec: 'open-api' }, events: { type: 'object', spec: 'async-api' }, swagger: { type: 'string', format: 'url', spec: 'open-api' }, diagram: { type: 'string', format: 'url', spec: 'embedded-url' } } } })),
    ]);
    expect(model.get('api')?.properties.doc.spec).toBe('open-api');
    const errors = loadErrors([json('api.json', bp({ identifier: 'api', schema: { properties: { a: { type: 'object', spec: 'embedded-url' }, b: { type: 'number', spec: 'open-api' }, c: { type: 'object', spec: 'graphql' } } } }))]);
    expect(errors.map((e) => e.location?.pointer)).toEqual(['/schema/properties/c/spec']);
    const rules = loadErrors([json('api.json', bp({ identifier: 'api', schema: { properties: { a: { type: 'object', spec: 'embedded-url' }, b: { type: 'number', spec: 'open-api' } } } }))]);
    expect(rules.map((e) => e.location?.pointer)).toEqual(['/schema/properties/a/spec', '/schema/properties/b/spec']);
  });

  it('refuses a default that is not a valid value of its property', () => {
    const errors = loadErrors([
      json(
        'a.json',
        bp({
          identifier: 'A',
          schema: {
            properties: {
              locked: { type: 'boolean', default: 'no' },
              tier: { type: 'string', enum: ['a', 'b'], default: 'c' },
              expires: { type: 'string', format: 'timer', default: 'tomorrow' },
              link: { type: 'object', format: 'labeled-url', default: { displayText: 'no url' } },
              ok: { type: 'boolean', default: false },
            },
          },
        }),
      ),
    ]);
    expect(errors.map((e) => e.location?.pointer)).toEqual(['/schema/properties/locked/default', '/schema/properties/tier/default', '/schema/properties/expires/default', '/schema/properties/link/default']);
    expect(errors[1].message).toContain('must be one of "a", "b"');
    expect(errors[2].message).toContain('date-time');
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

  it('rejects an identifier used by a property and a mirror (relations are apart, as in Port), a bad required list, enum values of the wrong type', () => {
    const errors = loadErrors([
      json('a.json', bp({ identifier: 'A', schema: { properties: { x: { type: 'number', enum: [1, 'two'] } }, required: ['y'] }, relations: { x: { target: 'A', many: false } }, mirrorProperties: { x: { path: 'x.$title' } } })),
    ]);
    expect(errors.map((e) => e.location?.pointer).sort()).toEqual(['/mirrorProperties/x', '/schema/properties/x/enum/1', '/schema/required/0']);
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
      json('b.json', bp({ identifier: 'B', schema: { properties: { s: { type: 'string' } } }, relations: { a: { target: 'A', many: false } } })),
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
      json('b.json', bp({ identifier: 'B', relations: { a: { target: 'A', many: false } } })),
      json('c.json', bp({ identifier: 'C', aggregationProperties: { n: { target: 'B', calculationSpec: count, pathFilter: [{ path: ['nope'] }] }, m: { target: 'B', calculationSpec: count, pathFilter: [{ path: ['a'] }] } } })),
    ]);
    expect(errors.map((e) => [e.location?.file, e.location?.pointer, e.message])).toEqual([
      ['c.json', '/aggregationProperties/n', 'blueprint "C": aggregation property "n": pathFilter: "B" has no relation "nope"'],
      ['c.json', '/aggregationProperties/m', 'blueprint "C": aggregation property "m": pathFilter [a] ends at "A", not "C"'],
    ]);
  });

  it('refuses unknown keys with file, line, column and pointer, naming the key Port has', () => {
    const file = json('a.json', bp({ identifier: 'A', schema: { properties: { p: { tpye: 'string', type: 'string' } } }, relation: { b: { target: 'A', many: false } } }));
    const errors = loadErrors([file]);
    expect(errors.map((e) => [e.code, e.location, e.message])).toEqual([
      ['INVALID_BLUEPRINT', { file: 'a.json', pointer: '/relation', ...lineColumnOf(file.text, '"relation"') }, 'unknown key "relation" (did you mean "relations"?) (strict: false in lattice.yaml loads it as a warning)'],
      ['INVALID_BLUEPRINT', { file: 'a.json', pointer: '/schema/properties/p/tpye', ...lineColumnOf(file.text, '"tpye"') }, 'unknown key "tpye" (did you mean "type"?) (strict: false in lattice.yaml loads it as a warning)'],
    ]);
  });

  it('with strict: false, warns about unknown keys and keeps them', () => {
    const { model, warnings } = loadBlueprints([json('a.json', bp({ identifier: 'A', color: 'red', schema: { properties: { p: { type: 'string', widget: 'x' } } } }))], { strict: false });
    expect(warnings.map((w) => w.location?.pointer)).toEqual(['/color', '/schema/properties/p/widget']);
    expect(model.get('A')?.raw.color).toBe('red');
    expect(model.get('A')?.properties.p.widget).toBe('x');
  });

  it('loads keys Port accepts that Lattice does not use: dateFormat, an object items\' own schema', () => {
    const { warnings } = loadBlueprints([
      json('a.json', bp({ identifier: 'A', schema: { properties: { at: { type: 'string', format: 'date-time', dateFormat: 'relative' }, tags: { type: 'array', items: { type: 'object', properties: { Key: { type: 'string' } }, required: ['Key'] } } } } })),
    ]);
    expect(warnings).toEqual([]);
  });

  it('refuses an aggregation query with an unknown operator or property, at its place in the query', () => {
    const count = { calculationBy: 'entities', func: 'count' };
    const file = json('c.json', [
      bp({ identifier: 'service', schema: { properties: { tier: { type: 'string' } } }, relations: { team: { target: 'team', many: false } } }),
      bp({
        identifier: 'team',
        aggregationProperties: {
          bad: { target: 'service', calculationSpec: count, query: { combinator: 'and', rules: [{ property: 'tier', operator: 'equals', value: 'gold' }] } },
          unknown: { target: 'service', calculationSpec: count, query: { combinator: 'and', rules: [{ combinator: 'or', rules: [{ property: 'tire', operator: '=', value: 'gold' }] }] } },
          meta: { target: 'service', calculationSpec: count, query: { combinator: 'and', rules: [{ property: '$createdBy', operator: '=', value: 'me' }, { property: '$owner', operator: '=', value: 'x' }] } },
          good: { target: 'service', calculationSpec: count, query: { combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 'gold' }, { property: '$updatedBy', operator: '=', value: 'me' }] } },
        },
      }),
    ]);
    const errors = loadErrors([file]);
    expect(errors.map((e) => e.location?.pointer)).toEqual([
      '/1/aggregationProperties/bad/query/rules/0/operator',
      '/1/aggregationProperties/unknown/query/rules/0/rules/0/property',
      '/1/aggregationProperties/meta/query/rules/1/property',
    ]);
    expect(errors[0].message).toMatch(/^blueprint "team": aggregation property "bad": query \/rules\/0\/operator unknown operator "equals"; expected one of =, !=, /);
    expect(errors[0].location).toMatchObject({ file: 'c.json', ...lineColumnOf(file.text, '"operator": "equals"') });
    expect(errors[1].message).toContain('blueprint "service" has no property "tire"');
    expect(errors[2].message).toContain('unknown meta property "$owner"');
  });

  it('locates errors inside files holding a list of blueprints', () => {
    const errors = loadErrors([json('list.json', [bp({ identifier: 'A' }), bp({ identifier: 'B', relations: { a: { target: 'Z', many: false } } })])]);
    expect(errors[0].location).toMatchObject({ file: 'list.json', pointer: '/1/relations/a/target' });
  });
});
