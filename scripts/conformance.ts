/**
 * `npm run conformance`: runs jq's own test suite (jqlang/jq tests/jq.test, read from
 * ../shared/jq-tests or $LATTICE_JQ_TESTS; never copied into the repo) through the engine, prints
 * pass counts per section and for the features Port uses, and fails only when the pass count drops
 * below the floor in conformance/jq-floor.json (a ratchet). Writes nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileJq } from '../src/model/jq/index.ts';
import { equals } from '../src/model/jq/values.ts';

interface Case { section: string; program: string; input?: string; expected: string[]; fail: boolean; line: number }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.LATTICE_JQ_TESTS ?? join(root, '..', 'shared', 'jq-tests');
if (!existsSync(join(dir, 'jq.test'))) {
  console.error(`conformance: jq's test suite is not at ${join(dir, 'jq.test')} (the ../shared/jq-tests yardstick beside the repository; set LATTICE_JQ_TESTS to its folder)`);
  process.exit(1);
}
const floor = (JSON.parse(readFileSync(join(root, 'conformance', 'jq-floor.json'), 'utf8')) as { pass: number }).pass;

/** Features Port never uses: a case whose program has one of these is left out of the Port rate. */
const NOT_PORT = /\b(reduce|foreach|label|limit|def|tostream|fromstream|truncate_stream|inputs?|getpath|setpath|delpaths|path|splits|combinations|env|builtins|input_line_number|\$__loc__|ltrimstr|rtrimstr|implode|explode|@base32d?|tojson|fromjson|getpath|error|try|catch|isvalid|significand|gamma|frexp|ldexp|modf|drem|nearbyint|trunc|bsearch|getpath|splits|ascii|@sh|@uri|@csv|@tsv|@html|@base64d?|infinite|nan|isinfinite|isnan|isnormal|walk|transpose|first|last|nth|until|while|repeat|range|indices|index|rindex|inside|contains|min_by|max_by|unique_by|group_by|tostring|tonumber|halt|halt_error|\$ENV|input_filename|ltrimstr|splits|sql|getpath|pick|abs|toarray|have_decnum|have_literal_numbers|debug|stderr|todate|fromdate|dateadd|datesub|date|mktime|gmtime|localtime|strftime|strflocaltime|strptime|now)\b|\?\/\/|\.\.|\$__prog|import|include/;

function parseSuite(text: string): Case[] {
  const lines = text.split('\n');
  const cases: Case[] = [];
  let section = 'start';
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') { i++; continue; }
    if (line.startsWith('#')) { const title = line.replace(/^#\s*/, '').trim(); if (title && !/^(FIXME|TODO|Note)/i.test(title) && title.length < 60) section = title; i++; continue; }
    const start = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') { if (!lines[i].startsWith('#')) block.push(lines[i]); i++; }
    if (block[0].startsWith('%%FAIL')) cases.push({ section, program: block[1] ?? '', expected: block.slice(2), fail: true, line: start + 1 });
    else cases.push({ section, program: block[0], input: block[1], expected: block.slice(2), fail: false, line: start + 1 });
  }
  return cases;
}

function runCase(c: Case): boolean {
  if (c.fail) {
    try { compileJq(c.program); return false; } catch { return true; }
  }
  try {
    const input: unknown = JSON.parse((c.input ?? 'null').replace(/^\uFEFF/, ''));
    const out = compileJq(c.program).run(input);
    const expected = c.expected.map((e) => JSON.parse(e) as unknown);
    return out.length === expected.length && out.every((v, k) => equals(v, expected[k]));
  } catch {
    return false;
  }
}

const cases = parseSuite(readFileSync(join(dir, 'jq.test'), 'utf8'));
const sections = new Map<string, { pass: number; total: number }>();
let pass = 0;
let portPass = 0;
let portTotal = 0;
const failures: Case[] = [];
for (const c of cases) {
  const ok = runCase(c);
  const s = sections.get(c.section) ?? { pass: 0, total: 0 };
  s.total++;
  if (ok) { s.pass++; pass++; } else failures.push(c);
  if (!c.fail && !NOT_PORT.test(c.program)) { portTotal++; if (ok) portPass++; }
  sections.set(c.section, s);
}
for (const [name, s] of sections) console.log(`${String(s.pass).padStart(4)}/${String(s.total).padEnd(4)} ${name}`);
if (process.env.LATTICE_JQ_VERBOSE) for (const f of failures) console.log(`FAIL line ${f.line}: ${f.program}`);
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(`\njq.test: ${pass}/${cases.length} passed (${pct(pass, cases.length)}); features Port uses: ${portPass}/${portTotal} (${pct(portPass, portTotal)}); floor ${floor}`);
if (pass < floor) {
  console.error(`conformance fell below the floor: ${pass} < ${floor} (conformance/jq-floor.json)`);
  process.exit(1);
}
