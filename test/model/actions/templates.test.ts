/**
 * Templates: `{{ jq }}` in strings and keys over { inputs, entity, trigger, run, secrets };
 * a lone expression keeps its type, mixed text interpolates; render errors carry the pointer and
 * never the secrets; secrets are masked wherever a text might carry them.
 */
import { describe, expect, it } from 'vitest';
import { renderInvocation } from '../../../src/model/actions/invocation.ts';
import { maskSecrets } from '../../../src/model/actions/secrets.ts';
import { compileTemplate, templateProblems, type TemplateContext } from '../../../src/model/actions/templates.ts';
import { loadOne, scaffoldAction } from '../../runs/fixtures.ts';
import { LatticeError } from '../../../src/errors/index.ts';

const context = (extra: Partial<TemplateContext> = {}): TemplateContext => ({
  inputs: { name: 'cart', replicas: 3, tags: ['a', 'b'], env: 'prod' },
  entity: { identifier: 'CartService', properties: { namespace: 'shop' } },
  trigger: { by: { user: 'ann' }, at: '2030-01-01T00:00:00.000Z', operation: 'DAY-2' },
  run: { id: 'run_1' },
  secrets: { API_KEY: 'k-123-very-secret' },
  ...extra,
});

describe('templates', () => {
  it('keeps the type of a lone expression and interpolates mixed text', async () => {
    const t = compileTemplate({
      replicas: '{{ .inputs.replicas }}',
      tags: '{{ .inputs.tags }}',
      label: '{{ .inputs.name }}-{{ .inputs.replicas }}',
      url: 'https://k8s/{{ .entity.properties.namespace }}/{{ .entity.identifier }}?tags={{ .inputs.tags }}',
      missing: '{{ .inputs.nothing }}',
      literal: 'no templates here',
      nested: [{ by: '{{ .trigger.by.user }}' }, 7, true, null],
      braces: '{{ {"a": {"b": .inputs.replicas}} }}',
      quoted: "{{ .inputs.name + '-' + .entity.identifier }}",
      first: '{{ .inputs.tags[] }}',
      none: '{{ empty }}',
    });
    expect(t.dynamic).toBe(true);
    expect(await t.render(context())).toEqual({
      replicas: 3,
      tags: ['a', 'b'],
      label: 'cart-3',
      url: 'https://k8s/shop/CartService?tags=["a","b"]',
      missing: null,
      literal: 'no templates here',
      nested: [{ by: 'ann' }, 7, true, null],
      braces: { a: { b: 3 } },
      quoted: 'cart-CartService',
      first: 'a',
      none: null,
    });
  });

  it('renders templated keys, dropping entries whose key is null', async () => {
    const t = compileTemplate({ '{{ if .inputs.env == "prod" then "locked_in_prod" else "locked_in_test" end }}': true, '{{ .inputs.nothing }}': 'dropped', plain: 1 });
    expect(await t.render(context())).toEqual({ locked_in_prod: true, plain: 1 });
  });

  it('leaves constant values alone', async () => {
    const value = { a: [1, { b: 'c' }] };
    const t = compileTemplate(value);
    expect(t.dynamic).toBe(false);
    expect(await t.render(context())).toBe(value);
  });

  it('lists every template that does not compile, with its pointer', () => {
    expect(templateProblems({ a: '{{ .inputs.( }}', b: ['ok', 'x {{ y'], c: '{{ }}', 'd/e': '{{ ] }}' }, '/body').map((p) => p.pointer)).toEqual(['/body/a', '/body/b/1', '/body/c', '/body/d~1e']);
    expect(() => compileTemplate({ a: '{{ ( }}' }, '/body')).toThrow(LatticeError);
    expect(templateProblems({ a: '{{ entity.identifier }}', b: '{{ .inputs | nosuch(1) }}' }).map((p) => p.message)).toEqual([
      'invalid jq expression "entity.identifier": entity/0 is not defined (at line 1, column 1 of the expression)',
      'invalid jq expression ".inputs | nosuch(1)": nosuch/1 is not defined (at line 1, column 11 of the expression)',
    ]);
  });

  it('fails a render with TEMPLATE_FAILED at the pointer, and never shows a secret in the message', async () => {
    const t = compileTemplate({ header: '{{ .secrets.API_KEY | tonumber }}' }, '/headers');
    const err = await t.render(context()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LatticeError);
    expect((err as LatticeError).code).toBe('TEMPLATE_FAILED');
    expect((err as LatticeError).location?.pointer).toBe('/headers/header');
    expect((err as LatticeError).message).not.toContain('k-123-very-secret');
    expect((err as LatticeError).message).toContain('***');
  });

  it('renders an action’s whole invocation method, its type untouched', async () => {
    const action = loadOne(scaffoldAction('https://hooks/{{ .inputs.name }}'));
    const method = await renderInvocation(action, context());
    expect(method).toMatchObject({ type: 'WEBHOOK', url: 'https://hooks/cart', method: 'POST', headers: { 'X-Api-Key': 'k-123-very-secret' }, body: { name: 'cart', runId: 'run_1' } });
  });
});

describe('maskSecrets', () => {
  it('masks every occurrence, longer values first, and ignores empty ones', () => {
    expect(maskSecrets('a=abc, b=abcdef, again abc', { A: 'abc', B: 'abcdef', E: '' })).toBe('a=***, b=***, again ***');
    expect(maskSecrets('nothing to hide', {})).toBe('nothing to hide');
  });
});
