/**
 * Unit tests of the jq engine, one block per feature, plus the limits (step budget, recursion
 * depth, no environment) each tried with a program meant to break it.
 */
import { describe, expect, it } from 'vitest';
import { compileJq, JqRuntimeError, JqSyntaxError } from '../../../src/model/jq/index.ts';

const run = (program: string, input: unknown = null, vars?: Record<string, unknown>): unknown[] => compileJq(program, Object.keys(vars ?? {})).run(input, vars);

describe('jq engine: paths, pipes and construction', () => {
  it('indexes, iterates, slices and pipes', () => {
    expect(run('.a.b', { a: { b: 1 } })).toEqual([1]);
    expect(run('.full_name | split("/") | .[0]', { full_name: 'org/repo' })).toEqual(['org']);
    expect(run('.[]', [1, 2])).toEqual([1, 2]);
    expect(run('.[1:]', 'abc')).toEqual(['bc']);
    expect(run('.["a"]?', 1)).toEqual([]);
    expect(run('.x?.y', {})).toEqual([null]);
    expect(run('getpath(["a",0])', null)).toEqual([null]);
  });
  it('builds objects and arrays in jq order (first key outermost)', () => {
    expect(run('{a: (1,2), b: (3,4)}')).toEqual([{ a: 1, b: 3 }, { a: 1, b: 4 }, { a: 2, b: 3 }, { a: 2, b: 4 }]);
    expect(run('{name, $x}', { name: 'n' }, { x: 1 })).toEqual([{ name: 'n', x: 1 }]);
    expect(run('[(1,2) + (10,20)]')).toEqual([[11, 12, 21, 22]]);
    // A repeated key keeps its first place and takes the last value; `__proto__` is an ordinary key.
    expect(run('[{a: (1,2), b: .x, a: 3}] | length, map(keys_unsorted), map(.a)', { x: 0 })).toEqual([2, [['a', 'b'], ['a', 'b']], [3, 3]]);
    expect(run('{a: (1,2), b: (.x, 5)} | [.a, .b]', { x: 0 })).toEqual([[1, 0], [1, 5], [2, 0], [2, 5]]);
    expect(run('{b: (1,2), "__proto__": 3} | keys, .["__proto__"]')).toEqual([['__proto__', 'b'], 3, ['__proto__', 'b'], 3]);
  });
  it('alternatives, conditionals, and/or', () => {
    expect(run('(.a // 0)', {})).toEqual([0]);
    expect(run('[.[] // "d"]', [null, false])).toEqual([['d']]);
    expect(run('if . then "y" elif . == false then "f" else "n" end', false)).toEqual(['f']);
    expect(run('[(true,false) and (true,false)]')).toEqual([[true, false, false]]);
  });
});

describe('jq engine: control flow', () => {
  it('try/catch, error, label/break, limit, first, reduce, foreach', () => {
    expect(run('try error("x") catch .')).toEqual(['x']);
    expect(run('[.[] | try (if . == 2 then error("no") else . end) catch "c"]', [1, 2, 3])).toEqual([[1, 'c', 3]]);
    expect(run('[label $out | 1, 2, break $out, 3]')).toEqual([[1, 2]]);
    expect(run('[limit(3; range(100))], [limit(0; 1, 2)]')).toEqual([[0, 1, 2], []]);
    expect(run('first(range(10; 20))')).toEqual([10]);
    expect(run('reduce .[] as $x (0; . + $x)', [1, 2, 3])).toEqual([6]);
    expect(run('[foreach .[] as $x (0; . + $x)]', [1, 2, 3])).toEqual([[1, 3, 6]]);
  });
  it('functions with filter and $ parameters, recursion, destructuring', () => {
    expect(run('def f(g; $n): [g * $n]; f(.[]; 2)', [1, 2])).toEqual([[2, 4]]);
    expect(run('def fac: if . <= 1 then 1 else . * (. - 1 | fac) end; fac', 5)).toEqual([120]);
    expect(run('. as [$a, {b: $c}] | [$a, $c]', [1, { b: 2 }])).toEqual([[1, 2]]);
  });
  it('assignment operators and del', () => {
    expect(run('.a |= . + 1', { a: 1 })).toEqual([{ a: 2 }]);
    expect(run('.a += 2 | .b = 3', { a: 1 })).toEqual([{ a: 3, b: 3 }]);
    expect(run('.a //= 5', { a: null })).toEqual([{ a: 5 }]);
    expect(run('del(.[] | select(. > 1))', [1, 2, 3])).toEqual([[1]]);
    expect(run('[paths]', { a: [1] })).toEqual([[['a'], ['a', 0]]]);
    expect(run('to_entries | from_entries', { a: 1 })).toEqual([{ a: 1 }]);
  });
});

describe('jq engine: strings, regex, formats and dates', () => {
  it('string functions and interpolation', () => {
    expect(run('"x\\(.a)y"', { a: [1] })).toEqual(['x[1]y']);
    expect(run('ascii_downcase, ltrimstr("A"), startswith("AB")', 'ABC')).toEqual(['abc', 'BC', true]);
    expect(run('[.[] | tostring] | join(",")', [1, 'a', null])).toEqual(['1,a,null']);
  });
  it('regex: test, match, capture, sub, gsub, scan', () => {
    expect(run('test("A"; "i")', 'abc')).toEqual([true]);
    expect(run('capture("(?<x>[a-z]+)-(?<n>[0-9]+)")', 'xyz-12')).toEqual([{ x: 'xyz', n: '12' }]);
    expect(run('gsub("b"; "X")', 'abcb')).toEqual(['aXcX']);
    expect(run('[scan("[0-9]+")]', 'a1b22')).toEqual([['1', '22']]);
  });
  it('formats', () => {
    expect(run('@base64, (@base64 | @base64d), @uri, @html', 'a b<')).toEqual(['YSBiPA==', 'a b<', 'a%20b%3C', 'a b&lt;']);
    expect(run('@csv, @tsv, @sh', ['a', 1, 'b"c'])).toEqual(['"a",1,"b""c"', 'a\t1\tb"c', "'a' 1 'b\"c'"]);
  });
  it('dates in UTC', () => {
    expect(run('fromdate, (fromdate | todate)', '2015-03-05T23:51:47Z')).toEqual([1425599507, '2015-03-05T23:51:47Z']);
    expect(run('strptime("%Y-%m-%d %H:%M:%S") | mktime', '2015-03-05 23:51:47')).toEqual([1425599507]);
    // A format's pattern is built once and reused: the same answers, and the same error, every time.
    expect(run('[.[] | strptime("%d/%m/%Y") | mktime]', ['05/03/2015', '06/03/2015', '05/03/2015'])).toEqual([[1425513600, 1425600000, 1425513600]]);
    expect(run('[.[] | try strptime("%Q") catch .]', ['a', 'b'])).toEqual([['strptime/1: unsupported conversion %Q', 'strptime/1: unsupported conversion %Q']]);
    expect(run('[.[] | try strptime("%Y") catch .]', ['2015', 'x'])).toEqual([[[2015, 0, 1, 0, 0, 0, 4, 0], 'date "x" does not match format "%Y"']]);
  });
  it('prints numbers and sorts as jq', () => {
    expect(run('tojson', [1e17, 1e-5, 3.0, 0.1])).toEqual(['[1e+17,1e-05,3,0.1]']);
    expect(run('sort', [{}, [], 'a', 1, true, false, null])).toEqual([[null, false, true, 1, 'a', [], {}]]);
    expect(run('keys', { b: 1, a: 2 })).toEqual([['a', 'b']]);
  });
});

describe('jq engine: errors and limits', () => {
  it('a syntax error is a JqSyntaxError with line and column and what was expected', () => {
    let err: unknown;
    try { compileJq('.a |\n  (.b'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(JqSyntaxError);
    expect((err as JqSyntaxError).location).toEqual({ line: 2, column: 6 });
    expect((err as JqSyntaxError).message).toContain("expected ')'");
  });
  it('a name that is not defined is refused when compiling, with its position, as jq refuses it', () => {
    const at = (program: string, vars: string[] = []): unknown => { try { compileJq(program, vars); return null; } catch (e) { return [(e as JqSyntaxError).message, (e as JqSyntaxError).location]; } };
    expect(at('.a | foo(1)')).toEqual(['jq syntax error at 1:6: foo/1 is not defined', { line: 1, column: 6 }]);
    expect(at('properties.x')).toEqual(['jq syntax error at 1:1: properties/0 is not defined', { line: 1, column: 1 }]);
    expect(at('.a as $x | $y')).toEqual(['jq syntax error at 1:12: $y is not defined', { line: 1, column: 12 }]);
    expect(at('label $out | break $other')).toEqual(['jq syntax error at 1:14: $*label-other is not defined', { line: 1, column: 14 }]);
    expect(at('def f(g; $v): g + $v + v; f(1; 2) | split(","; null) | $__loc__ | $ENV | $y', ['y'])).toBeNull();
    expect(at('reduce .[] as [$a, {b: $c}] (0; . + $a + $c) | $a')).toEqual(['jq syntax error at 1:48: $a is not defined', { line: 1, column: 48 }]);
  });
  it('runtime errors carry jq\'s message', () => {
    expect(() => run('.a', 1)).toThrow(new JqRuntimeError('Cannot index number with string "a"'));
    expect(run('try ({} + 1) catch .')).toEqual(['object ({}) and number (1) cannot be added']);
  });
  it('[range(1e9)] and an infinite loop stop on the step budget; try cannot swallow it', () => {
    expect(() => run('[range(1e9)]')).toThrow(/budget of 1000000 steps/);
    expect(() => run('try [range(1e9)] catch "caught"')).toThrow(/budget/);
    expect(() => run('try [repeat(1)] catch "caught"')).toThrow(/budget|too deep|recursion depth/);
  });
  it('unbounded recursion stops on the depth limit', () => {
    expect(() => run('def f: f; f')).toThrow(/recursion depth/);
    expect(() => run('def f: 1 + f; f')).toThrow(/recursion depth|too deep/);
  });
  it('sees no process environment', () => {
    process.env.LATTICE_JQ_SECRET = 'hunter2';
    expect(run('$ENV, env')).toEqual([{}, {}]);
    expect(run('[inputs]')).toEqual([[]]);
  });
  it('caches programs by source; first() stops after one output', () => {
    expect(compileJq('.a')).toBe(compileJq('.a'));
    expect(compileJq('range(1e9)').first(null)).toBe(0);
    expect(compileJq('empty').first(null)).toBeUndefined();
  });
});
