/**
 * Input validation: each action's userInputs compile to one ajv validator; problems carry JSON
 * pointers under /inputs; defaults apply; entity inputs are checked through the callback, in one
 * batch per blueprint; secret inputs are masked for storage.
 */
import { describe, expect, it } from 'vitest';
import { maskInputs, secretInputNames, validateInputs, type EntityExists } from '../../../src/model/actions/inputs.ts';
import { loadOne, scaffoldAction, scaleAction } from '../../runs/fixtures.ts';

const none: EntityExists = async (_bp, ids) => ids.map(() => false);

describe('validateInputs', () => {
  const scale = loadOne(scaleAction('http://x'));

  it('accepts valid inputs and returns them as a copy', async () => {
    const given = { replicas: 3 };
    const { inputs, problems } = await validateInputs(scale, given, none);
    expect(problems).toEqual([]);
    expect(inputs).toEqual({ replicas: 3 });
    expect(inputs).not.toBe(given);
  });

  it('reports each problem with a JSON pointer under /inputs', async () => {
    expect((await validateInputs(scale, { replicas: 99 }, none)).problems).toEqual([{ pointer: '/inputs/replicas', message: 'must be <= 50' }]);
    expect((await validateInputs(scale, { replicas: 'three' }, none)).problems).toEqual([{ pointer: '/inputs/replicas', message: 'must be number' }]);
    expect((await validateInputs(scale, {}, none)).problems).toEqual([{ pointer: '/inputs/replicas', message: 'required input "replicas" is missing' }]);
    expect((await validateInputs(scale, { replicas: 1, extra: true }, none)).problems).toEqual([{ pointer: '/inputs/extra', message: 'unknown input "extra"' }]);
    expect((await validateInputs(scale, [1], none)).problems).toEqual([{ pointer: '/inputs', message: 'must be a JSON object' }]);
  });

  it('applies defaults, checks enums and Port formats', async () => {
    const scaffold = loadOne(scaffoldAction('http://x'));
    const { inputs, problems } = await validateInputs(scaffold, { name: 'cart' }, none);
    expect(problems).toEqual([]);
    expect(inputs).toEqual({ name: 'cart', language: 'go' });
    expect((await validateInputs(scaffold, { name: 'Cart!', language: 'cobol' }, none)).problems).toEqual([
      { pointer: '/inputs/name', message: 'must match pattern "^[a-z][a-z0-9-]*$"' },
      { pointer: '/inputs/language', message: 'must be one of "go", "rust"' },
    ]);
    const formats = loadOne(
      scaffoldAction('http://x', {
        trigger: { type: 'self-service', operation: 'CREATE', userInputs: { properties: { site: { type: 'string', format: 'url' }, mail: { type: 'string', format: 'email' }, when: { type: 'string', format: 'date-time' } } } },
      }),
    );
    expect((await validateInputs(formats, { site: 'https://acme.dev', mail: 'a@acme.dev', when: '2030-01-01T00:00:00Z' }, none)).problems).toEqual([]);
    expect((await validateInputs(formats, { site: 'not a url', mail: 'nope', when: 'tomorrow' }, none)).problems.map((p) => p.pointer)).toEqual(['/inputs/site', '/inputs/mail', '/inputs/when']);
  });

  it('checks entity inputs through the callback, one call per blueprint, with the pointer of each missing one', async () => {
    const action = loadOne(
      scaffoldAction('http://x', {
        trigger: {
          type: 'self-service',
          operation: 'CREATE',
          userInputs: {
            properties: {
              system: { type: 'string', format: 'entity', blueprint: 'System' },
              deps: { type: 'array', items: { type: 'string', format: 'entity', blueprint: 'Service' } },
              also: { type: 'string', format: 'entity', blueprint: 'Service' },
            },
          },
        },
      }),
    );
    const calls: [string, readonly string[]][] = [];
    const known = new Set(['System/Cart', 'Service/a', 'Service/c']);
    const exists: EntityExists = async (bp, ids) => {
      calls.push([bp, ids]);
      return ids.map((id) => known.has(`${bp}/${id}`));
    };
    const { problems } = await validateInputs(action, { system: 'Cart', deps: ['a', 'b', 'c'], also: 'd' }, exists);
    expect(problems).toEqual([
      { pointer: '/inputs/deps/1', message: 'no Service entity "b"' },
      { pointer: '/inputs/also', message: 'no Service entity "d"' },
    ]);
    expect(calls).toEqual([
      ['System', ['Cart']],
      ['Service', ['a', 'b', 'c', 'd']],
    ]);
    expect((await validateInputs(action, { system: 'Nope' }, exists)).problems).toEqual([{ pointer: '/inputs/system', message: 'no System entity "Nope"' }]);
  });

  it('does not look up entities when the inputs already fail the schema', async () => {
    const action = loadOne(scaffoldAction('http://x'));
    let called = false;
    await validateInputs(action, { name: 'BAD', system: 'Cart' }, async (_b, ids) => {
      called = true;
      return ids.map(() => true);
    });
    expect(called).toBe(false);
  });
});

describe('secret inputs', () => {
  it('masks inputs marked with Port’s encryption, and only those', () => {
    const action = loadOne(scaffoldAction('http://x'));
    expect(secretInputNames(action)).toEqual(['token']);
    expect(maskInputs(action, { name: 'cart', token: 's3cr3t' })).toEqual({ name: 'cart', token: '***' });
    expect(maskInputs(action, { name: 'cart' })).toEqual({ name: 'cart' });
  });
});
