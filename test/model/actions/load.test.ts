/**
 * Loading action definitions: valid Port-format actions load with their defaults; every problem
 * (syntax, meta-schema, blueprint references, input schemas, conditions, templates, mappings,
 * permissions) is an error naming the file, line, column and JSON pointer, all found in one
 * pass; unknown keys warn and are kept.
 */
import { describe, expect, it } from 'vitest';
import { LatticeError, LatticeErrors } from '../../../src/errors/index.ts';
import { loadActions, type ActionFile } from '../../../src/model/actions/load.ts';
import { lockAction, model, scaffoldAction, scaleAction } from '../../runs/fixtures.ts';

const json = (file: string, value: unknown): ActionFile => ({ file, text: JSON.stringify(value, null, 2) });

function loadErrors(files: ActionFile[]): LatticeError[] {
  try {
    loadActions(files, model);
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeErrors);
    return [...(err as LatticeErrors).errors];
  }
  throw new Error('expected the load to fail');
}

/** The 1-based line and column where `needle` first appears in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  expect(at, `"${needle}" in the file`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Expects exactly one error, at `pointer`, positioned on the key `key` of the file. */
function expectOneError(file: ActionFile, pointer: string, key: string, message: RegExp) {
  const errors = loadErrors([file]);
  expect(errors.map((e) => e.message)).toHaveLength(1);
  const [e] = errors;
  expect(e).toBeInstanceOf(LatticeError);
  expect(e.code).toBe('INVALID_ACTION');
  expect(e.location).toEqual({ file: file.file, pointer, ...positionOf(file.text, key) });
  expect(e.message).toMatch(message);
}

describe('loading actions', () => {
  it('loads Port-format actions with defaults filled in', () => {
    const { actions, warnings } = loadActions([json('scaffold.json', scaffoldAction('http://x/hook')), json('more.json', [scaleAction('http://x/scale'), lockAction()])], model);
    expect(warnings).toEqual([]);
    expect(actions.actions.map((a) => a.identifier)).toEqual(['lock', 'scaffold', 'scale']);
    const scaffold = actions.get('scaffold');
    expect(scaffold?.trigger.operation).toBe('CREATE');
    expect(scaffold?.trigger.userInputs.required).toEqual(['name']);
    expect(scaffold?.invocationMethod).toMatchObject({ type: 'WEBHOOK', method: 'POST', agent: false, synchronized: true });
    expect(scaffold?.requiredApproval).toBeNull();
    expect(scaffold?.permissions).toEqual({ execute: null, approve: { roles: ['Admin'], users: [], teams: [], ownedByTeam: false, policy: null }, viewRuns: 'involved' });
    expect(actions.get('scale')?.origin).toMatchObject({ file: 'more.json', pointer: '/0' });
  });

  it('normalises requiredApproval: true is ANY, objects keep their type and allowSelfApproval', () => {
    const load = (requiredApproval: unknown) => loadActions([json('a.json', scaleAction('http://x', { requiredApproval }))], model).actions.get('scale')?.requiredApproval;
    expect(load(true)).toEqual({ type: 'ANY', allowSelfApproval: false });
    expect(load(false)).toBeNull();
    expect(load({ type: 'ALL' })).toEqual({ type: 'ALL', allowSelfApproval: false });
    expect(load({ type: 'ANY', allowSelfApproval: true })).toEqual({ type: 'ANY', allowSelfApproval: true });
  });

  it('loads YAML, arrays of actions, and a condition in Port’s rule language', () => {
    const text = [
      '- identifier: restart',
      '  trigger:',
      '    type: self-service',
      '    operation: DAY-2',
      '    blueprintIdentifier: Service',
      '    userInputs: { properties: {} }',
      '    condition: { type: SEARCH, combinator: and, rules: [{ property: language, operator: "=", value: go }] }',
      '  invocationMethod: { type: GITHUB, org: acme, repo: ops, workflow: restart.yml, workflowInputs: { service: "{{ .entity.identifier }}" } }',
      '  permissions: { execute: { ownedByTeam: true }, approve: { users: [ann] } }',
    ].join('\n');
    const restart = loadActions([{ file: 'ops.yaml', text }], model).actions.get('restart');
    expect(restart?.trigger.condition).toEqual({ combinator: 'and', rules: [{ property: 'language', operator: '=', value: 'go' }] });
    expect(restart?.invocationMethod).toMatchObject({ type: 'GITHUB', reportWorkflowStatus: true });
    expect(restart?.permissions.execute).toEqual({ roles: [], users: [], teams: [], ownedByTeam: true, policy: null });
  });

  it('names line and column of syntax errors', () => {
    const [e] = loadErrors([{ file: 'bad.json', text: '{\n  "identifier": "x",\n  "trigger": {,}\n}' }]);
    expect(e).toMatchObject({ code: 'SYNTAX_ERROR', location: { file: 'bad.json', line: 3, column: 15 } });
  });

  it('rejects an unknown operation at its key', () => {
    const file = json('a.json', scaleAction('http://x', { trigger: { ...(scaleAction('').trigger as object), operation: 'UPDATE' } }));
    expectOneError(file, '/trigger/operation', '"operation"', /must be equal to one of the allowed values: "CREATE", "DAY-2", "DELETE"/);
  });

  it('rejects a missing required key, pointing at its parent', () => {
    const { url: _url, ...method } = scaleAction('http://x').invocationMethod as Record<string, unknown>;
    const file = json('a.json', scaleAction('http://x', { invocationMethod: method }));
    const [e, ...rest] = loadErrors([file]);
    expect(rest).toEqual([]);
    expect(e.message).toMatch(/must have required property 'url'/);
    expect(e.location).toMatchObject({ pointer: '/invocationMethod/url', ...positionOf(file.text, '"invocationMethod"') });
  });

  it('rejects an unknown invocation type, and KUBERNETES methods missing what their operation needs', () => {
    expectOneError(json('a.json', scaleAction('http://x', { invocationMethod: { type: 'KAFKA' } })), '/invocationMethod/type', '"type": "KAFKA"', /allowed values/);
    const k8s = json('k.json', scaleAction('', { invocationMethod: { type: 'KUBERNETES', operation: 'scale', resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' } } }));
    const [e] = loadErrors([k8s]);
    expect(e.message).toMatch(/must have required property 'replicas'/);
    expect(e.location?.pointer).toBe('/invocationMethod/replicas');
  });

  it('rejects more than 10 GitHub workflow inputs, as GitHub does', () => {
    const workflowInputs = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`in${i}`, 'x']));
    const file = json('g.json', scaleAction('', { invocationMethod: { type: 'GITHUB', org: 'acme', repo: 'r', workflow: 'w.yml', workflowInputs } }));
    expectOneError(file, '/invocationMethod/workflowInputs', '"workflowInputs"', /must NOT have more than 10 properties/);
  });

  it('rejects an unknown blueprint', () => {
    const unknown = json('a.json', scaleAction('http://x', { trigger: { ...(scaleAction('').trigger as object), blueprintIdentifier: 'Nope' } }));
    expectOneError(unknown, '/trigger/blueprintIdentifier', '"blueprintIdentifier"', /unknown blueprint "Nope"; known: Service, System/);
  });

  it('loads a DAY-2 or DELETE action that names no blueprint, as Port does (it runs on no entity); refuses on it what needs the entity', () => {
    const { blueprintIdentifier: _b, ...trigger } = scaleAction('').trigger as Record<string, unknown>;
    const { actions, warnings } = loadActions([json('b.json', [scaleAction('http://x', { trigger }), scaleAction('http://x', { identifier: 'drop', trigger: { ...trigger, operation: 'DELETE' } })])], model);
    expect(warnings).toEqual([]);
    expect(actions.get('scale')?.trigger).toMatchObject({ operation: 'DAY-2' });
    expect(actions.get('scale')?.trigger.blueprintIdentifier).toBeUndefined();
    expect(actions.get('drop')?.trigger).toMatchObject({ operation: 'DELETE' });
    const condition = { type: 'SEARCH', combinator: 'and', rules: [{ property: 'language', operator: '=', value: 'go' }] };
    expectOneError(json('c.json', scaleAction('http://x', { trigger: { ...trigger, condition } })), '/trigger/condition', '"condition"', /a condition selects entities; a DAY-2 action that names no "blueprintIdentifier" runs on none/);
    expectOneError(json('d.json', scaleAction('http://x', { trigger, permissions: { execute: { ownedByTeam: true } } })), '/permissions/execute/ownedByTeam', '"ownedByTeam"', /"ownedByTeam" needs the entity a run is on; a DAY-2 action that names no "blueprintIdentifier" runs on none/);
  });

  it('checks user inputs: entity inputs name a known blueprint, schemas compile, defaults fit, required and order exist', () => {
    const trigger = (properties: unknown, extra: Record<string, unknown> = {}) => ({ type: 'self-service', operation: 'CREATE', userInputs: { properties, ...extra } });
    expectOneError(json('a.json', scaffoldAction('http://x', { trigger: trigger({ s: { type: 'string', format: 'entity' } }) })), '/trigger/userInputs/properties/s', '"s"', /format "entity" but names no "blueprint"/);
    expectOneError(
      json('b.json', scaffoldAction('http://x', { trigger: trigger({ s: { type: 'string', format: 'entity', blueprint: 'Nope' } }) })),
      '/trigger/userInputs/properties/s/blueprint',
      '"blueprint"',
      /refers to unknown blueprint "Nope"/,
    );
    expectOneError(json('c.json', scaffoldAction('http://x', { trigger: trigger({ s: { type: 'string', pattern: '(' } }) })), '/trigger/userInputs/properties/s', '"s"', /not a valid JSON Schema/);
    expectOneError(json('d.json', scaffoldAction('http://x', { trigger: trigger({ n: { type: 'number', maximum: 3, default: 5 } }) })), '/trigger/userInputs/properties/n/default', '"default"', /default 5 does not fit the input: must be <= 3/);
    expectOneError(json('e.json', scaffoldAction('http://x', { trigger: trigger({ n: { type: 'number' } }, { required: ['m'] }) })), '/trigger/userInputs/required/0', '"m"', /required input "m" is not defined/);
    expectOneError(json('f.json', scaffoldAction('http://x', { trigger: trigger({ n: { type: 'number' } }, { order: ['n', 'z'] }) })), '/trigger/userInputs/order/1', '"z"', /input "z" in order is not defined/);
  });

  it('checks the condition: only on entity actions, and in Port’s rule language', () => {
    const condition = { type: 'SEARCH', combinator: 'and', rules: [{ property: 'language', operator: 'likes', value: 'go' }] };
    const file = json('a.json', scaleAction('http://x', { trigger: { ...(scaleAction('').trigger as object), condition } }));
    const [e] = loadErrors([file]);
    expect(e.location?.pointer).toMatch(/^\/trigger\/condition\/rules\/0/);
    expect(e.message).toMatch(/invalid search query/);
    // Checked against the action's blueprint: an unknown property, a value outside its enum (with the pointer).
    for (const [rule, pointer, message] of [
      [{ property: 'lang', operator: '=', value: 'go' }, '/trigger/condition/rules/0/property', /blueprint "Service" has no property "lang"/],
      [{ property: 'language', operator: '=', value: 'Go' }, '/trigger/condition/rules/0/value', /takes one of "go", "rust"; got "Go"/],
    ] as const) {
      const bad = json('c.json', scaleAction('http://x', { trigger: { ...(scaleAction('').trigger as object), condition: { type: 'SEARCH', combinator: 'and', rules: [rule] } } }));
      const [problem, ...more] = loadErrors([bad]);
      expect(more).toEqual([]);
      expect(problem.location?.pointer).toBe(pointer);
      expect(problem.message).toMatch(message);
    }
    const create = scaffoldAction('http://x');
    const onCreate = json('b.json', { ...create, trigger: { ...(create.trigger as object), condition: { combinator: 'and', rules: [] } } });
    expectOneError(onCreate, '/trigger/condition', '"condition"', /a CREATE action runs on none/);
  });

  it('rejects templates that do not compile as jq, at their pointer, with the position in the expression', () => {
    const file = json('a.json', scaleAction('http://x', { invocationMethod: { type: 'WEBHOOK', url: 'http://x/{{ .entity.identifier }}', body: { replicas: '{{ .inputs.replicas + }}' } } }));
    expectOneError(file, '/invocationMethod/body/replicas', '"replicas": "{{', /invalid jq expression "\.inputs\.replicas \+": expected a term, found end of program \(at line 1, column 19 of the expression\)/);
    const unclosed = json('b.json', scaleAction('http://x', { invocationMethod: { type: 'WEBHOOK', url: 'http://x/{{ .entity.identifier' } }));
    expectOneError(unclosed, '/invocationMethod/url', '"url"', /"\{\{" at character 10 is not closed/);
  });

  it('checks UPSERT_ENTITY: the blueprint exists, and mapped properties and relations are the blueprint’s', () => {
    const method = (lockAction().invocationMethod as Record<string, any>);
    const bad = { ...method, mapping: { ...method.mapping, properties: { ...method.mapping.properties, colour: 'red', '{{ "dyn" + "amic" }}': 1 }, relations: { owner: 'x' } } };
    const errors = loadErrors([json('a.json', lockAction({ invocationMethod: bad }))]);
    expect(errors.map((e) => [e.location?.pointer, e.message])).toEqual([
      ['/invocationMethod/mapping/properties/colour', 'action "lock": blueprint "Service" has no property "colour"'],
      ['/invocationMethod/mapping/relations/owner', 'action "lock": blueprint "Service" has no relation "owner"'],
    ]);
    expectOneError(json('b.json', lockAction({ invocationMethod: { ...method, blueprintIdentifier: 'Nope' } })), '/invocationMethod/blueprintIdentifier', '"blueprintIdentifier": "Nope"', /unknown blueprint "Nope"/);
  });

  it('refuses a dynamic permission policy without conditions (test/runs/policy.test.ts has the rest), and ownedByTeam on actions with no entity', () => {
    expectOneError(
      json('a.json', scaleAction('http://x', { permissions: { execute: { roles: ['Member'], policy: { queries: {}, conditions: [] } } } })),
      '/permissions/execute/policy/conditions',
      '"conditions"',
      /must NOT have fewer than 1 items/,
    );
    expectOneError(json('b.json', scaffoldAction('http://x', { permissions: { approve: { ownedByTeam: true } } })), '/permissions/approve/ownedByTeam', '"ownedByTeam"', /needs the entity a run is on/);
  });

  it('warns about unknown keys, keeps them in raw, and loads the action', () => {
    const definition = scaleAction('http://x', { colour: 'red' });
    (definition.trigger as any).userInputs.properties.replicas.tittle = 'typo';
    const file = json('a.json', definition);
    const { actions, warnings } = loadActions([file], model);
    expect(warnings.map((w) => [w.location?.pointer, w.message])).toEqual([
      ['/colour', 'unknown key "colour" is kept but not used'],
      ['/trigger/userInputs/properties/replicas/tittle', 'unknown key "tittle" is kept but not used'],
    ]);
    expect(warnings[0].location).toMatchObject(positionOf(file.text, '"colour"'));
    expect(actions.get('scale')?.raw.colour).toBe('red');
  });

  it('does not warn about keys that are the user’s own: webhook body, headers, mapped properties, object inputs', () => {
    const definition = scaffoldAction('http://x', {
      trigger: {
        type: 'self-service',
        operation: 'CREATE',
        userInputs: { properties: { config: { type: 'object', properties: { anything: { type: 'string', whatever: 1 } } } } },
      },
    });
    expect(loadActions([json('a.json', definition), json('b.json', lockAction())], model).warnings).toEqual([]);
  });

  it('rejects duplicate identifiers across files, naming the first file', () => {
    const [e] = loadErrors([json('one.json', scaleAction('http://x')), json('two.json', scaleAction('http://y'))]);
    expect(e.message).toBe('duplicate action identifier "scale", first defined in one.json');
    expect(e.location).toMatchObject({ file: 'two.json', pointer: '/identifier' });
  });

  it('reports every error of every file in one pass and loads nothing', () => {
    const errors = loadErrors([
      { file: 'broken.json', text: '{' },
      json('a.json', scaleAction('http://x', { trigger: { ...(scaleAction('').trigger as object), blueprintIdentifier: 'Nope' } })),
      json('b.json', scaffoldAction('http://x', { invocationMethod: { type: 'WEBHOOK', url: '{{ ( }}' } })),
      json('ok.json', lockAction()),
    ]);
    expect(errors.map((e) => e.location?.file)).toEqual(['broken.json', 'a.json', 'b.json']);
  });
});
