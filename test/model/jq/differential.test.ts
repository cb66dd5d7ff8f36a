/**
 * Differential test: the engine against Debian's `jq` binary over generated programs and inputs.
 * Each program runs once through `jq -c` with all inputs on stdin, wrapped as
 * `try [PROGRAM] catch "__error__"` so each input gives one line; outputs must match exactly.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compileJq } from '../../../src/model/jq/index.ts';
import { toJson } from '../../../src/model/jq/values.ts';
import { PORT_MAPPING_EXPRESSIONS } from './corpus.ts';

/** Debian's jq (`.ci/install-jq.sh`); LATTICE_JQ_BIN overrides the path. */
const JQ_BIN = process.env.LATTICE_JQ_BIN ?? '/usr/bin/jq';

function jqAvailable(): boolean {
  try { execFileSync(JQ_BIN, ['--version']); return true; } catch { return false; }
}

/** A small deterministic PRNG so the inputs are the same on every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

const WORDS = ['alpha', 'Beta', 'gamma/delta', 'x y', 'group:ops', 'user:ann', '', 'prod-1', 'ÄÖ', 'a,b'];

function makeInput(r: () => number): unknown {
  const word = (): string => WORDS[Math.floor(r() * WORDS.length)];
  const num = (): number => Math.floor(r() * 2000) - 500 + (r() < 0.3 ? 0.5 : 0);
  const maybe = <T>(v: T): T | null => (r() < 0.2 ? null : v);
  return {
    name: word(), full_name: `${word()}/${word()}`, id: num(), count: num(), flag: r() < 0.5, tags: [word(), word(), word()],
    nums: [num(), num(), num(), num()], meta: { owner: maybe(word()), created: 1425599507 + Math.floor(r() * 1e8), labels: { team: word() } },
    items: [{ a: num(), b: word() }, { a: num(), b: word() }, { a: maybe(num()), b: word() }],
    relations: [{ type: 'ownedBy', targetRef: `group:${word()}` }, { type: 'hasMember', targetRef: `user:${word()}` }],
    date: '2024-03-05T23:51:47Z', empty: null,
  };
}

const FIELDS = ['.name', '.full_name', '.id', '.count', '.flag', '.tags', '.nums', '.meta', '.meta.owner', '.meta.labels.team', '.items', '.empty', '.missing'];
const UNARY = ['length', 'type', 'tostring', 'keys?', 'not', 'tojson', 'ascii_downcase?', 'ascii_upcase?', '.[0]?', '.[-1:]?', 'sort?', 'unique?', 'add?', 'min?', 'max?', 'to_entries?', 'has("a")?', 'split("/")?', 'join(",")?', 'test("a")?', 'floor?', 'tonumber?', '[.[]?]', 'values', 'strings', 'arrays', 'numbers', '@base64?', '@html', '@uri?', 'length > 3'];

function generatedPrograms(): string[] {
  const r = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const out = new Set<string>();
  const shapes: Array<() => string> = [
    () => `${pick(FIELDS)} | ${pick(UNARY)}`,
    () => `${pick(FIELDS)} // ${pick(FIELDS)}`,
    () => `{a: ${pick(FIELDS)}, b: (${pick(FIELDS)} | ${pick(UNARY)})}`,
    () => `[${pick(FIELDS)}, ${pick(FIELDS)}] | map(${pick(UNARY)})`,
    () => `if ${pick(FIELDS)} then ${pick(FIELDS)} else ${pick(FIELDS)} end`,
    () => `[.items[] | select(.a != null and .a > ${Math.floor(r() * 500)}) | .b]`,
    () => `.nums | map(. * ${Math.floor(r() * 5)} + 1) | ${pick(['add', 'sort', 'max', 'min', 'length', 'unique'])}`,
    () => `${pick(FIELDS)} | ${pick(UNARY)} | ${pick(UNARY)}`,
    () => `.items | ${pick(['sort_by(.a)', 'group_by(.b) | length', 'map(.b) | join("-")', 'min_by(.a) | .b', 'max_by(.a) | .a', 'unique_by(.b) | length', 'map(select(.b | test("a"))) | length', 'to_entries | map(.key)'])}`,
    () => `.full_name | ${pick(['split("/") | .[0]', 'sub("/"; "-")', 'gsub("a"; "A")', 'ascii_downcase | ltrimstr("gamma")', '[scan("[a-z]+")]', 'startswith("al")', 'endswith("ta")', 'explode | length', 'capture("(?<first>[^/]*)/(?<rest>.*)")', '. / "/"', 'indices("a")'])}`,
    () => `del(${pick(['.name', '.tags[0]', '.items[] | select(.a == null)', '.meta.labels', '.nums[1:3]'])})`,
    () => `${pick(['.count', '.meta.labels.team', '.tags[1]', '.items[0].a'])} ${pick(['|=', '=', '//='])} ${pick(['1', '"x"', 'null', '. '])}`,
    () => `.meta.created | ${pick(['todate', 'gmtime | mktime', 'strftime("%Y-%m-%d %H:%M")', 'todate | fromdate'])}`,
    () => `[paths] | length`, () => `[leaf_paths | join(".")?]`, () => `with_entries(select(.value | type == "string"))`,
    () => `reduce .nums[] as $x (0; . + $x)`, () => `. as {name: $n, tags: [$t0]} | [$n, $t0]`, () => `"\\(.name)-\\(.id)"`,
    () => `[.relations[] | select(.type == "ownedBy") | .targetRef | ltrimstr("group:")]`, () => `.tags | index("alpha")`, () => `[limit(2; .nums[])]`,
    () => `.tags | any(. == "Beta")`, () => `.nums | all(. > 0)`, () => `[.nums[] | tostring] | join(",")`, () => `.date | fromdateiso8601`,
    () => `{(.name): .id}?`, () => `.items | map(.a // 0) | add`, () => `[.nums[] | . % 7]`, () => `[.nums[] | floor | . / 4]`, () => `.tags | contains(["alpha"])`,
    () => `walk(if type == "string" then ascii_upcase else . end) | .tags`, () => `[.. | numbers] | length`, () => `try error(.name) catch .`, () => `.items | first(.[] | select(.a > 0))?`,
    () => `@csv "\\(.tags)"`, () => `[.tags[] | @sh]`, () => `.meta | to_entries | from_entries`, () => `[range(0; .nums | length; 2)]`, () => `.nums | .[1:] | length`,
  ];
  while (out.size < 160) out.add(pick(shapes)());
  return [...out];
}

function ours(program: string, input: unknown): string {
  try { return toJson(compileJq(program).run(input)); } catch { return '"__error__"'; }
}

describe('jq engine against /usr/bin/jq', () => {
  it('jq is installed (CI: .ci/install-jq.sh)', () => {
    expect(jqAvailable(), 'the differential test needs the jq binary: run .ci/install-jq.sh (apt-get install -y jq)').toBe(true);
  });

  const r = rng(42);
  const inputs = Array.from({ length: 5 }, () => makeInput(r));
  const programs = [...PORT_MAPPING_EXPRESSIONS, ...generatedPrograms()];

  it(`agrees with jq on ${programs.length} programs × ${inputs.length} inputs`, () => {
    expect(jqAvailable(), 'jq binary missing').toBe(true);
    const stdin = inputs.map((i) => JSON.stringify(i)).join('\n');
    const mismatches: string[] = [];
    let compared = 0;
    for (const program of programs) {
      let theirs: string[];
      try {
        theirs = execFileSync(JQ_BIN, ['-c', `try [${program}] catch "__error__"`], { input: stdin, encoding: 'utf8' }).trimEnd().split('\n');
      } catch {
        theirs = inputs.map(() => '"__error__"');
      }
      inputs.forEach((input, k) => {
        compared++;
        const mine = ours(program, input);
        if (mine !== theirs[k]) mismatches.push(`${program}  input#${k}\n  jq:   ${theirs[k]}\n  ours: ${mine}`);
      });
    }
    expect(compared).toBe(programs.length * inputs.length);
    if (process.env.JQ_DIFF_DUMP) console.log(mismatches.join('\n'));
    expect(mismatches.slice(0, 15).join('\n')).toBe('');
  }, 300_000); // one jq process per program: minutes on a loaded 2-core machine
});
