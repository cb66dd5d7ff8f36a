/**
 * `npm run conformance`: runs jq's own test suite (jqlang/jq tests/jq.test, read from
 * ../shared/jq-tests or $LATTICE_JQ_TESTS; never copied into the repo) through the engine, prints
 * pass counts per section, overall and for the Port subset (the cases whose every feature the Port
 * corpus uses: scripts/jqPortSubset.ts, corpus read from ../shared/port-corpus or
 * $LATTICE_PORT_CORPUS), and compiles every mapping and calculation expression of the corpus.
 * Fails when the pass counts drop below the floors in conformance/jq-floor.json (a ratchet) or a
 * corpus expression does not compile that is not in the corpus's jq-compile-failures.json (stock jq
 * refuses those too). Writes nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileExpression } from '../src/model/expressions.ts';
import { compileJq } from '../src/model/jq/index.ts';
import { equals } from '../src/model/jq/values.ts';
import { corpusExpressions, jqFeatures } from './jqPortSubset.ts';

interface Case { section: string; program: string; input?: string; expected: string[]; fail: boolean; line: number }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.LATTICE_JQ_TESTS ?? join(root, '..', 'shared', 'jq-tests');
if (!existsSync(join(dir, 'jq.test'))) {
  console.error(`conformance: jq's test suite is not at ${join(dir, 'jq.test')} (the ../shared/jq-tests yardstick beside the repository; set LATTICE_JQ_TESTS to its folder)`);
  process.exit(1);
}
const corpus = process.env.LATTICE_PORT_CORPUS ?? join(root, '..', 'shared', 'port-corpus');
if (!existsSync(join(corpus, 'jq-compile-failures.json'))) {
  console.error(`conformance: the Port corpus is not at ${corpus} (the ../shared/port-corpus yardstick beside the repository; set LATTICE_PORT_CORPUS to its folder)`);
  process.exit(1);
}
const floor = JSON.parse(readFileSync(join(root, 'conformance', 'jq-floor.json'), 'utf8')) as { pass: number; portPass: number };

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

let portPass = 0;
let portTotal = 0;
// The Port subset: every feature the corpus's mapping and calculation expressions use (those jq compiles).
const expressions = corpusExpressions(corpus);
const compiles = (source: string): boolean => { try { compileExpression(source); return true; } catch { return false; } };
const portFeatures = new Set(expressions.filter((e) => compiles(e.source)).flatMap((e) => [...(jqFeatures(e.source) ?? [])]));
const inPortSubset = (c: Case): boolean => {
  if (c.fail) return false;
  const used = jqFeatures(c.program);
  return used !== undefined && [...used].every((f) => portFeatures.has(f));
};

/** jq's suites: the language (jq.test, the floor's "pass"), regular expressions, @base64d, the manual's examples. */
const SUITES = ['jq.test', 'onig.test', 'base64.test', 'man.test'].filter((f) => existsSync(join(dir, f)));
const bySuite = new Map(SUITES.map((f) => [f, parseSuite(readFileSync(join(dir, f), 'utf8')).map((c) => ({ ...c, section: f === 'jq.test' ? c.section : `${f}: ${c.section}` }))]));
const cases = bySuite.get('jq.test') ?? [];
const others = SUITES.filter((f) => f !== 'jq.test').map((f) => {
  const list = bySuite.get(f) ?? [];
  let ok = 0;
  for (const c of list) {
    if (runCase(c)) ok++; else if (process.env.LATTICE_JQ_VERBOSE) console.log(`FAIL ${f} line ${c.line}: ${c.program}`);
    if (inPortSubset(c)) { portTotal++; if (runCase(c)) portPass++; }
  }
  return { file: f, pass: ok, total: list.length };
});
const sections = new Map<string, { pass: number; total: number }>();
let pass = 0;
const failures: Case[] = [];
for (const c of cases) {
  const ok = runCase(c);
  const s = sections.get(c.section) ?? { pass: 0, total: 0 };
  s.total++;
  if (ok) { s.pass++; pass++; } else failures.push(c);
  if (inPortSubset(c)) { portTotal++; if (ok) portPass++; else if (process.env.LATTICE_JQ_VERBOSE) console.log(`FAIL (Port subset) line ${c.line}: ${c.program}`); }
  sections.set(c.section, s);
}
for (const [name, s] of sections) console.log(`${String(s.pass).padStart(4)}/${String(s.total).padEnd(4)} ${name}`);
if (process.env.LATTICE_JQ_VERBOSE) for (const f of failures) console.log(`FAIL line ${f.line}: ${f.program}`);

// Every corpus expression compiles, except those stock jq refuses too.
const known = new Set((JSON.parse(readFileSync(join(corpus, 'jq-compile-failures.json'), 'utf8')) as { failures: { file: string; expr: string }[] }).failures.map((f) => `${f.file}\u0000${f.expr}`));
let compiled = 0;
let refusedAsJq = 0;
const unexpected: string[] = [];
for (const e of expressions) {
  try { compileExpression(e.source); compiled++; } catch (err) {
    if (known.has(`${e.file}\u0000${e.source}`)) refusedAsJq++;
    else unexpected.push(`${e.file}#${e.pointer}: ${(err as Error).message}`);
  }
}

const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(`\njq.test: ${pass}/${cases.length} passed (${pct(pass, cases.length)}); floor ${floor.pass}`);
for (const o of others) console.log(`${o.file}: ${o.pass}/${o.total} passed (${pct(o.pass, o.total)})`);
console.log(`Port subset of jq's suites (${portFeatures.size} features the corpus uses): ${portPass}/${portTotal} passed (${pct(portPass, portTotal)}); floor ${floor.portPass}`);
console.log(`Port corpus: ${compiled}/${expressions.length} mapping and calculation expressions compile (${expressions.filter((e) => e.context === 'mapping').length} mapping, ${expressions.filter((e) => e.context === 'calculation').length} calculation); ${refusedAsJq} listed in jq-compile-failures.json (stock jq refuses them too); ${unexpected.length} other failures`);
for (const u of unexpected) console.log(`  does not compile: ${u}`);
if (process.env.LATTICE_JQ_VERBOSE) console.log(`Port features: ${[...portFeatures].sort().join(' ')}`);
let failed = false;
if (pass < floor.pass) { console.error(`conformance fell below the floor: ${pass} < ${floor.pass} (conformance/jq-floor.json "pass")`); failed = true; }
if (portPass < floor.portPass) { console.error(`the Port subset fell below the floor: ${portPass} < ${floor.portPass} (conformance/jq-floor.json "portPass")`); failed = true; }
if (unexpected.length > 0) { console.error(`${unexpected.length} corpus expressions do not compile`); failed = true; }
if (failed) process.exit(1);
