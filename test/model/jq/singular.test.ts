/**
 * The singular fast path (src/model/jq/singular.ts) against the general path: every program runs
 * compiled both ways (`compileJq` and `compileJqReference`, where every node pushes to a callback)
 * on the same inputs, and the outputs (`run` and `first`) and errors (class and message) must be
 * the same. `singular` on the program tells that the fast path ran, so a construct cannot silently
 * fall back to the general path.
 */
import { describe, expect, it } from 'vitest';
import { compileJq, compileJqReference } from '../../../src/model/jq/index.ts';
import { toJson } from '../../../src/model/jq/values.ts';
import { PORT_MAPPING_EXPRESSIONS } from './corpus.ts';

const INPUTS: readonly unknown[] = [
  null,
  { a: { b: 2, c: 'x' }, b: 3, c: null, k: 'a', s: 'org/repo-x', n: -4.5, arr: [1, 'two', null, { a: 1 }], t: true, f: false, date: '2024-03-05T23:51:47Z' },
  { a: 'text', b: 'y', k: 7, s: 5, arr: 'no', n: '3' },
  [3, 1, 2],
  'a string',
  0,
  {
    cluster: 'prod', metadata: { namespace: 'ns', name: 'web', labels: { 'backstage.io/kubernetes-id': 'cart', 'pod-template-hash': 'abc' }, ownerReferences: [{ kind: 'Node', name: 'n1' }, { kind: 'ReplicaSet', name: 'web-abc' }] },
    spec: { replicas: 3, template: { spec: { containers: [{ image: 'app:1' }, { image: 'side:2' }] } } },
    status: { readyReplicas: 2, conditions: [{ type: 'Ready', status: 'True', reason: null, message: 'ok' }, { type: 'Progressing', status: 'False', reason: 'r', message: null }] },
  },
];

/** What a program gives for an input: its outputs, or the error it throws, as text. */
function outcome(f: () => unknown): string {
  try {
    const v = f();
    return Array.isArray(v) ? v.map(toJson).join(' ') : toJson(v ?? null);
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

/** The differences between the fast path and the reference for a program over INPUTS (empty when none). */
function differences(program: string, vars: Readonly<Record<string, unknown>> = {}): string[] {
  const names = Object.keys(vars);
  const fast = compileJq(program, names);
  const reference = compileJqReference(program, names);
  expect(reference.singular).toBe(false);
  const out: string[] = [];
  INPUTS.forEach((input, n) => {
    for (const mode of ['run', 'first'] as const) {
      const a = outcome(() => fast[mode](input, vars));
      const b = outcome(() => reference[mode](input, vars));
      if (a !== b) out.push(`${program} ${mode} input#${n}: fast ${a} | reference ${b}`);
    }
  });
  return out;
}

/** Programs the fast path evaluates whole (the program is singular), by construct. */
const SINGULAR: Readonly<Record<string, readonly string[]>> = {
  'identity, literals, variables, $__loc__': ['.', '1', '"s"', 'null', '[1,{"a":2}]', '$x', '$ENV', '$x.y', '$__loc__', '{a: $__loc__}', '[$__loc__, $__loc__] | .[0] == .[1]'],
  'paths': ['.a', '.a.b', '.["a"]', '.a["b"]', '.[.k]', '.arr[1]', '.arr[-1]', '.a.b.c', '.[0]', '.s[1:3]', '.arr[1:]', '.[:2]', '.[.b:]'],
  'operators (right operand first)': ['.a + .b', '.b - 1', '.n * 2', '.b / .b', '.b % 2', '-.n', '-.a', '(.a | tonumber) + (.b | tonumber)', '.a.b == 2', '.b < .a', '.b >= 3', '.s / "/"', '.a * .a', '.b / 0', '{} + .a'],
  'and, or, not': ['.t and .f', '.f and .a.b.c', '.t or .a.b.c', '.f or .t', '(.a | not)', '.c and (.a.b | length > 0)'],
  'alternative (left errors suppressed)': ['.c // 0', '.a.b // 0', '.a.b.c // "d"', '(.a | tonumber) // 5', '(.a.b / 0) // "div"', '.f // .c // "last"'],
  'arrays (always singular)': ['[.a]', '[.arr[]?]', '[.[]?]', '[.a, .b]', '[]', '[.arr[] | .a?]', '[range(3)]', '[empty]', '[limit(1; {a: .b, b: (1,2)})]'],
  'objects (one object, keys in order)': ['{a: .b, b: .a}', '{a, b}', '{(.k): 1}', '{"__proto__": 1} | keys', '{a: 1, a: 2}', '{a: .x.y, b: 1}', '{a: .a.b.c}', '{(.b): 1}', '{"x\\(.k)": .k}', '{$x}', '{a: $__loc__.line}'],
  'strings': ['"\\(.a)-\\(.b)"', '"v=\\(.n | tostring)"', '@base64 "x\\(.k)"', '@json "v: \\(.)"', '@text', '@html "<\\(.a)>"', '@csv'],
  'if': ['if .a then .b else .c end', 'if .a then .b end', 'if .f then 1 elif .t then 2 else 3 end', 'if .a.b.c then 1 else 2 end'],
  'pipes and bindings': ['.a | .b', '.s | split("/") | .[0]', '.a as $v | $v', '.b as $v | [$v, .a]', '. as $top | .a | $top.b'],
  'value builtins': ['length', '.s | ascii_downcase', '.s | rtrimstr("-x")', '.s | ltrimstr("org/")', 'tostring', 'tojson', 'type', '.s | test("repo")', '.s | test(.k)', 'keys', '.arr | join(",")', '.date | fromdateiso8601', '.s | split("/"; null)', 'has("a")', 'not', '.n | floor', 'tonumber', 'utf8bytelength', '.s | ascii_upcase | explode | implode'],
  'jq-defined builtins': ['map(.)', '.arr | map(type)', 'to_entries', 'with_entries(select(.value != null))', 'from_entries', 'first', 'last', 'nth(1)', '.n | abs', 'add(.[]?)', 'reduce .[]? as $x (0; . + 1)', 'del(.a.b)', 'to_entries | from_entries'],
  'Kubernetes mappings': [
    '.cluster + "/" + .metadata.namespace + "/" + .metadata.name', '.status.readyReplicas // 0', '[.spec.template.spec.containers[]?.image]',
    '[.status.conditions[]? | {type, status, reason, message} | with_entries(select(.value != null))]', '.metadata.labels["backstage.io/kubernetes-id"]',
  ],
};

/** Programs that are not singular (streams): the general path, still compared. */
const STREAMS: readonly string[] = [
  '.[]?', '.a, .b', 'empty', '.a?', '(.a.b)?', 'try .a.b catch .', 'try (.a | tonumber) catch "bad"', 'error', 'error("x")', 'first(.[]?)', 'first({a: (1,2)})',
  'limit(1; {a: .b, b: (1,2)})', 'limit(2; .[]?)', '{a: (1,2), b: (3,4)}', '{a: (1,2), "__proto__": 3}', '{(.k, "z"): .b}', '.a // empty', '.x // error("no")', '.a.b.c // (1, 2)', '(.a // .b, .c) // 1',
  'label $out | .a, break $out', 'select(.a)', 'path(.a.b)', 'path(.a // .b)', 'path(if .a then .b else .c end)', 'path(.a + 1)', 'path(1)', 'path(first)', '.a.b = 1', '.a.b |= 1', '.b += 1',
  'map_values(. == null)', 'paths', 'paths | length', 'any(.[]?; . == 1)', '.[]? as [$a] | $a', 'def length: 42; length', 'def f(length): length; f(1, 2)', 'def tostring: "x"; [1 | tostring]',
  'def f($a): $a + 1; f(.b)', 'recurse', '..', 'foreach .[]? as $x (0; . + 1)', '.a |= empty', 'getpath(["a", "b"])', 'splits("/")?', 'range(.b)?',
  'first(.metadata.ownerReferences[]? | select(.kind == "ReplicaSet")) as $rs | $rs.name', 'any(.status.conditions[]?; .type == "Ready" and .status == "True")',
];

describe('jq singular fast path', () => {
  for (const [construct, programs] of Object.entries(SINGULAR)) {
    it(`${construct}: evaluated directly, with the same outputs and errors as the general path`, () => {
      expect(programs.filter((p) => !compileJq(p, ['x']).singular)).toEqual([]);
      expect(programs.flatMap((p) => differences(p, { x: { y: 1 } }))).toEqual([]);
    });
  }

  it('streams keep the general path, with the same outputs and errors', () => {
    expect(STREAMS.filter((p) => compileJq(p).singular)).toEqual([]);
    expect(STREAMS.flatMap((p) => differences(p))).toEqual([]);
  });

  it('the Port corpus expressions give the same on both paths; most are singular', () => {
    expect(PORT_MAPPING_EXPRESSIONS.flatMap((p) => differences(p))).toEqual([]);
    const singular = PORT_MAPPING_EXPRESSIONS.filter((p) => compileJq(p).singular).length;
    expect(singular).toBeGreaterThan(PORT_MAPPING_EXPRESSIONS.length / 2);
  });

  it('the step budget and the recursion depth hold on the fast path', () => {
    const deep = `${'[map(.)'.repeat(5)}${']'.repeat(5)}`;
    expect(compileJq(deep).singular).toBe(true);
    expect(differences(deep)).toEqual([]);
    const steps = compileJq('[range(1e9)] | length');
    expect(steps.singular).toBe(true);
    expect(() => steps.first(null)).toThrow(/budget of 1000000 steps/);
    expect(() => compileJq('try ([range(1e9)] | length) catch "caught"').first(null)).toThrow(/budget/);
  });

  it('a shadowed builtin is called as defined, not as the builtin', () => {
    expect(compileJq('def length: 42; [1,2] | length').first(null)).toBe(42);
    expect(compileJq('def f(length): [length]; f(1, 2)').first(null)).toEqual([1, 2]);
    expect(compileJq('def map(f): "mine"; map(.)').first([1])).toBe('mine');
  });
});
