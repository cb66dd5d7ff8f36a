/**
 * The docs test's own pieces, on small made-up inputs: a harness that let a wrong block pass
 * would make test/docs/blocks.test.ts a test that cannot fail. Reading blocks and their
 * `docs-test` comments, the SDL comparison, completing a partial block, the shell script the
 * harness runs, and excerpt checking.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { blocksOf, markingProblems, parseDirective, skipProblems, where } from './markdown.ts';
import { excerptProblems } from './run/code.ts';
import { complete, excerptOfProblems } from './run/data.ts';
import { documentOf, sdlProblems } from './run/graphql.ts';
import { printedErrors, scriptFor } from './run/shell.ts';

function markdown(text: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'lattice-docs-harness-'));
  mkdirSync(path.join(root, 'docs'));
  writeFileSync(path.join(root, 'docs/x.md'), text);
  return root;
}

describe('reading the blocks', () => {
  it('gives each block its file, line, heading, number, language and the comment right before it', () => {
    const root = markdown(['# Top', '', '```', 'a tree', '```', '', '## Querying', '', '<!-- docs-test: skip — run by test/cli/serverStart.test.ts -->', '```sh', 'npm start', '```', ''].join('\n'));
    const [tree, sh] = blocksOf(root, 'docs/x.md');
    expect(tree).toMatchObject({ file: 'docs/x.md', heading: 'Top', index: 1, line: 3, language: '', text: 'a tree\n' });
    expect(tree.directive).toBeUndefined();
    expect(sh).toMatchObject({ heading: 'Querying', index: 2, line: 10, language: 'sh', directive: { kind: 'skip', note: 'run by test/cli/serverStart.test.ts' } });
    expect(where(sh)).toBe('docs/x.md:10 (block 2 under "Querying")');
  });

  it('a comment followed by prose does not reach the next block; an unreadable comment is reported', () => {
    const root = markdown(['<!-- docs-test: skip — x test/a.test.ts -->', 'Some prose.', '```sh', 'ls', '```', '<!-- docs-test: config at sources -->', '```yaml', 'a: 1', '```', ''].join('\n'));
    const [first, second] = blocksOf(root, 'docs/x.md');
    expect(first.directive).toBeUndefined();
    expect(second.badDirective).toMatch(/a JSON pointer starts with \//);
  });

  it('a block without a language or with an unknown one fails; a skip needs a reason naming an existing file that runs it', () => {
    const root = markdown(
      [
        '```', 'tree', '```',
        '```python', 'x', '```',
        '<!-- docs-test: skip -->', '```sh', 'npm ci', '```',
        '<!-- docs-test: skip — it is slow -->', '```sh', 'npm ci', '```',
        '<!-- docs-test: skip — run by test/nowhere.test.ts -->', '```sh', 'npm ci', '```',
        '<!-- docs-test: skip — run by test/docs/harness.test.ts -->', '```sh', 'npm ci', '```',
        '',
      ].join('\n'),
    );
    const blocks = blocksOf(root, 'docs/x.md');
    expect(markingProblems(blocks, ['sh', 'text'])).toEqual(['docs/x.md:1 (block 1 under "(top)"): no language (give it one; trees, tables and output are `text`)', 'docs/x.md:4 (block 2 under "(top)"): language "python" is not one of sh, text']);
    const skipped = blocks.filter((b) => b.directive?.kind === 'skip');
    expect(skipProblems(skipped, path.resolve(import.meta.dirname, '../..'))).toEqual([
      'docs/x.md:8 (block 3 under "(top)"): "skip" needs a reason after a dash: <!-- docs-test: skip — why; what runs it instead -->',
      'docs/x.md:12 (block 4 under "(top)"): the reason names no file that runs it instead (a test file, or .ci/run): "it is slow"',
      'docs/x.md:16 (block 5 under "(top)"): the reason names test/nowhere.test.ts, which does not exist',
    ]);
  });

  it('an unclosed fence is an error naming the file and line', () => {
    const root = markdown('text\n```sh\nls\n');
    expect(() => blocksOf(root, 'docs/x.md')).toThrow('docs/x.md:2: a fenced block that is never closed');
  });

  it('reads every part of a directive', () => {
    expect(parseDirective('config at /sources/0 {"sources": [{"name": "github"}]} — the options')).toEqual({
      kind: 'config',
      at: '/sources/0',
      file: undefined,
      of: undefined,
      base: { sources: [{ name: 'github' }] },
      beside: undefined,
      besideAs: undefined,
      note: 'the options',
    });
    expect(parseDirective('action from schema/actions/a.json')).toMatchObject({ kind: 'action', file: 'schema/actions/a.json', note: '' });
    expect(parseDirective('config beside test/f.yml as port-app-config.yml -- Port')).toMatchObject({ beside: 'test/f.yml', besideAs: 'port-app-config.yml', note: 'Port' });
    expect(() => parseDirective('config {"a": }')).toThrow(/its JSON object does not parse/);
    expect(() => parseDirective('two words')).toThrow(/cannot read "two words"/);
  });
});

describe('graphql blocks', () => {
  const schema = buildSchema('type Query { component(identifier: String!): Component } type Component { identifier: String! tags: [String!] } enum Kind { A B }');

  it('an SDL excerpt matches only what is served, type for type', () => {
    expect(sdlProblems(parse('type Component { identifier: String! tags: [String!] }'), schema)).toEqual([]);
    expect(sdlProblems(parse('type Component { identifier: String tags: [String!] owner: String } type Team { name: String } enum Kind { A C }'), schema)).toEqual([
      'Component.identifier is served as String!, the block says String',
      'Component.owner is not served; Component has identifier, tags',
      'type Team is not in the served schema',
      'enum Kind has no value C; it has A, B',
    ]);
    expect(sdlProblems(parse('type Query { component(identifier: ID!): Component }'), schema)).toEqual(['Query.component(identifier:) is served as String!, the block says ID!']);
  });

  it('a selection without an operation is wrapped in { }; a block that parses neither way names the parse error', () => {
    expect(documentOf('component(identifier: "x") { identifier }').definitions).toHaveLength(1);
    expect(() => documentOf('component(identifier: ')).toThrow(/does not parse: Syntax Error/);
  });
});

describe('partial yaml/json blocks', () => {
  it('an excerpt of a file holds only what the file holds, at the same places', () => {
    const file = { id: 'x', rules: [{ id: 'a', description: 'kept out of the doc' }, { id: 'b' }] };
    expect(excerptOfProblems({ id: 'x', rules: [{ id: 'a' }, { id: 'b' }] }, file)).toEqual([]);
    expect(excerptOfProblems({ id: 'y', rules: [{ id: 'a' }], extra: 1 }, file)).toEqual(['/id is "y" here, "x" in the file', '/rules has 1 items here, 2 in the file', '/extra is not in the file']);
  });

  it('a list replaces what is at the pointer, an object merges into it, the base is not changed', () => {
    const base = { sources: [{ name: 'github', kind: 'github' }] };
    expect(complete(base, '/sources/0', { options: { org: 'acme' } })).toEqual({ sources: [{ name: 'github', kind: 'github', options: { org: 'acme' } }] });
    expect(complete(base, '/sources', [{ name: 'aws' }])).toEqual({ sources: [{ name: 'aws' }] });
    expect(complete(undefined, '', { a: 1 })).toEqual({ a: 1 });
    expect(base).toEqual({ sources: [{ name: 'github', kind: 'github' }] });
  });
});

describe('sh blocks', () => {
  it('stops at the first failing command, points the default addresses at the gateway and keeps the harness token', () => {
    const script = scriptFor('export LATTICE_TOKEN=…   # a token\ncurl -s localhost:4000/graphql\nnpx lattice run x --url https://lattice.example.com\n', 'http://127.0.0.1:5555');
    expect(script.split('\n')[0]).toBe('set -e -o pipefail');
    expect(script).toContain('export LATTICE_TOKEN="$LATTICE_TOKEN"   # a token');
    expect(script).toContain('curl -s 127.0.0.1:5555/graphql');
    expect(script).toContain('--url http://127.0.0.1:5555');
  });

  it('finds GraphQL errors a command printed (curl exits 0 on them), and nothing in other output', () => {
    expect(printedErrors('run_1\n{"data":{"a":1}}\n{"errors":[{"message":"no"}],"data":null}\n{not json\n')).toEqual([{ message: 'no' }]);
    expect(printedErrors('{"data":{"errors":1}}\nok\n')).toEqual([]);
  });
});

describe('excerpts', () => {
  it('every line of an excerpt must be a line of its file', () => {
    expect(excerptProblems("import { terraform } from '../../datasources/terraform/index.ts';\n", 'src/server/sources.ts')).toEqual([]);
    expect(excerptProblems('export const PLUGINS = [];\n', 'src/server/sources.ts')).toEqual(['not a line of src/server/sources.ts: export const PLUGINS = [];']);
  });
});
