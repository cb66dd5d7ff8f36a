/**
 * `npm run bench:jq`: what jq costs Lattice, in µs, measured three ways in one run:
 *
 * - per expression: typical Port mappings and calculations, one jq program on one input
 *   (`compileJq(...).first`);
 * - per mapping: the GitHub example's `repository` and `pullRequest` mappings
 *   (examples/github/lattice.yaml) turning one upstream object into one entity (`compileMapping`);
 * - per calculation: calculation properties over an entity as Port gives it (`compileExpression`).
 *
 * JSONata is gone from the product, so its figures are the ones recorded before the switch, on this
 * machine (bench/README.md says how); the ratio column compares with them. Writes
 * bench/results/jq.json and bench/results/jq.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { resourceExpressions } from '../src/config/expressions.ts';
import type { ResourceConfig } from '../src/config/types.ts';
import { compileMapping } from '../src/data/mapping.ts';
import { compileExpression } from '../src/model/expressions.ts';
import { compileJq } from '../src/model/jq/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ITER = Number(process.env.BENCH_ITER ?? 50_000);

const input = {
  full_name: 'port-labs/ocean', name: 'ocean', id: 1234, stargazers_count: 87, language: 'Python',
  updated_at: '2024-03-05T23:51:47Z', topics: ['catalog', 'ocean', 'integrations'],
  relations: [{ type: 'ownedBy', targetRef: 'group:platform' }, { type: 'hasMember', targetRef: 'user:ann' }],
  properties: { x: 41, tier: 'gold' }, owner: { login: 'port-labs' }, head: { repo: { name: 'ocean' } },
  spec: { template: { spec: { containers: [{ name: 'app', image: 'app:1', resources: { limits: { memory: '1Gi', cpu: '1' } } }] } } },
};

/** One expression each; `jsonata` is JSONata's µs for the same mapping, recorded 2026-12-05 (bench/README.md). */
const EXPRESSIONS: ReadonlyArray<{ jq: string; jsonata: number }> = [
  { jq: '.name', jsonata: 7.75 },
  { jq: '.owner.login', jsonata: 9.41 },
  { jq: '.properties.x + 1', jsonata: 5.2 },
  { jq: '.full_name | split("/") | .[0]', jsonata: 10.05 },
  { jq: '.description // ""', jsonata: 1.57 },
  { jq: '.head.repo.name + "-" + (.id | tostring)', jsonata: 6.43 },
  { jq: '[.relations[] | select(.type == "ownedBy") | .targetRef]', jsonata: 7.1 },
  { jq: '.topics | map(ascii_upcase) | join(",")', jsonata: 9.25 },
  { jq: '{identifier: .full_name, title: .name, stars: .stargazers_count}', jsonata: 7.13 },
  { jq: 'if .stargazers_count > 50 then "popular" else "niche" end', jsonata: 3.73 },
  { jq: '.full_name | gsub("/"; "-")', jsonata: 3.82 },
];

/** The objects the GitHub source hands its mappings, as the simulator serves them. */
const repository = {
  name: 'cart-service', url: 'https://github.com/acme/cart-service', description: 'Cart', language: 'Go', topics: ['cart', 'shop'],
  defaultBranch: 'main', openPullRequests: 3, latestRun: { conclusion: null, status: 'in_progress', url: 'https://github.com/acme/cart-service/actions/runs/1' },
  pushedAt: '2024-03-05T23:51:47Z', isArchived: false,
};
const pullRequest = { number: 42, title: 'Fix cart', url: 'https://github.com/acme/cart-service/pull/42', author: 'ann', isDraft: false, createdAt: '2024-03-05T23:51:47Z', repository: { name: 'cart-service' } };
const entity = {
  identifier: 'cart-api', title: 'Cart API', blueprint: 'Component', team: ['shop'], icon: null, properties: { type: 'service', x: 41 },
  relations: { system: 'Cart' }, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z',
};

/**
 * JSONata's µs for the same mappings and calculations: main's JSONata engine (02fc223) on the same
 * objects, measured side by side with this branch's jq in one process, alternating rounds
 * (bench/README.md, "jq everywhere"); the medians of that run, in which jq measured
 * 287 / 166 / 43 / 25 µs (load average 20 on 2 cores: compare ratios, not absolute figures).
 */
const JSONATA_RECORDED = { repositoryMapping: 561.4, pullRequestMapping: 445.6, calcLabel: 38.5, calcPlusOne: 37.6 } as const;

function timeUs(fn: () => unknown): number {
  for (let i = 0; i < 2000; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ITER; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1000 / ITER;
}

const started = Date.now();
const expressions = EXPRESSIONS.map((c) => {
  const program = compileJq(c.jq);
  return { jq: c.jq, us: timeUs(() => program.first(input)), jsonata: c.jsonata, result: program.first(input) };
});

const config = parse(readFileSync(path.join(ROOT, 'examples/github/lattice.yaml'), 'utf8')) as { sources: { resources: ResourceConfig[] }[] };
const [repoResource, prResource] = config.sources[0].resources;
const repoMapping = compileMapping(repoResource, 'bench', '/sources/0/resources/0');
const prMapping = compileMapping(prResource, 'bench', '/sources/0/resources/1');
const fieldsOf = (r: ResourceConfig): number => resourceExpressions([r], '').length;
const mappings = [
  { name: 'GitHub repository → Component', expressions: fieldsOf(repoResource), us: timeUs(() => repoMapping.map(repository)), jsonata: JSONATA_RECORDED.repositoryMapping },
  { name: 'GitHub pull request → PullRequest', expressions: fieldsOf(prResource), us: timeUs(() => prMapping.map(pullRequest)), jsonata: JSONATA_RECORDED.pullRequestMapping },
];

const label = compileExpression('.identifier + " (" + .properties.type + ")"');
const plusOne = compileExpression('.properties.x + 1');
const calculations = [
  { name: '`.identifier + " (" + .properties.type + ")"`', us: timeUs(() => label.evaluate(entity)), jsonata: JSONATA_RECORDED.calcLabel },
  { name: '`.properties.x + 1`', us: timeUs(() => plusOne.evaluate(entity)), jsonata: JSONATA_RECORDED.calcPlusOne },
];

const fmt = (n: number): string => n.toFixed(2);
const ratio = (jq: number, js: number): string => `${(js / jq).toFixed(1)}x`;
const md = [
  '# jq benchmark',
  '',
  'µs per evaluation of typical Port expressions, whole mappings and calculations through the product\'s',
  'jq (src/model/jq, src/model/expressions.ts, src/data/mapping.ts). JSONata figures are the ones recorded',
  'before the switch (see [bench/README.md](../README.md)). Target: a typical mapping expression ≤ 5 µs.',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Node: ${process.version}; machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown'}`,
  `- Command: \`npm run bench:jq\` (${ITER} evaluations per case); took ${((Date.now() - started) / 1000).toFixed(1)} s`,
  '',
  '## Per expression',
  '',
  '| expression | jq µs | JSONata µs (recorded) | JSONata/jq |',
  '|---|---:|---:|---:|',
  ...expressions.map((e) => `| \`${e.jq.replace(/\|/g, '\\|')}\` | ${fmt(e.us)} | ${fmt(e.jsonata)} | ${ratio(e.us, e.jsonata)} |`),
  '',
  '## Per mapping (examples/github/lattice.yaml, one upstream object → one entity)',
  '',
  '| mapping | expressions | jq µs | µs per expression | JSONata µs (recorded) | JSONata/jq |',
  '|---|---:|---:|---:|---:|---:|',
  ...mappings.map((m) => `| ${m.name} | ${m.expressions} | ${fmt(m.us)} | ${fmt(m.us / m.expressions)} | ${fmt(m.jsonata)} | ${ratio(m.us, m.jsonata)} |`),
  '',
  '## Per calculation (over the entity as Port gives it)',
  '',
  '| calculation | jq µs | JSONata µs (recorded) | JSONata/jq |',
  '|---|---:|---:|---:|',
  ...calculations.map((c) => `| ${c.name.replace(/\|/g, '\\|')} | ${fmt(c.us)} | ${fmt(c.jsonata)} | ${ratio(c.us, c.jsonata)} |`),
  '',
].join('\n');

mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/jq.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: os.cpus().length, iterations: ITER, expressions, mappings, calculations }, null, 2) + '\n');
writeFileSync(path.join(ROOT, 'bench/results/jq.md'), md);
console.log(md);
