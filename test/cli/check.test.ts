/**
 * `lattice check` over a copy of test/fixtures/check/valid with one thing broken per test: every
 * kind of problem is printed with its file, line, column and JSON pointer, nothing is served, and
 * the exit code is 0 (valid, warnings allowed), 1 (invalid) or 2 (usage error). The command runs
 * in-process (runCheck, the same function bin/lattice.js calls) for each kind of problem, and as a
 * real child process through bin/lattice.js for each exit code.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.ts';
import { runCheck } from '../../src/cli/check.ts';
import { ROOT } from '../helpers/lattice.ts';

const BIN = path.join(ROOT, 'bin/lattice.js');
const VALID = path.join(ROOT, 'test/fixtures/check/valid');
const made: string[] = [];

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the valid project with files replaced (text), added, or removed (null). */
function project(changes: Record<string, string | null> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-check-'));
  made.push(dir);
  cpSync(VALID, dir, { recursive: true });
  for (const [file, text] of Object.entries(changes)) {
    if (text === null) rmSync(path.join(dir, file), { recursive: true, force: true });
    else {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  }
  return dir;
}

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly lines: string[];
}

/** `lattice check <args>` in-process, in `cwd`, with only `env` as the environment. */
async function check(cwd: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { cwd, env });
  const stdout = out.map((l) => `${l}\n`).join('');
  return { code, stdout, stderr: err.join('\n'), lines: stdout.split('\n').filter(Boolean) };
}

/** `lattice check <args>` as a real process (bin/lattice.js), in `cwd`, with no LATTICE_CONFIG inherited. */
function spawnCheck(cwd: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<Result> {
  const child = spawn(process.execPath, [BIN, 'check', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr, lines: stdout.split('\n').filter(Boolean) })));
}

const SERVICE = JSON.parse(`{
  "identifier": "service", "title": "Service",
  "schema": { "properties": { "language": { "type": "string", "enum": ["go", "ts", "hcl"] }, "tier": { "type": "number" } } },
  "relations": { "owner": { "target": "team", "required": false, "many": false } }
}`) as Record<string, unknown>;
const pretty = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

describe('lattice check on a valid configuration', () => {
  it('exits 0 and says what it loaded: JSON and YAML blueprints, the action, the catalog entities, the source and its mapping', async () => {
    const r = await check(project());
    expect(r.code).toBe(0);
    expect(r.lines).toEqual(['lattice check: ok, 0 warnings (2 blueprints, 1 action, 2 catalog entities, 1 source with 1 mapping)']);
    expect(r.stderr).toBe('');
  });

  it('--json: one report with ok, errors, warnings, counts', async () => {
    const r = await check(project(), ['--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, errors: [], warnings: [], counts: { blueprints: 2, actions: 1, scorecards: 0, automations: 0, entities: 2, sources: 1, mappings: 1 }, skipped: [] });
  });

  it('--config names the file from another folder; relative folders in it start at its own folder', async () => {
    const dir = project();
    const r = await check(ROOT, ['--config', path.join(dir, 'lattice.yaml')]);
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toContain('2 blueprints, 1 action, 2 catalog entities');
  });

  it('reads LATTICE_CONFIG like the server does', async () => {
    const dir = project();
    const r = await check(ROOT, [], { LATTICE_CONFIG: path.join(dir, 'lattice.yaml') });
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toContain('2 blueprints');
  });

  it('PATH arguments: checks only those blueprint files or folders, with no lattice.yaml', async () => {
    const dir = project({ 'lattice.yaml': 'not: [valid' });
    const r = await check(dir, ['blueprints']);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual(['lattice check: ok, 0 warnings (2 blueprints, 0 actions, 0 catalog entities, 0 sources with 0 mappings)']);
    const withCatalog = await check(dir, ['blueprints/service.json', 'blueprints/team.yaml', '--catalog', 'catalog']);
    expect(withCatalog.code).toBe(0);
    expect(withCatalog.lines.at(-1)).toContain('2 catalog entities');
  });
});

describe('lattice check on what the repository ships', () => {
  it('the seed configuration and every example load (variables they use unset: warnings, not errors)', async () => {
    const examples = readdirSync(path.join(ROOT, 'examples')).filter((d) => existsSync(path.join(ROOT, 'examples', d, 'lattice.yaml')));
    expect(examples.length).toBeGreaterThan(0);
    for (const dir of [ROOT, ...examples.map((d) => path.join(ROOT, 'examples', d))]) {
      const r = await check(dir);
      expect({ dir, code: r.code, errors: r.lines.filter((l) => l.includes(' error ')) }).toEqual({ dir, code: 0, errors: [] });
    }
  });

  it('a ${VARIABLE} lattice.yaml uses and the environment lacks: a located warning, checked with a placeholder; none when it is set', async () => {
    const yaml = readFileSync(path.join(VALID, 'lattice.yaml'), 'utf8').replace('- path: terraform.tfstate', '- url: https://tf.example.com/state\n          token: ${TF_TOKEN}');
    const dir = project({ 'lattice.yaml': yaml });
    const unset = await check(dir);
    expect(unset.code).toBe(0);
    expect(unset.lines[0]).toBe('lattice.yaml:12:18: warning INVALID_CONFIG: environment variable TF_TOKEN is not set: checked with a placeholder (npm start needs it)');
    const set = await check(dir, [], { TF_TOKEN: 'secret-value' });
    expect(set.lines).toEqual(['lattice check: ok, 0 warnings (2 blueprints, 1 action, 2 catalog entities, 1 source with 1 mapping)']);
    expect(set.stdout).not.toContain('secret-value');
  });
});

describe('lattice check: every kind of problem, located, exit 1', () => {
  it('invalid JSON: a trailing comma and a comment, each at its line and column', async () => {
    const dir = project({
      'blueprints/service.json': '{\n  "identifier": "service",\n  "schema": { "properties": {}, },\n}\n',
      'blueprints/team.yaml': null,
      'blueprints/team.json': '{\n  // the team\n  "identifier": "team", "schema": { "properties": {} }\n}\n',
    });
    const r = await check(dir, ['blueprints']);
    expect(r.code).toBe(1);
    expect(r.lines).toContain('blueprints/service.json:3:33: error SYNTAX_ERROR: invalid JSON: a property name in double quotes was expected, found "}" (U+007D)');
    expect(r.lines).toContain('blueprints/team.json:2:3: error SYNTAX_ERROR: invalid JSON: comments are not allowed in JSON, found "/" (U+002F)');
    expect(r.lines.at(-1)).toBe('lattice check: 2 errors, 0 warnings (0 blueprints, 0 actions, 0 catalog entities, 0 sources with 0 mappings)');
  });

  it('invalid YAML, at its line and column', async () => {
    const r = await check(project({ 'blueprints/team.yaml': 'identifier: team\nschema:\n  properties: {\n' }));
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(/^blueprints\/team\.yaml:4:1: error SYNTAX_ERROR: invalid YAML: /);
  });

  it('a blueprint the meta-schema refuses: the pointer of the bad value and its line', async () => {
    const bad = { ...SERVICE, schema: { properties: { tier: { type: 'integer' } } } };
    const r = await check(project({ 'blueprints/service.json': pretty(bad) }));
    expect(r.code).toBe(1);
    expect(r.lines[0]).toBe('blueprints/service.json:7:9: error INVALID_BLUEPRINT at /schema/properties/tier/type: /schema/properties/tier/type must be equal to one of the allowed values: "string", "number", "boolean", "object", "array"');
  });

  it('a blueprint identifier used twice: the second one (files in path order) is located', async () => {
    const r = await check(project({ 'blueprints/again.json': pretty({ identifier: 'team', schema: { properties: {} } }) }));
    expect(r.code).toBe(1);
    expect(r.lines[0]).toBe('blueprints/team.yaml:1:13: error INVALID_BLUEPRINT at /identifier: duplicate blueprint identifier "team", first defined in blueprints/again.json');
    expect(r.lines).toContain('note: catalog: 1 file(s) not checked, the blueprints do not load');
  });

  it('a relation to an unknown blueprint (the model rules run once every file is valid)', async () => {
    const bad = { ...SERVICE, relations: { owner: { target: 'squad', required: false, many: false } } };
    const r = await check(project({ 'blueprints/service.json': pretty(bad) }));
    expect(r.code).toBe(1);
    expect(r.lines[0]).toBe('blueprints/service.json:21:7: error INVALID_BLUEPRINT at /relations/owner/target: blueprint "service": relation "owner" targets unknown blueprint "squad"; known: service, team');
    expect(r.lines).toContain('note: catalog: 1 file(s) not checked, the blueprints do not load');
  });

  it('two identifiers that land on one GraphQL name', async () => {
    const bad = { ...SERVICE, schema: { properties: { on_call: { type: 'string' }, 'on-call': { type: 'string' } } } };
    const r = await check(project({ 'blueprints/service.json': pretty(bad), 'catalog/entities.json': null }));
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(/^blueprints\/service\.json:\d+:\d+: error \w+ at \/schema\/properties\/on-call: .*on-call.*on_call/);
  });

  it('an action on a blueprint that does not exist', async () => {
    const action = JSON.parse(String(await import('node:fs').then((fs) => fs.readFileSync(path.join(VALID, 'actions/restart.json'), 'utf8')))) as { trigger: Record<string, unknown> };
    action.trigger.blueprintIdentifier = 'microservice';
    const r = await check(project({ 'actions/restart.json': pretty(action) }));
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(/^actions\/restart\.json:\d+:\d+: error INVALID_ACTION at \/trigger\/blueprintIdentifier: .*"microservice"/);
  });

  it('scorecards: counted when they load; a rule on a property the blueprint lacks, located', async () => {
    const scorecard = (property: string) =>
      pretty({ identifier: 'Readiness', blueprint: 'service', rules: [{ identifier: 'lang', level: 'Bronze', query: { combinator: 'and', conditions: [{ property, operator: 'isNotEmpty' }] } }] });
    const ok = await check(project({ 'scorecards/readiness.json': scorecard('language') }), ['--scorecards', 'scorecards']);
    expect(ok.code).toBe(0);
    expect(ok.lines.at(-1)).toMatch(/1 action, 1 scorecard, /);
    const bad = await check(project({ 'scorecards/readiness.json': scorecard('langauge') }), ['--scorecards', 'scorecards']);
    expect(bad.code).toBe(1);
    expect(bad.lines[0]).toMatch(/^scorecards\/readiness\.json:\d+:\d+: error INVALID_SCORECARD at \/rules\/0\/query\/conditions\/0\/property: .*"langauge"/);
  });

  it('automations: counted when they load; a condition that is not jq, located', async () => {
    const automation = (expression: string) =>
      pretty({
        identifier: 'notify',
        title: 'Notify',
        trigger: { type: 'automation', event: { type: 'ENTITY_UPDATED', blueprintIdentifier: 'service' }, condition: { type: 'JQ', expressions: [expression], combinator: 'and' } },
        invocationMethod: { type: 'WEBHOOK', url: 'http://127.0.0.1:9/hook' },
      });
    const ok = await check(project({ 'automations/notify.json': automation('.diff.after.properties.language == "go"') }), ['--automations', 'automations']);
    expect(ok.code).toBe(0);
    expect(ok.lines.at(-1)).toMatch(/1 action, 1 automation, /);
    const bad = await check(project({ 'automations/notify.json': automation('.diff.after.properties.language ==') }), ['--automations', 'automations']);
    expect(bad.code).toBe(1);
    expect(bad.lines[0]).toMatch(/^automations\/notify\.json:\d+:\d+: error INVALID_AUTOMATION at \/trigger\/condition\/expressions\/0: automation "notify": invalid jq expression/);
  });

  it('catalog entities: an unknown property and a relation to an entity that does not exist', async () => {
    const entities = [
      { blueprint: 'team', identifier: 'payments', properties: { slack: 'https://slack.example.com/p', pager: 'x' } },
      { blueprint: 'service', identifier: 'checkout', properties: { language: 'go' }, relations: { owner: 'nobody' } },
    ];
    const r = await check(project({ 'catalog/entities.json': pretty(entities) }));
    expect(r.code).toBe(1);
    const errors = r.lines.filter((l) => l.includes(' error '));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^catalog\/entities\.json:\d+:\d+: error INVALID_ENTITY at \/0\/properties\/pager: .*pager/);
    expect(errors[1]).toMatch(/^catalog\/entities\.json:\d+:\d+: error INVALID_ENTITY at \/1\/relations\/owner: .*nobody/);
  });

  it('lattice.yaml: an unknown key, at its line in the file', async () => {
    const yaml = (await import('node:fs')).readFileSync(path.join(VALID, 'lattice.yaml'), 'utf8');
    const r = await check(project({ 'lattice.yaml': `${yaml}blueprint: typo\n` }));
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(/^lattice\.yaml:21:\d+: error INVALID_CONFIG at \/blueprint: unknown key "blueprint"$/);
  });

  it('a source: an unknown kind, and a mapping to a blueprint that does not exist, located in lattice.yaml', async () => {
    const yaml = (await import('node:fs')).readFileSync(path.join(VALID, 'lattice.yaml'), 'utf8');
    const broken = yaml.replace('kind: terraform', 'kind: terraformm').replace(`blueprint: '"service"'`, `blueprint: '"microservice"'`);
    const r = await check(project({ 'lattice.yaml': broken }));
    expect(r.code).toBe(1);
    expect(r.lines).toContain('lattice.yaml:8:11: error INVALID_CONFIG at /sources/0/kind: source "state": unknown kind "terraformm"; known: github, kubernetes, aws, terraform');
    expect(r.lines.find((l) => l.includes('/sources/0/resources/0/entity/mappings/blueprint'))).toMatch(/^lattice\.yaml:18:24: error INVALID_CONFIG at \/sources\/0\/resources\/0\/entity\/mappings\/blueprint: .*"microservice", which is not defined/);
  });

  it('a source mapping expression that does not compile, located in lattice.yaml', async () => {
    const yaml = (await import('node:fs')).readFileSync(path.join(VALID, 'lattice.yaml'), 'utf8');
    const r = await check(project({ 'lattice.yaml': yaml.replace(`title: '"Bucket"'`, `title: '"Bucket" +'`) }));
    expect(r.code).toBe(1);
    expect(r.lines[0]).toBe('lattice.yaml:17:20: error INVALID_CONFIG at /sources/0/resources/0/entity/mappings/title: invalid jq expression "\\"Bucket\\" +": expected a term, found end of program (at line 1, column 11 of the expression)');
  });

  it('a blueprints folder that does not exist is named; so is an empty one', async () => {
    const missing = await check(project({ blueprints: null }));
    expect(missing.code).toBe(1);
    expect(missing.lines[0]).toBe('lattice.yaml: error INVALID_CONFIG at /blueprints: the blueprints folder blueprints does not exist (set "blueprints:" in lattice.yaml, or --blueprints DIR)');
    const dir = project({ 'blueprints/service.json': null, 'blueprints/team.yaml': null });
    const empty = await check(dir);
    expect(empty.code).toBe(1);
    expect(empty.lines[0]).toBe('error INVALID_CONFIG: no blueprint files (*.json, *.yaml, *.yml) in blueprints');
  });

  it('a duplicated JSON key is a located warning (the last one wins, as in Port): still exit 0', async () => {
    const text = '{\n  "identifier": "service",\n  "title": "Old",\n  "title": "Service",\n  "schema": { "properties": { "language": { "type": "string" }, "tier": { "type": "number" } } },\n  "relations": { "owner": { "target": "team", "many": false, "required": false } }\n}\n';
    const r = await check(project({ 'blueprints/service.json': text, 'catalog/entities.json': null }));
    expect(r.code).toBe(0);
    expect(r.lines).toContain('blueprints/service.json:4:3: warning SYNTAX_ERROR at /title: duplicate key "title": the value on line 3 is ignored, this one is used (as Port\'s API does)');
    expect(r.lines.at(-1)).toMatch(/^lattice check: ok, 1 warning /);
  });

  it('--json lists every error with code, message, file, line, column and pointer', async () => {
    const bad = { ...SERVICE, relations: { owner: { target: 'squad', required: false, many: false } } };
    const r = await check(project({ 'blueprints/service.json': pretty(bad) }), ['--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; errors: unknown[] };
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      { code: 'INVALID_BLUEPRINT', message: 'blueprint "service": relation "owner" targets unknown blueprint "squad"; known: service, team', file: 'blueprints/service.json', line: 21, column: 7, pointer: '/relations/owner/target' },
    ]);
  });
});

describe('lattice check: usage errors', () => {
  it('an unknown flag, a path that does not exist, paths with --config or --blueprints, a missing --config file', async () => {
    const dir = project();
    await expect(check(dir, ['--strict'])).rejects.toThrow(/^Unknown option '--strict'/);
    await expect(check(dir, ['nowhere'])).rejects.toThrow(new UsageError('nowhere: no such file or folder'));
    await expect(check(dir, ['blueprints', '--config', 'lattice.yaml'])).rejects.toThrow(UsageError);
    await expect(check(dir, ['blueprints', '--blueprints', 'blueprints'])).rejects.toThrow(UsageError);
    await expect(check(dir, ['--config', 'ci.yaml'])).rejects.toThrow(new UsageError('--config ci.yaml: no such file or folder'));
    await expect(check(dir, ['--catalog', 'entities'])).rejects.toThrow(new UsageError('--catalog entities: no such file or folder'));
  });
});

describe('lattice check through bin/lattice.js: the exit codes', () => {
  it('0 valid', async () => {
    const valid = await spawnCheck(project());
    expect([valid.code, valid.lines.at(-1)]).toEqual([0, 'lattice check: ok, 0 warnings (2 blueprints, 1 action, 2 catalog entities, 1 source with 1 mapping)']);
  });

  it('1 invalid: the problems on stdout', async () => {
    const bad = { ...SERVICE, relations: { owner: { target: 'squad', required: false, many: false } } };
    const invalid = await spawnCheck(project({ 'blueprints/service.json': pretty(bad) }));
    expect(invalid.code).toBe(1);
    expect(invalid.lines[0]).toMatch(/^blueprints\/service\.json:21:7: error INVALID_BLUEPRINT at \/relations\/owner\/target: /);
    expect(invalid.stderr).toBe('');
  });

  it('2 usage error: the message and the usage on stderr', async () => {
    const usage = await spawnCheck(project(), ['--strict']);
    expect(usage.code).toBe(2);
    expect(usage.stderr.split('\n')[0]).toMatch(/^lattice check: Unknown option '--strict'/);
    expect(usage.stderr).toContain('Usage: lattice check');
    expect(usage.stdout).toBe('');
  });

  it('a reader that closes the pipe early (`lattice check | head -1`) ends the command quietly, with its exit code, not a crash', async () => {
    const many: Record<string, string> = {};
    // ~2,000 problems: far more output than a pipe holds, so writes go on after the reader has gone.
    for (let i = 0; i < 2000; i++) many[`blueprints/broken${i}.json`] = pretty({ identifier: `broken${i}`, schema: { properties: { p: { type: 'strng' } } } });
    const child = spawn(process.execPath, [BIN, 'check'], { cwd: project(many), stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (c: Buffer) => resolve(c.toString('utf8'))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
    expect(first).toMatch(/^blueprints\/broken\d+\.json:\d+:\d+: error INVALID_BLUEPRINT/);
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('--help: the usage on stdout, exit 0', async () => {
    const help = await check(project(), ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 valid');
  });
});
